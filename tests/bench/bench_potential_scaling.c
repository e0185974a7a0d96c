/* Benchmark: the deposition potential solve at 128^2 ... 1024^2 cells, best of three solves each, with the
 * time ratio between successive grids beside the N and N log N ratios (4 and ~4.5). Prints, never asserts.
 * Any PETSc option of the solver works: -dep_potential_pc_type hypre, -dep_potential_pc_type mg (PETSc's own DM
 * hierarchy), -dep_potential_ksp_monitor, ... */
#include "../deposition/potential_scaling.h"

int main(int argc, char **argv)
{
  const PetscInt n[4] = {128, 256, 512, 1024};
  PetscInt       nmax = 3, its[4];
  PetscLogDouble t[4];
  PetscCall(PetscInitialize(&argc, &argv, NULL, "potential solver scaling"));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-levels", &nmax, NULL));
  nmax = PetscMin(PetscMax(nmax, 2), 4);
  for (PetscInt k = 0; k < nmax; k++) {
    t[k] = 1e30;
    for (PetscInt r = 0; r < 3; r++) {
      PetscLogDouble s = 0;
      PetscCall(PotentialScalingRun(n[k], &its[k], &s, NULL));
      t[k] = PetscMin(t[k], s);
    }
    PetscCall(PotentialScalingPrint(k, n, its, t));
  }
  PetscCall(PetscFinalize());
  return 0;
}
