/* Report: one self-contained HTML page (no network: plots are inline SVG made by gnuplot, styles inline)
 * with the tables and plots of one run, of several runs side by side, of a comparison (eproc compare) or of a
 * study (eproc study), and a CSV file beside every table (docs/report.md). The numbers come from the files as
 * written (results reader, compare.h5, the study file), so the page shows what the files hold. */
#pragma once
#include <petscsys.h>

typedef enum { REPORT_NONE, REPORT_RUN, REPORT_COMPARE, REPORT_STUDY } ReportKind;

/* What a file is, from its layout: a run's results file (attribute case_file, /summary, /ledger), a comparison
 * (attribute contents "eproc compare...", /routes, /summary) or a study file (attribute study_hash, /cases,
 * /parameters, /outputs); REPORT_NONE for anything else or a file that cannot be opened. */
PETSC_EXTERN PetscErrorCode ReportFileKind(const char *file, ReportKind *kind);

/* files: results files of runs (several: side by side), or one comparison or one study file; outdir is created if
 * absent. Writes outdir/report.html, one <table id>.csv per table and the plots (plot_N.gp, plot_N.svg). Every file
 * is checked first (an input error when one is of none of the kinds, or a comparison or study is not alone); the
 * report is made in a temporary directory beside outdir and moved in only when complete. */
PETSC_EXTERN PetscErrorCode ReportWrite(PetscInt nfiles, const char *const files[], const char *outdir);
