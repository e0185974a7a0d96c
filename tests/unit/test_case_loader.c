/* Case loader: SI conversion from the unit in the key name, defaults, list items, --set overrides
 * (including list items and absent keys) and the input errors raised for bad values. */
#include "case.h"
#include "stage.h"
#include <math.h>

/* The destinations of the declared keys (CaseReadSection / CaseReadList). */
typedef struct {
  PetscReal length, air_temperature;
} TestZone;
typedef struct {
  PetscReal wet_thickness, gap;
} TestSection;

static const CaseKeySpec test_keys[] = {
    {"loader_test.wet_thickness_um", CASE_REAL, "um", 1.0, 1000.0, PETSC_TRUE, 0, NULL, "test range", "test",
     CASE_FIELD(TestSection, wet_thickness)},
    {"loader_test.gap_mm", CASE_REAL, "mm", 0.01, 5.0, PETSC_FALSE, 0.25, NULL, "test range", "test",
     CASE_FIELD(TestSection, gap)},
    {"loader_test.zones.[].length_m", CASE_REAL, "m", 0.1, 100.0, PETSC_TRUE, 0, NULL, "test range", "test",
     CASE_FIELD(TestZone, length)},
    {"loader_test.zones.[].air_temperature_C", CASE_REAL, "C", 20.0, 250.0, PETSC_TRUE, 0, NULL, "test range", "test",
     CASE_FIELD(TestZone, air_temperature)},
};

static int failures = 0;

static void Check(const char *what, double got, double want)
{
  int ok = fabs(got - want) <= 1e-12 * fmax(1.0, fabs(want));
  printf("  %-48s %.12g (want %.12g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  failures += !ok;
}

/* Load the test case with the given overrides; return the error code of set-up (0 or an input error). */
static PetscErrorCode LoadWith(const char *dir, int nset, const char *const sets[], EprocCase *c,
                               PetscErrorCode *status)
{
  char file[PETSC_MAX_PATH_LEN];
  PetscFunctionBeginUser;
  snprintf(file, sizeof(file), "%s/loader_case.cfg", dir);
  PetscCall(CaseCreate(PETSC_COMM_WORLD, c));
  PetscCall(CaseLoad(*c, file));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  *status = 0;
  for (int i = 0; i < nset && !*status; i++) *status = CaseSetValue(*c, sets[i]);
  if (!*status) *status = CaseSetUp(*c);
  PetscCall(PetscPopErrorHandler());
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char           dir[PETSC_MAX_PATH_LEN] = ".";
  EprocCase      c;
  PetscErrorCode status;
  PetscReal      v;
  PetscInt       n;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-dir", dir, sizeof(dir), NULL));
  PetscCall(CaseRegisterAllKeys());
  PetscCall(CaseKeysRegister("loader_test", test_keys, PETSC_STATIC_ARRAY_LENGTH(test_keys)));

  printf("values in SI\n");
  PetscCall(LoadWith(dir, 0, NULL, &c, &status));
  Check("set-up status", status, 0);
  PetscCall(CaseGetReal(c, "loader_test.wet_thickness_um", &v));
  Check("wet_thickness_um 150 -> m", v, 150e-6);
  PetscCall(CaseGetReal(c, "loader_test.gap_mm", &v));
  Check("gap_mm default 0.25 -> m", v, 0.25e-3);
  PetscCall(CaseGetReal(c, "process.line_speed_m_per_min", &v));
  Check("line speed 30 m/min -> m/s", v, 0.5);
  PetscCall(CaseGetReal(c, "process.coating_width_mm", &v));
  Check("integer 500 mm accepted as real -> m", v, 0.5);
  PetscCall(CaseGetReal(c, "process.ambient_temperature_C", &v));
  Check("ambient default 25 C -> K", v, 298.15);
  PetscCall(CaseGetListLength(c, "loader_test.zones", &n));
  Check("zones in the list", (double) n, 2);
  PetscCall(CaseGetReal(c, "loader_test.zones.[1].air_temperature_C", &v));
  Check("zone 2 air temperature 120 C -> K", v, 393.15);
  {
    TestSection sec;
    TestZone    zones[4];
    PetscInt    nz;
    PetscCall(CaseReadSection(c, test_keys, PETSC_STATIC_ARRAY_LENGTH(test_keys), &sec));
    Check("declared destination: wet thickness 150 um -> m", sec.wet_thickness, 150e-6);
    Check("declared destination: gap default 0.25 mm -> m", sec.gap, 0.25e-3);
    PetscCall(CaseReadList(c, "loader_test.zones", test_keys, PETSC_STATIC_ARRAY_LENGTH(test_keys), zones,
                           sizeof(TestZone), 4, &nz));
    Check("declared list: 2 zones", (double) nz, 2);
    Check("declared list: zone 1 length 10 m", zones[0].length, 10.0);
    Check("declared list: zone 2 air 120 C -> K", zones[1].air_temperature, 393.15);
  }
  PetscCall(CaseDestroy(&c));

  printf("--set overrides\n");
  {
    const char *sets[] = {"loader_test.zones.[0].length_m=7.5", "loader_test.gap_mm=1",
                          "process.line_speed_m_per_min=60"};
    PetscCall(LoadWith(dir, 3, sets, &c, &status));
    Check("set-up status", status, 0);
    PetscCall(CaseGetReal(c, "loader_test.zones.[0].length_m", &v));
    Check("zone 1 length set to 7.5 m", v, 7.5);
    PetscCall(CaseGetReal(c, "loader_test.gap_mm", &v));
    Check("absent key set to 1 mm", v, 1e-3);
    PetscCall(CaseGetReal(c, "process.line_speed_m_per_min", &v));
    Check("line speed set to 60 m/min", v, 1.0);
    PetscCall(CaseDestroy(&c));
  }

  printf("input errors\n");
  {
    const char *bad[][1] = {{"loader_test.zones.[1].air_temperature_C=400"},
                            {"loader_test.zones.[5].length_m=1"},
                            {"loader_test.wet_thickness=3"},
                            {"loader_test.gap_mm=wide"},
                            {"process.cross_web_cells=8.5"}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
      PetscCall(LoadWith(dir, 1, bad[i], &c, &status));
      printf("  %-48s ", bad[i][0]);
      Check("-> input error", status, PETSC_ERR_USER_INPUT);
      PetscCall(CaseDestroy(&c));
    }
  }
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize()); /* the stage types CaseRegisterAllKeys registered with their key tables */
  printf("%d failures\n", failures);
  PetscCall(PetscFinalize());
  return failures ? 1 : 0;
}
