/* Case loader: SI conversion from the unit in the key name, defaults, list items, --set overrides
 * (including list items and absent keys) and the input errors raised for bad values; declared destinations
 * (CASE_FIELD, choices), lookups of undeclared keys (programming errors) and the schema queries the study
 * takes its parameter bounds from, on stage keys. */
#include "case.h"
#include "stage.h"
#include <math.h>
#include <string.h>

/* The destinations of the declared keys (CaseReadSection / CaseReadList). */
typedef struct {
  PetscReal length, air_temperature;
} TestZone;
typedef struct {
  PetscReal wet_thickness, gap;
  PetscInt  mode;
} TestSection;

static const char *const test_modes[] = {"first", "second", "third", NULL};

static const CaseKeySpec test_keys[] = {
    {"loader_test.wet_thickness_um", CASE_REAL, "um", 1.0, 1000.0, PETSC_TRUE, 0, NULL, "test range", "test",
     CASE_FIELD(TestSection, wet_thickness)},
    {"loader_test.gap_mm", CASE_REAL, "mm", 0.01, 5.0, PETSC_FALSE, 0.25, NULL, "test range", "test",
     CASE_FIELD(TestSection, gap)},
    {"loader_test.mode", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "second", "\"first\", \"second\" or \"third\"", "test",
     CASE_FIELD(TestSection, mode), test_modes},
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

static void CheckString(const char *what, const char *got, const char *want)
{
  int ok = got && want && !strcmp(got, want);
  printf("  %-48s '%s' (want '%s') %s\n", what, got ? got : "(null)", want ? want : "(null)", ok ? "ok" : "FAIL");
  failures += !ok;
}

/* The first message of an error (an error handler that keeps it and returns the code). */
static char           last_error[1024];
static PetscErrorCode KeepMessage(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n,
                                  PetscErrorType p, const char *mess, void *ctx)
{
  if (p == PETSC_ERROR_INITIAL) snprintf(last_error, sizeof(last_error), "%s", mess ? mess : "");
  return n;
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
  printf("choices: the declared field gets the position of the value\n");
  {
    const char *sets[][1] = {{"loader_test.mode=third"}, {"loader_test.mode=fourth"}};
    TestSection sec;
    PetscCall(LoadWith(dir, 0, NULL, &c, &status));
    PetscCall(CaseReadSection(c, test_keys, PETSC_STATIC_ARRAY_LENGTH(test_keys), &sec));
    Check("absent choice: default \"second\" -> 1", (double) sec.mode, 1);
    PetscCall(CaseDestroy(&c));
    PetscCall(LoadWith(dir, 1, sets[0], &c, &status));
    PetscCall(CaseReadSection(c, test_keys, PETSC_STATIC_ARRAY_LENGTH(test_keys), &sec));
    Check("mode = \"third\" -> 2", (double) sec.mode, 2);
    PetscCall(CaseDestroy(&c));
    PetscCall(LoadWith(dir, 1, sets[1], &c, &status));
    PetscCall(PetscPushErrorHandler(KeepMessage, NULL));
    status = CaseReadSection(c, test_keys, PETSC_STATIC_ARRAY_LENGTH(test_keys), &sec);
    PetscCall(PetscPopErrorHandler());
    Check("mode = \"fourth\" -> input error", status, PETSC_ERR_USER_INPUT);
    Check("  ... listing the choices", strstr(last_error, "is not one of \"first\", \"second\", \"third\"") != NULL, 1);
    PetscCall(CaseDestroy(&c));
  }

  printf("lookups of undeclared keys are programming errors naming the key\n");
  {
    const char *paths[] = {"process.no_such_key_m", "hot_lamination.roll_temprature_C", "loader_test.zones.[0].width_m",
                           "calendering.no_such_list", "hot_lamination.no_such_group"};
    PetscCall(LoadWith(dir, 0, NULL, &c, &status));
    for (int i = 0; i < 5; i++) {
      PetscReal      r;
      PetscBool      has;
      PetscInt       len;
      PetscErrorCode ierr;
      char           what[128];
      last_error[0] = 0;
      PetscCall(PetscPushErrorHandler(KeepMessage, NULL));
      ierr = i < 3    ? CaseGetReal(c, paths[i], &r)
             : i == 3 ? CaseGetListLength(c, paths[i], &len)
                      : CaseHas(c, paths[i], &has);
      PetscCall(PetscPopErrorHandler());
      snprintf(what, sizeof(what), "%s %s", i < 3 ? "CaseGetReal" : i == 3 ? "CaseGetListLength" : "CaseHas", paths[i]);
      Check(what, ierr, PETSC_ERR_PLIB);
      Check("  ... naming the key", strstr(last_error, paths[i]) && strstr(last_error, "not in the schema"), 1);
    }
    /* declared keys, groups and lists are found (absent or not) */
    {
      PetscBool has;
      PetscInt  len;
      PetscCall(CaseHas(c, "hot_lamination.roll_temperature_C", &has));
      Check("CaseHas of a declared, absent stage key", has, 0);
      PetscCall(CaseHas(c, "loader_test.zones", &has));
      Check("CaseHas of a declared list", has, 1);
      PetscCall(CaseGetListLength(c, "electrostatic_deposition.size_classes", &len));
      Check("length of a declared list not in the file", (double) len, 0);
      PetscCall(CaseGetReal(c, "hot_lamination.roll_temperature_C", &v));
      Check("stage key default 200 C -> K", v, 473.15);
    }
    PetscCall(CaseDestroy(&c));
  }

  printf("schema queries (the study's parameter bounds) on stage keys\n");
  {
    const CaseKeySpec *k;
    PetscCall(CaseKeyGetSpec("calendering.line_load_N_per_mm", &k));
    Check("calendering.line_load_N_per_mm declared", k != NULL, 1);
    if (k) {
      CheckString("  unit", k->unit, "N_per_mm");
      Check("  min", k->min, 1.0);
      Check("  max", k->max, 10000.0);
      Check("  default", k->default_real, 0.0);
      Check("  optional", k->required, 0);
      Check("  has a destination", k->field != 0, 1);
    }
    PetscCall(CaseKeyGetSpec("convective_drying.zones.[4].air_temperature_C", &k));
    Check("concrete list path zones.[4].air_temperature_C", k != NULL, 1);
    if (k) {
      CheckString("  unit", k->unit, "C");
      Check("  min", k->min, 20.0);
      Check("  max", k->max, 250.0);
      Check("  required", k->required, 1);
    }
    PetscCall(CaseKeyGetSpec("slot_die_coating.mixing_energy_kJ_per_kg", &k));
    Check("slot_die_coating.mixing_energy_kJ_per_kg declared", k != NULL, 1);
    if (k) {
      CheckString("  unit", k->unit, "kJ_per_kg");
      Check("  min", k->min, 0.0);
      Check("  max", k->max, 3600.0);
      Check("  default", k->default_real, 119.0);
    }
    PetscCall(CaseKeyGetSpec("hot_lamination.roll_heating", &k));
    Check("hot_lamination.roll_heating declared", k != NULL, 1);
    if (k) {
      Check("  has choices", k->choices != NULL, 1);
      if (k->choices) {
        CheckString("  choice 0", k->choices[0], "electric");
        CheckString("  choice 1", k->choices[1], "thermal");
        Check("  two choices", k->choices[2] == NULL, 1);
      }
      CheckString("  default", k->default_string, "electric");
    }
    PetscCall(CaseKeyGetSpec("calendering.no_such_key", &k));
    Check("undeclared path -> NULL", k == NULL, 1);
  }

  printf("every stage key is declared once: a destination in the stage's struct, text keys as choices\n");
  {
    PetscInt n, nstage = 0, bad = 0;
    PetscCall(CaseKeysGetCount(&n));
    for (PetscInt i = 0; i < n; i++) {
      const char        *section;
      const CaseKeySpec *k;
      PetscBool          stage;
      PetscCall(CaseKeysGetEntry(i, &section, &k));
      PetscCall(StageIsRegistered(section, &stage));
      if (!stage) continue;
      nstage++;
      if (!k->field || (k->type == CASE_STRING && !k->choices)) {
        printf("  %s: no %s\n", k->path, k->field ? "choices" : "CASE_FIELD");
        bad++;
      }
    }
    Check("stage keys in the schema (> 150)", nstage > 150, 1);
    Check("stage keys without a declared destination", (double) bad, 0);
  }

  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize()); /* the stage types CaseRegisterAllKeys registered with their key tables */
  printf("%d failures\n", failures);
  PetscCall(PetscFinalize());
  return failures ? 1 : 0;
}
