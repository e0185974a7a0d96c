/* Linear levelling theory: a small sinusoidal ripple h = h0 (1 + eps cos(k y)) on a thin film decays as
 * exp(-sigma h0^3 k^4 t / (3 mu)) (Orchard 1962 levelling; linearised thin-film equation).
 * The levelling solver of slot_die_coating, with its default (adaptive BDF2) time stepping and options
 * prefix slotdie_, must reproduce the decay rate within 2 % for two wavelengths. */
#include "../../physics/slot_die_model.h"

static PetscErrorCode DecayRate(PetscReal lambda, PetscInt cells_per_wave, PetscReal *measured, PetscReal *theory)
{
  const PetscReal mu = 0.1, sigma = 0.04, h0 = 100e-6, eps = 1e-3; /* Pa s, N/m, m, - */
  const PetscReal k = 2.0 * PETSC_PI / lambda, kl = sigma / (3.0 * mu);
  const PetscInt  waves = 2, n = waves * cells_per_wave;
  const PetscReal W = waves * lambda, rate = kl * h0 * h0 * h0 * k * k * k * k, T = 1.0 / rate;
  PetscReal      *h, a0 = 0, a1 = 0;
  ThinFilm        tf;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(n, &h));
  for (PetscInt i = 0; i < n; i++) h[i] = h0 * (1.0 + eps * PetscCosReal(k * (i + 0.5) * W / n));
  for (PetscInt i = 0; i < n; i++) a0 += 2.0 / n * (h[i] - h0) * PetscCosReal(k * (i + 0.5) * W / n);
  PetscCall(ThinFilmCreate(PETSC_COMM_WORLD, n, W, kl, "slotdie_", &tf));
  PetscCall(ThinFilmSolve(tf, h, T, 1e-3 * T, h, NULL));
  PetscCall(ThinFilmDestroy(&tf));
  for (PetscInt i = 0; i < n; i++) a1 += 2.0 / n * (h[i] - h0) * PetscCosReal(k * (i + 0.5) * W / n);
  *measured = -PetscLogReal(a1 / a0) / T;
  *theory   = rate;
  PetscCall(PetscFree(h));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const PetscReal lambdas[2] = {1e-3, 4e-3};
  int             fail       = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "linear levelling: mu 0.1 Pa s, sigma 40 mN/m, h0 100 um, eps 1e-3, 64 cells per wave\n"));
  for (PetscInt i = 0; i < 2; i++) {
    PetscReal m = 0, t = 1, rel;
    PetscCall(DecayRate(lambdas[i], 64, &m, &t));
    rel = (m - t) / t;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "  lambda %.1f mm: decay rate %.5g 1/s, theory %.5g 1/s, relative error %+.3e\n",
                          (double) (lambdas[i] * 1e3), (double) m, (double) t, (double) rel));
    if (!(PetscAbsReal(rel) <= 0.02)) { /* a NaN fails too */
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: decay rate off by more than 2 %%\n"));
      fail = 1;
    }
  }
  PetscCall(PetscFinalize());
  return fail;
}
