/* Cross-web grid helpers: a 1D cell-centred DMDA across the coated width and the transfer between its
 * distributed Vecs and the replicated cross-web arrays of the Web. */
#pragma once
#include <petscdmda.h>

/* 1D DMDA of ncells cells over [0, width] (m), one dof, stencil width sw, ghosted (not periodic) ends,
 * uniform cell-centre coordinates; options prefix (may be NULL) and DMSetFromOptions. */
PETSC_EXTERN PetscErrorCode CrossWebDMCreate(MPI_Comm comm, PetscInt ncells, PetscReal width, PetscInt sw,
                                             const char *prefix, DM *dm);
/* Copy a replicated array (every rank holds all ncells values) into the owned part of a global Vec. */
PETSC_EXTERN PetscErrorCode CrossWebVecFromReplicated(DM dm, const PetscReal rep[], Vec g);
/* Gather a global Vec into a replicated array on every rank. */
PETSC_EXTERN PetscErrorCode CrossWebVecToReplicated(Vec g, PetscReal rep[]);
/* Conservative restriction of nfine = r * ncoarse uniform cells onto ncoarse cells (cell averages). */
PETSC_EXTERN PetscErrorCode CrossWebRestrict(PetscInt nfine, const PetscReal fine[], PetscInt ncoarse,
                                             PetscReal coarse[]);
