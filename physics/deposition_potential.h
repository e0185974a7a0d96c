/* DepPotential: electric potential in the gun-to-foil gap with space charge, cell-centred finite volumes on a
 * StretchedGrid, solved with KSP (default CG + geometric multigrid on the DMDA hierarchy, Galerkin coarse
 * operators; options prefix given at creation, e.g. "dep_": -dep_ksp_monitor, -dep_pc_type gamg).
 *   -div(eps0 grad phi) = rho   in the gap; phi in V, rho in C/m3 (air: relative permittivity 1). */
#pragma once
#include "../mesh/stretched_grid.h"
#include <petscksp.h>

typedef enum { DEP_BC_DIRICHLET, DEP_BC_NEUMANN } DepBCType;
/* Boundaries of the section. */
enum { DEP_FOIL = 0, DEP_GUN_PLANE = 1, DEP_LEFT = 2, DEP_RIGHT = 3 };
/* Boundary condition at the face centre (x, z) of a boundary: Dirichlet value phi (V) or Neumann outward
 * normal derivative dphi/dn (V/m). The types must not change between solves (the matrix is kept). */
typedef PetscErrorCode (*DepBoundaryFn)(PetscInt boundary, PetscReal x, PetscReal z, void *ctx, DepBCType *type,
                                        PetscReal *value);

typedef struct _p_DepPotential *DepPotential;

PETSC_EXTERN PetscErrorCode DepPotentialCreate(StretchedGrid grid, const char *prefix, DepPotential *pot);
/* Assemble the operator for these boundary types and set up the solver (options are read here). */
PETSC_EXTERN PetscErrorCode DepPotentialSetBoundary(DepPotential pot, DepBoundaryFn bc, void *ctx);
/* Solve for phi (a global Vec of grid->da); charge_density (C/m3, global Vec of grid->da) may be NULL. */
PETSC_EXTERN PetscErrorCode DepPotentialSolve(DepPotential pot, Vec charge_density, Vec phi, PetscInt *iterations);
PETSC_EXTERN PetscErrorCode DepPotentialGetKSP(DepPotential pot, KSP *ksp);
PETSC_EXTERN PetscErrorCode DepPotentialDestroy(DepPotential *pot);
