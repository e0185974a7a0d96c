/* Report: one self-contained HTML page (no network: plots are inline SVG made by gnuplot, styles inline)
 * with the tables and plots of one run or of several runs side by side, and a CSV file beside every
 * table. The numbers come from the results reader (results.h), so the page shows what the file holds. */
#pragma once
#include <petscsys.h>

/* files: results files of runs (one: a run report; several: a comparison); outdir is created if absent.
 * Writes outdir/report.html, outdir/summary.csv, outdir/ledger.csv, outdir/balances.csv and the plots. */
PETSC_EXTERN PetscErrorCode ReportWrite(PetscInt nfiles, const char *const files[], const char *outdir);
