/* Hot lamination model: pure functions and the through-thickness conduction solver (docs/lamination.md). */
#include "lamination_model.h"
#include <petscdmda.h>
#include <petscts.h>

PetscReal LaminationCompactedPorosity(PetscReal eps_in, PetscReal eps_min, PetscReal line_load, PetscReal gamma_c)
{
  if (eps_in <= eps_min) return eps_in;
  return eps_min + (eps_in - eps_min) * PetscExpReal(-line_load / gamma_c);
}

PetscReal LaminationLayerThickness(PetscReal solids_mass, PetscReal rho_s, PetscReal eps)
{
  return solids_mass / (rho_s * (1.0 - eps));
}

PetscReal LaminationBiteLength(PetscReal R, PetscReal dh)
{
  return dh > 0 ? PetscSqrtReal(R * dh) : 0.0;
}

PetscReal LaminationCompactionWork(PetscReal line_load, PetscReal dh, PetscReal R)
{
  return dh > 0 ? line_load * PetscSqrtReal(dh / R) : 0.0;
}

PetscReal LaminationLayerConductivity(PetscReal eps, PetscInt nsolid, const PetscReal phi[], const PetscReal k_solid[],
                                      PetscReal k_gas)
{
  PetscReal lnks = 0.0;
  for (PetscInt i = 0; i < nsolid; i++) lnks += phi[i] * PetscLogReal(k_solid[i]);
  return PetscExpReal((1.0 - eps) * lnks + eps * PetscLogReal(k_gas));
}

PetscReal LaminationRollSurfaceLoss(PetscReal D, PetscReal W, PetscReal covered_length, PetscReal T_roll,
                                    PetscReal T_amb, PetscReal h_conv, PetscReal emissivity)
{
  PetscReal area = PetscMax(PETSC_PI * D - covered_length, 0.0) * W;
  PetscReal q =
      h_conv * (T_roll - T_amb) + emissivity * STEFAN_BOLTZMANN * (PetscPowReal(T_roll, 4) - PetscPowReal(T_amb, 4));
  return area * q;
}

PetscReal LaminationBinderMeltingMinimum(PetscReal m_b, PetscReal cp, PetscReal T_melt, PetscReal T0, PetscReal L_fus)
{
  return m_b * (cp * PetscMax(T_melt - T0, 0.0) + L_fus);
}

void LaminationFaceConductances(PetscInt n, const PetscReal dx[], const PetscReal k[], PetscReal h_bot, PetscReal h_top,
                                PetscReal G[])
{
  /* dx, k indexed 1..n like the TS vector */
  G[0] = h_bot > 0 ? 1.0 / (1.0 / h_bot + 0.5 * dx[1] / k[1]) : 0.0;
  for (PetscInt i = 1; i < n; i++) G[i] = 1.0 / (0.5 * dx[i] / k[i] + 0.5 * dx[i + 1] / k[i + 1]);
  G[n] = h_top > 0 ? 1.0 / (1.0 / h_top + 0.5 * dx[n] / k[n]) : 0.0;
}

PetscReal LaminationRowResidual(PetscInt i, PetscInt n, const PetscReal C[], const PetscReal G[], PetscReal T_bot,
                                PetscReal T_top, PetscReal u_m, PetscReal u, PetscReal u_p, PetscReal udot,
                                PetscReal S_i)
{
  PetscReal below, above;
  if (i == 0) return udot - G[0] * (T_bot - u_p); /* heat counter: flux into cell 1 from the foil side */
  if (i == n + 1) return udot - G[n] * (T_top - u_m);
  below = (i == 1) ? G[0] * (T_bot - u) : G[i - 1] * (u_m - u);
  above = (i == n) ? G[n] * (T_top - u) : G[i] * (u_p - u);
  return C[i] * udot - below - above - S_i;
}

