/* eproc compare: several routes in one process, side by side (solver/cmd_compare.c, docs/compare.md). */
#pragma once
#include <petscsys.h>

/* Run the cases (spread over the ranks of PETSC_COMM_WORLD, each on PETSC_COMM_SELF), write each one's results
 * file DIR/<case>.h5, then on rank 0 print the comparison and write DIR/compare_summary.csv,
 * DIR/compare_ledger.csv and DIR/compare.h5. dir may be NULL (the current directory). Every case, its plant file
 * and every output name are checked before anything runs. *status: 0 success, 2 bad input, 1 other failure. */
PETSC_EXTERN PetscErrorCode EprocCompareCommand(PetscInt nfiles, const char *const files[], const char *dir,
                                                PetscInt nsets, const char *const sets[], const char *petsc_options,
                                                int *status);
