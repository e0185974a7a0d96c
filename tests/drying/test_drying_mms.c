/* Drying acceptance test 1: method of manufactured solutions for the binder transport equation on the
 * (stretched) Landau grid, through the pure right-hand side DryingBinderRHS with a prescribed liquid
 * volume V(t) = V0 (1 - 0.6 t), h = H_s + V, on t in [0, 1]:
 *   B_ex(xi, t) = 1 + 0.5 cos(pi xi) e^-t + 0.2 sin(2 xi) t
 * The source of cell i is d/dt(cell mean of B_ex) + (F_ex(right face) - F_ex(left face)) / dx_i, with the
 * boundary faces taking the scheme's zero flux (so the exact cell means solve the discrete system up
 * to the truncation error). Space: BDF order 4 with small fixed steps on 4 grids; time: fixed-step
 * BDF (order from -drying_ts_bdf_order, default 2) on one grid against a BDF4 reference.
 * Fails if an observed order is below 1.8 (space) or below order - 0.2 (time).
 * Also: the exact binder Jacobian DryingBinderJacobian against central differences of DryingBinderRHS, with
 * and without gelation, central and upwind-blended faces, liquid receding and (hypothetically) growing:
 * fails beyond 1e-6 relative to the largest entry. */
#include <petscts.h>
#include "drying_model.h"
#include "landau_grid.h"

typedef struct {
  LandauGrid g;
  PetscReal  V0, Hs, Db;
  PetscReal *G;
} MMSCtx;

static PetscReal Vol(const MMSCtx *c, PetscReal t)
{
  return c->V0 * (1.0 - 0.6 * t);
}
static PetscReal Bex(PetscReal x, PetscReal t)
{
  return 1.0 + 0.5 * PetscCosReal(PETSC_PI * x) * PetscExpReal(-t) + 0.2 * PetscSinReal(2 * x) * t;
}
static PetscReal Bex_x(PetscReal x, PetscReal t)
{
  return -0.5 * PETSC_PI * PetscSinReal(PETSC_PI * x) * PetscExpReal(-t) + 0.4 * PetscCosReal(2 * x) * t;
}
/* integral of B_ex over [a, b] and its time derivative */
static PetscReal Bint(PetscReal a, PetscReal b, PetscReal t)
{
  return (b - a) + 0.5 * PetscExpReal(-t) * (PetscSinReal(PETSC_PI * b) - PetscSinReal(PETSC_PI * a)) / PETSC_PI +
         0.1 * t * (PetscCosReal(2 * a) - PetscCosReal(2 * b));
}
static PetscReal Bint_t(PetscReal a, PetscReal b, PetscReal t)
{
  return -0.5 * PetscExpReal(-t) * (PetscSinReal(PETSC_PI * b) - PetscSinReal(PETSC_PI * a)) / PETSC_PI +
         0.1 * (PetscCosReal(2 * a) - PetscCosReal(2 * b));
}

static PetscReal Fex(const MMSCtx *c, PetscInt face, PetscReal t)
{
  PetscReal x = c->g->xf[face], V = Vol(c, t);
  if (face == 0 || face == c->g->n) return 0.0;
  return DryingBinderFlux(x, Bex(x, t), Bex_x(x, t), V, -0.6 * c->V0, c->Hs + V, c->Db, 0.0, 0.0);
}

static PetscErrorCode IFunction(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void *ctx)
{
  MMSCtx            *c = (MMSCtx *) ctx;
  const PetscScalar *u, *ud;
  PetscScalar       *f;
  PetscReal          V = Vol(c, t);
  LandauGrid         g = c->g;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(U, &u));
  PetscCall(VecGetArrayRead(Udot, &ud));
  PetscCall(VecGetArray(F, &f));
  DryingBinderRHS(g->n, g->xc, g->xf, g->dx, (const PetscReal *) u, V, -0.6 * c->V0, c->Hs + V, c->Db, 0.0, 0.0, c->G);
  for (PetscInt i = 0; i < g->n; i++) {
    PetscReal S = (Bint_t(g->xf[i], g->xf[i + 1], t) + Fex(c, i + 1, t) - Fex(c, i, t)) / g->dx[i];
    f[i]        = ud[i] - c->G[i] - S;
  }
  PetscCall(VecRestoreArrayRead(U, &u));
  PetscCall(VecRestoreArrayRead(Udot, &ud));
  PetscCall(VecRestoreArray(F, &f));
  PetscFunctionReturn(0);
}

