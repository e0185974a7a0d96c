/* Benchmark of the slot-die levelling solver: wall time, TS steps and time per cell for growing grids
 * (an 8 % edge bead 4 mm wide on a 128 um NMP film across 600 mm, 1.5 s transit, default adaptive BDF2).
 * Prints figures, asserts nothing. Run: mpiexec -n P bench_slot_die [-slotdie_... options] */
#include "../../physics/slot_die_model.h"

int main(int argc, char **argv)
{
  const PetscReal W = 0.6, h0 = 128e-6, k = 0.0407 / (3.0 * 10.0), t = 1.5; /* m, m, m/s, s */
  const PetscInt  grids[4] = {1500, 6000, 24000, 96000};
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "   cells   steps    wall_s   us/(cell step)\n"));
  for (PetscInt g = 0; g < 4; g++) {
    PetscInt       n = grids[g], steps;
    PetscReal     *h, y, d, c;
    PetscLogDouble t0, t1;
    ThinFilm       tf;
    PetscCall(PetscMalloc1(n, &h));
    for (PetscInt i = 0; i < n; i++) {
      y    = (i + 0.5) * W / n;
      d    = PetscMin(y, W - y);
      c    = d < 4e-3 ? PetscCosReal(0.5 * PETSC_PI * d / 4e-3) : 0.0;
      h[i] = h0 * (1.0 + 0.08 * c * c);
    }
    PetscCall(ThinFilmCreate(PETSC_COMM_WORLD, n, W, k, "slotdie_", &tf));
    PetscCall(PetscTime(&t0));
    PetscCall(ThinFilmSolve(tf, h, t, 1e-3 * t, h, &steps));
    PetscCall(PetscTime(&t1));
    PetscCall(ThinFilmDestroy(&tf));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%8" PetscInt_FMT " %7" PetscInt_FMT " %9.4f %12.3f\n", n, steps,
                          (double) (t1 - t0), (double) (1e6 * (t1 - t0) / (n * (PetscReal) steps))));
    PetscCall(PetscFree(h));
  }
  PetscCall(PetscFinalize());
  return 0;
}
