/* Route: the stages of one case run in order on one web, with one ledger and one summary. */
#pragma once
#include "case.h"
#include "../physics/stage.h"

typedef struct _p_Route *Route;

PETSC_EXTERN PetscErrorCode RouteCreate(MPI_Comm comm, Route *r);
/* PETSc options that override the case's process.petsc_options in this route's own options database
 * (the CLI passes its command line). Call before RouteSetFromCase(). */
PETSC_EXTERN PetscErrorCode RouteSetCommandLineOptions(Route r, const char *options);
/* Materials, formulation, web and the stages (created and configured from the case, in route order); the
 * route order is checked against the web states the stages accept before anything runs. */
PETSC_EXTERN PetscErrorCode RouteSetFromCase(Route r, EprocCase c);
/* Set up and run each stage on a fresh web, then derive the route-level summary from web and ledger. May be
 * called again: each run starts from the case and gives the same results. */
PETSC_EXTERN PetscErrorCode RouteRun(Route r);
PETSC_EXTERN PetscErrorCode RouteView(Route r, PetscViewer v);
/* Results file: written under a temporary name, renamed when complete (see docs/results.md). */
PETSC_EXTERN PetscErrorCode RouteWriteResults(Route r, const char *filename);
PETSC_EXTERN PetscErrorCode RouteGetSummary(Route r, Summary *s);
PETSC_EXTERN PetscErrorCode RouteGetLedger(Route r, Ledger *l);
PETSC_EXTERN PetscErrorCode RouteGetWeb(Route r, Web *w);
PETSC_EXTERN PetscErrorCode RouteGetArealEnergy(Route r, PetscReal *Wh_per_m2); /* cell energy per m2 */
PETSC_EXTERN PetscErrorCode RouteGetName(Route r, const char **name);
PETSC_EXTERN PetscErrorCode RouteDestroy(Route *r);
