/* DepTransport: upwind finite-volume drift-diffusion-reaction of ions, powder mass and powder charge in the gap. */
#include "deposition_transport.h"

struct _p_DepTransport {
  StretchedGrid grid;
  PetscInt      ns;
  DM            dm; /* dof = ns, same layout as grid->da */
  DepSpecies   *species;
  PetscReal    *ux, *uz;          /* [s][...] face velocities of owned cells: x faces (xm+1)*ym, z faces xm*(ym+1) */
  PetscReal    *efield;           /* |grad phi| in the owned cells */
  PetscReal    *air_sink;         /* 1/s, rate at which air leaves the spray zone along the machine direction */
  PetscReal    *K;                /* reaction matrices of the owned cells (NULL: none) */
  PetscReal    *inflow;           /* [s*nx + i] */
  PetscReal    *sticking;         /* [s*nx + i] */
  PetscReal    *f_faces, *f_rows; /* turbulent diffusivity profile */
  Mat           J;                /* RHS Jacobian: dc/dt = J c + b */
  Vec           b;
  KSP           steady;
  PetscReal     rtol;
  char          prefix[64];
  PetscInt      xs, ys, xm, ym;
};

#define UX(t, s, i, j) (t)->ux[((s) * (t)->ym + ((j) - (t)->ys)) * ((t)->xm + 1) + ((i) - (t)->xs)]
#define UZ(t, s, i, j) (t)->uz[((s) * ((t)->ym + 1) + ((j) - (t)->ys)) * (t)->xm + ((i) - (t)->xs)]
#define CELL(t, i, j)  (((j) - (t)->ys) * (t)->xm + ((i) - (t)->xs))

