/* Test helper: the hot_lamination stage run alone on a hand-built as-deposited powder web.
 * The formulation comes from the case (tests/lamination/lam_case.cfg: NMC811/CB/PVDF 96/2/2, 20 mg/cm2,
 * 15 um aluminium) through WebCreateFromCase; the powder layer (mass per cell, porosity, incoming
 * temperature) is set here, as electrostatic_deposition would leave it. Results: the summary and the
 * ledger (the caller destroys them), optionally the stage's HDF5 fields and its view as text files. */
#pragma once
#include "stageimpl.h"
#include "../../postproc/h5io.h"
#include <petscviewerhdf5.h>
#include <hdf5.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  PetscInt  ny;        /* cross-web cells */
  PetscReal amplitude; /* relative cross-web loading variation */
  PetscInt  profile;   /* 0: 1 + a cos(2 pi y / W) (heaviest at the edges); 1: 1 + a at cell bump_cell, 1 elsewhere */
  PetscInt  bump_cell;
  PetscReal porosity;      /* as deposited */
  PetscReal bump_porosity; /* porosity of cell bump_cell when > 0 (profile 1) */
  PetscReal T_web_C;       /* incoming web temperature; below -273 for the ambient temperature */
} LamWeb;

static const LamWeb LAM_WEB_DEFAULT = {24, 0.03, 0, 0, 0.6, 0.0, -300.0};

static inline PetscErrorCode LamBuildWeb(EprocCase c, Materials mat, const LamWeb *lw, Web *pweb)
{
  Web web;
  PetscFunctionBeginUser;
  PetscCall(WebCreateFromCase(c, mat, &web));
  PetscCheck(web->ny == lw->ny, PETSC_COMM_SELF, PETSC_ERR_PLIB, "web has %d cells, want %d", (int) web->ny,
             (int) lw->ny);
  if (lw->T_web_C > -273.15) web->temperature = lw->T_web_C + 273.15;
  for (PetscInt j = 0; j < web->ny; j++) {
    PetscReal shape =
        lw->profile == 0 ? PetscCosReal(2 * PETSC_PI * web->y[j] / web->width) : (j == lw->bump_cell ? 1.0 : 0.0);
    web->solids_mass[j] = web->formulation.areal_loading * (1.0 + lw->amplitude * shape);
    web->porosity[j] =
        (lw->profile == 1 && j == lw->bump_cell && lw->bump_porosity > 0) ? lw->bump_porosity : lw->porosity;
    web->thickness[j] = web->solids_mass[j] / (web->formulation.solids_density * (1 - web->porosity[j]));
  }
  *pweb = web;
  PetscFunctionReturn(0);
}

/* Run the stage on the case file with the assignments sets[] (key=value) applied. h5file, viewfile: NULL
 * for none. The web is destroyed; its binder_activated flag is returned in *activated (may be NULL). */
static inline PetscErrorCode LamRunStage(const char *file, const char *materials, PetscInt nset,
                                         const char *const sets[], const LamWeb *lw, const char *h5file,
                                         const char *viewfile, Summary *psummary, Ledger *pledger, PetscBool *activated)
{
  EprocCase c;
  Materials mat;
  Web       web;
  Stage     st;
  char      cells[64];
  PetscFunctionBeginUser;
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &c));
  PetscCall(CaseLoad(c, file));
  PetscCall(PetscSNPrintf(cells, sizeof(cells), "process.cross_web_cells=%d", (int) lw->ny));
  PetscCall(CaseSetValue(c, cells));
  for (PetscInt i = 0; i < nset; i++) PetscCall(CaseSetValue(c, sets[i]));
  PetscCall(CaseSetUp(c));
  PetscCall(MaterialsCreate(PETSC_COMM_WORLD, &mat));
  PetscCall(MaterialsLoad(mat, materials));
  PetscCall(LamBuildWeb(c, mat, lw, &web));
  PetscCall(LedgerCreate(pledger));
  PetscCall(SummaryCreate(psummary));
  PetscCall(StageCreate(PETSC_COMM_WORLD, "hot_lamination", &st));
  PetscCall(StageSetFromCase(st, c, mat));
  PetscCall(StageSetUp(st, web));
  PetscCall(StageRun(st, web, *pledger, *psummary));
  if (viewfile) {
    PetscViewer v;
    PetscCall(PetscViewerASCIIOpen(PETSC_COMM_WORLD, viewfile, &v));
    PetscCall(StageView(st, v));
    PetscCall(PetscViewerDestroy(&v));
  } else
    PetscCall(StageView(st, PETSC_VIEWER_STDOUT_WORLD));
  if (h5file) {
    PetscViewer v;
    PetscCall(PetscViewerHDF5Open(PETSC_COMM_WORLD, h5file, FILE_MODE_WRITE, &v));
    PetscCall(StageWriteFields(st, v));
    PetscCall(PetscViewerDestroy(&v));
  }
  if (activated) *activated = web->binder_activated;
  PetscCall(StageDestroy(&st));
  PetscCall(WebDestroy(&web));
  PetscCall(MaterialsDestroy(&mat));
  PetscCall(CaseDestroy(&c));
  PetscFunctionReturn(0);
}

