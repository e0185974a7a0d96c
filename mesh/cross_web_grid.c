/* Cross-web grid helpers (see cross_web_grid.h). */
#include "cross_web_grid.h"

PetscErrorCode CrossWebDMCreate(MPI_Comm comm, PetscInt ncells, PetscReal width, PetscInt sw, const char *prefix,
                                DM *dm)
{
  PetscReal dy = width / ncells;
  PetscFunctionBeginUser;
  PetscCall(DMDACreate1d(comm, DM_BOUNDARY_GHOSTED, ncells, 1, sw, NULL, dm));
  if (prefix) PetscCall(DMSetOptionsPrefix(*dm, prefix));
  PetscCall(DMSetFromOptions(*dm));
  PetscCall(DMSetUp(*dm));
  /* cell centres: the vertex-based DMDA coordinates shifted by half a cell */
  PetscCall(DMDASetUniformCoordinates(*dm, 0.5 * dy, width - 0.5 * dy, 0, 0, 0, 0));
  PetscFunctionReturn(0);
}

PetscErrorCode CrossWebVecFromReplicated(DM dm, const PetscReal rep[], Vec g)
{
  PetscInt     xs, xm;
  PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(dm, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArray(dm, g, &a));
  for (PetscInt i = xs; i < xs + xm; i++) a[i] = rep[i];
  PetscCall(DMDAVecRestoreArray(dm, g, &a));
  PetscFunctionReturn(0);
}

PetscErrorCode CrossWebVecToReplicated(Vec g, PetscReal rep[])
{
  VecScatter         sc;
  Vec                all;
  PetscInt           n;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  /* a 1D DMDA numbers its cells in natural order: global order is the cross-web order */
  PetscCall(VecScatterCreateToAll(g, &sc, &all));
  PetscCall(VecScatterBegin(sc, g, all, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(sc, g, all, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetSize(all, &n));
  PetscCall(VecGetArrayRead(all, &a));
  for (PetscInt i = 0; i < n; i++) rep[i] = PetscRealPart(a[i]);
  PetscCall(VecRestoreArrayRead(all, &a));
  PetscCall(VecScatterDestroy(&sc));
  PetscCall(VecDestroy(&all));
  PetscFunctionReturn(0);
}

PetscErrorCode CrossWebRestrict(PetscInt nfine, const PetscReal fine[], PetscInt ncoarse, PetscReal coarse[])
{
  PetscInt r;
  PetscFunctionBeginUser;
  PetscCheck(ncoarse > 0 && nfine % ncoarse == 0, PETSC_COMM_SELF, PETSC_ERR_ARG_INCOMP,
             "fine grid (%" PetscInt_FMT " cells) is not a multiple of the coarse grid (%" PetscInt_FMT ")", nfine,
             ncoarse);
  r = nfine / ncoarse;
  for (PetscInt j = 0; j < ncoarse; j++) {
    PetscReal s = 0.0;
    for (PetscInt i = 0; i < r; i++) s += fine[j * r + i];
    coarse[j] = s / r;
  }
  PetscFunctionReturn(0);
}
