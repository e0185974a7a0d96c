/* HDF5 helpers for the results file: replicated arrays and scalars with unit attributes, and the
 * write-to-temporary-then-rename protocol that keeps a half-written file from ever carrying the
 * results name. All ranks of the viewer's communicator call every function (HDF5 metadata is
 * collective); rank 0 writes the data of replicated arrays. */
#pragma once
#include <petscviewerhdf5.h>

/* Write a replicated array (same on every rank) as dataset group/name with attributes unit, description.
 * dims: ndims sizes (1 or 2, row-major). */
PETSC_EXTERN PetscErrorCode H5WriteArray(PetscViewer v, const char *group, const char *name, PetscInt ndims,
                                         const PetscInt dims[], const PetscReal *data, const char *unit,
                                         const char *description);
PETSC_EXTERN PetscErrorCode H5WriteScalar(PetscViewer v, const char *group, const char *name, PetscReal value,
                                          const char *unit, const char *description);
/* Fixed-length string array dataset. */
PETSC_EXTERN PetscErrorCode H5WriteStrings(PetscViewer v, const char *group, const char *name, PetscInt n,
                                           const char *const strings[], const char *description);
PETSC_EXTERN PetscErrorCode H5WriteStringAttribute(PetscViewer v, const char *path, const char *attr,
                                                   const char *value);

/* Before any work: the target is absent or a regular file (or a link, which the rename replaces without
 * following it), not the input file, in a writable directory. An input error otherwise. */
PETSC_EXTERN PetscErrorCode H5CheckTarget(MPI_Comm comm, const char *final_name, const char *input_name);
/* A new empty file beside the final one, created exclusively under a unique name; then the final rename
 * (rank 0, after fsync) or the clean-up after an error. */
PETSC_EXTERN PetscErrorCode H5CreateTemporary(MPI_Comm comm, const char *final_name, char *tmp, size_t len);
PETSC_EXTERN PetscErrorCode H5Commit(MPI_Comm comm, const char *tmp, const char *final_name);
PETSC_EXTERN PetscErrorCode H5Discard(MPI_Comm comm, const char *tmp);
