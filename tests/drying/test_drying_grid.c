/* Drying acceptance tests 2 and 5 on a shipped case.
 * grid:  full drying on binder grids of N, 2N, 4N cells: the binder migration index (the quantity the
 *        binder grid changes) must change by < 1e-3 relative between both pairs of grids; the drying time,
 *        which the binder grid cannot change (the film equations do not see the binder), by < 1e-5.
 * trend: the same case with one heat transfer coefficient in every zone, alpha = 30, 60, 120 W/(m2 K):
 *        the binder migration index must rise with the drying rate (qualitative trend of Jaiser et al.
 *        and Font et al.; their numbers are UNCONFIRMED).
 * Usage: test_drying_grid CASE.cfg SOLIDS_FRACTION grid|trend [N] */
#include "drying_test_util.h"

static PetscInt fails = 0;

static PetscErrorCode RunOnce(const char *casefile, PetscReal solids, PetscInt nset, const char *const sets[],
                              PetscReal *t, PetscReal *index, PetscReal *peak)
{
  DryingRun r;
  PetscReal dried, ppm, len;
  PetscFunctionBeginUser;
  PetscCall(DryingRunCreate(casefile, nset, sets, solids, &r));
  PetscCall(DryingRunExecute(&r));
  PetscCall(DryingRunGet(&r, "drying_time_s", t));
  PetscCall(DryingRunGet(&r, "binder_migration_index", index));
  PetscCall(DryingRunGet(&r, "peak_evaporation_rate_g_per_m2s", peak));
  PetscCall(DryingRunGet(&r, "dried_within_dryer", &dried));
  PetscCall(DryingRunGet(&r, "residual_solvent_ppm", &ppm));
  PetscCall(DryingRunGet(&r, "dryer_length_m", &len));
  /* the not-dry path: NaN drying time and length, exit residual above the criterion */
  if (dried == 0.0 && !(PetscIsNanReal(*t) && PetscIsNanReal(len) && ppm > 1000.0)) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "FAIL: not dry at the exit but drying time %g, length %g, residual %g ppm\n", (double) *t,
                          (double) len, (double) ppm));
    fails++;
  }
  if (dried == 0.0)
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "  (not dry at the dryer exit: %.0f ppm residual solvent; drying time and length NaN)\n",
                          (double) ppm));
  PetscCall(DryingRunDestroy(&r));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt  N = 30, nzones = 0;
  PetscReal solids;
  PetscBool grid;
  PetscCall(PetscInitialize(&argc, &argv, NULL, "drying grid convergence and trend"));
  PetscCheck(argc >= 4, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "usage: %s CASE.cfg SOLIDS_FRACTION grid|trend [N]",
             argv[0]);
  solids = atof(argv[2]);
  grid   = !strcmp(argv[3], "grid") ? PETSC_TRUE : PETSC_FALSE;
  if (argc >= 5) N = atoi(argv[4]);
  if (grid) {
    PetscReal t[3], idx[3], pk;
    for (PetscInt k = 0; k < 3; k++) {
      char        buf[128];
      const char *sets[1] = {buf};
      PetscCall(PetscSNPrintf(buf, sizeof(buf), "convective_drying.binder_cells=%" PetscInt_FMT, N << k));
      PetscCall(RunOnce(argv[1], solids, 1, sets, &t[k], &idx[k], &pk));
      PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                            "binder cells %4" PetscInt_FMT ": drying time %.5f s, binder migration index %.5f\n",
                            N << k, (double) t[k], (double) idx[k]));
    }
    PetscCall(PetscPrintf(
        PETSC_COMM_WORLD,
        "drying time change %.3e (coarse pair), %.3e (fine pair, limit 1e-5); migration index change %.3e, %.3e "
        "(limit 1e-3)\n",
        (double) (PetscAbsReal(t[1] - t[0]) / t[1]), (double) (PetscAbsReal(t[2] - t[1]) / t[2]),
        (double) (PetscAbsReal(idx[1] - idx[0]) / idx[1]), (double) (PetscAbsReal(idx[2] - idx[1]) / idx[2])));
    if (!(PetscAbsReal(t[2] - t[1]) / t[2] < 1e-5)) fails++;
    if (!(PetscAbsReal(idx[1] - idx[0]) / idx[1] < 1e-3)) fails++;
    if (!(PetscAbsReal(idx[2] - idx[1]) / idx[2] < 1e-3)) fails++;
  } else {
    const PetscReal alpha[3] = {30.0, 60.0, 120.0};
    PetscReal       t[3], idx[3], pk[3];
    {
      DryingRun r;
      PetscCall(DryingRunCreate(argv[1], 0, NULL, solids, &r));
      PetscCall(CaseGetListLength(r.c, "convective_drying.zones", &nzones));
      PetscCall(DryingRunDestroy(&r));
    }
    for (PetscInt k = 0; k < 3; k++) {
      char        buf[32][128];
      const char *sets[32];
      for (PetscInt z = 0; z < nzones && z < 32; z++) {
        PetscCall(PetscSNPrintf(buf[z], sizeof(buf[z]),
                                "convective_drying.zones.[%" PetscInt_FMT "].heat_transfer_coefficient_W_per_m2K=%g", z,
                                (double) alpha[k]));
        sets[z] = buf[z];
      }
      PetscCall(RunOnce(argv[1], solids, PetscMin(nzones, 32), sets, &t[k], &idx[k], &pk[k]));
      PetscCall(PetscPrintf(
          PETSC_COMM_WORLD,
          "alpha %5.1f W/(m2 K): drying time %8.3f s, peak rate %.3f g/(m2 s), binder migration index %.4f\n",
          (double) alpha[k], (double) t[k], (double) pk[k], (double) idx[k]));
      if (k > 0 && !(idx[k] > idx[k - 1])) fails++;
      if (k > 0 && !(pk[k] > pk[k - 1])) fails++;
    }
  }
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "PASSED"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
