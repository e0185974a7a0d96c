/* The parts every report shares (postproc/report.c for runs, report_compare.c, report_study.c): the page, its
 * tables (HTML and the CSV beside it, written by one writer so that both hold the same rows, columns and
 * numbers), gnuplot plots embedded as SVG, and small HDF5 readers. Internal to the report (docs/report.md). */
#pragma once
#include <petscsys.h>
#include <hdf5.h>
#include <stdio.h>

typedef struct {
  FILE       *html;
  const char *dir; /* where the page and its files are written (a temporary directory, see report.c) */
  int         nplots, ntables;
} ReportPage;

/* HTML text with <, >, &, " escaped */
PETSC_INTERN void ReportEscaped(FILE *fp, const char *s);
/* A heading or a paragraph of text (escaped) */
PETSC_INTERN PetscErrorCode ReportHeading(ReportPage *p, int level, const char *text);
PETSC_INTERN PetscErrorCode ReportParagraph(ReportPage *p, const char *cls, const char *text);
PETSC_INTERN const char    *ReportBaseName(const char *path);

/* A table on the page and its CSV file DIR/<id>.csv: the same columns, the same rows (the page may show only the
 * first max_html_rows of them, and says so), numbers with 17 significant digits in the CSV and in the cell's
 * data-value, so that both give the file's numbers back bit for bit; NaN is an empty cell. max_html_rows: -1 all
 * rows on the page, 0 a CSV file only (the page links it). */
typedef struct {
  ReportPage *page;
  FILE       *csv;
  char        id[64];
  PetscInt    ncols, col, rows, max_html_rows;
} ReportTable;

PETSC_INTERN PetscErrorCode ReportTableBegin(ReportPage *p, ReportTable *t, const char *id, const char *caption,
                                             PetscInt ncols, const char *const headers[], PetscInt max_html_rows);
PETSC_INTERN PetscErrorCode ReportTableText(ReportTable *t, const char *s);
/* fmt: how the page shows the number (e.g. "%.5g"); the CSV and data-value carry %.17g */
PETSC_INTERN PetscErrorCode ReportTableNumber(ReportTable *t, double v, const char *fmt);
PETSC_INTERN PetscErrorCode ReportTableEndRow(ReportTable *t);
PETSC_INTERN PetscErrorCode ReportTableEnd(ReportTable *t);

/* gnuplot scripts */
typedef struct {
  char  *s;
  size_t len, cap;
} ReportScript;
PETSC_INTERN PetscErrorCode ReportScriptAdd(ReportScript *sc, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(2, 3);
/* a gnuplot string literal: s in single quotes, a quote doubled */
PETSC_INTERN PetscErrorCode ReportScriptAddString(ReportScript *sc, const char *s);
PETSC_INTERN PetscErrorCode ReportScriptFree(ReportScript *sc);

/* Run gnuplot on the script (kept as plot_N.gp beside the page), embed the SVG it draws (width x height pixels). */
PETSC_INTERN PetscErrorCode ReportPlot(ReportPage *p, const char *title, const char *caption, int width, int height,
                                       const char *script);
PETSC_INTERN PetscErrorCode ReportSkipped(ReportPage *p, const char *title, const char *why);

/* HDF5 reading (serial): an open file, a path; absent datasets give n = 0 and NULL */
PETSC_INTERN PetscBool      ReportH5Exists(hid_t file, const char *path);
PETSC_INTERN PetscErrorCode ReportH5ReadDoubles(hid_t file, const char *path, PetscInt *n, double **v);
/* fixed-length string dataset: n strings of stride len in one block (free *buf) */
PETSC_INTERN PetscErrorCode ReportH5ReadStrings(hid_t file, const char *path, PetscInt *n, char **buf, size_t *len);
/* string attribute of an object (path "/" for the file); "" when absent */
PETSC_INTERN PetscErrorCode ReportH5ReadStringAttribute(hid_t file, const char *path, const char *name, char *buf,
                                                        size_t len);

/* Stacked bars: one bar per label, one block per stack (values[bar * nstacks + stack]), each block with its own
 * colour and key entry; ylabel names the unit. */
PETSC_INTERN PetscErrorCode ReportStackedBars(ReportPage *p, const char *title, const char *caption, const char *ylabel,
                                              PetscInt nbars, const char *const bars[], PetscInt nstacks,
                                              const char *const stacks[], const double values[]);

/* The reports of a comparison (eproc compare's compare.h5) and of a study (eproc study's S.h5) */
PETSC_INTERN PetscErrorCode ReportCompare(ReportPage *p, const char *file);
PETSC_INTERN PetscErrorCode ReportStudy(ReportPage *p, const char *file);
