/* Scalable potential solver: iteration counts at 128^2, 256^2 and 512^2 within -max_spread (default 2) of each other
 * and, with -min_levels L, a multigrid hierarchy of at least L levels at 128^2 (the solve time ratios are printed
 * beside the N log N ratio; timing is not asserted, the machine may be shared). Run with the default preconditioner
 * (BoomerAMG), -dep_potential_bilinear_mg (the stage's geometric multigrid) and -dep_potential_pc_type mg (PETSc's own
 * hierarchy from the DMDA, rediscretised coarse operators). -expect_levels a,b,c: the exact level counts (every
 * rank's block halved while it stays divisible and keeps >= 4 cells a side). */
#include "potential_scaling.h"

int main(int argc, char **argv)
{
  const PetscInt n[3] = {128, 256, 512};
  PetscInt       its[3], lo, hi, fail = 0, levels[3], spread = 2, min_levels = 0, expect[3] = {0, 0, 0}, nexpect = 3;
  PetscBool      has_expect;
  PetscLogDouble t[3];
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-max_spread", &spread, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-min_levels", &min_levels, NULL));
  PetscCall(PetscOptionsGetIntArray(NULL, NULL, "-expect_levels", expect, &nexpect, &has_expect));
  for (PetscInt k = 0; k < 3; k++) {
    PetscCall(PotentialScalingRun(n[k], &its[k], &t[k], &levels[k]));
    PetscCall(PotentialScalingPrint(k, n, its, t));
  }
  lo = PetscMin(its[0], PetscMin(its[1], its[2]));
  hi = PetscMax(its[0], PetscMax(its[1], its[2]));
  if (hi - lo > spread) fail++;
  if (levels[0] < min_levels) fail++;
  for (PetscInt k = 0; has_expect && k < 3; k++)
    if (levels[k] != expect[k]) {
      PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                            "%" PetscInt_FMT "^2 cells: %" PetscInt_FMT " levels, expected %" PetscInt_FMT "\n", n[k],
                            levels[k], expect[k]));
      fail++;
    }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "multigrid levels %" PetscInt_FMT ", %" PetscInt_FMT ", %" PetscInt_FMT
                        "; iteration spread %" PetscInt_FMT " (allowed %" PetscInt_FMT "): %s\n",
                        levels[0], levels[1], levels[2], hi - lo, spread, fail ? "FAIL" : "PASS"));
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
