/* DepPotential: finite-volume Poisson operator on the stretched gap grid, solved with multigrid. */
#include "deposition_potential.h"
#include "electrostatics_model.h"

struct _p_DepPotential {
  StretchedGrid grid;
  Mat           A;
  KSP           ksp;
  Vec           rhs;
  DepBoundaryFn bc;
  void         *bcctx;
  char          prefix[64];
};

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

/* Face coefficient (area over centre distance) and boundary data of one boundary face. */
static PetscErrorCode BoundaryFace(DepPotential p, PetscInt b, PetscInt i, PetscInt j, PetscReal *coef, PetscReal *area,
                                   DepBCType *type, PetscReal *value)
{
  StretchedGrid g = p->grid;
  PetscReal     x = 0, z = 0;
  PetscFunctionBeginUser;
  switch (b) {
  case DEP_FOIL:
    x     = g->xc[i];
    z     = 0.0;
    *area = g->dx[i];
    *coef = g->dx[i] / (0.5 * g->dz[j]);
    break;
  case DEP_GUN_PLANE:
    x     = g->xc[i];
    z     = g->gap;
    *area = g->dx[i];
    *coef = g->dx[i] / (0.5 * g->dz[j]);
    break;
  case DEP_LEFT:
    x     = 0.0;
    z     = g->zc[j];
    *area = g->dz[j];
    *coef = g->dz[j] / (0.5 * g->dx[i]);
    break;
  default:
    x     = g->width;
    z     = g->zc[j];
    *area = g->dz[j];
    *coef = g->dz[j] / (0.5 * g->dx[i]);
    break;
  }
  PetscCall((*p->bc)(b, x, z, p->bcctx, type, value));
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
  PetscInt      xs, ys, xm, ym;
  PC            pc;
  PetscFunctionBeginUser;
  p->bc    = bc;
  p->bcctx = ctx;
  PetscCall(MatDestroy(&p->A));
  PetscCall(KSPDestroy(&p->ksp));
  PetscCall(VecDestroy(&p->rhs));
  PetscCall(DMCreateMatrix(g->da, &p->A));
  PetscCall(DMCreateGlobalVector(g->da, &p->rhs));
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  for (PetscInt j = ys; j < ys + ym; j++) {
    for (PetscInt i = xs; i < xs + xm; i++) {
      MatStencil  row = {.i = i, .j = j}, col[5];
      PetscScalar val[5];
      PetscInt    n    = 1;
      PetscReal   diag = 0.0;
      col[0]           = row;
      /* x faces */
      if (i > 0) {
        const PetscReal c = g->dz[j] / (g->xc[i] - g->xc[i - 1]);
        col[n]            = (MatStencil){.i = i - 1, .j = j};
        val[n++]          = -c;
        diag += c;
      }
      if (i < g->nx - 1) {
        const PetscReal c = g->dz[j] / (g->xc[i + 1] - g->xc[i]);
        col[n]            = (MatStencil){.i = i + 1, .j = j};
        val[n++]          = -c;
        diag += c;
      }
      if (j > 0) {
        const PetscReal c = g->dx[i] / (g->zc[j] - g->zc[j - 1]);
        col[n]            = (MatStencil){.i = i, .j = j - 1};
        val[n++]          = -c;
        diag += c;
      }
      if (j < g->nz - 1) {
        const PetscReal c = g->dx[i] / (g->zc[j + 1] - g->zc[j]);
        col[n]            = (MatStencil){.i = i, .j = j + 1};
        val[n++]          = -c;
        diag += c;
      }
      /* boundary faces: Dirichlet adds to the diagonal */
      {
        PetscInt bnd[4], nb = 0;
        if (j == 0) bnd[nb++] = DEP_FOIL;
        if (j == g->nz - 1) bnd[nb++] = DEP_GUN_PLANE;
        if (i == 0) bnd[nb++] = DEP_LEFT;
        if (i == g->nx - 1) bnd[nb++] = DEP_RIGHT;
        for (PetscInt b = 0; b < nb; b++) {
          PetscReal c, area, value;
          DepBCType type;
          PetscCall(BoundaryFace(p, bnd[b], i, j, &c, &area, &type, &value));
          if (type == DEP_BC_DIRICHLET) diag += c;
        }
      }
      val[0] = diag;
      PetscCall(MatSetValuesStencil(p->A, 1, &row, n, col, val, INSERT_VALUES));
    }
  }
  PetscCall(MatAssemblyBegin(p->A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(p->A, MAT_FINAL_ASSEMBLY));

  PetscCall(KSPCreate(PetscObjectComm((PetscObject) g->da), &p->ksp));
  PetscCall(KSPSetOptionsPrefix(p->ksp, p->prefix));
  PetscCall(KSPSetOperators(p->ksp, p->A, p->A));
  PetscCall(KSPSetType(p->ksp, KSPCG));
  PetscCall(KSPSetTolerances(p->ksp, 1e-10, 1e-50, PETSC_DEFAULT, 500));
  PetscCall(KSPGetPC(p->ksp, &pc));
#if defined(PETSC_HAVE_HYPRE)
  /* default: algebraic multigrid (BoomerAMG); its iteration counts stay flat with the grid (docs/deposition.md) */
  PetscCall(PCSetType(pc, PCHYPRE));
  PetscCall(PCHYPRESetType(pc, "boomeramg"));
#else
  PetscCall(SetUpGeometricMG(g, pc));
#endif
  {
    /* -<prefix>geometric_mg: geometric multigrid on the DMDA hierarchy (bilinear cell-centred transfer, Galerkin) */
    PetscBool gmg = PETSC_FALSE;
    PetscCall(PetscOptionsGetBool(NULL, p->prefix, "-geometric_mg", &gmg, NULL));
    if (gmg) PetscCall(SetUpGeometricMG(g, pc));
  }
  PetscCall(KSPSetFromOptions(p->ksp));
  PetscCall(KSPSetUp(p->ksp));
  PetscFunctionReturn(0);
}

PetscErrorCode DepPotentialSolve(DepPotential p, Vec rho, Vec phi, PetscInt *its)
{
  StretchedGrid       g = p->grid;
  PetscInt            xs, ys, xm, ym;
  PetscScalar       **r;
  const PetscScalar **q = NULL;
  KSPConvergedReason  reason;
  PetscFunctionBeginUser;
  PetscCheck(p->ksp, PETSC_COMM_SELF, PETSC_ERR_ORDER, "Call DepPotentialSetBoundary() first");
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArray(g->da, p->rhs, &r));
  if (rho) PetscCall(DMDAVecGetArrayRead(g->da, rho, &q));
  for (PetscInt j = ys; j < ys + ym; j++) {
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscReal b = q ? q[j][i] / DEP_EPS0 * g->dx[i] * g->dz[j] : 0.0;
      PetscInt  bnd[4], nb = 0;
      if (j == 0) bnd[nb++] = DEP_FOIL;
      if (j == g->nz - 1) bnd[nb++] = DEP_GUN_PLANE;
      if (i == 0) bnd[nb++] = DEP_LEFT;
      if (i == g->nx - 1) bnd[nb++] = DEP_RIGHT;
      for (PetscInt k = 0; k < nb; k++) {
        PetscReal c, area, value;
        DepBCType type;
        PetscCall(BoundaryFace(p, bnd[k], i, j, &c, &area, &type, &value));
        b += type == DEP_BC_DIRICHLET ? c * value : area * value;
      }
      r[j][i] = b;
    }
  }
  if (rho) PetscCall(DMDAVecRestoreArrayRead(g->da, rho, &q));
  PetscCall(DMDAVecRestoreArray(g->da, p->rhs, &r));
  PetscCall(KSPSolve(p->ksp, p->rhs, phi));
  PetscCall(KSPGetConvergedReason(p->ksp, &reason));
  PetscCheck(reason > 0, PetscObjectComm((PetscObject) g->da), PETSC_ERR_NOT_CONVERGED,
             "Electric potential solve did not converge (%s); try -%spc_type gamg", KSPConvergedReasons[reason],
             p->prefix);
  if (its) PetscCall(KSPGetIterationNumber(p->ksp, its));
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
  PetscCall(MatDestroy(&(*pot)->A));
  PetscCall(KSPDestroy(&(*pot)->ksp));
  PetscCall(VecDestroy(&(*pot)->rhs));
  PetscCall(PetscFree(*pot));
  PetscFunctionReturn(0);
}
