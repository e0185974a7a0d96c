/* Potential solve of the deposition section (3 guns at -25 kV on a 0.6 m web, 0.2 m gap, stretched grid, uniform
 * negative space charge) at nx x nz cells: iterations and solve time of the second solve (the first one sets up). */
#pragma once
#include "physics/deposition_potential.h"

typedef struct {
  PetscReal xg[3], half, V;
} ScalingGuns;

static PetscErrorCode ScalingBC(PetscInt b, PetscReal x, PetscReal z, void *ctx, DepBCType *type, PetscReal *value)
{
  const ScalingGuns *g = (const ScalingGuns *) ctx;
  PetscFunctionBeginUser;
  *type  = DEP_BC_NEUMANN;
  *value = 0.0;
  if (b == DEP_FOIL) *type = DEP_BC_DIRICHLET;
  if (b == DEP_GUN_PLANE)
    for (PetscInt k = 0; k < 3; k++)
      if (PetscAbsReal(x - g->xg[k]) <= g->half) {
        *type  = DEP_BC_DIRICHLET;
        *value = -g->V;
      }
  PetscFunctionReturn(0);
}

/* The section on nx x nz cells with its potential solved once (the first solve sets the preconditioner up). Held on
 * the heap: the potential keeps a pointer to the guns. */
typedef struct {
  StretchedGrid g;
  DepPotential  p;
  Vec           rho, phi;
  ScalingGuns   guns;
  PetscInt      its;
} ScalingProblem;

static inline PetscErrorCode ScalingProblemCreate(PetscInt nx, PetscInt nz, ScalingProblem **out)
{
  ScalingProblem *sp = NULL;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&sp));
  sp->guns = (ScalingGuns){{0.1, 0.3, 0.5}, 0.01, 25e3};
  PetscCall(StretchedGridCreate(PETSC_COMM_WORLD, nx, nz, 0.6, 0.2, 2.0, &sp->g));
  sp->guns.half = PetscMax(sp->guns.half, 0.5001 * 0.6 / nx);
  PetscCall(DepPotentialCreate(sp->g, "dep_potential_", &sp->p));
  PetscCall(DepPotentialSetBoundary(sp->p, ScalingBC, &sp->guns));
  PetscCall(DMCreateGlobalVector(sp->g->da, &sp->rho));
  PetscCall(VecDuplicate(sp->rho, &sp->phi));
  PetscCall(VecSet(sp->rho, -1e-5)); /* C/m3, order of the corona ion space charge */
  PetscCall(DepPotentialSolve(sp->p, sp->rho, 1.0, sp->phi, &sp->its));
  *out = sp;
  PetscFunctionReturn(0);
}

static inline PetscErrorCode ScalingProblemDestroy(ScalingProblem **sp)
{
  PetscFunctionBeginUser;
  PetscCall(VecDestroy(&(*sp)->rho));
  PetscCall(VecDestroy(&(*sp)->phi));
  PetscCall(DepPotentialDestroy(&(*sp)->p));
  PetscCall(StretchedGridDestroy(&(*sp)->g));
  PetscCall(PetscFree(*sp));
  PetscFunctionReturn(0);
}

static inline PetscErrorCode PotentialScalingRunRect(PetscInt nx, PetscInt nz, PetscInt *its, PetscLogDouble *seconds,
                                                     PetscInt *mg_levels)
{
  ScalingProblem *sp = NULL;
  PetscLogDouble  t0, t1;
  PetscFunctionBeginUser;
  PetscCall(ScalingProblemCreate(nx, nz, &sp));
  PetscCall(VecZeroEntries(sp->phi));
  PetscCall(PetscTime(&t0));
  PetscCall(DepPotentialSolve(sp->p, sp->rho, 1.0, sp->phi, its));
  PetscCall(PetscTime(&t1));
  *seconds = t1 - t0;
  if (mg_levels) {
    KSP       ksp;
    PC        pc;
    PetscBool mg;
    PetscCall(DepPotentialGetKSP(sp->p, &ksp));
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PetscObjectTypeCompare((PetscObject) pc, PCMG, &mg));
    *mg_levels = 0;
    if (mg) PetscCall(PCMGGetLevels(pc, mg_levels));
  }
  PetscCall(ScalingProblemDestroy(&sp));
  PetscFunctionReturn(0);
}

