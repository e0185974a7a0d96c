/* Manufactured solution for the deposition potential solver on a stretched grid:
 *   phi = exp(x) sin(2 z) on [0,1] x [0,0.5],  rho/eps0 = -lap(phi) = 3 exp(x) sin(2 z).
 * Foil: Dirichlet; gun plane: Dirichlet on the left half, Neumann on the right half (both kinds the stage uses);
 * left wall: Robin (grounded conductor 1 m behind it, which the exact solution satisfies); right wall: Neumann. Checks
 * the discrete L2 error falls with order >= 1.8 over 32, 64, 128 cells and that the multigrid solve converges. */
#include "physics/deposition_potential.h"
#include "physics/electrostatics_model.h"

static PetscReal Exact(PetscReal x, PetscReal z)
{
  return PetscExpReal(x) * PetscSinReal(2.0 * z);
}

static PetscErrorCode BC(PetscInt b, PetscReal x, PetscReal z, void *ctx, DepBCType *type, PetscReal *value)
{
  PetscFunctionBeginUser;
  switch (b) {
  case DEP_FOIL:
    *type  = DEP_BC_DIRICHLET;
    *value = Exact(x, z);
    break;
  case DEP_GUN_PLANE:
    if (x < 0.5) {
      *type  = DEP_BC_DIRICHLET;
      *value = Exact(x, z);
    } else {
      *type  = DEP_BC_NEUMANN;
      *value = 2.0 * PetscExpReal(x) * PetscCosReal(2.0 * z);
    }
    break;
  case DEP_LEFT:
    /* Robin: grounded conductor at distance 1 beyond x = 0: dphi/dn = -dphi/dx = -exp(0) sin 2z = -phi/1, exact */
    *type  = DEP_BC_ROBIN;
    *value = 1.0;
    break;
  default:
    *type  = DEP_BC_NEUMANN;
    *value = PetscExpReal(x) * PetscSinReal(2.0 * z);
    break;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Run(PetscInt n, PetscReal beta, PetscReal *err, PetscInt *its)
{
  StretchedGrid g;
  DepPotential  p;
  Vec           rho, phi;
  PetscScalar **r, **f;
  PetscInt      xs, ys, xm, ym;
  PetscReal     e2 = 0.0;
  PetscFunctionBeginUser;
  PetscCall(StretchedGridCreate(PETSC_COMM_WORLD, n, n, 1.0, 0.5, beta, &g));
  PetscCall(DepPotentialCreate(g, "dep_potential_", &p));
  PetscCall(DepPotentialSetBoundary(p, BC, NULL));
  PetscCall(DMCreateGlobalVector(g->da, &rho));
  PetscCall(VecDuplicate(rho, &phi));
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArray(g->da, rho, &r));
  /* cell average of the source by 2x2 Gauss points, so that the source is second-order exact */
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscReal s = 0.0;
      for (PetscInt a = 0; a < 2; a++)
        for (PetscInt c = 0; c < 2; c++) {
          const PetscReal x = g->xc[i] + (a ? 1 : -1) * g->dx[i] / (2.0 * PetscSqrtReal(3.0));
          const PetscReal z = g->zc[j] + (c ? 1 : -1) * g->dz[j] / (2.0 * PetscSqrtReal(3.0));
          s += 0.25 * 3.0 * PetscExpReal(x) * PetscSinReal(2.0 * z);
        }
      r[j][i] = s * DEP_EPS0;
    }
  PetscCall(DMDAVecRestoreArray(g->da, rho, &r));
  PetscCall(DepPotentialSolve(p, rho, 1.0, phi, its));
  PetscCall(DMDAVecGetArray(g->da, phi, &f));
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) e2 += PetscSqr(f[j][i] - Exact(g->xc[i], g->zc[j])) * g->dx[i] * g->dz[j];
  PetscCall(DMDAVecRestoreArray(g->da, phi, &f));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &e2, 1, MPIU_REAL, MPIU_SUM, PETSC_COMM_WORLD));
  *err = PetscSqrtReal(e2 / 0.5);
  PetscCall(VecDestroy(&rho));
  PetscCall(VecDestroy(&phi));
  PetscCall(DepPotentialDestroy(&p));
  PetscCall(StretchedGridDestroy(&g));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const PetscInt n[3] = {32, 64, 128};
  PetscReal      err[3], beta = 2.0;
  PetscInt       its[3], fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-stretching", &beta, NULL));
  for (PetscInt k = 0; k < 3; k++) {
    PetscCall(Run(n[k], beta, &err[k], &its[k]));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "n = %4" PetscInt_FMT "  L2 error %.4e  CG+MG iterations %" PetscInt_FMT "\n", n[k],
                          (double) err[k], its[k]));
  }
  for (PetscInt k = 1; k < 3; k++) {
    const PetscReal order = PetscLog2Real(err[k - 1] / err[k]);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "observed order %" PetscInt_FMT "->%" PetscInt_FMT ": %.3f\n", n[k - 1],
                          n[k], (double) order));
    if (!(order >= 1.8)) fail++; /* a NaN fails too */
  }
  if (!(err[2] <= 1e-4)) fail++;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "FAIL" : "PASS"));
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
