/* DepPotential: finite-volume Poisson operator on the stretched gap grid; the KSP carries the DMDA and assembles
 * the operator on any level of its coarsening hierarchy, default CG + geometric multigrid. */
#include "deposition_potential.h"
#include "electrostatics_model.h"

struct _p_DepPotential {
  StretchedGrid grid;
  KSP           ksp;
  Vec           rhs;
  DepBoundaryFn bc;
  void         *bcctx;
  char          prefix[64];
};

PetscReal DepBoundaryCoefficient(DepBCType type, PetscReal value, PetscReal area, PetscReal h)
{
  switch (type) {
  case DEP_BC_DIRICHLET:
    return area / h;
  case DEP_BC_ROBIN:
    return area / (h + value);
  default:
    return 0.0;
  }
}

PetscErrorCode DepPotentialCreate(StretchedGrid grid, const char *prefix, DepPotential *pot)
{
  DepPotential p;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&p));
  p->grid = grid;
  PetscCall(PetscStrncpy(p->prefix, prefix ? prefix : "", sizeof(p->prefix)));
  *pot = p;
  PetscFunctionReturn(0);
}

/* Geometry of one level: the fine grid's faces, every r-th of them on a coarse DMDA (r = fine cells / level cells). */
typedef struct {
  PetscInt   nx, nz;
  PetscReal *xf, *zf, *xc, *zc, *dx, *dz;
} LevelGeometry;

