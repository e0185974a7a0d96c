/* Scalable potential solver: iteration counts at 128^2, 256^2 and 512^2 within -max_spread (default 2) of each other
 * and, with -min_levels L, a multigrid hierarchy of at least L levels at 128^2 (the solve time ratios are printed
 * beside the N log N ratio; timing is not asserted, the machine may be shared). Run with the default preconditioner
 * (BoomerAMG), -dep_potential_bilinear_mg (the stage's geometric multigrid) and -dep_potential_pc_type mg (PETSc's own
 * hierarchy from the DMDA, rediscretised coarse operators). -expect_levels a,b,c: the exact level counts (every
 * rank's block halved while it stays divisible and keeps >= 4 cells a side). -expect_levels_rect a,b: the same on
 * the non-square grids 160 x 64 and 64 x 160, where one direction alone stops the halving (on one rank: 160 halves
 * five times keeping >= 4 cells, 64 four times, so 5 levels either way round; a square grid cannot tell which
 * direction's limit was applied). -check_interpolation (with -dep_potential_bilinear_mg): the finest bilinear
 * interpolation reproduces a linear field off the walls to round-off (PotentialInterpolationError). */
#include "potential_scaling.h"

int main(int argc, char **argv)
{
  const PetscInt n[3] = {128, 256, 512};
  PetscInt       its[3], lo, hi, fail = 0, levels[3], spread = 2, min_levels = 0, expect[3] = {0, 0, 0}, nexpect = 3;
  PetscInt       expect_rect[2] = {0, 0}, nrect = 2;
  PetscBool      has_expect, has_rect, check_interp = PETSC_FALSE;
  PetscLogDouble t[3];
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-max_spread", &spread, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-min_levels", &min_levels, NULL));
  PetscCall(PetscOptionsGetIntArray(NULL, NULL, "-expect_levels", expect, &nexpect, &has_expect));
  PetscCall(PetscOptionsGetIntArray(NULL, NULL, "-expect_levels_rect", expect_rect, &nrect, &has_rect));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-check_interpolation", &check_interp, NULL));
  if (check_interp) {
    PetscReal e = PETSC_MAX_REAL;
    PetscCall(PotentialInterpolationError(128, 32, &e));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "bilinear interpolation of a linear field, 128 x 32: relative error %.2e %s\n", (double) e,
                          e < 1e-13 ? "ok" : "FAIL"));
    if (!(e < 1e-13)) fail++;
  }
  for (PetscInt k = 0; has_rect && k < 2; k++) {
    const PetscInt nx = k ? 64 : 160, nz = k ? 160 : 64;
    PetscInt       it, lv;
    PetscLogDouble sec;
    PetscCall(PotentialScalingRunRect(nx, nz, &it, &sec, &lv));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "%" PetscInt_FMT " x %" PetscInt_FMT " cells: %" PetscInt_FMT
                          " levels (expected %" PetscInt_FMT "), %" PetscInt_FMT " iterations\n",
                          nx, nz, lv, expect_rect[k], it));
    if (lv != expect_rect[k]) fail++;
  }
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
