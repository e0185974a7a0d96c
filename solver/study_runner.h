/* The study runner's life cycle (solver/study_scheduler.c), used by StudyRun (solver/study_run.c). */
#pragma once
#include "study_impl.h"
#include "../postproc/study_results.h"

PETSC_EXTERN PetscErrorCode StudyRunnerCreate(Study s, StudyRunner *r);
PETSC_EXTERN PetscErrorCode StudyRunnerSetUp(StudyRunner r);
PETSC_EXTERN PetscErrorCode StudyRunnerDestroy(StudyRunner *r);
PETSC_EXTERN PetscErrorCode StudyRunnerIsManager(StudyRunner r, PetscBool *manager);
PETSC_EXTERN PetscErrorCode StudyRunnerReference(StudyRunner r, PetscInt *nout, char (**names)[64], char (**units)[32],
                                                 StudyRecordMeta *m, double **values, double **out);
PETSC_EXTERN PetscErrorCode StudyRunnerOpen(StudyRunner r, const char *output, const StudyFileLayout *layout,
                                            const StudyRecordMeta *refm, const double *refvalues, const double *refout);
PETSC_EXTERN PetscErrorCode StudyRunnerGetFile(StudyRunner r, StudyFile *file);
PETSC_EXTERN PetscErrorCode StudyRunnerWork(StudyRunner r);
PETSC_EXTERN PetscErrorCode StudyRunnerStop(StudyRunner r);
PETSC_EXTERN PetscErrorCode StudyRunnerStats(StudyRunner r, PetscInt *ndone, PetscInt *nrun, PetscInt *nfailed,
                                             double *elapsed);