static inline PetscErrorCode PotentialScalingRun(PetscInt n, PetscInt *its, PetscLogDouble *seconds,
                                                 PetscInt *mg_levels)
{
  PetscFunctionBeginUser;
  PetscCall(PotentialScalingRunRect(n, n, its, seconds, mg_levels));
  PetscFunctionReturn(0);
}

/* The finest interpolation of the stage's bilinear multigrid (-dep_potential_bilinear_mg) on nx x nz cells, applied to
 * the coarse field a + b i' + c j' in fine-cell index units (coarse cell (ic, jc) has its centre at i' = 2 ic + 1/2,
 * j' = 2 jc + 1/2): 9/16, 3/16, 3/16, 1/16 of the four nearest coarse cells reproduce a linear field exactly, so every
 * fine cell (i, j) off the walls must hold a + b i + c j (the walls extrapolate constantly). The largest deviation
 * relative to the field's range. On several ranks this holds the renumbering of rows and columns between the natural
 * and PETSc orderings, provided the ranks split x (a split in z alone keeps the natural order: PETSc splits a wide grid
 * such as 128 x 32 in x, a square one in z). */
static inline PetscErrorCode PotentialInterpolationError(PetscInt nx, PetscInt nz, PetscReal *err)
{
  ScalingProblem     *sp = NULL;
  Vec                 vc, vf;
  KSP                 ksp;
  PC                  pc;
  Mat                 P;
  DM                  dmc;
  PetscInt            nl, xs, ys, xm, ym;
  PetscScalar       **c;
  const PetscScalar **f;
  const PetscReal     a = 1.0, b = 0.37, cz = -0.21;
  PetscReal           e = 0.0;
  PetscFunctionBeginUser;
  PetscCall(ScalingProblemCreate(nx, nz, &sp));
  PetscCall(DepPotentialGetKSP(sp->p, &ksp));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCMGGetLevels(pc, &nl));
  PetscCheck(nl > 1, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "run with -dep_potential_bilinear_mg");
  PetscCall(PCMGGetInterpolation(pc, nl - 1, &P));
  PetscCall(DMCoarsen(sp->g->da, PETSC_COMM_WORLD, &dmc));
  PetscCall(DMCreateGlobalVector(dmc, &vc));
  PetscCall(DMDAGetCorners(dmc, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArray(dmc, vc, &c));
  for (PetscInt jc = ys; jc < ys + ym; jc++)
    for (PetscInt ic = xs; ic < xs + xm; ic++) c[jc][ic] = a + b * (2 * ic + 0.5) + cz * (2 * jc + 0.5);
  PetscCall(DMDAVecRestoreArray(dmc, vc, &c));
  PetscCall(VecDuplicate(sp->phi, &vf));
  PetscCall(MatMult(P, vc, vf));
  PetscCall(DMDAGetCorners(sp->g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayRead(sp->g->da, vf, &f));
  for (PetscInt j = PetscMax(ys, 1); j < PetscMin(ys + ym, nz - 1); j++)
    for (PetscInt i = PetscMax(xs, 1); i < PetscMin(xs + xm, nx - 1); i++)
      e = PetscMax(e, PetscAbsReal(f[j][i] - (a + b * i + cz * j)));
  PetscCall(DMDAVecRestoreArrayRead(sp->g->da, vf, &f));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &e, 1, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
  *err = e / (PetscAbsReal(b) * nx + PetscAbsReal(cz) * nz);
  PetscCall(VecDestroy(&vc));
  PetscCall(VecDestroy(&vf));
  PetscCall(DMDestroy(&dmc));
  PetscCall(ScalingProblemDestroy(&sp));
  PetscFunctionReturn(0);
}

/* One line per grid: cells, iterations, solve time and, from the second grid on, the time ratio beside the
 * N and N log N ratios. */
static inline PetscErrorCode PotentialScalingPrint(PetscInt k, const PetscInt n[], const PetscInt its[],
                                                   const PetscLogDouble t[])
{
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%5" PetscInt_FMT "^2 cells: %3" PetscInt_FMT " iterations, solve %.4f s",
                        n[k], its[k], t[k]));
  if (k) {
    const PetscReal N0 = (PetscReal) n[k - 1] * n[k - 1], N1 = (PetscReal) n[k] * n[k];
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, ", time ratio %.2f (N ratio 4, N log N ratio %.2f)", t[k] / t[k - 1],
                          (double) (N1 * PetscLogReal(N1) / (N0 * PetscLogReal(N0)))));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\n"));
  PetscFunctionReturn(0);
}
