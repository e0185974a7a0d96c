/* Potential solve of the deposition section (3 guns at -25 kV on a 0.6 m web, 0.2 m gap, stretched grid, uniform
 * negative space charge) at n x n cells: iterations and solve time of the second solve (the first one sets up). */
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

static inline PetscErrorCode PotentialScalingRun(PetscInt n, PetscInt *its, PetscLogDouble *seconds,
                                                 PetscInt *mg_levels)
{
  StretchedGrid  g;
  DepPotential   p;
  Vec            rho, phi;
  ScalingGuns    guns = {{0.1, 0.3, 0.5}, 0.01, 25e3};
  PetscLogDouble t0, t1;
  PetscFunctionBeginUser;
  PetscCall(StretchedGridCreate(PETSC_COMM_WORLD, n, n, 0.6, 0.2, 2.0, &g));
  guns.half = PetscMax(guns.half, 0.5001 * 0.6 / n);
  PetscCall(DepPotentialCreate(g, "dep_potential_", &p));
  PetscCall(DepPotentialSetBoundary(p, ScalingBC, &guns));
  PetscCall(DMCreateGlobalVector(g->da, &rho));
  PetscCall(VecDuplicate(rho, &phi));
  PetscCall(VecSet(rho, -1e-5)); /* C/m3, order of the corona ion space charge */
  PetscCall(DepPotentialSolve(p, rho, 1.0, phi, its));
  PetscCall(VecZeroEntries(phi));
  PetscCall(PetscTime(&t0));
  PetscCall(DepPotentialSolve(p, rho, 1.0, phi, its));
  PetscCall(PetscTime(&t1));
  *seconds = t1 - t0;
  if (mg_levels) {
    KSP       ksp;
    PC        pc;
    PetscBool mg;
    PetscCall(DepPotentialGetKSP(p, &ksp));
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PetscObjectTypeCompare((PetscObject) pc, PCMG, &mg));
    *mg_levels = 0;
    if (mg) PetscCall(PCMGGetLevels(pc, mg_levels));
  }
  PetscCall(VecDestroy(&rho));
  PetscCall(VecDestroy(&phi));
  PetscCall(DepPotentialDestroy(&p));
  PetscCall(StretchedGridDestroy(&g));
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
