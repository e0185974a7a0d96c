/* HDF5 helpers for the results file: replicated arrays and scalars with unit attributes, and the
 * write-to-temporary-then-rename protocol that keeps a half-written file from ever carrying the
 * results name. All ranks of the viewer's communicator call every function (HDF5 metadata is
 * collective); rank 0 writes the data of replicated arrays.
 *
 * Errors are decided collectively: every helper ends with a vote of all ranks (and votes once more right
 * after its data write, before any further collective HDF5 call), so that a failure on one rank (a full disk,
 * an I/O error) makes every rank return the same PETSC_ERR_FILE_WRITE at the same point instead of leaving the
 * others waiting in a collective call. A rank that fails waits a bounded time (-results_agree_timeout, 60 s)
 * for the others to reach the vote; if they do not (they wait inside a collective HDF5 call made by code that
 * does not vote, such as VecView), it removes the temporary files and aborts the run with exit status 1. */
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
/* The collective decision after a step that may have failed on some ranks (local: this rank's error code, 0 if
 * none; what: names the step in the message). Returns PETSC_ERR_FILE_WRITE on every rank if any rank failed. */
PETSC_EXTERN PetscErrorCode H5Agree(PetscViewer v, PetscErrorCode local, const char *what);

/* Before any work: the target is absent or a regular file (or a link, which the rename replaces without
 * following it), writable, not the input file, in a writable directory. An input error otherwise. */
PETSC_EXTERN PetscErrorCode H5CheckTarget(MPI_Comm comm, const char *final_name, const char *input_name);
/* The results file, written through a session (one at a time per process):
 *   H5OpenTemporary: a new file beside the final one, created exclusively (never through a link) under a unique
 *     name, with the permissions the umask gives, plus a reserve of disk space that is released just before the
 *     file is closed, so that closing (when HDF5 writes its metadata collectively) never meets a full disk; the
 *     HDF5 viewer on it. HDF5 and PETSc error printing is held back until H5CloseTemporary.
 *   H5CloseTemporary: status is this rank's result of writing (0 or an error). All ranks agree, close the file,
 *     and either fsync + rename it to the final name (rank 0) or remove it; on any failure every rank returns
 *     PETSC_ERR_FILE_WRITE with one message naming the cause, nothing is left behind and an earlier file of the
 *     final name is untouched. */
PETSC_EXTERN PetscErrorCode H5OpenTemporary(MPI_Comm comm, const char *final_name, PetscViewer *v);
PETSC_EXTERN PetscErrorCode H5CloseTemporary(PetscViewer *v, PetscErrorCode status);
/* Give the stages the part of the reserve held for their fields (collective; before StageWriteFields). */
PETSC_EXTERN PetscErrorCode H5ReleaseFieldsReserve(PetscViewer v);

/* Other outputs (comparison tables, study files; postproc/safe_file.c): a new empty file beside final_name,
 * created exclusively under a unique name (rank 0; every rank gets the name), then the rename after fsync,
 * or the removal after an error. */
PETSC_EXTERN PetscErrorCode H5CreateTemporary(MPI_Comm comm, const char *final_name, char *tmp, size_t len);
/* mkstemp makes a file 0600: give it the mode a new file gets under the umask (0666 & ~umask) */
PETSC_EXTERN void           FileSetUmaskMode(int fd);
PETSC_EXTERN PetscErrorCode H5Commit(MPI_Comm comm, const char *tmp, const char *final_name);
PETSC_EXTERN PetscErrorCode H5Discard(MPI_Comm comm, const char *tmp);
