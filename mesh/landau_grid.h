/* Landau-transformed through-thickness grid of a shrinking film: xi = z / h(t) in [0, 1], xi = 0 at the
 * foil, xi = 1 at the free (evaporating) surface. Cell-centred finite volumes; the faces may be clustered
 * towards the top surface, where the binder boundary layer forms, by a smooth tanh map (second order is
 * kept because the map is smooth). The grid lives on PETSC_COMM_SELF: the through-thickness problem is
 * tiny and every rank holds all of it. */
#pragma once
#include <petscdmda.h>

typedef struct {
  PetscInt   n;       /* number of cells */
  PetscReal  stretch; /* tanh clustering parameter beta (0 = uniform) */
  PetscReal *xf;      /* n+1 face positions, xf[0] = 0, xf[n] = 1 (-) */
  PetscReal *xc;      /* n cell centres (midpoints of the faces) (-) */
  PetscReal *dx;      /* n cell widths (-) */
  DM         da;      /* 1D DMDA (dof 1, stencil width 1) with the centres as coordinates */
} LandauGridData;
typedef LandauGridData *LandauGrid;

/* Faces xf(u) = tanh(beta u) / tanh(beta), u = k/n: cells shrink towards xi = 1 for beta > 0. */
PETSC_EXTERN PetscErrorCode LandauGridCreate(PetscInt n, PetscReal stretch, LandauGrid *grid);
PETSC_EXTERN PetscErrorCode LandauGridDestroy(LandauGrid *grid);
/* Fraction of a cell-wise quantity q (per unit xi) that lies in xi in [xi0, 1] (partial cells counted
 * proportionally); used for the binder migration index (top 10 % of the dry film). */
PETSC_EXTERN PetscReal LandauGridTopFraction(LandauGrid grid, const PetscReal q[], PetscReal xi0);
