/* The calendering keys accept exactly the ranges documented in docs/calendering.md (the input contract a
 * process engineer reads in cases/README.md): each bound is accepted, a value just outside is an input error. */
#include "stageimpl.h"

typedef struct {
  const char *key;
  double      min, max;
  PetscBool   integer;
} Range;

/* docs/calendering.md, "Keys" */
static const Range ranges[] = {
    {"target_porosity", 0.05, 0.8, PETSC_FALSE},
    {"line_load_N_per_mm", 1.0, 10000.0, PETSC_FALSE},
    {"roll_diameter_mm", 50.0, 2000.0, PETSC_FALSE},
    {"roll_bore_diameter_mm", 0.0, 1900.0, PETSC_FALSE},
    {"roll_face_length_mm", 0.0, 5000.0, PETSC_FALSE},
    {"bearing_span_mm", 0.0, 6000.0, PETSC_FALSE},
    {"roll_youngs_modulus_GPa", 50.0, 700.0, PETSC_FALSE},
    {"roll_shear_modulus_GPa", 20.0, 300.0, PETSC_FALSE},
    {"roll_shear_factor", 0.3, 1.0, PETSC_FALSE},
    {"crown_um", 0.0, 2000.0, PETSC_FALSE},
    {"bending_force_kN", 0.0, 5000.0, PETSC_FALSE},
    {"bending_arm_mm", 10.0, 2000.0, PETSC_FALSE},
    {"springback_percent", 0.0, 20.0, PETSC_FALSE},
    {"max_line_load_N_per_mm", 10.0, 20000.0, PETSC_FALSE},
    {"roll_allowable_stress_MPa", 10.0, 1000.0, PETSC_FALSE},
    {"drive_efficiency", 0.3, 1.0, PETSC_FALSE},
    {"roll_temperature_C", 20.0, 250.0, PETSC_FALSE},
    {"contact_conductance_W_per_m2K", 100.0, 1.0e6, PETSC_FALSE},
    {"layer_conductivity_W_per_mK", 0.0, 10.0, PETSC_FALSE},
    {"roll_emissivity", 0.02, 1.0, PETSC_FALSE},
    {"roll_convection_W_per_m2K", 1.0, 200.0, PETSC_FALSE},
    {"heater_efficiency", 0.3, 1.0, PETSC_FALSE},
    {"roll_cells", 20, 100000, PETSC_TRUE},
};

static int fails = 0;

/* PETSC_TRUE if the case with calendering.<key> = value sets up */
static PetscErrorCode Accepted(const char *file, const char *key, double value, PetscBool integer, PetscBool *ok)
{
  EprocCase      c;
  char           set[128];
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  if (integer)
    PetscCall(PetscSNPrintf(set, sizeof(set), "calendering.%s=%d", key, (int) value));
  else
    PetscCall(PetscSNPrintf(set, sizeof(set), "calendering.%s=%.17g", key, value));
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &c));
  PetscCall(CaseLoad(c, file));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = CaseSetValue(c, set);
  if (!ierr) ierr = CaseSetUp(c);
  PetscCall(PetscPopErrorHandler());
  PetscCheck(!ierr || ierr == PETSC_ERR_USER_INPUT, PETSC_COMM_SELF, PETSC_ERR_PLIB, "%s: error %d", set, (int) ierr);
  *ok = ierr ? PETSC_FALSE : PETSC_TRUE;
  PetscCall(CaseDestroy(&c));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char dir[PETSC_MAX_PATH_LEN] = ".", file[PETSC_MAX_PATH_LEN];
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-dir", dir, sizeof(dir), NULL));
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/cal_case.cfg", dir));
  PetscCall(CaseRegisterAllKeys());
  for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
    const Range *r   = &ranges[i];
    double       eps = r->integer ? 1.0 : 1e-6 * (r->max - r->min);
    PetscBool    lo, hi, below, above;
    PetscCall(Accepted(file, r->key, r->min, r->integer, &lo));
    PetscCall(Accepted(file, r->key, r->max, r->integer, &hi));
    PetscCall(Accepted(file, r->key, r->min - eps, r->integer, &below));
    PetscCall(Accepted(file, r->key, r->max + eps, r->integer, &above));
    printf("  %-32s [%g, %g]: bounds %s, outside %s\n", r->key, r->min, r->max, lo && hi ? "accepted" : "REJECTED",
           !below && !above ? "rejected" : "ACCEPTED");
    fails += !(lo && hi && !below && !above);
  }
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize());
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