static inline PetscErrorCode LamSummary(Summary s, const char *name, PetscReal *v)
{
  PetscBool set;
  PetscFunctionBeginUser;
  PetscCall(SummaryGet(s, name, v, &set));
  PetscCheck(set, PETSC_COMM_SELF, PETSC_ERR_PLIB, "summary value %s not set", name);
  PetscFunctionReturn(0);
}

/* The balance closure (relative error) and stored amount of stage/quantity; -1 when absent. */
static inline PetscErrorCode LamBalance(Summary s, const char *quantity, PetscReal *err, PetscReal *in, PetscReal *out,
                                        PetscReal *stored)
{
  PetscInt nb;
  PetscFunctionBeginUser;
  *err = -1;
  PetscCall(SummaryGetNumBalances(s, &nb));
  for (PetscInt i = 0; i < nb; i++) {
    const BalanceEntry *b;
    PetscCall(SummaryGetBalance(s, i, &b));
    if (!strcmp(b->stage, "hot_lamination") && !strcmp(b->quantity, quantity)) {
      *err = b->relative_error;
      if (in) *in = b->in;
      if (out) *out = b->out;
      if (stored) *stored = b->stored;
    }
  }
  PetscFunctionReturn(0);
}

/* A hot_lamination ledger item: energy and minimum (J/m2), kind; found = PETSC_FALSE when not booked. */
static inline PetscErrorCode LamItem(Ledger l, const char *item, PetscReal *energy, PetscReal *minimum,
                                     EnergyKind *kind, PetscBool *found)
{
  PetscInt n;
  PetscFunctionBeginUser;
  *found = PETSC_FALSE;
  PetscCall(LedgerGetSize(l, &n));
  for (PetscInt i = 0; i < n; i++) {
    const LedgerEntry *e;
    PetscCall(LedgerGetEntry(l, i, &e));
    if (strcmp(e->stage, "hot_lamination") || strcmp(e->item, item)) continue;
    PetscCheck(!*found, PETSC_COMM_SELF, PETSC_ERR_PLIB, "ledger item %s booked twice", item);
    *found = PETSC_TRUE;
    if (energy) *energy = e->energy;
    if (minimum) *minimum = e->minimum;
    if (kind) *kind = e->kind;
  }
  PetscFunctionReturn(0);
}

/* Read a dataset of doubles (at most max values) from an HDF5 file; *n: the number of values. */
static inline PetscErrorCode LamReadH5(const char *file, const char *path, PetscInt max, PetscReal v[], PetscInt *n)
{
  hid_t    f, d, s;
  hssize_t np;
  PetscFunctionBeginUser;
  f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(f >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot open %s", file);
  PetscCheck(H5Lexists(f, path, H5P_DEFAULT) > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "%s has no %s", file, path);
  d  = H5Dopen2(f, path, H5P_DEFAULT);
  s  = H5Dget_space(d);
  np = H5Sget_simple_extent_npoints(s);
  PetscCheck(np >= 0 && np <= max, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "%s:%s has %d values (room for %d)", file,
             path, (int) np, (int) max);
  PetscCheck(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ,
             "cannot read %s:%s", file, path);
  H5Sclose(s);
  H5Dclose(d);
  H5Fclose(f);
  *n = (PetscInt) np;
  PetscFunctionReturn(0);
}

/* Whether an HDF5 file has an object (group or dataset) at path. */
static inline PetscBool LamH5Exists(const char *file, const char *path)
{
  hid_t     f  = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscBool ex = PETSC_FALSE;
  if (f < 0) return PETSC_FALSE;
  ex = H5Lexists(f, path, H5P_DEFAULT) > 0 ? PETSC_TRUE : PETSC_FALSE;
  H5Fclose(f);
  return ex;
}