static PetscErrorCode LevelGeometryCreate(StretchedGrid g, DM dm, LevelGeometry *L)
{
  PetscInt M, N, rx, rz;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetInfo(dm, NULL, &M, &N, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCheck(g->nx % M == 0 && g->nz % N == 0, PetscObjectComm((PetscObject) dm), PETSC_ERR_ARG_SIZ,
             "a coarse level of the potential must divide the %" PetscInt_FMT " x %" PetscInt_FMT " grid", g->nx,
             g->nz);
  rx    = g->nx / M;
  rz    = g->nz / N;
  L->nx = M;
  L->nz = N;
  PetscCall(PetscMalloc6(M + 1, &L->xf, N + 1, &L->zf, M, &L->xc, N, &L->zc, M, &L->dx, N, &L->dz));
  for (PetscInt i = 0; i <= M; i++) L->xf[i] = g->xf[i * rx];
  for (PetscInt j = 0; j <= N; j++) L->zf[j] = g->zf[j * rz];
  for (PetscInt i = 0; i < M; i++) {
    L->xc[i] = 0.5 * (L->xf[i] + L->xf[i + 1]);
    L->dx[i] = L->xf[i + 1] - L->xf[i];
  }
  for (PetscInt j = 0; j < N; j++) {
    L->zc[j] = 0.5 * (L->zf[j] + L->zf[j + 1]);
    L->dz[j] = L->zf[j + 1] - L->zf[j];
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode LevelGeometryDestroy(LevelGeometry *L)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree6(L->xf, L->zf, L->xc, L->zc, L->dx, L->dz));
  PetscFunctionReturn(0);
}

/* Boundary faces of cell (i, j): their boundary ids. */
static PetscInt BoundaryFaces(const LevelGeometry *L, PetscInt i, PetscInt j, PetscInt bnd[4])
{
  PetscInt nb = 0;
  if (j == 0) bnd[nb++] = DEP_FOIL;
  if (j == L->nz - 1) bnd[nb++] = DEP_GUN_PLANE;
  if (i == 0) bnd[nb++] = DEP_LEFT;
  if (i == L->nx - 1) bnd[nb++] = DEP_RIGHT;
  return nb;
}

/* Area, half-cell depth and boundary condition of one boundary face of cell (i, j). */
static PetscErrorCode BoundaryFace(DepPotential p, const LevelGeometry *L, PetscInt b, PetscInt i, PetscInt j,
                                   PetscReal *area, PetscReal *half, DepBCType *type, PetscReal *value)
{
  PetscReal x, z;
  PetscFunctionBeginUser;
  if (b == DEP_FOIL || b == DEP_GUN_PLANE) {
    x     = L->xc[i];
    z     = b == DEP_FOIL ? 0.0 : L->zf[L->nz];
    *area = L->dx[i];
    *half = 0.5 * L->dz[j];
  } else {
    x     = b == DEP_LEFT ? 0.0 : L->xf[L->nx];
    z     = L->zc[j];
    *area = L->dz[j];
    *half = 0.5 * L->dx[i];
  }
  PetscCall((*p->bc)(b, x, z, p->bcctx, type, value));
  PetscFunctionReturn(0);
}

/* KSPComputeOperators callback: the five-point operator (area over centre distance per face, boundary faces by their
 * condition) on the DMDA the KSP hands over (the fine grid or a coarse level). */
static PetscErrorCode ComputeOperator(KSP ksp, Mat J, Mat A, void *ctx)
{
  DepPotential  p = (DepPotential) ctx;
  DM            dm;
  LevelGeometry L;
  PetscInt      xs, ys, xm, ym;
  PetscFunctionBeginUser;
  PetscCall(KSPGetDM(ksp, &dm));
  PetscCall(LevelGeometryCreate(p->grid, dm, &L));
  PetscCall(DMDAGetCorners(dm, &xs, &ys, NULL, &xm, &ym, NULL));
  for (PetscInt j = ys; j < ys + ym; j++) {
    for (PetscInt i = xs; i < xs + xm; i++) {
      MatStencil  row = {.i = i, .j = j}, col[5];
      PetscScalar val[5];
      PetscInt    n    = 1, bnd[4], nb;
      PetscReal   diag = 0.0;
      col[0]           = row;
      if (i > 0) {
        const PetscReal c = L.dz[j] / (L.xc[i] - L.xc[i - 1]);
        col[n]            = (MatStencil){.i = i - 1, .j = j};
        val[n++]          = -c;
        diag += c;
      }
      if (i < L.nx - 1) {
        const PetscReal c = L.dz[j] / (L.xc[i + 1] - L.xc[i]);
        col[n]            = (MatStencil){.i = i + 1, .j = j};
        val[n++]          = -c;
        diag += c;
      }
      if (j > 0) {
        const PetscReal c = L.dx[i] / (L.zc[j] - L.zc[j - 1]);
        col[n]            = (MatStencil){.i = i, .j = j - 1};
        val[n++]          = -c;
        diag += c;
      }
      if (j < L.nz - 1) {
        const PetscReal c = L.dx[i] / (L.zc[j + 1] - L.zc[j]);
        col[n]            = (MatStencil){.i = i, .j = j + 1};
        val[n++]          = -c;
        diag += c;
      }
      nb = BoundaryFaces(&L, i, j, bnd);
      for (PetscInt b = 0; b < nb; b++) {
        PetscReal area, half, value;
        DepBCType type;
        PetscCall(BoundaryFace(p, &L, bnd[b], i, j, &area, &half, &type, &value));
        diag += DepBoundaryCoefficient(type, value, area, half);
      }
      val[0] = diag;
      PetscCall(MatSetValuesStencil(A, 1, &row, n, col, val, INSERT_VALUES));
    }
  }
  PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  if (J != A) {
    PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  }
  PetscCall(LevelGeometryDestroy(&L));
  PetscFunctionReturn(0);
}

/* Multigrid levels: halve both directions while every rank's block stays even and >= 4 cells. */
static PetscErrorCode CountLevels(StretchedGrid g, PetscInt *levels)
{
  const PetscInt *lx, *ly;
  PetscInt        px, py, nl = 1, f = 1;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetInfo(g->da, NULL, NULL, NULL, NULL, &px, &py, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAGetOwnershipRanges(g->da, &lx, &ly, NULL));
  for (;;) {
    PetscBool ok = PETSC_TRUE;
    for (PetscInt r = 0; r < px; r++) ok = (PetscBool) (ok && lx[r] % (2 * f) == 0 && lx[r] / (2 * f) >= 4);
    for (PetscInt r = 0; r < py; r++) ok = (PetscBool) (ok && ly[r] % (2 * f) == 0 && ly[r] / (2 * f) >= 4);
    if (!ok) break;
    f *= 2;
    nl++;
  }
  *levels = nl;
  PetscFunctionReturn(0);
}

/* Cell-centred bilinear interpolation from the DMDA dmc (half the cells in each direction) to dmf: each fine cell
 * takes 9/16, 3/16, 3/16, 1/16 of its four nearest coarse cells (constant extrapolation at the walls). Rows and
 * columns are numbered through the DMDAs' application orderings, so any parallel layout works. */
static PetscErrorCode BilinearInterpolation(DM dmc, DM dmf, Mat *P)
{
  PetscInt   Mf, Nf, Mc, Nc, xs, ys, xm, ym, mc, nc_loc, *rows, *cols;
  PetscReal *w;
  AO         aof, aoc;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetInfo(dmf, NULL, &Mf, &Nf, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAGetInfo(dmc, NULL, &Mc, &Nc, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCheck(Mf == 2 * Mc && Nf == 2 * Nc, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "coarse grid must halve the fine grid");
  PetscCall(DMDAGetCorners(dmf, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAGetCorners(dmc, NULL, NULL, NULL, &mc, &nc_loc, NULL));
  PetscCall(DMDAGetAO(dmf, &aof));
  PetscCall(DMDAGetAO(dmc, &aoc));
  PetscCall(PetscMalloc3(xm * ym, &rows, 4 * xm * ym, &cols, 4 * xm * ym, &w));
  for (PetscInt j = ys, r = 0; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++, r++) {
      const PetscInt ic = i / 2, jc = j / 2;
      const PetscInt ic2 = PetscClipInterval(ic + (i % 2 ? 1 : -1), 0, Mc - 1),
                     jc2 = PetscClipInterval(jc + (j % 2 ? 1 : -1), 0, Nc - 1);
      rows[r]            = j * Mf + i;
      cols[4 * r]        = jc * Mc + ic;
      cols[4 * r + 1]    = jc * Mc + ic2;
      cols[4 * r + 2]    = jc2 * Mc + ic;
      cols[4 * r + 3]    = jc2 * Mc + ic2;
      w[4 * r]           = 9.0 / 16.0;
      w[4 * r + 1]       = 3.0 / 16.0;
      w[4 * r + 2]       = 3.0 / 16.0;
      w[4 * r + 3]       = 1.0 / 16.0;
    }
  PetscCall(AOApplicationToPetsc(aof, xm * ym, rows));
  PetscCall(AOApplicationToPetsc(aoc, 4 * xm * ym, cols));
  PetscCall(MatCreateAIJ(PetscObjectComm((PetscObject) dmf), xm * ym, mc * nc_loc, PETSC_DETERMINE, PETSC_DETERMINE, 4,
                         NULL, 4, NULL, P));
  for (PetscInt r = 0; r < xm * ym; r++)
    PetscCall(MatSetValues(*P, 1, &rows[r], 4, &cols[4 * r], &w[4 * r], ADD_VALUES));
  PetscCall(MatAssemblyBegin(*P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(*P, MAT_FINAL_ASSEMBLY));
  PetscCall(PetscFree3(rows, cols, w));
  PetscFunctionReturn(0);
}

/* Geometric multigrid on the DMDA hierarchy with bilinear cell-centred transfer and Galerkin coarse operators. */
static PetscErrorCode SetUpGeometricMG(StretchedGrid g, PC pc)
{
  PetscInt levels = 1;
  DM       fine, coarse;
  PetscFunctionBeginUser;
  PetscCall(CountLevels(g, &levels));
  PetscCall(PCSetType(pc, PCMG));
  PetscCall(PCMGSetLevels(pc, levels, NULL));
  PetscCall(PCMGSetGalerkin(pc, PC_MG_GALERKIN_BOTH));
  PetscCall(PetscObjectReference((PetscObject) g->da));
  fine = g->da;
  for (PetscInt l = levels - 1; l > 0; l--) {
    Mat P;
    PetscCall(DMCoarsen(fine, PetscObjectComm((PetscObject) fine), &coarse));
    PetscCall(BilinearInterpolation(coarse, fine, &P));
    PetscCall(PCMGSetInterpolation(pc, l, P));
    PetscCall(MatDestroy(&P));
    PetscCall(DMDestroy(&fine));
    fine = coarse;
  }
  PetscCall(DMDestroy(&fine));
  PetscFunctionReturn(0);
}

PetscErrorCode DepPotentialSetBoundary(DepPotential p, DepBoundaryFn bc, void *ctx)
{
  StretchedGrid g = p->grid;
  PC            pc;
  PetscFunctionBeginUser;
  p->bc    = bc;
  p->bcctx = ctx;
  PetscCall(KSPDestroy(&p->ksp));
  PetscCall(VecDestroy(&p->rhs));
  PetscCall(DMCreateGlobalVector(g->da, &p->rhs));
  PetscCall(KSPCreate(PetscObjectComm((PetscObject) g->da), &p->ksp));
  PetscCall(KSPSetOptionsPrefix(p->ksp, p->prefix));
  PetscCall(KSPSetDM(p->ksp, g->da));
  PetscCall(KSPSetComputeOperators(p->ksp, ComputeOperator, p));
  PetscCall(KSPSetType(p->ksp, KSPCG));
  PetscCall(KSPSetTolerances(p->ksp, 1e-10, 1e-50, PETSC_DEFAULT, 500));
  PetscCall(KSPGetPC(p->ksp, &pc));
  {
    /* The DMDA knows how many times it can be halved: PETSc's own PCMG (-<prefix>pc_type mg) then builds that many
     * levels from the DM (DMCoarsen, the DMDA's cell-centred Q0 transfer) and rediscretises on each with
     * ComputeOperator. -<prefix>bilinear_mg: the same hierarchy with the bilinear transfer and Galerkin coarse
     * operators. Without a choice the default is BoomerAMG (hypre): fewer iterations and faster than either
     * multigrid here (docs/deposition.md), and, unlike them, no PCMG per run: PETSc 3.18 registers a new
     * composed-data id for every PCMG it creates, which widened the norm caches of every later vector, so a process
     * running the dry route again and again grew by about 25 kB a run. */
    PetscInt     levels;
    PetscBool    chosen, bilinear = PETSC_FALSE;
    PetscOptions options;
    PetscCall(CountLevels(g, &levels));
    PetscCall(DMSetRefineLevel(g->da, levels - 1));
    PetscCall(PetscObjectGetOptions((PetscObject) p->ksp, &options));
    PetscCall(PetscOptionsHasName(options, p->prefix, "-pc_type", &chosen));
    PetscCall(PetscOptionsGetBool(options, p->prefix, "-bilinear_mg", &bilinear, NULL));
    if (bilinear)
      PetscCall(SetUpGeometricMG(g, pc));
    else if (!chosen) {
#if defined(PETSC_HAVE_HYPRE)
      PetscCall(PCSetType(pc, PCHYPRE));
      PetscCall(PCHYPRESetType(pc, "boomeramg"));
#else
      PetscCall(SetUpGeometricMG(g, pc));
#endif
    }
  }
  PetscCall(KSPSetFromOptions(p->ksp));
  PetscCall(KSPSetUp(p->ksp));
  PetscFunctionReturn(0);
}

PetscErrorCode DepPotentialSolve(DepPotential p, Vec rho, PetscReal bc_scale, Vec phi, PetscInt *its)
{
  StretchedGrid       g = p->grid;
  LevelGeometry       L;
  PetscInt            xs, ys, xm, ym;
  PetscScalar       **r;
  const PetscScalar **q = NULL;
  KSPConvergedReason  reason;
  PetscFunctionBeginUser;
  PetscCheck(p->ksp, PETSC_COMM_SELF, PETSC_ERR_ORDER, "Call DepPotentialSetBoundary() first");
  PetscCall(LevelGeometryCreate(g, g->da, &L));
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArray(g->da, p->rhs, &r));
  if (rho) PetscCall(DMDAVecGetArrayRead(g->da, rho, &q));
  for (PetscInt j = ys; j < ys + ym; j++) {
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscReal b = q ? q[j][i] / DEP_EPS0 * g->dx[i] * g->dz[j] : 0.0;
      PetscInt  bnd[4], nb = BoundaryFaces(&L, i, j, bnd);
      for (PetscInt k = 0; k < nb && bc_scale != 0.0; k++) {
        PetscReal area, half, value;
        DepBCType type;
        PetscCall(BoundaryFace(p, &L, bnd[k], i, j, &area, &half, &type, &value));
        if (type == DEP_BC_DIRICHLET)
          b += bc_scale * DepBoundaryCoefficient(type, value, area, half) * value;
        else if (type == DEP_BC_NEUMANN)
          b += bc_scale * area * value;
        /* Robin: the conductor behind the face is grounded, nothing to add */
      }
      r[j][i] = b;
    }
  }
  if (rho) PetscCall(DMDAVecRestoreArrayRead(g->da, rho, &q));
  PetscCall(DMDAVecRestoreArray(g->da, p->rhs, &r));
  PetscCall(LevelGeometryDestroy(&L));
  PetscCall(KSPSolve(p->ksp, p->rhs, phi));
  PetscCall(KSPGetConvergedReason(p->ksp, &reason));
  PetscCheck(reason > 0, PetscObjectComm((PetscObject) g->da), PETSC_ERR_NOT_CONVERGED,
             "Electric potential solve did not converge (%s); try -%spc_type hypre", KSPConvergedReasons[reason],
             p->prefix);
  if (its) PetscCall(KSPGetIterationNumber(p->ksp, its));
  PetscFunctionReturn(0);
}

PetscErrorCode DepPotentialApplyInverse(DepPotential p, Vec b, Vec x)
{
  KSPConvergedReason reason;
  PetscFunctionBeginUser;
  PetscCall(KSPSolve(p->ksp, b, x));
  PetscCall(KSPGetConvergedReason(p->ksp, &reason));
  PetscCheck(reason > 0, PetscObjectComm((PetscObject) p->grid->da), PETSC_ERR_NOT_CONVERGED,
             "Electric potential solve did not converge (%s)", KSPConvergedReasons[reason]);
  PetscFunctionReturn(0);
}

PetscErrorCode DepPotentialGetKSP(DepPotential p, KSP *ksp)
{
  PetscFunctionBeginUser;
  *ksp = p->ksp;
  PetscFunctionReturn(0);
}

PetscErrorCode DepPotentialDestroy(DepPotential *pot)
{
  PetscFunctionBeginUser;
  if (!*pot) PetscFunctionReturn(0);
  PetscCall(KSPDestroy(&(*pot)->ksp));
  PetscCall(VecDestroy(&(*pot)->rhs));
  PetscCall(PetscFree(*pot));
  PetscFunctionReturn(0);
}
