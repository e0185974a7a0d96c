/* XDMF beside a results file, so that ParaView and VisIt open its fields directly: one grid per group of
 * fields. 2D fields (and each component of 3D ones, through hyperslabs) on a structured grid in index space;
 * 1D profiles of one length on a line whose coordinate is the group's position or time array (y_m, x,
 * binder_xi, time_ms, ...) or the index when it has none. Scalars are left out. */
#pragma once
#include <petscsys.h>

/* Write xmf_file (through a temporary name and a rename) describing the datasets of h5_file. */
PETSC_EXTERN PetscErrorCode XdmfWriteForResults(const char *h5_file, const char *xmf_file);
/* The same from every rank of comm (rank 0 writes): X.h5 gets X.xmf. */
PETSC_EXTERN PetscErrorCode XdmfWriteBeside(MPI_Comm comm, const char *h5_file);
