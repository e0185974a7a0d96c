/* DepTransport: upwind finite-volume drift-diffusion of ions and powder in the deposition gap. */
#include "deposition_transport.h"

static PetscErrorCode DefaultFactorLevels(const char *prefix);
static PetscErrorCode DefaultParallelPC(KSP ksp);

struct _p_DepTransport {
  StretchedGrid grid;
  PetscInt      ns;
  DM            dm; /* dof = ns, same layout as grid->da */
  DepSpecies   *species;
  PetscReal    *ux, *uz; /* [s][...] face velocities of owned cells: x faces (xm+1)*ym, z faces xm*(ym+1) */
  PetscReal    *inflow;  /* [s*nx + i] */
  Mat           J;       /* RHS Jacobian: dc/dt = J c + b */
  Vec           b;
  KSP           steady;
  char          prefix[64];
  PetscInt      xs, ys, xm, ym;
};

PetscErrorCode DepTransportCreate(StretchedGrid g, PetscInt ns, const char *prefix, DepTransport *tr)
{
  DepTransport t;
  PetscInt    *dfill, *ofill;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t));
  t->grid = g;
  t->ns   = ns;
  PetscCall(PetscStrncpy(t->prefix, prefix ? prefix : "", sizeof(t->prefix)));
  PetscCall(DMDACreateCompatibleDMDA(g->da, ns, &t->dm));
  /* species do not couple: diagonal blocks only */
  PetscCall(PetscCalloc2(ns * ns, &dfill, ns * ns, &ofill));
  for (PetscInt s = 0; s < ns; s++) dfill[s * ns + s] = ofill[s * ns + s] = 1;
  PetscCall(DMDASetBlockFills(t->dm, dfill, ofill));
  PetscCall(PetscFree2(dfill, ofill));
  PetscCall(DMDAGetCorners(t->dm, &t->xs, &t->ys, NULL, &t->xm, &t->ym, NULL));
  PetscCall(PetscCalloc4(ns, &t->species, ns * (t->xm + 1) * t->ym, &t->ux, ns * t->xm * (t->ym + 1), &t->uz,
                         ns * g->nx, &t->inflow));
  PetscCall(DMCreateMatrix(t->dm, &t->J));
  PetscCall(DMCreateGlobalVector(t->dm, &t->b));
  *tr = t;
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportDestroy(DepTransport *tr)
{
  PetscFunctionBeginUser;
  if (!*tr) PetscFunctionReturn(0);
  PetscCall(PetscFree4((*tr)->species, (*tr)->ux, (*tr)->uz, (*tr)->inflow));
  PetscCall(MatDestroy(&(*tr)->J));
  PetscCall(VecDestroy(&(*tr)->b));
  PetscCall(KSPDestroy(&(*tr)->steady));
  PetscCall(DMDestroy(&(*tr)->dm));
  PetscCall(PetscFree(*tr));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportGetDM(DepTransport tr, DM *dm)
{
  PetscFunctionBeginUser;
  *dm = tr->dm;
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetSpecies(DepTransport tr, const DepSpecies sp[])
{
  PetscFunctionBeginUser;
  for (PetscInt s = 0; s < tr->ns; s++) tr->species[s] = sp[s];
  PetscFunctionReturn(0);
}

#define UX(t, s, i, j) (t)->ux[((s) * (t)->ym + ((j) - (t)->ys)) * ((t)->xm + 1) + ((i) - (t)->xs)]
#define UZ(t, s, i, j) (t)->uz[((s) * ((t)->ym + 1) + ((j) - (t)->ys)) * (t)->xm + ((i) - (t)->xs)]

static PetscErrorCode AssembleJacobian(DepTransport t)
{
  StretchedGrid g = t->grid;
  PetscFunctionBeginUser;
  PetscCall(MatZeroEntries(t->J));
  for (PetscInt j = t->ys; j < t->ys + t->ym; j++) {
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
      const PetscReal V = g->dx[i] * g->dz[j];
      for (PetscInt s = 0; s < t->ns; s++) {
        const PetscReal D   = t->species[s].diffusivity;
        MatStencil      row = {.i = i, .j = j, .c = s}, col[5];
        PetscScalar     val[5];
        PetscInt        n    = 1;
        PetscReal       diag = -t->species[s].loss_rate * V;
        /* faces: outward normal velocity, area, neighbour (or boundary) */
        const PetscReal uo[4] = {-UX(t, s, i, j), UX(t, s, i + 1, j), -UZ(t, s, i, j), UZ(t, s, i, j + 1)};
        const PetscReal A[4]  = {g->dz[j], g->dz[j], g->dx[i], g->dx[i]};
        const PetscInt  ni[4] = {i - 1, i + 1, i, i}, nj[4] = {j, j, j - 1, j + 1};
        col[0] = row;
        for (PetscInt f = 0; f < 4; f++) {
          const PetscBool interior = (PetscBool) (ni[f] >= 0 && ni[f] < g->nx && nj[f] >= 0 && nj[f] < g->nz);
          diag -= PetscMax(uo[f], 0.0) * A[f];
          if (interior) {
            const PetscReal dist =
                f < 2 ? PetscAbsReal(g->xc[ni[f]] - g->xc[i]) : PetscAbsReal(g->zc[nj[f]] - g->zc[j]);
            const PetscReal dc = D * A[f] / dist;
            diag -= dc;
            col[n]   = (MatStencil){.i = ni[f], .j = nj[f], .c = s};
            val[n++] = (PetscMax(-uo[f], 0.0) * A[f] + dc) / V;
          } else if (f == 2) {
            diag -= D * A[f] / (0.5 * g->dz[j]); /* the foil absorbs: c = 0 at the wall */
          }
        }
        val[0] = diag / V;
        PetscCall(MatSetValuesStencil(t->J, 1, &row, n, col, val, INSERT_VALUES));
      }
    }
  }
  PetscCall(MatAssemblyBegin(t->J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(t->J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetFields(DepTransport t, Vec phi, DepBoundaryFn bc, void *bcctx, const PetscReal *psi)
{
  StretchedGrid       g = t->grid;
  Vec                 loc;
  const PetscScalar **p;
  const PetscInt      nv = g->nx + 1;
  PetscFunctionBeginUser;
  PetscCall(DMGetLocalVector(g->da, &loc));
  PetscCall(DMGlobalToLocal(g->da, phi, INSERT_VALUES, loc));
  PetscCall(DMDAVecGetArrayRead(g->da, loc, &p));
  /* x faces i = xs..xs+xm at rows j: dphi/dx */
  for (PetscInt j = t->ys; j < t->ys + t->ym; j++) {
    for (PetscInt i = t->xs; i <= t->xs + t->xm; i++) {
      PetscReal dphi, ugas = 0.0;
      if (i == 0 || i == g->nx) {
        DepBCType      type;
        PetscReal      value;
        const PetscInt b = i == 0 ? DEP_LEFT : DEP_RIGHT, ic = i == 0 ? 0 : g->nx - 1;
        PetscCall((*bc)(b, g->xf[i], g->zc[j], bcctx, &type, &value));
        if (type == DEP_BC_NEUMANN)
          dphi = i == 0 ? -value : value;
        else
          dphi = (i == 0 ? p[j][ic] - value : value - p[j][ic]) / (0.5 * g->dx[ic]);
      } else
        dphi = (p[j][i] - p[j][i - 1]) / (g->xc[i] - g->xc[i - 1]);
      if (psi) ugas = (psi[(j + 1) * nv + i] - psi[j * nv + i]) / g->dz[j];
      for (PetscInt s = 0; s < t->ns; s++)
        UX(t, s, i, j) = t->species[s].gas_factor * ugas + t->species[s].mobility * dphi;
    }
  }
  /* z faces j = ys..ys+ym at columns i: dphi/dz */
  for (PetscInt j = t->ys; j <= t->ys + t->ym; j++) {
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
      PetscReal dphi, ugas = 0.0;
      if (j == 0 || j == g->nz) {
        DepBCType      type;
        PetscReal      value;
        const PetscInt b = j == 0 ? DEP_FOIL : DEP_GUN_PLANE, jc = j == 0 ? 0 : g->nz - 1;
        PetscCall((*bc)(b, g->xc[i], g->zf[j], bcctx, &type, &value));
        if (type == DEP_BC_NEUMANN)
          dphi = j == 0 ? -value : value;
        else
          dphi = (j == 0 ? p[jc][i] - value : value - p[jc][i]) / (0.5 * g->dz[jc]);
      } else
        dphi = (p[j][i] - p[j - 1][i]) / (g->zc[j] - g->zc[j - 1]);
      if (psi) ugas = -(psi[j * nv + i + 1] - psi[j * nv + i]) / g->dx[i];
      for (PetscInt s = 0; s < t->ns; s++)
        UZ(t, s, i, j) = t->species[s].gas_factor * ugas + t->species[s].mobility * dphi - t->species[s].settling;
    }
  }
  PetscCall(DMDAVecRestoreArrayRead(g->da, loc, &p));
  PetscCall(DMRestoreLocalVector(g->da, &loc));
  PetscCall(AssembleJacobian(t));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetInflow(DepTransport t, const PetscReal inflow[])
{
  StretchedGrid  g = t->grid;
  PetscScalar ***b;
  PetscFunctionBeginUser;
  PetscCall(PetscArraycpy(t->inflow, inflow, t->ns * g->nx));
  PetscCall(VecZeroEntries(t->b));
  PetscCall(DMDAVecGetArrayDOF(t->dm, t->b, &b));
  if (t->ys + t->ym == g->nz) {
    const PetscInt j = g->nz - 1;
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++)
      for (PetscInt s = 0; s < t->ns; s++) b[j][i][s] = inflow[s * g->nx + i] / g->dz[j];
  }
  PetscCall(DMDAVecRestoreArrayDOF(t->dm, t->b, &b));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSolveSteady(DepTransport t, Vec c)
{
  Vec                rhs;
  KSPConvergedReason reason;
  PetscFunctionBeginUser;
  if (!t->steady) {
    char pre[80];
    PetscCall(KSPCreate(PetscObjectComm((PetscObject) t->dm), &t->steady));
    PetscCall(PetscSNPrintf(pre, sizeof(pre), "%ssteady_", t->prefix));
    PetscCall(KSPSetOptionsPrefix(t->steady, pre));
    /* BiCGStab: same answers as GMRES(100) to 10 digits on the 256^2 benchmark, 25 % less time and memory */
    PetscCall(KSPSetType(t->steady, KSPBCGS));
    /* warm start from the previous coupling iteration; the steady state is only the start of the time run (whose
     * balance does not depend on it); tight enough that the result does not depend on the number of ranks (1e-8) */
    PetscCall(KSPSetInitialGuessNonzero(t->steady, PETSC_TRUE));
    PetscCall(KSPSetTolerances(t->steady, 1e-11, 1e-300, PETSC_DEFAULT, 5000));
    PetscCall(KSPSetOperators(t->steady, t->J, t->J));
    PetscCall(DefaultFactorLevels(pre));
    PetscCall(DefaultParallelPC(t->steady));
    PetscCall(KSPSetFromOptions(t->steady));
  } else
    PetscCall(KSPSetOperators(t->steady, t->J, t->J));
  PetscCall(VecDuplicate(t->b, &rhs));
  PetscCall(VecAXPBY(rhs, -1.0, 0.0, t->b));
  PetscCall(KSPSolve(t->steady, rhs, c));
  PetscCall(KSPGetConvergedReason(t->steady, &reason));
  PetscCheck(reason > 0, PetscObjectComm((PetscObject) t->dm), PETSC_ERR_NOT_CONVERGED,
             "Steady %stransport solve did not converge (%s)", t->prefix, KSPConvergedReasons[reason]);
  PetscCall(VecDestroy(&rhs));
  PetscFunctionReturn(0);
}

/* Incomplete factorisation with fill (ILU(3), or block Jacobi with ILU(3) blocks in parallel) unless the user chose
 * otherwise: drift-dominated upwind operators need the fill (ILU(0) takes ~8x more Krylov iterations). */
static PetscErrorCode DefaultFactorLevels(const char *prefix)
{
  const char *names[2] = {"pc_factor_levels", "sub_pc_factor_levels"};
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < 2; k++) {
    char      opt[128];
    PetscBool set;
    PetscCall(PetscSNPrintf(opt, sizeof(opt), "-%s%s", prefix ? prefix : "", names[k]));
    PetscCall(PetscOptionsHasName(NULL, NULL, opt, &set));
    if (!set) PetscCall(PetscOptionsSetValue(NULL, opt, "3"));
  }
  PetscFunctionReturn(0);
}

/* In parallel, additive Schwarz with overlap instead of block Jacobi: the drift crosses the subdomain boundaries and
 * block Jacobi needs ~3x the time there (measured, 128^2, 2 ranks). Options still override. */
static PetscErrorCode DefaultParallelPC(KSP ksp)
{
  PetscMPIInt size;
  PC          pc;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(PetscObjectComm((PetscObject) ksp), &size));
  if (size == 1) PetscFunctionReturn(0);
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCASM));
  PetscFunctionReturn(0);
}

static PetscErrorCode RHSFunction(TS ts, PetscReal time, Vec c, Vec f, void *ctx)
{
  DepTransport t = (DepTransport) ctx;
  PetscFunctionBeginUser;
  PetscCall(MatMult(t->J, c, f));
  PetscCall(VecAXPY(f, 1.0, t->b));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportCreateTS(DepTransport t, const char *ts_prefix, TS *ts)
{
  TSAdapt adapt;
  SNES    snes;
  KSP     ksp;
  PetscFunctionBeginUser;
  PetscCall(TSCreate(PetscObjectComm((PetscObject) t->dm), ts));
  PetscCall(TSSetOptionsPrefix(*ts, ts_prefix));
  PetscCall(TSSetDM(*ts, t->dm));
  PetscCall(TSSetProblemType(*ts, TS_LINEAR));
  PetscCall(TSSetType(*ts, TSBEULER));
  PetscCall(TSSetRHSFunction(*ts, NULL, RHSFunction, t));
  PetscCall(TSSetRHSJacobian(*ts, t->J, t->J, TSComputeRHSJacobianConstant, NULL));
  PetscCall(TSGetAdapt(*ts, &adapt));
  PetscCall(TSAdaptSetType(adapt, TSADAPTNONE));
  PetscCall(TSGetSNES(*ts, &snes));
  /* the operator I/dt - J is the same in every step of a fixed-step run: factor it once (a stale factor after a
   * change of dt only slows the Krylov iterations, it does not change the converged result) */
  PetscCall(SNESSetLagPreconditioner(snes, -2));
  PetscCall(SNESGetKSP(snes, &ksp));
  /* the linear solves of the time steps take the transport prefix (the stage prefix belongs to the potential) */
  PetscCall(KSPSetOptionsPrefix(ksp, t->prefix));
  PetscCall(DefaultFactorLevels(t->prefix));
  PetscCall(DefaultParallelPC(ksp));
  /* tight: the powder balance of the time run closes to the linear-solver tolerance */
  PetscCall(KSPSetTolerances(ksp, 1e-11, 1e-300, PETSC_DEFAULT, 2000));
  PetscCall(TSSetExactFinalTime(*ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscFunctionReturn(0);
}

PetscErrorCode DepRatesCreate(DepTransport t, DepRates *r)
{
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc5(t->ns * t->grid->nx, &r->foil_flux, t->ns, &r->fed, t->ns, &r->outflow, t->ns, &r->lost, t->ns,
                         &r->in_flight));
  PetscFunctionReturn(0);
}

PetscErrorCode DepRatesDestroy(DepRates *r)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree5(r->foil_flux, r->fed, r->outflow, r->lost, r->in_flight));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportGetRates(DepTransport t, Vec c, DepRates *r)
{
  StretchedGrid        g  = t->grid;
  const PetscInt       ns = t->ns, nx = g->nx;
  const PetscScalar ***a;
  PetscReal           *buf;
  MPI_Comm             comm = PetscObjectComm((PetscObject) t->dm);
  PetscFunctionBeginUser;
  PetscCall(PetscArrayzero(r->foil_flux, ns * nx));
  PetscCall(PetscArrayzero(r->fed, ns));
  PetscCall(PetscArrayzero(r->outflow, ns));
  PetscCall(PetscArrayzero(r->lost, ns));
  PetscCall(PetscArrayzero(r->in_flight, ns));
  PetscCall(DMDAVecGetArrayDOFRead(t->dm, c, &a));
  for (PetscInt j = t->ys; j < t->ys + t->ym; j++) {
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
      const PetscReal V = g->dx[i] * g->dz[j];
      for (PetscInt s = 0; s < ns; s++) {
        const PetscReal cs = a[j][i][s];
        r->in_flight[s] += cs * V;
        r->lost[s] += t->species[s].loss_rate * cs * V;
        if (i == 0) r->outflow[s] += PetscMax(-UX(t, s, i, j), 0.0) * cs * g->dz[j];
        if (i == nx - 1) r->outflow[s] += PetscMax(UX(t, s, i + 1, j), 0.0) * cs * g->dz[j];
        if (j == g->nz - 1) {
          r->outflow[s] += PetscMax(UZ(t, s, i, j + 1), 0.0) * cs * g->dx[i];
          r->fed[s] += t->inflow[s * nx + i] * g->dx[i];
        }
        if (j == 0)
          r->foil_flux[s * nx + i] =
              (PetscMax(-UZ(t, s, i, j), 0.0) + t->species[s].diffusivity / (0.5 * g->dz[j])) * cs;
      }
    }
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(t->dm, c, &a));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, r->foil_flux, ns * nx, MPIU_REAL, MPIU_SUM, comm));
  PetscCall(PetscMalloc1(4 * ns, &buf));
  for (PetscInt s = 0; s < ns; s++) {
    buf[4 * s]     = r->fed[s];
    buf[4 * s + 1] = r->outflow[s];
    buf[4 * s + 2] = r->lost[s];
    buf[4 * s + 3] = r->in_flight[s];
  }
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, buf, 4 * ns, MPIU_REAL, MPIU_SUM, comm));
  for (PetscInt s = 0; s < ns; s++) {
    r->fed[s]       = buf[4 * s];
    r->outflow[s]   = buf[4 * s + 1];
    r->lost[s]      = buf[4 * s + 2];
    r->in_flight[s] = buf[4 * s + 3];
  }
  PetscCall(PetscFree(buf));
  PetscFunctionReturn(0);
}