PetscErrorCode DepTransportCreate(StretchedGrid g, PetscInt ns, const char *prefix, const PetscInt coupling[],
                                  DepTransport *tr)
{
  DepTransport t;
  PetscInt    *dfill, *ofill;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t));
  t->grid = g;
  t->ns   = ns;
  t->rtol = 1e-11;
  PetscCall(PetscStrncpy(t->prefix, prefix ? prefix : "", sizeof(t->prefix)));
  PetscCall(DMDACreateCompatibleDMDA(g->da, ns, &t->dm));
  /* neighbours couple each species with itself; within a cell the reactions couple the pairs named */
  PetscCall(PetscCalloc2(ns * ns, &dfill, ns * ns, &ofill));
  for (PetscInt s = 0; s < ns; s++) dfill[s * ns + s] = ofill[s * ns + s] = 1;
  if (coupling)
    for (PetscInt k = 0; k < ns * ns; k++)
      if (coupling[k]) dfill[k] = 1;
  PetscCall(DMDASetBlockFills(t->dm, dfill, ofill));
  PetscCall(PetscFree2(dfill, ofill));
  PetscCall(DMDAGetCorners(t->dm, &t->xs, &t->ys, NULL, &t->xm, &t->ym, NULL));
  PetscCall(PetscCalloc5(ns, &t->species, ns * (t->xm + 1) * t->ym, &t->ux, ns * t->xm * (t->ym + 1), &t->uz,
                         ns * g->nx, &t->inflow, ns * g->nx, &t->sticking));
  PetscCall(
      PetscCalloc4(t->xm * t->ym, &t->efield, t->xm * t->ym, &t->air_sink, g->nz + 1, &t->f_faces, g->nz, &t->f_rows));
  for (PetscInt k = 0; k < ns * g->nx; k++) t->sticking[k] = 1.0;
  for (PetscInt j = 0; j <= g->nz; j++) t->f_faces[j] = 1.0;
  for (PetscInt j = 0; j < g->nz; j++) t->f_rows[j] = 1.0;
  PetscCall(DMCreateMatrix(t->dm, &t->J));
  PetscCall(MatSetOption(t->J, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_TRUE));
  PetscCall(DMCreateGlobalVector(t->dm, &t->b));
  *tr = t;
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportDestroy(DepTransport *tr)
{
  PetscFunctionBeginUser;
  if (!*tr) PetscFunctionReturn(0);
  PetscCall(PetscFree5((*tr)->species, (*tr)->ux, (*tr)->uz, (*tr)->inflow, (*tr)->sticking));
  PetscCall(PetscFree4((*tr)->efield, (*tr)->air_sink, (*tr)->f_faces, (*tr)->f_rows));
  PetscCall(PetscFree((*tr)->K));
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

PetscErrorCode DepTransportGetCorners(DepTransport t, PetscInt *xs, PetscInt *ys, PetscInt *xm, PetscInt *ym)
{
  PetscFunctionBeginUser;
  if (xs) *xs = t->xs;
  if (ys) *ys = t->ys;
  if (xm) *xm = t->xm;
  if (ym) *ym = t->ym;
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetSpecies(DepTransport tr, const DepSpecies sp[])
{
  PetscFunctionBeginUser;
  for (PetscInt s = 0; s < tr->ns; s++) tr->species[s] = sp[s];
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetDiffusivityProfile(DepTransport t, const PetscReal f_faces[], const PetscReal f_rows[])
{
  PetscFunctionBeginUser;
  PetscCall(PetscArraycpy(t->f_faces, f_faces, t->grid->nz + 1));
  PetscCall(PetscArraycpy(t->f_rows, f_rows, t->grid->nz));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetSticking(DepTransport t, const PetscReal sticking[])
{
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < t->ns * t->grid->nx; k++) {
    t->sticking[k] = sticking ? sticking[k] : 1.0;
    /* a fraction of what arrives: above 1 the foil would take more than arrives (a negative reflection) */
    PetscCheck(t->sticking[k] >= 0.0 && t->sticking[k] <= 1.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
               "sticking fraction %g of species %" PetscInt_FMT " at foil column %" PetscInt_FMT " is outside [0, 1]",
               (double) t->sticking[k], k / t->grid->nx, k % t->grid->nx);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetReaction(DepTransport t, const PetscReal K[])
{
  const PetscInt n = t->xm * t->ym * t->ns * t->ns;
  PetscFunctionBeginUser;
  if (!K) {
    PetscCall(PetscFree(t->K));
    PetscFunctionReturn(0);
  }
  if (!t->K) PetscCall(PetscMalloc1(n, &t->K));
  PetscCall(PetscArraycpy(t->K, K, n));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetAirExit(DepTransport t, const PetscReal rate[])
{
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < t->xm * t->ym; k++) t->air_sink[k] = rate ? rate[k] : 0.0;
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetTolerance(DepTransport t, PetscReal rtol)
{
  PetscFunctionBeginUser;
  t->rtol = rtol;
  if (t->steady) PetscCall(KSPSetTolerances(t->steady, rtol, 1e-300, 1e30, 5000));
  PetscFunctionReturn(0);
}

/* Outflow coefficient (m/s) of species s through the foil face of column i. */
static inline PetscReal FoilOutflow(DepTransport t, PetscInt s, PetscInt i)
{
  const DepSpecies *sp = &t->species[s];
  PetscReal         v  = PetscMax(-UZ(t, s, i, 0), 0.0) + sp->wall_velocity;
  if (sp->wall_diffusion) v += sp->diffusivity / (0.5 * t->grid->dz[0]);
  return t->sticking[s * t->grid->nx + i] * v;
}

/* Total first-order loss rate (1/s) of species s in an owned cell. */
static inline PetscReal LossRate(DepTransport t, PetscInt s, PetscInt i, PetscInt j)
{
  return t->species[s].loss_rate + t->species[s].gas_factor * t->air_sink[CELL(t, i, j)];
}

static PetscErrorCode AssembleJacobian(DepTransport t)
{
  StretchedGrid  g  = t->grid;
  const PetscInt ns = t->ns;
  MatStencil    *col;
  PetscScalar   *val;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc2(4 + ns, &col, 4 + ns, &val));
  PetscCall(MatZeroEntries(t->J));
  for (PetscInt j = t->ys; j < t->ys + t->ym; j++) {
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
      const PetscReal  V = g->dx[i] * g->dz[j];
      const PetscReal *K = t->K ? &t->K[CELL(t, i, j) * ns * ns] : NULL;
      for (PetscInt s = 0; s < ns; s++) {
        const DepSpecies *sp  = &t->species[s];
        MatStencil        row = {.i = i, .j = j, .c = s};
        PetscInt          n   = 1;
        PetscReal         diag;
        /* faces: outward normal velocity, area, neighbour (or boundary), turbulent damping */
        const PetscReal uo[4] = {-UX(t, s, i, j), UX(t, s, i + 1, j), -UZ(t, s, i, j), UZ(t, s, i, j + 1)};
        const PetscReal A[4]  = {g->dz[j], g->dz[j], g->dx[i], g->dx[i]};
        const PetscReal f[4]  = {t->f_rows[j], t->f_rows[j], t->f_faces[j], t->f_faces[j + 1]};
        const PetscInt  ni[4] = {i - 1, i + 1, i, i}, nj[4] = {j, j, j - 1, j + 1};
        diag   = -LossRate(t, s, i, j) * V;
        col[0] = row;
        for (PetscInt k = 0; k < 4; k++) {
          const PetscBool interior = (PetscBool) (ni[k] >= 0 && ni[k] < g->nx && nj[k] >= 0 && nj[k] < g->nz);
          if (interior) {
            const PetscReal dist =
                k < 2 ? PetscAbsReal(g->xc[ni[k]] - g->xc[i]) : PetscAbsReal(g->zc[nj[k]] - g->zc[j]);
            const PetscReal dc = sp->diffusivity * (sp->turbulent ? f[k] : 1.0) * A[k] / dist;
            diag -= PetscMax(uo[k], 0.0) * A[k] + dc;
            col[n]   = (MatStencil){.i = ni[k], .j = nj[k], .c = s};
            val[n++] = (PetscMax(-uo[k], 0.0) * A[k] + dc) / V;
          } else if (k == 2)
            diag -= FoilOutflow(t, s, i) * A[k];
          else
            diag -= PetscMax(uo[k], 0.0) * A[k];
        }
        val[0] = diag / V;
        if (K) {
          val[0] += K[s * ns + s];
          for (PetscInt r = 0; r < ns; r++)
            if (r != s && K[s * ns + r] != 0.0) {
              col[n]   = (MatStencil){.i = i, .j = j, .c = r};
              val[n++] = K[s * ns + r];
            }
        }
        PetscCall(MatSetValuesStencil(t->J, 1, &row, n, col, val, INSERT_VALUES));
      }
    }
  }
  PetscCall(MatAssemblyBegin(t->J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(t->J, MAT_FINAL_ASSEMBLY));
  PetscCall(PetscFree2(col, val));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportSetFields(DepTransport t, Vec phi, DepBoundaryFn bc, void *bcctx, const DepAir *air,
                                     Vec mobility)
{
  StretchedGrid        g  = t->grid;
  const PetscInt       ns = t->ns, nx = g->nx;
  Vec                  loc, mloc      = NULL;
  const PetscScalar  **p;
  const PetscScalar ***mob = NULL;
  PetscReal           *gx, *gz;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc2((t->xm + 1) * t->ym, &gx, t->xm * (t->ym + 1), &gz));
  PetscCall(DMGetLocalVector(g->da, &loc));
  PetscCall(DMGlobalToLocal(g->da, phi, INSERT_VALUES, loc));
  PetscCall(DMDAVecGetArrayRead(g->da, loc, &p));
  if (mobility) {
    PetscCall(DMGetLocalVector(t->dm, &mloc));
    PetscCall(DMGlobalToLocal(t->dm, mobility, INSERT_VALUES, mloc));
    PetscCall(DMDAVecGetArrayDOFRead(t->dm, mloc, &mob));
  }
  /* dphi/dx on the x faces i = xs..xs+xm of rows j; dphi/dz on the z faces j = ys..ys+ym of columns i */
  for (PetscInt j = t->ys; j < t->ys + t->ym; j++)
    for (PetscInt i = t->xs; i <= t->xs + t->xm; i++) {
      PetscReal dphi;
      if (i == 0 || i == nx) {
        DepBCType       type;
        PetscReal       value;
        const PetscInt  b = i == 0 ? DEP_LEFT : DEP_RIGHT, ic = i == 0 ? 0 : nx - 1;
        const PetscReal sgn = i == 0 ? -1.0 : 1.0; /* outward normal along x */
        PetscCall((*bc)(b, g->xf[i], g->zc[j], bcctx, &type, &value));
        if (type == DEP_BC_NEUMANN)
          dphi = sgn * value;
        else if (type == DEP_BC_DIRICHLET)
          dphi = sgn * (value - p[j][ic]) / (0.5 * g->dx[ic]);
        else
          dphi = sgn * (0.0 - p[j][ic]) / (0.5 * g->dx[ic] + value);
      } else
        dphi = (p[j][i] - p[j][i - 1]) / (g->xc[i] - g->xc[i - 1]);
      gx[(j - t->ys) * (t->xm + 1) + (i - t->xs)] = dphi;
    }
  for (PetscInt j = t->ys; j <= t->ys + t->ym; j++)
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
      PetscReal dphi;
      if (j == 0 || j == g->nz) {
        DepBCType       type;
        PetscReal       value;
        const PetscInt  b = j == 0 ? DEP_FOIL : DEP_GUN_PLANE, jc = j == 0 ? 0 : g->nz - 1;
        const PetscReal sgn = j == 0 ? -1.0 : 1.0;
        PetscCall((*bc)(b, g->xc[i], g->zf[j], bcctx, &type, &value));
        if (type == DEP_BC_NEUMANN)
          dphi = sgn * value;
        else if (type == DEP_BC_DIRICHLET)
          dphi = sgn * (value - p[jc][i]) / (0.5 * g->dz[jc]);
        else
          dphi = sgn * (0.0 - p[jc][i]) / (0.5 * g->dz[jc] + value);
      } else
        dphi = (p[j][i] - p[j - 1][i]) / (g->zc[j] - g->zc[j - 1]);
      gz[(j - t->ys) * t->xm + (i - t->xs)] = dphi;
    }
  /* field magnitude in the cells */
  for (PetscInt j = t->ys; j < t->ys + t->ym; j++)
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
      const PetscInt  a = (j - t->ys) * (t->xm + 1) + (i - t->xs), c = (j - t->ys) * t->xm + (i - t->xs);
      const PetscReal ex = 0.5 * (gx[a] + gx[a + 1]), ez = 0.5 * (gz[c] + gz[c + t->xm]);
      t->efield[CELL(t, i, j)] = PetscSqrtReal(ex * ex + ez * ez);
    }
  /* species face velocities */
  for (PetscInt s = 0; s < ns; s++) {
    const DepSpecies *sp = &t->species[s];
    for (PetscInt j = t->ys; j < t->ys + t->ym; j++)
      for (PetscInt i = t->xs; i <= t->xs + t->xm; i++) {
        PetscReal Z = sp->mobility, ua = air ? air->ux[j * (nx + 1) + i] : 0.0;
        if (mob) {
          const PetscInt il = PetscMax(i - 1, 0), ir = PetscMin(i, nx - 1);
          Z = 0.5 * (mob[j][il][s] + mob[j][ir][s]);
        }
        UX(t, s, i, j) = sp->gas_factor * ua + Z * gx[(j - t->ys) * (t->xm + 1) + (i - t->xs)];
      }
    for (PetscInt j = t->ys; j <= t->ys + t->ym; j++)
      for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
        PetscReal Z = sp->mobility, ua = air ? air->uz[j * nx + i] : 0.0;
        if (mob) {
          const PetscInt jl = PetscMax(j - 1, 0), jr = PetscMin(j, g->nz - 1);
          Z = 0.5 * (mob[jl][i][s] + mob[jr][i][s]);
        }
        UZ(t, s, i, j) = sp->gas_factor * ua + Z * gz[(j - t->ys) * t->xm + (i - t->xs)] - sp->settling;
      }
  }
  if (mobility) {
    PetscCall(DMDAVecRestoreArrayDOFRead(t->dm, mloc, &mob));
    PetscCall(DMRestoreLocalVector(t->dm, &mloc));
  }
  PetscCall(DMDAVecRestoreArrayRead(g->da, loc, &p));
  PetscCall(DMRestoreLocalVector(g->da, &loc));
  PetscCall(PetscFree2(gx, gz));
  PetscCall(AssembleJacobian(t));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportGetFieldMagnitude(DepTransport t, const PetscReal **E)
{
  PetscFunctionBeginUser;
  *E = t->efield;
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

/* Incomplete factorisation with fill unless the command line chooses otherwise: ILU(3) on one rank; in parallel
 * additive Schwarz (the drift crosses the subdomain boundaries; block Jacobi needed ~3x the time, 128^2, 2 ranks)
 * whose ILU blocks get 3 levels after the set-up unless -<prefix>sub_pc_factor_levels is given. ILU(0) takes about
 * 8x the Krylov iterations on these drift-dominated operators. Called before KSPSetFromOptions. */
static PetscErrorCode DefaultPC(KSP ksp)
{
  PetscMPIInt size;
  PC          pc;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(PetscObjectComm((PetscObject) ksp), &size));
  PetscCall(KSPGetPC(ksp, &pc));
  if (size == 1) {
    PetscCall(PCSetType(pc, PCILU));
    PetscCall(PCFactorSetLevels(pc, 3));
  } else
    PetscCall(PCSetType(pc, PCASM));
  PetscFunctionReturn(0);
}

/* After KSPSetUp (the ASM blocks exist, not yet factored): ILU(3) on the blocks unless chosen on the command line. */
static PetscErrorCode DefaultSubLevels(KSP ksp)
{
  PC           pc;
  PetscBool    asm_pc, chosen;
  PetscOptions options;
  const char  *prefix;
  KSP         *sub;
  PetscInt     nsub;
  PetscFunctionBeginUser;
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PetscObjectTypeCompare((PetscObject) pc, PCASM, &asm_pc));
  if (!asm_pc) PetscFunctionReturn(0);
  PetscCall(PetscObjectGetOptions((PetscObject) ksp, &options));
  PetscCall(KSPGetOptionsPrefix(ksp, &prefix));
  PetscCall(PetscOptionsHasName(options, prefix, "-sub_pc_factor_levels", &chosen));
  if (chosen) PetscFunctionReturn(0);
  PetscCall(PCASMGetSubKSP(pc, &nsub, NULL, &sub));
  for (PetscInt k = 0; k < nsub; k++) {
    PC        spc;
    PetscBool ilu;
    PetscCall(KSPGetPC(sub[k], &spc));
    PetscCall(PetscObjectTypeCompare((PetscObject) spc, PCILU, &ilu));
    if (ilu) PetscCall(PCFactorSetLevels(spc, 3));
  }
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
    /* warm start from the previous coupling iteration */
    PetscCall(KSPSetInitialGuessNonzero(t->steady, PETSC_TRUE));
    /* no divergence test against |b|: the warm start of a new coupling sweep may lie far from the new solution */
    PetscCall(KSPSetTolerances(t->steady, t->rtol, 1e-300, 1e30, 5000));
    PetscCall(KSPSetOperators(t->steady, t->J, t->J));
    PetscCall(DefaultPC(t->steady));
    PetscCall(KSPSetFromOptions(t->steady));
    PetscCall(KSPSetUp(t->steady));
    PetscCall(DefaultSubLevels(t->steady));
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

static PetscErrorCode RHSFunction(TS ts, PetscReal time, Vec c, Vec f, void *ctx)
{
  DepTransport t = (DepTransport) ctx;
  PetscFunctionBeginUser;
  PetscCall(MatMult(t->J, c, f));
  PetscCall(VecAXPY(f, 1.0, t->b));
  PetscFunctionReturn(0);
}

PetscErrorCode DepTransportCreateTS(DepTransport t, TS *ts)
{
  TSAdapt adapt;
  SNES    snes;
  KSP     ksp;
  PetscFunctionBeginUser;
  PetscCall(TSCreate(PetscObjectComm((PetscObject) t->dm), ts));
  PetscCall(TSSetOptionsPrefix(*ts, t->prefix));
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
  /* (in parallel the ASM blocks keep PETSc's ILU(0) here: -<prefix>sub_pc_factor_levels 3 to change it) */
  PetscCall(DefaultPC(ksp));
  /* tight: the powder balance of the time run closes to the linear-solver tolerance */
  PetscCall(KSPSetTolerances(ksp, 1e-11, 1e-300, PETSC_DEFAULT, 2000));
  PetscCall(TSSetExactFinalTime(*ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscFunctionReturn(0);
}

PetscErrorCode DepRatesCreate(DepTransport t, DepRates *r)
{
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc6(t->ns * t->grid->nx, &r->foil_flux, t->ns, &r->fed, t->ns, &r->outflow, t->ns, &r->lost, t->ns,
                         &r->reacted, t->ns, &r->in_flight));
  PetscFunctionReturn(0);
}

PetscErrorCode DepRatesDestroy(DepRates *r)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree6(r->foil_flux, r->fed, r->outflow, r->lost, r->reacted, r->in_flight));
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
  PetscCall(PetscCalloc1(5 * ns, &buf));
  PetscCall(DMDAVecGetArrayDOFRead(t->dm, c, &a));
  for (PetscInt j = t->ys; j < t->ys + t->ym; j++) {
    for (PetscInt i = t->xs; i < t->xs + t->xm; i++) {
      const PetscReal  V = g->dx[i] * g->dz[j];
      const PetscReal *K = t->K ? &t->K[CELL(t, i, j) * ns * ns] : NULL;
      for (PetscInt s = 0; s < ns; s++) {
        const PetscReal cs = a[j][i][s];
        PetscReal      *q  = &buf[5 * s]; /* fed, outflow, lost, reacted, in flight */
        q[4] += cs * V;
        q[2] += LossRate(t, s, i, j) * cs * V;
        if (K)
          for (PetscInt k = 0; k < ns; k++) q[3] += K[s * ns + k] * a[j][i][k] * V;
        if (i == 0) q[1] += PetscMax(-UX(t, s, i, j), 0.0) * cs * g->dz[j];
        if (i == nx - 1) q[1] += PetscMax(UX(t, s, i + 1, j), 0.0) * cs * g->dz[j];
        if (j == g->nz - 1) {
          q[1] += PetscMax(UZ(t, s, i, j + 1), 0.0) * cs * g->dx[i];
          q[0] += t->inflow[s * nx + i] * g->dx[i];
        }
        if (j == 0) r->foil_flux[s * nx + i] = FoilOutflow(t, s, i) * cs;
      }
    }
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(t->dm, c, &a));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, r->foil_flux, ns * nx, MPIU_REAL, MPIU_SUM, comm));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, buf, 5 * ns, MPIU_REAL, MPIU_SUM, comm));
  for (PetscInt s = 0; s < ns; s++) {
    r->fed[s]       = buf[5 * s];
    r->outflow[s]   = buf[5 * s + 1];
    r->lost[s]      = buf[5 * s + 2];
    r->reacted[s]   = buf[5 * s + 3];
    r->in_flight[s] = buf[5 * s + 4];
  }
  PetscCall(PetscFree(buf));
  PetscFunctionReturn(0);
}
