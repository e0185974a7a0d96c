/* eproc's in-process API: what the command line, comparisons, studies and tests are built on.
 *
 *   PetscInitialize(...); EprocInitialize();
 *   EprocCaseLoad(comm, "cases/nmp_nmc811.cfg", nsets, sets, &c);       // --set style overrides, validated
 *   EprocRouteCreate(c, "-drying_ts_monitor", &r);                    // route order checked, nothing run
 *   RouteRun(r);  RouteGetSummary(r, &s);  SummaryGet(s, "energy_kWh_per_m2", &e, NULL);
 *   RouteWriteResults(r, "nmp.h5");                                    // optional
 *   RouteDestroy(&r); CaseDestroy(&c);
 *   EprocFinalize(); PetscFinalize();
 *
 * A route may be run again and gives bit-identical results; any number of cases may be loaded and run in
 * one process, one after another or at once on different communicators. Each run has its own PETSc
 * options database (code defaults < the case's process.petsc_options < the options given here); the
 * global database is never written. Input errors return PETSC_ERR_USER_INPUT with a message naming
 * file:line, key and the allowed range. */
#pragma once
#include "case.h"
#include "route.h"
#include "../postproc/results.h"

/* Register every key and stage (after PetscInitialize); EprocFinalize empties the registries. */
PETSC_EXTERN PetscErrorCode EprocInitialize(void);
PETSC_EXTERN PetscErrorCode EprocFinalize(void);
/* Load and validate a case; sets[] are "path.to.key=value" overrides (may be NULL when nsets is 0). */
PETSC_EXTERN PetscErrorCode EprocCaseLoad(MPI_Comm comm, const char *case_file, PetscInt nsets,
                                          const char *const sets[], EprocCase *c);
/* A route for a loaded case on the case's communicator; petsc_options (may be NULL) override the case's. */
PETSC_EXTERN PetscErrorCode EprocRouteCreate(EprocCase c, const char *petsc_options, Route *r);
