/* Landau-transformed 1D grid for the drying film (see landau_grid.h and docs/drying.md). */
#include "landau_grid.h"

PetscErrorCode LandauGridCreate(PetscInt n, PetscReal stretch, LandauGrid *grid)
{
  LandauGrid g;
  Vec        coords;
  PetscReal *c;
  PetscFunctionBeginUser;
  PetscCheck(n >= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "Landau grid needs at least 2 cells, got %" PetscInt_FMT, n);
  PetscCheck(stretch >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Landau grid stretching must be >= 0");
  PetscCall(PetscNew(&g));
  g->n       = n;
  g->stretch = stretch;
  PetscCall(PetscMalloc3(n + 1, &g->xf, n, &g->xc, n, &g->dx));
  for (PetscInt k = 0; k <= n; k++) {
    PetscReal u = (PetscReal) k / (PetscReal) n;
    g->xf[k]    = stretch > 1e-8 ? PetscTanhReal(stretch * u) / PetscTanhReal(stretch) : u;
  }
  g->xf[0] = 0.0;
  g->xf[n] = 1.0;
  for (PetscInt i = 0; i < n; i++) {
    g->xc[i] = 0.5 * (g->xf[i] + g->xf[i + 1]);
    g->dx[i] = g->xf[i + 1] - g->xf[i];
  }
  PetscCall(DMDACreate1d(PETSC_COMM_SELF, DM_BOUNDARY_NONE, n, 1, 1, NULL, &g->da));
  PetscCall(DMSetOptionsPrefix(g->da, "landau_"));
  PetscCall(DMSetUp(g->da));
  PetscCall(DMDASetUniformCoordinates(g->da, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0));
  PetscCall(DMGetCoordinates(g->da, &coords));
  PetscCall(VecGetArray(coords, &c));
  for (PetscInt i = 0; i < n; i++) c[i] = g->xc[i];
  PetscCall(VecRestoreArray(coords, &c));
  *grid = g;
  PetscFunctionReturn(0);
}

PetscErrorCode LandauGridDestroy(LandauGrid *grid)
{
  PetscFunctionBeginUser;
  if (!*grid) PetscFunctionReturn(0);
  PetscCall(DMDestroy(&(*grid)->da));
  PetscCall(PetscFree3((*grid)->xf, (*grid)->xc, (*grid)->dx));
  PetscCall(PetscFree(*grid));
  PetscFunctionReturn(0);
}

PetscReal LandauGridTopFraction(LandauGrid g, const PetscReal q[], PetscReal xi0)
{
  PetscReal top = 0.0, total = 0.0;
  for (PetscInt i = 0; i < g->n; i++) {
    PetscReal m = q[i] * g->dx[i];
    total += m;
    if (g->xf[i] >= xi0)
      top += m;
    else if (g->xf[i + 1] > xi0)
      top += m * (g->xf[i + 1] - xi0) / g->dx[i];
  }
  return total > 0.0 ? top / total : 0.0;
}
