/* Multigrid potential solver: iteration counts at 128^2, 256^2 and 512^2 within +-2 of each other (the solve
 * time ratios are printed beside the N log N ratio; timing is not asserted, the machine may be shared). */
#include "potential_scaling.h"

int main(int argc, char **argv)
{
  const PetscInt n[3] = {128, 256, 512};
  PetscInt       its[3], lo, hi, fail = 0;
  PetscLogDouble t[3];
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  for (PetscInt k = 0; k < 3; k++) {
    PetscCall(PotentialScalingRun(n[k], &its[k], &t[k]));
    PetscCall(PotentialScalingPrint(k, n, its, t));
  }
  lo = PetscMin(its[0], PetscMin(its[1], its[2]));
  hi = PetscMax(its[0], PetscMax(its[1], its[2]));
  if (hi - lo > 2) fail++;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "iteration spread %" PetscInt_FMT " (allowed 2): %s\n", hi - lo,
                        fail ? "FAIL" : "PASS"));
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
