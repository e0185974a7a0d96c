/* Method of manufactured solutions for the thin-film levelling operator of slot_die_coating.
 * h_t + (k h^3 h_yyy)_y = S with the exact solution h = 1 + A cos(2 pi y) g(t) on [0, 1], k = 1
 * (cos(2 pi y) has h_y = h_yyy = 0 at both pinned edges, as the zero-flux mirror boundary assumes).
 * Spatial order: grids 32..256 with small fixed BDF2 steps, error against the exact solution.
 * Temporal order: fixed grid, steps dt, dt/2, dt/4, dt/8, error from successive differences.
 * Fails if the spatial order is below 1.8 or the temporal order below 1.8. */
#include "../../physics/slot_die_model.h"

#define A_MMS 0.3
#define K_MMS (2.0 * PETSC_PI)
#define W_MMS 20.0 /* rad/s, time variation of the amplitude */

static PetscReal G(PetscReal t)
{
  return 1.0 + 0.5 * PetscSinReal(W_MMS * t);
}
static PetscReal Gdot(PetscReal t)
{
  return 0.5 * W_MMS * PetscCosReal(W_MMS * t);
}
static PetscReal Exact(PetscReal y, PetscReal t)
{
  return 1.0 + A_MMS * PetscCosReal(K_MMS * y) * G(t);
}

/* S = h_t + (h^3 h_yyy)_y = h_t + 3 h^2 h_y h_yyy + h^3 h_yyyy */
static PetscReal Source(PetscReal y, PetscReal t, void *ctx)
{
  PetscReal c = PetscCosReal(K_MMS * y), s = PetscSinReal(K_MMS * y), g = G(t), k = K_MMS;
  PetscReal h = 1.0 + A_MMS * c * g, hy = -A_MMS * k * s * g, hyyy = A_MMS * k * k * k * s * g;
  PetscReal hyyyy = A_MMS * k * k * k * k * c * g;
  (void) ctx;
  return A_MMS * c * Gdot(t) + 3.0 * h * h * hy * hyyy + h * h * h * hyyyy;
}

static PetscErrorCode Solve(PetscInt n, PetscReal tf, PetscInt nsteps, PetscReal *h)
{
  ThinFilm tfm;
  TS       ts;
  TSAdapt  adapt;
  SNES     snes;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) h[i] = Exact((i + 0.5) / n, 0.0);
  PetscCall(ThinFilmCreate(PETSC_COMM_WORLD, n, 1.0, 1.0, "mms_", &tfm));
  PetscCall(ThinFilmSetSource(tfm, Source, NULL));
  PetscCall(ThinFilmGetTS(tfm, &ts));
  PetscCall(TSGetAdapt(ts, &adapt));
  PetscCall(TSAdaptSetType(adapt, TSADAPTNONE));
  PetscCall(TSGetSNES(ts, &snes));
  PetscCall(SNESSetTolerances(snes, 1e-13, 1e-11, 1e-12, 50, PETSC_DEFAULT));
  PetscCall(ThinFilmSolve(tfm, h, tf, tf / nsteps, h, NULL));
  PetscCall(ThinFilmDestroy(&tfm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const PetscInt ns = 4, grids[4] = {32, 64, 128, 256};
  PetscReal      err[4], tf = 0.1, worst_space = 10, worst_time = 10;
  int            fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "thin-film levelling MMS: spatial convergence (BDF2, 2000 fixed steps to t = %g)\n",
                        (double) tf));
  for (PetscInt g = 0; g < ns; g++) {
    PetscInt   n = grids[g];
    PetscReal *h, e2 = 0;
    PetscCall(PetscMalloc1(n, &h));
    PetscCall(Solve(n, tf, 2000, h));
    for (PetscInt i = 0; i < n; i++) e2 += PetscSqr(h[i] - Exact((i + 0.5) / n, tf)) / n;
    err[g] = PetscSqrtReal(e2);
    if (g) {
      PetscReal p = PetscLog2Real(err[g - 1] / err[g]);
      worst_space = PetscMin(worst_space, p);
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  n = %4" PetscInt_FMT "  L2 error %.4e  order %.3f\n", n,
                            (double) err[g], (double) p));
    } else
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  n = %4" PetscInt_FMT "  L2 error %.4e\n", n, (double) err[g]));
    PetscCall(PetscFree(h));
  }
  {
    const PetscInt nt = 6, steps0 = 10, n = 64;
    PetscReal     *hs[6], d[5];
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "temporal convergence (n = %" PetscInt_FMT ", fixed steps, TS %s, to t = %g)\n", n,
                          "bdf order 2", (double) tf));
    for (PetscInt s = 0; s < nt; s++) {
      PetscCall(PetscMalloc1(n, &hs[s]));
      PetscCall(Solve(n, tf, steps0 << s, hs[s]));
    }
    for (PetscInt s = 0; s + 1 < nt; s++) {
      PetscReal e2 = 0;
      for (PetscInt i = 0; i < n; i++) e2 += PetscSqr(hs[s][i] - hs[s + 1][i]) / n;
      d[s] = PetscSqrtReal(e2);
      if (s) {
        PetscReal p = PetscLog2Real(d[s - 1] / d[s]);
        if (s >= 3) worst_time = PetscMin(worst_time, p);
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  dt = %.3e  |h(dt) - h(dt/2)| %.4e  order %.3f\n",
                              (double) (tf / (steps0 << s)), (double) d[s], (double) p));
      } else
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  dt = %.3e  |h(dt) - h(dt/2)| %.4e\n", (double) (tf / steps0),
                              (double) d[s]));
    }
    for (PetscInt s = 0; s < nt; s++) PetscCall(PetscFree(hs[s]));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "observed spatial order (worst) %.3f, temporal order (finest pairs) %.3f\n",
                        (double) worst_space, (double) worst_time));
  if (!(worst_space >= 1.8)) { /* a NaN fails too */
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: spatial order below 1.8\n"));
    fail = 1;
  }
  if (!(worst_time >= 1.8)) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: temporal order below 1.8\n"));
    fail = 1;
  }
  PetscCall(PetscFinalize());
  return fail;
}
