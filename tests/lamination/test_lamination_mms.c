/* Manufactured solution for the through-thickness conduction solver (physics/lamination_model.c):
 * two materials (k 5 and 0.5, different cell widths), Robin contacts on both faces, a source, and
 * T = 1 + g(t) phi(x) with k phi' = -pi sin(pi x) continuous across the interface. Measures the
 * order in space (tiny fixed step, n = 16..128) and in time (self-convergence for BDF1 and BDF2). */
#include "lamination_model.h"
#include <petscts.h>

#define A_INT 0.3 /* material interface */
#define K1    5.0
#define K2    0.5
#define RC1   2.0 /* rho c */
#define RC2   1.0

static PetscReal g(PetscReal t)
{
  return 1.0 + 0.5 * PetscSinReal(2 * PETSC_PI * t);
}
static PetscReal gdot(PetscReal t)
{
  return PETSC_PI * PetscCosReal(2 * PETSC_PI * t);
}
static PetscReal phi(PetscReal x)
{
  if (x <= A_INT) return (PetscCosReal(PETSC_PI * x) - 1.0) / K1;
  return (PetscCosReal(PETSC_PI * A_INT) - 1.0) / K1 +
         (PetscCosReal(PETSC_PI * x) - PetscCosReal(PETSC_PI * A_INT)) / K2;
}
static PetscReal Exact(PetscReal x, PetscReal t)
{
  return 1.0 + g(t) * phi(x);
}
static PetscReal Source(PetscReal t, PetscReal x, void *ctx)
{
  PetscReal rc = x <= A_INT ? RC1 : RC2;
  (void) ctx;
  return rc * gdot(t) * phi(x) + g(t) * PETSC_PI * PETSC_PI * PetscCosReal(PETSC_PI * x);
}
static void Boundary(PetscReal t, void *ctx, PetscReal *Tb, PetscReal *Tt)
{
  (void) ctx;
  *Tb = Exact(0.0, t);
  *Tt = Exact(1.0, t);
}

/* Solve to t_end with n cells (n/4 in material 1) and fixed step dt; return cell values and centres. */
static PetscErrorCode Solve(const char *scheme, PetscInt n, PetscReal dt, PetscReal t_end, PetscReal *T, PetscReal *x)
{
  LamConduction lc;
  PetscReal    *dx, *k, *C, xx = 0.0;
  PetscInt      n1 = n / 4;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsSetValue(NULL, "-lam_ts_type", "bdf"));
  PetscCall(PetscOptionsSetValue(NULL, "-lam_ts_bdf_order", scheme));
  PetscCall(PetscOptionsSetValue(NULL, "-lam_ts_adapt_type", "none"));
  PetscCall(PetscOptionsSetValue(NULL, "-lam_ts_max_steps", "1000000"));
  PetscCall(LamConductionCreate(PETSC_COMM_WORLD, n, "lam_", &lc));
  PetscCall(PetscMalloc3(n, &dx, n, &k, n, &C));
  for (PetscInt i = 0; i < n; i++) {
    dx[i] = i < n1 ? A_INT / n1 : (1.0 - A_INT) / (n - n1);
    k[i]  = i < n1 ? K1 : K2;
    C[i]  = (i < n1 ? RC1 : RC2) * dx[i];
    x[i]  = xx + 0.5 * dx[i];
    xx += dx[i];
    T[i] = Exact(x[i], 0.0);
  }
  PetscCall(LamConductionSetHeatCapacities(lc, C));
  PetscCall(LamConductionSetCells(lc, dx, k));
  PetscCall(LamConductionSetBoundaries(lc, 10.0, 0.0, 10.0, 0.0));
  PetscCall(LamConductionSetTestHooks(lc, Source, Boundary, NULL));
  PetscCall(LamConductionSetInitial(lc, T));
  PetscCall(LamConductionAdvance(lc, t_end, dt));
  PetscCall(LamConductionGetState(lc, NULL, T, NULL, NULL));
  PetscCall(LamConductionDestroy(&lc));
  PetscCall(PetscFree3(dx, k, C));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt  fails = 0;
  PetscReal t_end = 0.4, e[4], *T, *x, *Tref[4];
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscMalloc2(1024, &T, 1024, &x));

  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD, "space (BDF2, dt = 1e-4, max error over the cells at t = %g)\n", (double) t_end));
  for (PetscInt r = 0; r < 4; r++) {
    PetscInt n = 16 << r;
    PetscCall(Solve("2", n, 1e-4, t_end, T, x));
    e[r] = 0.0;
    for (PetscInt i = 0; i < n; i++) e[r] = PetscMax(e[r], PetscAbsReal(T[i] - Exact(x[i], t_end)));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  n = %4d  error %.3e", (int) n, (double) e[r]));
    if (r) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  order %.3f", (double) PetscLog2Real(e[r - 1] / e[r])));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\n"));
  }
  {
    PetscReal order = PetscLog2Real(e[2] / e[3]);
    if (!(order >= 1.8 && order <= 2.3)) { /* a NaN fails too */
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: space order %.3f, want 2\n", (double) order));
      fails++;
    }
  }

  for (PetscInt s = 1; s <= 2; s++) {
    const char *scheme = s == 1 ? "1" : "2";
    PetscInt    n      = 32;
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD, "time (BDF%d, n = %d, self-convergence of the cell values)\n", (int) s, (int) n));
    for (PetscInt r = 0; r < 4; r++) {
      PetscReal dt = 0.02 / (1 << r);
      PetscCall(PetscMalloc1(n, &Tref[r]));
      PetscCall(Solve(scheme, n, dt, t_end, Tref[r], x));
    }
    for (PetscInt r = 0; r < 3; r++) {
      e[r] = 0.0;
      for (PetscInt i = 0; i < n; i++) e[r] = PetscMax(e[r], PetscAbsReal(Tref[r][i] - Tref[r + 1][i]));
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  dt = %.5f  |T_dt - T_dt/2| %.3e", 0.02 / (1 << r), (double) e[r]));
      if (r) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  order %.3f", (double) PetscLog2Real(e[r - 1] / e[r])));
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\n"));
    }
    {
      PetscReal order = PetscLog2Real(e[1] / e[2]);
      if (!(PetscAbsReal(order - s) <= 0.2)) {
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: time order %.3f, want %d\n", (double) order, (int) s));
        fails++;
      }
    }
    for (PetscInt r = 0; r < 4; r++) PetscCall(PetscFree(Tref[r]));
  }
  PetscCall(PetscFree2(T, x));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "passed"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
