/* Studies: many cases of one base case (or of an analytic test model) over MPI, with parameter designs,
 * Sobol sensitivities and a multi-objective search; every finished case is appended to one HDF5 study file
 * and a killed study resumes from it (docs/studies.md).
 *
 *   eproc study STUDY.cfg -o S.h5 [-study_group_size g] [-study_progress 0|1] [PETSc options for the cases]
 *
 * The study file (libconfig) names the base case or the model, the parameters (case key paths with ranges,
 * defaulting to the key's own range), the design, the objectives and constraints over summary names, and the
 * optimisation and sensitivity settings. It is validated like a case: any error exits 2 with file:line. */
#pragma once
#include <petscsys.h>

typedef struct _p_Study *Study;

PETSC_EXTERN PetscErrorCode StudyCreate(MPI_Comm comm, Study *s);
/* Read and validate the study file; case_options are PETSc options given to every case's route (part of the
 * study's definition: they change results). */
PETSC_EXTERN PetscErrorCode StudyLoad(Study s, const char *file, const char *case_options);
/* Run (or resume) the study into the study file; the non-dominated set also goes to a CSV beside it. */
PETSC_EXTERN PetscErrorCode StudyRun(Study s, const char *output);
PETSC_EXTERN PetscErrorCode StudyDestroy(Study *s);

/* The CLI commands (solver/cmd_study.c, solver/study_dakota.c). status: the process exit status. */
PETSC_EXTERN PetscErrorCode EprocStudyCommand(PetscInt nfiles, const char *const files[], const char *output,
                                              const char *options, int *status);
PETSC_EXTERN PetscErrorCode EprocDakotaCommand(PetscInt nfiles, const char *const files[], PetscInt nsets,
                                               const char *const sets[], const char *options, int *status);
