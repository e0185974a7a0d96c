/* StretchedGrid: a 2D cell-centred finite-volume grid on a DMDA, x (index i) across the web width [0, width],
 * z (index j) across a gap [0, gap] with the cells clustered towards z = 0 (the foil) by a tanh map.
 * Face positions are replicated on every rank (they are small); the DMDA distributes the cells. */
#pragma once
#include <petscdmda.h>

typedef struct {
  DM         da;         /* dof 1, star stencil of width 1, DMDA_Q0 interpolation (cell-centred multigrid) */
  PetscInt   nx, nz;     /* cells across the width and across the gap */
  PetscReal  width, gap; /* m */
  PetscReal  stretching; /* -, tanh clustering strength beta (0: uniform) */
  PetscReal *xf, *zf;    /* m, nx+1 and nz+1 face positions */
  PetscReal *xc, *zc;    /* m, cell centres */
  PetscReal *dx, *dz;    /* m, cell widths (the 2D cell "volume" is dx dz per metre along the machine) */
} StretchedGridData;
typedef StretchedGridData *StretchedGrid;

/* Face position of the stretched coordinate: s in [0, 1] -> z/gap = 1 - tanh(beta (1 - s))/tanh(beta). */
PETSC_EXTERN PetscReal      StretchedGridMap(PetscReal s, PetscReal beta);
PETSC_EXTERN PetscErrorCode StretchedGridCreate(MPI_Comm comm, PetscInt nx, PetscInt nz, PetscReal width, PetscReal gap,
                                                PetscReal stretching, StretchedGrid *grid);
/* The same with the processor layout given (px ranks across x, pz across z; PETSC_DECIDE as for DMDACreate2d). */
PETSC_EXTERN PetscErrorCode StretchedGridCreateLayout(MPI_Comm comm, PetscInt nx, PetscInt nz, PetscInt px, PetscInt pz,
                                                      PetscReal width, PetscReal gap, PetscReal stretching,
                                                      StretchedGrid *grid);
PETSC_EXTERN PetscErrorCode StretchedGridDestroy(StretchedGrid *grid);
/* Number of multigrid levels such that each level halves both directions down to >= min_cells cells. */
PETSC_EXTERN PetscInt StretchedGridMaxLevels(StretchedGrid grid, PetscInt min_cells);