void LaminationRowJacobian(PetscInt i, PetscInt n, const PetscReal C[], const PetscReal G[], PetscReal shift,
                           PetscReal *d_m, PetscReal *d, PetscReal *d_p)
{
  *d_m = *d_p = 0.0;
  if (i == 0) {
    *d   = shift;
    *d_p = G[0];
    return;
  }
  if (i == n + 1) {
    *d   = shift;
    *d_m = G[n];
    return;
  }
  *d = shift * C[i] + G[i - 1] + G[i];
  if (i > 1) *d_m = -G[i - 1];
  if (i < n) *d_p = -G[i];
}

PetscReal LaminationInterfaceTemperature(PetscReal T1, PetscReal dx1, PetscReal k1, PetscReal T2, PetscReal dx2,
                                         PetscReal k2)
{
  PetscReal g1 = 2.0 * k1 / dx1, g2 = 2.0 * k2 / dx2;
  return (g1 * T1 + g2 * T2) / (g1 + g2);
}

/* ------------------------------------------------------------------------------------------------ */

struct _n_LamConduction {
  MPI_Comm      comm;
  PetscInt      n;
  DM            da;
  TS            ts;
  Vec           U, Uall;
  VecScatter    toall;
  PetscReal    *C, *dx, *k, *xc, *G; /* C, dx, k, xc: n + 2 (cells 1..n); G: n + 1 */
  PetscReal     h_bot, T_bot, h_top, T_top, t;
  LamSourceFn   source;
  LamBoundaryFn boundary;
  void         *hook_ctx;
  PetscReal    *hist_t, *hist_U;
  PetscInt      nrec, nalloc;
  PetscInt      steps, rejected;
};

static void BoundaryTemperatures(LamConduction lc, PetscReal t, PetscReal *Tb, PetscReal *Tt)
{
  *Tb = lc->T_bot;
  *Tt = lc->T_top;
  if (lc->boundary) lc->boundary(t, lc->hook_ctx, Tb, Tt);
}