/* Solve to t = 1 with fixed steps dt and BDF order q; return the solution in a new array. */
static PetscErrorCode Solve(PetscInt n, PetscReal stretch, PetscReal dt, PetscInt q, PetscBool from_options,
                            PetscReal **out, LandauGrid *gout)
{
  MMSCtx       c;
  TS           ts;
  Vec          U;
  Mat          J;
  PetscScalar *u;
  PetscFunctionBeginUser;
  c.V0 = 1.0;
  c.Hs = 1.0;
  c.Db = 0.1;
  PetscCall(LandauGridCreate(n, stretch, &c.g));
  PetscCall(PetscMalloc1(n, &c.G));
  PetscCall(DMCreateGlobalVector(c.g->da, &U));
  PetscCall(DMCreateMatrix(c.g->da, &J));
  PetscCall(VecGetArray(U, &u));
  for (PetscInt i = 0; i < n; i++) u[i] = Bint(c.g->xf[i], c.g->xf[i + 1], 0.0) / c.g->dx[i];
  PetscCall(VecRestoreArray(U, &u));
  PetscCall(TSCreate(PETSC_COMM_SELF, &ts));
  PetscCall(TSSetDM(ts, c.g->da));
  PetscCall(TSSetType(ts, TSBDF));
  PetscCall(TSBDFSetOrder(ts, q));
  PetscCall(TSSetIFunction(ts, NULL, IFunction, &c));
  PetscCall(TSSetIJacobian(ts, J, J, TSComputeIJacobianDefaultColor, NULL));
  PetscCall(TSSetTimeStep(ts, dt));
  PetscCall(TSSetMaxTime(ts, 1.0));
  PetscCall(TSSetMaxSteps(ts, 1000000));
  PetscCall(TSSetExactFinalTime(ts, TS_EXACTFINALTIME_MATCHSTEP));
  {
    TSAdapt adapt;
    SNES    snes;
    PetscCall(TSGetAdapt(ts, &adapt));
    PetscCall(TSAdaptSetType(adapt, TSADAPTNONE));
    PetscCall(TSGetSNES(ts, &snes));
    KSP ksp;
    PC  pc;
    PetscCall(SNESSetType(snes, SNESKSPONLY)); /* the binder equation is linear in B for a prescribed V(t) */
    PetscCall(SNESGetKSP(snes, &ksp));
    PetscCall(KSPSetType(ksp, KSPPREONLY));
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PCSetType(pc, PCLU));
  }
  if (from_options) {
    PetscCall(TSSetOptionsPrefix(ts, "drying_"));
    PetscCall(TSSetFromOptions(ts));
  }
  PetscCall(TSSolve(ts, U));
  PetscCall(PetscMalloc1(n, out));
  PetscCall(VecGetArray(U, &u));
  for (PetscInt i = 0; i < n; i++) (*out)[i] = PetscRealPart(u[i]);
  PetscCall(VecRestoreArray(U, &u));
  PetscCall(TSDestroy(&ts));
  PetscCall(VecDestroy(&U));
  PetscCall(MatDestroy(&J));
  PetscCall(PetscFree(c.G));
  *gout = c.g;
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt  fails = 0, q = 2;
  PetscReal stretch = 1.5;
  PetscCall(PetscInitialize(&argc, &argv, NULL, "MMS for the binder transport equation"));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-stretch", &stretch, NULL));
  PetscCall(PetscOptionsGetInt(NULL, "drying_", "-ts_bdf_order", &q, NULL));
  { /* exact binder Jacobian against differences of the right-hand side */
    LandauGrid      g;
    const PetscInt  n          = 24;
    const PetscReal cases[][4] = {
        /* dVdt, D_b, c_gel, V_gel: central faces; upwind blend (Pe > 2); gelled; liquid growing (a < 0) */
        {-2e-6, 1e-10, 0.0, 0.0},
        {-2e-4, 1e-12, 0.0, 1e-7},
        {-2e-5, 1e-11, 150.0, 1e-7},
        {3e-4, 1e-12, 100.0, 1e-7}};
    PetscReal B[24], Bp[24], Gp[24], Gm[24], lo[24], di[24], up[24];
    PetscCall(LandauGridCreate(n, 1.5, &g));
    for (PetscInt c = 0; c < 4; c++) {
      PetscReal V = 3e-5, h = 8e-5, emax = 0.0, jmax = 0.0;
      for (PetscInt i = 0; i < n; i++)
        B[i] = 0.004 * (1.0 + 0.8 * PetscSinReal(3.0 * g->xc[i]) + 2.0 * g->xc[i] * g->xc[i]);
      DryingBinderJacobian(n, g->xc, g->xf, g->dx, B, V, cases[c][0], h, cases[c][1], cases[c][3], cases[c][2], lo, di,
                           up);
      for (PetscInt j = 0; j < n; j++) {
        PetscReal eps = 1e-7 * B[j];
        for (PetscInt i = 0; i < n; i++) Bp[i] = B[i];
        Bp[j] = B[j] + eps;
        DryingBinderRHS(n, g->xc, g->xf, g->dx, Bp, V, cases[c][0], h, cases[c][1], cases[c][3], cases[c][2], Gp);
        Bp[j] = B[j] - eps;
        DryingBinderRHS(n, g->xc, g->xf, g->dx, Bp, V, cases[c][0], h, cases[c][1], cases[c][3], cases[c][2], Gm);
        for (PetscInt i = 0; i < n; i++) {
          PetscReal fd = (Gp[i] - Gm[i]) / (2 * eps), ex = i == j       ? di[i]
                                                           : i == j + 1 ? lo[i]
                                                           : i + 1 == j ? up[i]
                                                                        : 0.0;
          emax = PetscMax(emax, PetscAbsReal(fd - ex));
          jmax = PetscMax(jmax, PetscAbsReal(fd));
        }
      }
      PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                            "binder Jacobian case %" PetscInt_FMT
                            ": largest entry %.4e, exact - differences %.2e (relative %.2e, limit 1e-6)\n",
                            c, (double) jmax, (double) emax, (double) (emax / jmax)));
      if (!(emax <= 1e-6 * jmax)) fails++;
    }
    PetscCall(LandauGridDestroy(&g));
  }
  { /* space */
    const PetscInt n[4] = {20, 40, 80, 160};
    PetscReal      err[4];
    for (PetscInt k = 0; k < 4; k++) {
      PetscReal *B, e = 0.0;
      LandauGrid g;
      PetscCall(Solve(n[k], stretch, 2e-3, 4, PETSC_FALSE, &B, &g));
      for (PetscInt i = 0; i < n[k]; i++) e += g->dx[i] * PetscSqr(B[i] - Bint(g->xf[i], g->xf[i + 1], 1.0) / g->dx[i]);
      err[k] = PetscSqrtReal(e);
      PetscCall(PetscFree(B));
      PetscCall(LandauGridDestroy(&g));
      if (k == 0)
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "space (stretch %.2f): N %4" PetscInt_FMT "  L2 error %.4e\n",
                              (double) stretch, n[k], (double) err[k]));
      else {
        PetscReal order = PetscLog2Real(err[k - 1] / err[k]);
        PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                              "space (stretch %.2f): N %4" PetscInt_FMT "  L2 error %.4e  order %.3f\n",
                              (double) stretch, n[k], (double) err[k], (double) order));
        if (!(order >= 1.8)) fails++;
      }
    }
  }
  { /* time */
    const PetscReal dt[4] = {0.1, 0.05, 0.025, 0.0125};
    PetscReal       err[4], *Bref;
    LandauGrid      gref;
    PetscCall(Solve(40, stretch, 1e-4, 4, PETSC_FALSE, &Bref, &gref));
    for (PetscInt k = 0; k < 4; k++) {
      PetscReal *B, e = 0.0;
      LandauGrid g;
      PetscCall(Solve(40, stretch, dt[k], q, PETSC_TRUE, &B, &g));
      for (PetscInt i = 0; i < 40; i++) e += g->dx[i] * PetscSqr(B[i] - Bref[i]);
      err[k] = PetscSqrtReal(e);
      PetscCall(PetscFree(B));
      PetscCall(LandauGridDestroy(&g));
      if (k == 0)
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "time (BDF%" PetscInt_FMT "): dt %.4f  L2 error %.4e\n", q,
                              (double) dt[k], (double) err[k]));
      else {
        PetscReal order = PetscLog2Real(err[k - 1] / err[k]);
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "time (BDF%" PetscInt_FMT "): dt %.4f  L2 error %.4e  order %.3f\n", q,
                              (double) dt[k], (double) err[k], (double) order));
        if (!(order >= PetscMin(1.8, q - 0.2))) fails++;
      }
    }
    PetscCall(PetscFree(Bref));
    PetscCall(LandauGridDestroy(&gref));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "PASSED"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
