/* Analytic check of the conduction solver: a semi-infinite solid at T0 touched at t = 0 by a roll at
 * Ts through a finite contact conductance h (Carslaw & Jaeger, "Conduction of Heat in Solids", 2nd ed.,
 * section 2.7):  (T - T0)/(Ts - T0) = erfc(X) - exp(H xi + H^2 a t) erfc(X + H sqrt(a t)),  X = xi/(2 sqrt(a t)),
 * H = h/k, xi the depth; the heat that entered, Q = (Ts - T0) k/(H a) [e^{B^2} erfc(B) + 2B/sqrt(pi) - 1],
 * B = H sqrt(a t). Powder-layer properties; the slab is deep enough to look semi-infinite. */
#include "lamination_model.h"
#include <math.h>

/* exp(p) erfc(q) without overflow */
static double ExpErfc(double p, double q)
{
  if (q < 5.0) return exp(p) * erfc(q);
  /* erfc(q) = exp(-q^2)/(q sqrt(pi)) (1 - 1/(2q^2) + 3/(4q^4) - 15/(8 q^6)) */
  double q2 = q * q;
  return exp(p - q2) / (q * sqrt(PETSC_PI)) * (1 - 1 / (2 * q2) + 3 / (4 * q2 * q2) - 15 / (8 * q2 * q2 * q2));
}

int main(int argc, char **argv)
{
  const PetscReal k = 0.3, rc = 1.5e6, a = k / rc, h = 5000.0, H = h / k, T0 = 298.15, Ts = 473.15;
  const PetscReal L = 400e-6, t_end = 0.02; /* penetration 4 sqrt(a t) = 0.18 mm < L */
  const PetscInt  n = 200;
  PetscReal       dx[200], kk[200], C[200], T[200], Qb, Qt, err = 0.0, errQ, Qex, B, t;
  PetscInt        fails = 0;
  LamConduction   lc;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  for (PetscInt i = 0; i < n; i++) {
    dx[i] = L / n;
    kk[i] = k;
    C[i]  = rc * dx[i];
    T[i]  = T0;
  }
  PetscCall(LamConductionCreate(PETSC_COMM_WORLD, n, "lam_", &lc));
  PetscCall(LamConductionSetHeatCapacities(lc, C));
  PetscCall(LamConductionSetCells(lc, dx, kk));
  PetscCall(LamConductionSetBoundaries(lc, 0.0, T0, h, Ts));
  PetscCall(LamConductionSetInitial(lc, T));
  PetscCall(LamConductionAdvance(lc, t_end, 1e-7));
  PetscCall(LamConductionGetState(lc, &t, T, &Qb, &Qt));
  for (PetscInt i = 0; i < n; i++) {
    PetscReal xi = L - (i + 0.5) * dx[i], X = xi / (2 * sqrt(a * t)), s = sqrt(a * t);
    PetscReal th = erfc(X) - ExpErfc(H * xi + H * H * a * t, X + H * s);
    err          = PetscMax(err, PetscAbsReal((T[i] - T0) / (Ts - T0) - th));
  }
  B    = H * sqrt(a * t);
  Qex  = (Ts - T0) * k / (H * a) * (ExpErfc(B * B, B) + 2 * B / sqrt(PETSC_PI) - 1);
  errQ = PetscAbsReal(Qt / Qex - 1);
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD,
                  "semi-infinite solid, Robin contact h = %g W/(m2 K), k = %g W/(m K), t = %g ms (adaptive BDF2)\n"
                  "  max |theta - theta_exact| over the depth: %.3e (of the roll-web difference)\n"
                  "  heat taken up: %.4f J/m2, exact %.4f J/m2, relative error %.3e\n"
                  "  temperature rise of the surface cell %.3f K\n",
                  (double) h, (double) k, (double) (t * 1e3), (double) err, (double) Qt, (double) Qex, (double) errQ,
                  (double) (T[n - 1] - T0)));
  if (!(err <= 0.01)) { /* a NaN fails too */
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: profile error above 1 %%\n"));
    fails++;
  }
  if (!(errQ <= 0.01)) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: heat error above 1 %%\n"));
    fails++;
  }
  if (!(PetscAbsReal(t - t_end) <= 1e-12 * t_end) || Qb != 0.0) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: end time %g or bottom heat %g\n", (double) t, (double) Qb));
    fails++;
  }
  PetscCall(LamConductionDestroy(&lc));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "passed"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
