/* DepPotential: electric potential in the gun-to-foil gap with space charge, cell-centred finite volumes on a
 * StretchedGrid, solved with KSP.
 *   -div(eps0 grad phi) = rho   in the gap; phi in V, rho in C/m3 (air: relative permittivity 1).
 * The KSP carries the grid's DMDA (KSPSetDM + KSPSetComputeOperators): the operator is assembled by a callback that
 * works on any DMDA of the coarsening hierarchy (the stretched geometry of a coarse level is the fine one with every
 * 2^l-th face), so PETSc's own PCMG can build and rediscretise a geometric hierarchy from the command line
 * (-<prefix>pc_mg_galerkin none, -<prefix>pc_mg_levels n). Default: CG preconditioned by BoomerAMG (hypre; PETSc
 * built without hypre: the bilinear multigrid). -<prefix>bilinear_mg: geometric multigrid on the DMDA hierarchy
 * (PCMG, as many levels as halve every rank's block down to >= 4 cells, cell-centred bilinear interpolation, Galerkin
 * coarse operators, Chebyshev/SOR smoothing). Options prefix given at creation (the stage uses "dep_potential_":
 * -dep_potential_ksp_monitor, -dep_potential_pc_type mg, ...). */
#pragma once
#include "../mesh/stretched_grid.h"
#include <petscksp.h>

/* Dirichlet: phi = value on the face. Neumann: outward normal derivative dphi/dn = value (V/m). Robin: a grounded
 * conductor at distance value (m) beyond the face with nothing in between (1D capacitor): dphi/dn = -phi/value. */
typedef enum { DEP_BC_DIRICHLET, DEP_BC_NEUMANN, DEP_BC_ROBIN } DepBCType;
/* Boundaries of the section. */
enum { DEP_FOIL = 0, DEP_GUN_PLANE = 1, DEP_LEFT = 2, DEP_RIGHT = 3 };
/* Boundary condition at the face centre (x, z) of a boundary: type and value (see DepBCType). The types must not
 * change between solves (the operator is kept). */
typedef PetscErrorCode (*DepBoundaryFn)(PetscInt boundary, PetscReal x, PetscReal z, void *ctx, DepBCType *type,
                                        PetscReal *value);

typedef struct _p_DepPotential *DepPotential;

PETSC_EXTERN PetscErrorCode DepPotentialCreate(StretchedGrid grid, const char *prefix, DepPotential *pot);
/* Set the boundary conditions and set up the solver (options are read here). */
PETSC_EXTERN PetscErrorCode DepPotentialSetBoundary(DepPotential pot, DepBoundaryFn bc, void *ctx);
/* Solve for phi (a global Vec of grid->da) with the boundary values multiplied by bc_scale (1: as given; 0: the
 * homogeneous problem, i.e. the potential of the charge alone). charge_density (C/m3, global Vec of grid->da) may be
 * NULL. A solve that does not converge is an error. */
PETSC_EXTERN PetscErrorCode DepPotentialSolve(DepPotential pot, Vec charge_density, PetscReal bc_scale, Vec phi,
                                              PetscInt *iterations);
/* x = A^{-1} b for the assembled operator A (symmetric): with b the weights of a linear functional of phi, x is its
 * Green's vector (the functional of the potential of a charge rho is x . rho dx dz/eps0). */
PETSC_EXTERN PetscErrorCode DepPotentialApplyInverse(DepPotential pot, Vec b, Vec x);
PETSC_EXTERN PetscErrorCode DepPotentialGetKSP(DepPotential pot, KSP *ksp);
PETSC_EXTERN PetscErrorCode DepPotentialDestroy(DepPotential *pot);
/* Face coefficient area/distance of a boundary face of half-cell depth h (m) and area a (m per metre), for the
 * boundary type: Dirichlet a/h, Robin a/(h + value), Neumann 0 (the flux is then a * value). */
PETSC_EXTERN PetscReal DepBoundaryCoefficient(DepBCType type, PetscReal value, PetscReal area, PetscReal half_depth);
