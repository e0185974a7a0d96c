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

/* What the web is when a stage receives or hands it on. A stage declares the states it accepts and the
 * one it produces, so the route driver refuses impossible orders before anything runs. */
typedef enum {
  WEB_BARE_FOIL    = 1 << 0, /* foil only: the start of every route */
  WEB_WET_FILM     = 1 << 1, /* slurry on the foil, solvent in the pores */
  WEB_DRY_COATING  = 1 << 2, /* solvent removed, binder set: a porous coating */
  WEB_POWDER_LAYER = 1 << 3, /* loose charged powder held by its image charge */
  WEB_LAMINATED    = 1 << 4, /* powder bonded to the foil by activated binder */
  WEB_CALENDERED   = 1 << 5  /* compacted to its porosity by a calender pass */
} WebState;
/* "wet film", "dry coating" ... for messages; mask may hold several states ("dry coating or laminated"). */
PETSC_EXTERN PetscErrorCode WebStateDescribe(PetscInt mask, char *buf, size_t len);

/* create: fills the ops table and private data of a new stage. keys: the stage's case-file section.
 * accepts: mask of WebState the stage can work on; produces: the WebState it hands on. */
PETSC_EXTERN PetscErrorCode StageRegister(const char *name, PetscErrorCode (*create)(Stage), const CaseKeySpec keys[],
                                          PetscInt nkeys, PetscInt accepts, WebState produces);
/* The web states a registered stage type accepts and produces. */
PETSC_EXTERN PetscErrorCode StageGetWebStates(const char *type, PetscInt *accepts, WebState *produces);
PETSC_EXTERN PetscErrorCode StageRegisterAll(void);
PETSC_EXTERN PetscErrorCode StageRegistryFinalize(void);
PETSC_EXTERN PetscErrorCode StageGetRegisteredNames(char *buf, size_t len); /* "a, b, c" */
PETSC_EXTERN PetscErrorCode StageIsRegistered(const char *name, PetscBool *registered);
/* Called by CaseRegisterAllKeys(): registers the key table of every stage. */
PETSC_EXTERN PetscErrorCode StageRegisterAllKeys(void);

/* A stage of a registered type; its instance name is the type name until StageSetInstanceName(). */
PETSC_EXTERN PetscErrorCode StageCreate(MPI_Comm comm, const char *type, Stage *stage);
/* The instance name is the stage's case section, options prefix, HDF5 group, ledger and balance label
 * (a route may hold two calender passes: "calendering" and "second_pass"). */
PETSC_EXTERN PetscErrorCode StageSetInstanceName(Stage stage, const char *name);
/* Options prefix of this instance: "" for the default instance (named after its type), "<name>_" for any
 * other, so that two instances of one type can be given different solver options. Stages prepend it to
 * their own solver prefixes. */
PETSC_EXTERN PetscErrorCode StageGetOptionsPrefix(Stage stage, const char **prefix);
PETSC_EXTERN PetscErrorCode StageGetType(Stage stage, const char **type);
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
/* Whether an options database holds an option that PETSc's solvers could read as a viewer while they solve
 * (any key with "view", "converged_reason", "monitor" or "test" in it, or -help; -log_view, -malloc_view,
 * -memory_view and -options_view are read elsewhere and do not count). Without one, a stage can switch viewer look-ups
 * off around its many small solves (PetscOptionsPushGetViewerOff): each KSPSolve, SNESSolve and matrix assembly
 * otherwise searches the database for a dozen -*_view options. */
PETSC_EXTERN PetscErrorCode StageSolverViewersRequested(PetscOptions options, PetscBool *requested);