static PetscErrorCode FormIFunction(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void *ctx)
{
  LamConduction      lc = (LamConduction) ctx;
  Vec                Ul;
  const PetscScalar *u, *udot;
  PetscScalar       *f;
  PetscInt           xs, xm, n = lc->n;
  PetscReal          Tb, Tt;
  PetscFunctionBeginUser;
  (void) ts;
  BoundaryTemperatures(lc, t, &Tb, &Tt);
  PetscCall(DMGetLocalVector(lc->da, &Ul));
  PetscCall(DMGlobalToLocalBegin(lc->da, U, INSERT_VALUES, Ul));
  PetscCall(DMGlobalToLocalEnd(lc->da, U, INSERT_VALUES, Ul));
  PetscCall(DMDAVecGetArrayRead(lc->da, Ul, &u));
  PetscCall(DMDAVecGetArrayRead(lc->da, Udot, &udot));
  PetscCall(DMDAVecGetArray(lc->da, F, &f));
  PetscCall(DMDAGetCorners(lc->da, &xs, NULL, NULL, &xm, NULL, NULL));
  for (PetscInt i = xs; i < xs + xm; i++) {
    PetscReal um = i > 0 ? u[i - 1] : 0.0, up = i < n + 1 ? u[i + 1] : 0.0, S = 0.0;
    if (lc->source && i >= 1 && i <= n) S = lc->source(t, lc->xc[i], lc->hook_ctx) * lc->dx[i];
    f[i] = LaminationRowResidual(i, n, lc->C, lc->G, Tb, Tt, um, u[i], up, udot[i], S);
  }
  PetscCall(DMDAVecRestoreArrayRead(lc->da, Ul, &u));
  PetscCall(DMDAVecRestoreArrayRead(lc->da, Udot, &udot));
  PetscCall(DMDAVecRestoreArray(lc->da, F, &f));
  PetscCall(DMRestoreLocalVector(lc->da, &Ul));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormIJacobian(TS ts, PetscReal t, Vec U, Vec Udot, PetscReal shift, Mat A, Mat P, void *ctx)
{
  LamConduction lc = (LamConduction) ctx;
  PetscInt      xs, xm, n = lc->n;
  PetscFunctionBeginUser;
  (void) ts;
  (void) t;
  (void) U;
  (void) Udot;
  PetscCall(DMDAGetCorners(lc->da, &xs, NULL, NULL, &xm, NULL, NULL));
  for (PetscInt i = xs; i < xs + xm; i++) {
    MatStencil  row = {0}, col[3] = {{0}};
    PetscScalar v[3];
    PetscReal   dm, d, dp;
    PetscInt    nc = 0;
    LaminationRowJacobian(i, n, lc->C, lc->G, shift, &dm, &d, &dp);
    row.i = i;
    if (i > 0) {
      col[nc].i = i - 1;
      v[nc++]   = dm;
    }
    col[nc].i = i;
    v[nc++]   = d;
    if (i < n + 1) {
      col[nc].i = i + 1;
      v[nc++]   = dp;
    }
    PetscCall(MatSetValuesStencil(P, 1, &row, nc, col, v, INSERT_VALUES));
  }
  PetscCall(MatAssemblyBegin(P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(P, MAT_FINAL_ASSEMBLY));
  if (A != P) {
    PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Record(LamConduction lc, PetscReal t, Vec U)
{
  const PetscScalar *a;
  PetscInt           m = lc->n + 2;
  PetscFunctionBeginUser;
  PetscCall(VecScatterBegin(lc->toall, U, lc->Uall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(lc->toall, U, lc->Uall, INSERT_VALUES, SCATTER_FORWARD));
  if (lc->nrec > 0 && t <= lc->hist_t[lc->nrec - 1]) PetscFunctionReturn(0);
  if (lc->nrec == lc->nalloc) {
    lc->nalloc = lc->nalloc ? 2 * lc->nalloc : 256;
    PetscCall(PetscRealloc(sizeof(PetscReal) * lc->nalloc, &lc->hist_t));
    PetscCall(PetscRealloc(sizeof(PetscReal) * lc->nalloc * m, &lc->hist_U));
  }
  PetscCall(VecGetArrayRead(lc->Uall, &a));
  lc->hist_t[lc->nrec] = t;
  for (PetscInt i = 0; i < m; i++) lc->hist_U[lc->nrec * m + i] = PetscRealPart(a[i]);
  PetscCall(VecRestoreArrayRead(lc->Uall, &a));
  lc->nrec++;
  PetscFunctionReturn(0);
}

static PetscErrorCode Monitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ctx)
{
  PetscFunctionBeginUser;
  (void) ts;
  (void) step;
  PetscCall(Record((LamConduction) ctx, t, U));
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionCreate(MPI_Comm comm, PetscInt ncells, const char *prefix, LamConduction *plc)
{
  LamConduction lc;
  PetscMPIInt   size;
  SNES          snes;
  KSP           ksp;
  PC            pc;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCheck(ncells >= 2, comm, PETSC_ERR_ARG_OUTOFRANGE, "The conduction model needs at least 2 cells");
  PetscCheck(ncells + 2 >= size, comm, PETSC_ERR_ARG_OUTOFRANGE,
             "%d ranks for %" PetscInt_FMT " through-thickness cells: use fewer ranks or more cells", size, ncells);
  PetscCall(PetscNew(&lc));
  lc->comm = comm;
  lc->n    = ncells;
  PetscCall(PetscCalloc5(ncells + 2, &lc->C, ncells + 2, &lc->dx, ncells + 2, &lc->k, ncells + 2, &lc->xc, ncells + 1,
                         &lc->G));
  for (PetscInt i = 0; i < ncells + 2; i++) lc->C[i] = lc->dx[i] = lc->k[i] = 1.0;
  PetscCall(DMDACreate1d(comm, DM_BOUNDARY_NONE, ncells + 2, 1, 1, NULL, &lc->da));
  PetscCall(DMSetOptionsPrefix(lc->da, prefix));
  PetscCall(DMSetUp(lc->da));
  PetscCall(DMCreateGlobalVector(lc->da, &lc->U));
  PetscCall(VecScatterCreateToAll(lc->U, &lc->toall, &lc->Uall));

  PetscCall(TSCreate(comm, &lc->ts));
  PetscCall(TSSetOptionsPrefix(lc->ts, prefix));
  PetscCall(TSSetDM(lc->ts, lc->da));
  PetscCall(TSSetProblemType(lc->ts, TS_LINEAR));
  PetscCall(TSSetIFunction(lc->ts, NULL, FormIFunction, lc));
  {
    Mat J;
    PetscCall(DMCreateMatrix(lc->da, &J));
    PetscCall(TSSetIJacobian(lc->ts, J, J, FormIJacobian, lc));
    PetscCall(MatDestroy(&J));
  }
  /* Defaults (the options database overrides them): second-order BDF with adaptive steps; the
   * problem is linear, so one exact (direct) linear solve per step: this keeps the energy
   * invariant at round-off. */
  PetscCall(TSSetType(lc->ts, TSBDF));
  PetscCall(TSBDFSetOrder(lc->ts, 2));
  PetscCall(TSSetExactFinalTime(lc->ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscCall(TSSetMaxSteps(lc->ts, 100000));
  /* atol 1 mK + rtol 1e-4: about 50 mK per step at 200 C, 0.03 K on the exit temperature of the shipped case */
  PetscCall(TSSetTolerances(lc->ts, 1e-3, NULL, 1e-4, NULL));
  PetscCall(TSSetMaxSNESFailures(lc->ts, -1));
  PetscCall(TSGetSNES(lc->ts, &snes));
  PetscCall(SNESSetType(snes, SNESKSPONLY));
  PetscCall(SNESGetKSP(snes, &ksp));
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, size == 1 ? PCLU : PCREDUNDANT));
  PetscCall(TSMonitorSet(lc->ts, Monitor, lc, NULL));
  PetscCall(TSSetFromOptions(lc->ts));
  *plc = lc;
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionDestroy(LamConduction *plc)
{
  LamConduction lc = *plc;
  PetscFunctionBeginUser;
  if (!lc) PetscFunctionReturn(0);
  PetscCall(TSDestroy(&lc->ts));
  PetscCall(VecScatterDestroy(&lc->toall));
  PetscCall(VecDestroy(&lc->Uall));
  PetscCall(VecDestroy(&lc->U));
  PetscCall(DMDestroy(&lc->da));
  PetscCall(PetscFree5(lc->C, lc->dx, lc->k, lc->xc, lc->G));
  PetscCall(PetscFree(lc->hist_t));
  PetscCall(PetscFree(lc->hist_U));
  PetscCall(PetscFree(lc));
  *plc = NULL;
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionSetHeatCapacities(LamConduction lc, const PetscReal C[])
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < lc->n; i++) {
    PetscCheck(C[i] > 0, lc->comm, PETSC_ERR_ARG_OUTOFRANGE, "Cell %" PetscInt_FMT " has no heat capacity", i);
    lc->C[i + 1] = C[i];
  }
  PetscFunctionReturn(0);
}

static void UpdateConductances(LamConduction lc)
{
  LaminationFaceConductances(lc->n, lc->dx, lc->k, lc->h_bot, lc->h_top, lc->G);
}

PetscErrorCode LamConductionSetCells(LamConduction lc, const PetscReal dx[], const PetscReal k[])
{
  PetscReal x = 0.0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < lc->n; i++) {
    PetscCheck(dx[i] > 0 && k[i] > 0, lc->comm, PETSC_ERR_ARG_OUTOFRANGE,
               "Cell %" PetscInt_FMT " needs a positive width and conductivity", i);
    lc->dx[i + 1] = dx[i];
    lc->k[i + 1]  = k[i];
    lc->xc[i + 1] = x + 0.5 * dx[i];
    x += dx[i];
  }
  UpdateConductances(lc);
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionSetBoundaries(LamConduction lc, PetscReal h_bot, PetscReal T_bot, PetscReal h_top,
                                          PetscReal T_top)
{
  PetscFunctionBeginUser;
  PetscCheck(h_bot >= 0 && h_top >= 0, lc->comm, PETSC_ERR_ARG_OUTOFRANGE, "Contact conductances must be >= 0");
  lc->h_bot = h_bot;
  lc->T_bot = T_bot;
  lc->h_top = h_top;
  lc->T_top = T_top;
  UpdateConductances(lc);
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionSetTestHooks(LamConduction lc, LamSourceFn source, LamBoundaryFn boundary, void *ctx)
{
  PetscFunctionBeginUser;
  lc->source   = source;
  lc->boundary = boundary;
  lc->hook_ctx = ctx;
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionSetInitial(LamConduction lc, const PetscReal T[])
{
  PetscScalar *u;
  PetscInt     xs, xm;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(lc->da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArray(lc->da, lc->U, &u));
  for (PetscInt i = xs; i < xs + xm; i++) u[i] = (i == 0 || i == lc->n + 1) ? 0.0 : T[i - 1];
  PetscCall(DMDAVecRestoreArray(lc->da, lc->U, &u));
  lc->t    = 0.0;
  lc->nrec = 0;
  PetscCall(Record(lc, 0.0, lc->U));
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionAdvance(LamConduction lc, PetscReal duration, PetscReal dt0)
{
  TSConvergedReason reason;
  PetscInt          steps, rej;
  PetscFunctionBeginUser;
  if (duration <= 0) PetscFunctionReturn(0);
  PetscCall(TSSetTime(lc->ts, lc->t));
  PetscCall(TSSetMaxTime(lc->ts, lc->t + duration));
  PetscCall(TSSetTimeStep(lc->ts, PetscMin(dt0, duration)));
  PetscCall(TSSetStepNumber(lc->ts, 0));
  PetscCall(TSRestartStep(lc->ts)); /* boundary conditions change between phases: no multistep history across */
  PetscCall(TSSolve(lc->ts, lc->U));
  PetscCall(TSGetConvergedReason(lc->ts, &reason));
  PetscCheck(reason > 0, lc->comm, PETSC_ERR_NOT_CONVERGED,
             "Through-thickness heat conduction did not reach the end of the phase (%s); try -lam_ts_type beuler "
             "or more -lam_ts_max_steps",
             TSConvergedReasons[reason]);
  PetscCall(TSGetSolveTime(lc->ts, &lc->t));
  PetscCall(TSGetStepNumber(lc->ts, &steps));
  PetscCall(TSGetStepRejections(lc->ts, &rej));
  lc->steps += steps;
  lc->rejected = rej;
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionGetState(LamConduction lc, PetscReal *t, PetscReal T[], PetscReal *Q_bot, PetscReal *Q_top)
{
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecScatterBegin(lc->toall, lc->U, lc->Uall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(lc->toall, lc->U, lc->Uall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetArrayRead(lc->Uall, &a));
  if (t) *t = lc->t;
  if (T)
    for (PetscInt i = 0; i < lc->n; i++) T[i] = PetscRealPart(a[i + 1]);
  if (Q_bot) *Q_bot = PetscRealPart(a[0]);
  if (Q_top) *Q_top = PetscRealPart(a[lc->n + 1]);
  PetscCall(VecRestoreArrayRead(lc->Uall, &a));
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionGetHistory(LamConduction lc, PetscInt *nrec, const PetscReal **t, const PetscReal **U)
{
  PetscFunctionBeginUser;
  *nrec = lc->nrec;
  if (t) *t = lc->hist_t;
  if (U) *U = lc->hist_U;
  PetscFunctionReturn(0);
}

PetscErrorCode LamConductionGetStats(LamConduction lc, PetscInt *steps, PetscInt *rejected)
{
  PetscFunctionBeginUser;
  if (steps) *steps = lc->steps;
  if (rejected) *rejected = lc->rejected;
  PetscFunctionReturn(0);
}
