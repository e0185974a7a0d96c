/* Route: the stages of one case run in order on one web, with one ledger and one summary. */
#pragma once
#include "case.h"
#include "../physics/stage.h"

typedef struct _p_Route *Route;

PETSC_EXTERN PetscErrorCode RouteCreate(MPI_Comm comm, Route *r);
/* Materials, formulation, web and the stages (created and configured from the case, in route order). */
PETSC_EXTERN PetscErrorCode RouteSetFromCase(Route r, EprocCase c);
/* Set up and run each stage on the web, then derive the route-level summary from web and ledger. */
PETSC_EXTERN PetscErrorCode RouteRun(Route r);
PETSC_EXTERN PetscErrorCode RouteView(Route r, PetscViewer v);
/* Results file: written under a temporary name, renamed when complete (see docs/results.md). */
PETSC_EXTERN PetscErrorCode RouteWriteResults(Route r, const char *filename);
PETSC_EXTERN PetscErrorCode RouteGetSummary(Route r, Summary *s);
PETSC_EXTERN PetscErrorCode RouteGetLedger(Route r, Ledger *l);
PETSC_EXTERN PetscErrorCode RouteGetWeb(Route r, Web *w);
PETSC_EXTERN PetscErrorCode RouteDestroy(Route *r);
