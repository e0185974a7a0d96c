/* Results: the one module that writes and reads the results layout of a run (docs/results.md is
 * generated from the summary table declared here, by `eproc results-reference`).
 *
 *   /              attributes eproc_version, case_file, case_name
 *   /summary       one scalar dataset per result, attributes unit and description (NaN: not produced)
 *   /ledger        columns stage, item, kind, energy_J_per_m2, energy_kWh_per_m2, energy_kWh_per_kWh_cell,
 *                  minimum_J_per_m2
 *   /balances      columns stage, quantity, in, out, stored, relative_closure_error
 *   /web           final cross-web profiles
 *   /<instance>    each stage instance's own fields
 *
 * Writing: a unique temporary file beside the target, renamed over it only when complete; on any error
 * every rank agrees, the temporary file is removed and an earlier file of the same name is untouched. */
#pragma once
#include <petscsys.h>
#include <petscviewer.h>
#include "../physics/web.h"
#include "../physics/energy.h"
#include "summary.h"

/* The summary names every results file carries, whatever the route. */
typedef struct {
  const char *name, *unit, *description;
} ResultsSummaryName;
PETSC_EXTERN const ResultsSummaryName ResultsRouteSummary[];
PETSC_EXTERN const PetscInt           ResultsRouteSummaryCount;

PETSC_EXTERN PetscErrorCode ResultsDeclareSummary(Summary s);
/* Route-level values from the final web and the ledger (energy totals, thickness and its CV, loading, ...). */
PETSC_EXTERN PetscErrorCode ResultsSetRouteSummary(Summary s, Ledger l, Web w, PetscReal areal_energy_Wh_per_m2);

typedef struct {
  const char *case_file, *case_name;
  Web         web;
  Summary     summary;
  Ledger      ledger;
  PetscReal   areal_energy_Wh_per_m2;
  /* writes the stage groups into the open viewer (may be NULL) */
  PetscErrorCode (*write_fields)(void *ctx, PetscViewer h5);
  void *ctx;
} ResultsContent;

PETSC_EXTERN PetscErrorCode ResultsWrite(MPI_Comm comm, const char *filename, const ResultsContent *content);

/* Reading a results file (serial, on the calling rank). Names and strings are owned by the object. */
typedef struct _p_ResultsFile *ResultsFile;
typedef struct {
  const char *stage, *item, *kind;
  double      energy_J_per_m2, energy_kWh_per_m2, energy_kWh_per_kWh_cell, minimum_J_per_m2;
} ResultsLedgerRow;
typedef struct {
  const char *stage, *quantity;
  double      in, out, stored, relative_closure_error;
} ResultsBalanceRow;
typedef struct {
  const char *name, *unit, *description;
  double      value;
} ResultsSummaryRow;

PETSC_EXTERN PetscErrorCode ResultsOpen(const char *filename, ResultsFile *rf);
PETSC_EXTERN PetscErrorCode ResultsClose(ResultsFile *rf);
PETSC_EXTERN PetscErrorCode ResultsGetAttribute(ResultsFile rf, const char *name, const char **value);
PETSC_EXTERN PetscErrorCode ResultsGetSummary(ResultsFile rf, PetscInt *n, const ResultsSummaryRow **rows);
/* found is PETSC_FALSE when the file has no such summary name */
PETSC_EXTERN PetscErrorCode ResultsGetSummaryValue(ResultsFile rf, const char *name, double *value, PetscBool *found);
PETSC_EXTERN PetscErrorCode ResultsGetLedger(ResultsFile rf, PetscInt *n, const ResultsLedgerRow **rows);
PETSC_EXTERN PetscErrorCode ResultsGetBalances(ResultsFile rf, PetscInt *n, const ResultsBalanceRow **rows);

/* docs/results.md: the layout and the route-level names from the table above, then the names the stages add
 * as found in the given results files (their union, in order of first appearance). */
PETSC_EXTERN PetscErrorCode ResultsPrintReference(FILE *fp, PetscInt nfiles, const char *const files[]);
