/* StretchedGrid: DMDA with stretched spacing towards z = 0 and its finite-volume geometry. */
#include "stretched_grid.h"

PetscReal StretchedGridMap(PetscReal s, PetscReal beta)
{
  if (beta <= 0.0) return s;
  return 1.0 - PetscTanhReal(beta * (1.0 - s)) / PetscTanhReal(beta);
}

PetscErrorCode StretchedGridCreate(MPI_Comm comm, PetscInt nx, PetscInt nz, PetscReal width, PetscReal gap,
                                   PetscReal stretching, StretchedGrid *grid)
{
  PetscFunctionBeginUser;
  PetscCall(StretchedGridCreateLayout(comm, nx, nz, PETSC_DECIDE, PETSC_DECIDE, width, gap, stretching, grid));
  PetscFunctionReturn(0);
}

PetscErrorCode StretchedGridCreateLayout(MPI_Comm comm, PetscInt nx, PetscInt nz, PetscInt px, PetscInt pz,
                                         PetscReal width, PetscReal gap, PetscReal stretching, StretchedGrid *grid)
{
  StretchedGrid g;
  PetscFunctionBeginUser;
  PetscCheck(nx > 1 && nz > 1 && width > 0 && gap > 0, comm, PETSC_ERR_ARG_OUTOFRANGE,
             "StretchedGrid needs cells and a size");
  PetscCall(PetscNew(&g));
  g->nx         = nx;
  g->nz         = nz;
  g->width      = width;
  g->gap        = gap;
  g->stretching = stretching;
  PetscCall(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, nx, nz, px, pz, 1, 1, NULL, NULL,
                         &g->da));
  PetscCall(DMDASetInterpolationType(g->da, DMDA_Q0));
  PetscCall(DMSetUp(g->da));
  PetscCall(PetscMalloc6(nx + 1, &g->xf, nz + 1, &g->zf, nx, &g->xc, nz, &g->zc, nx, &g->dx, nz, &g->dz));
  for (PetscInt i = 0; i <= nx; i++) g->xf[i] = width * (PetscReal) i / nx;
  for (PetscInt j = 0; j <= nz; j++) g->zf[j] = gap * StretchedGridMap((PetscReal) j / nz, stretching);
  g->zf[0]  = 0.0;
  g->zf[nz] = gap;
  for (PetscInt i = 0; i < nx; i++) {
    g->xc[i] = 0.5 * (g->xf[i] + g->xf[i + 1]);
    g->dx[i] = g->xf[i + 1] - g->xf[i];
  }
  for (PetscInt j = 0; j < nz; j++) {
    g->zc[j] = 0.5 * (g->zf[j] + g->zf[j + 1]);
    g->dz[j] = g->zf[j + 1] - g->zf[j];
  }
  *grid = g;
  PetscFunctionReturn(0);
}

PetscErrorCode StretchedGridDestroy(StretchedGrid *grid)
{
  PetscFunctionBeginUser;
  if (!*grid) PetscFunctionReturn(0);
  PetscCall(DMDestroy(&(*grid)->da));
  PetscCall(PetscFree6((*grid)->xf, (*grid)->zf, (*grid)->xc, (*grid)->zc, (*grid)->dx, (*grid)->dz));
  PetscCall(PetscFree(*grid));
  PetscFunctionReturn(0);
}

PetscInt StretchedGridMaxLevels(StretchedGrid g, PetscInt min_cells)
{
  PetscInt levels = 1, nx = g->nx, nz = g->nz;
  while (nx % 2 == 0 && nz % 2 == 0 && nx / 2 >= min_cells && nz / 2 >= min_cells) {
    nx /= 2;
    nz /= 2;
    levels++;
  }
  return levels;
}
