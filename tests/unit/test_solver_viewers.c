/* StageSolverViewersRequested: which options keep PETSc's viewer look-ups on while a stage solves. A stage switches
 * them off (PetscOptionsPushGetViewerOff) only when no option could be read as a solver viewer, so a wrong answer
 * either silences -drying_ksp_converged_reason and friends or costs 12 % of the drying stage. Then the switch itself:
 * with look-ups off, PetscOptionsGetViewer finds nothing; after the pop it finds the option again. */
#include "../../physics/stage.h"
#include <petscviewer.h>

static PetscErrorCode Check(const char *opts, PetscBool expect, int *fail)
{
  PetscOptions o;
  PetscBool    got;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsCreate(&o));
  PetscCall(PetscOptionsInsertString(o, opts));
  PetscCall(StageSolverViewersRequested(o, &got));
  PetscCall(PetscOptionsDestroy(&o));
  if (got != expect) {
    printf("FAIL: \"%s\": viewers requested %s, expected %s\n", opts, got ? "yes" : "no", expect ? "yes" : "no");
    *fail = 1;
  } else
    printf("ok: \"%s\": %s\n", opts, got ? "viewers requested" : "no viewer");
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  int fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(Check("", PETSC_FALSE, &fail));
  PetscCall(Check("-drying_ts_rtol 1e-5 -drying_snes_lag_jacobian 2 -malloc_dump", PETSC_FALSE, &fail));
  PetscCall(Check("-log_view -malloc_view -memory_view -options_view", PETSC_FALSE, &fail));
  PetscCall(Check("-log_view :prof.txt", PETSC_FALSE, &fail));
  PetscCall(Check("-drying_ksp_converged_reason", PETSC_TRUE, &fail));
  PetscCall(Check("-drying_ts_rtol 1e-5 -drying_ts_view", PETSC_TRUE, &fail));
  PetscCall(Check("-mat_view ::ascii_info", PETSC_TRUE, &fail));
  PetscCall(Check("-drying_ts_monitor", PETSC_TRUE, &fail));
  PetscCall(Check("-snes_test_jacobian", PETSC_TRUE, &fail));
  PetscCall(Check("-help", PETSC_TRUE, &fail));
  PetscCall(Check("-x_ksp_view_mat binary:a.bin", PETSC_TRUE, &fail));
  {
    /* the switch a stage uses */
    PetscOptions o;
    PetscViewer  v;
    PetscBool    set_on, set_off, set_back;
    PetscCall(PetscOptionsCreate(&o));
    PetscCall(PetscOptionsInsertString(o, "-drying_ksp_view"));
    PetscCall(PetscOptionsGetViewer(PETSC_COMM_SELF, o, "drying_", "-ksp_view", &v, NULL, &set_on));
    PetscCall(PetscViewerDestroy(&v));
    PetscCall(PetscOptionsPushGetViewerOff(PETSC_TRUE));
    PetscCall(PetscOptionsGetViewer(PETSC_COMM_SELF, o, "drying_", "-ksp_view", &v, NULL, &set_off));
    PetscCall(PetscViewerDestroy(&v));
    PetscCall(PetscOptionsPopGetViewerOff());
    PetscCall(PetscOptionsGetViewer(PETSC_COMM_SELF, o, "drying_", "-ksp_view", &v, NULL, &set_back));
    PetscCall(PetscViewerDestroy(&v));
    PetscCall(PetscOptionsDestroy(&o));
    if (!set_on || set_off || !set_back) {
      printf("FAIL: viewer look-up on/off/on gave %d/%d/%d\n", (int) set_on, (int) set_off, (int) set_back);
      fail = 1;
    } else
      printf("ok: viewer look-ups switched off and on again\n");
  }
  PetscCall(PetscFinalize());
  return fail;
}
