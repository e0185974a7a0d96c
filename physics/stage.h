/* Stage: one process step that changes the Web and books its energy in the Ledger.
 * Stages are registered by name (physics/stage_registry.c) and created by the route driver from the
 * case; the driver never names a concrete stage. Life cycle, as PETSc objects:
 *   StageCreate -> StageSetFromCase -> StageSetUp -> StageRun -> StageView/StageWriteFields -> StageDestroy */
#pragma once
#include <petscsys.h>
#include <petscviewer.h>
#include "../solver/case.h"
#include "materials.h"
#include "web.h"
#include "energy.h"
#include "../postproc/summary.h"

typedef struct _p_Stage *Stage;

PETSC_EXTERN PetscFunctionList StageList;
/* create: fills the ops table and private data of a new stage. keys: the stage's case-file section. */
PETSC_EXTERN PetscErrorCode StageRegister(const char *name, PetscErrorCode (*create)(Stage), const CaseKeySpec keys[],
                                          PetscInt nkeys);
PETSC_EXTERN PetscErrorCode StageRegisterAll(void);
PETSC_EXTERN PetscErrorCode StageRegistryFinalize(void);
PETSC_EXTERN PetscErrorCode StageGetRegisteredNames(char *buf, size_t len); /* "a, b, c" */
PETSC_EXTERN PetscErrorCode StageIsRegistered(const char *name, PetscBool *registered);
/* Called by CaseRegisterAllKeys(): registers the key table of every stage. */
PETSC_EXTERN PetscErrorCode StageRegisterAllKeys(void);

PETSC_EXTERN PetscErrorCode StageCreate(MPI_Comm comm, const char *name, Stage *stage);
/* Read the stage's section of the case (SI values) and the materials it needs. */
PETSC_EXTERN PetscErrorCode StageSetFromCase(Stage stage, EprocCase c, Materials m);
/* Allocate DMs and solvers for the incoming web; PETSc options with the stage's prefix are read here. */
PETSC_EXTERN PetscErrorCode StageSetUp(Stage stage, Web web);
/* Change the web, book energy items in the ledger, set summary values and balance closures. */
PETSC_EXTERN PetscErrorCode StageRun(Stage stage, Web web, Ledger ledger, Summary summary);
PETSC_EXTERN PetscErrorCode StageView(Stage stage, PetscViewer v);
/* Write the stage's fields into the open HDF5 viewer, below the group /<stage name>. */
PETSC_EXTERN PetscErrorCode StageWriteFields(Stage stage, PetscViewer h5);
PETSC_EXTERN PetscErrorCode StageDestroy(Stage *stage);
PETSC_EXTERN PetscErrorCode StageGetName(Stage stage, const char **name);
