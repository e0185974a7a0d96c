/* Resource estimates, checked when the case is set up, before anything is allocated: the memory and the work
 * (cells x time steps) of the stages with large grids, from the keys that size them, against
 * process.max_memory_GB and process.max_cell_steps. A stage's sizing is read here from its key table's keys
 * (the stage files own the keys; the formulas follow what their SetUp allocates, measured below). */
#include "case.h"
#include <math.h>
#include <string.h>

typedef struct {
  double bytes, cell_steps;
  char   what[256];       /* "the deposition grid of 8192 x 8192 cells and 3 size classes" */
  char   key[128];        /* the key to name in the message */
  char   advice[160];     /* what to lower for less work */
  char   mem_advice[160]; /* what to lower for less memory */
} Estimate;

/* electrostatic_deposition: a DMDA of cells_across x cells_gap cells with, per size class, concentration and
 * transport operators, plus the potential's multigrid. Measured (RSS, 3 classes): 64^2 63 MB, 128^2 106 MB,
 * 256^2 292 MB, i.e. about 3.8 kB per cell over a 50 MB base; taken as 1000 (1 + classes) bytes per cell. Work:
 * cells x time_steps (each step up to picard_iterations coupled solves). */
static PetscErrorCode EstimateDeposition(EprocCase c, const char *instance, Estimate *e)
{
  PetscInt nx, nz, steps, nclass;
  PetscFunctionBeginUser;
  PetscCall(CaseGetInt(c, "electrostatic_deposition.cells_across", &nx));
  PetscCall(CaseGetInt(c, "electrostatic_deposition.cells_gap", &nz));
  PetscCall(CaseGetInt(c, "electrostatic_deposition.time_steps", &steps));
  PetscCall(CaseGetListLength(c, "electrostatic_deposition.size_classes", &nclass));
  if (!nclass) nclass = 3;
  e->bytes      = (double) nx * (double) nz * 1000.0 * (1.0 + (double) nclass);
  e->cell_steps = (double) nx * (double) nz * (double) steps;
  snprintf(e->what, sizeof(e->what), "the deposition grid of '%s' (%d x %d cells, %d size classes, %d time steps)",
           instance, (int) nx, (int) nz, (int) nclass, (int) steps);
  snprintf(e->key, sizeof(e->key), "electrostatic_deposition.cells_across");
  snprintf(e->advice, sizeof(e->advice), "cells_across, cells_gap or time_steps");
  snprintf(e->mem_advice, sizeof(e->mem_advice), "cells_across, cells_gap or the number of size classes");
  PetscFunctionReturn(0);
}

/* slot_die_coating: the levelling grid is a multiple r of the web cells, r from levelling_cells (0: ten cells per
 * edge-bead width), as the stage's SetUp computes it; its documented maximum is 2e5 cells. */
static PetscErrorCode EstimateSlotDie(EprocCase c, const char *instance, Estimate *e)
{
  PetscInt  ny, requested;
  PetscReal width, bead;
  double    r, nf;
  PetscFunctionBeginUser;
  PetscCall(CaseGetInt(c, "process.cross_web_cells", &ny));
  PetscCall(CaseGetReal(c, "process.coating_width_mm", &width));
  PetscCall(CaseGetInt(c, "slot_die_coating.levelling_cells", &requested));
  PetscCall(CaseGetReal(c, "slot_die_coating.edge_bead_width_mm", &bead));
  r  = requested > 0 ? ceil((double) requested / (double) ny) : ceil(10.0 * (width / ny) / bead);
  nf = fmax(r, 1.0) * (double) ny;
  if (nf > 2e5) {
    PetscCall(
        CaseInputError(c, requested > 0 ? "slot_die_coating.levelling_cells" : "slot_die_coating.edge_bead_width_mm",
                       "the levelling grid of '%s' would have %.0f cells (%.0f per web cell x %d web cells), more "
                       "than its 200000-cell maximum; lower %s or process.cross_web_cells",
                       instance, nf, r, (int) ny, requested > 0 ? "levelling_cells" : "the edge-bead resolution"));
  }
  e->bytes      = nf * 400.0; /* 1D thin-film solver: a pentadiagonal Jacobian and a few dozen vectors */
  e->cell_steps = 0;          /* its time steps are chosen by the adaptive integrator */
  snprintf(e->what, sizeof(e->what), "the levelling grid of '%s' (%.0f cells)", instance, nf);
  snprintf(e->key, sizeof(e->key), "slot_die_coating.levelling_cells");
  snprintf(e->advice, sizeof(e->advice), "levelling_cells");
  snprintf(e->mem_advice, sizeof(e->mem_advice), "levelling_cells");
  PetscFunctionReturn(0);
}

static const struct {
  const char *type;
  PetscErrorCode (*estimate)(EprocCase, const char *, Estimate *);
} estimators[] = {
    {"electrostatic_deposition", EstimateDeposition},
    {"slot_die_coating", EstimateSlotDie},
};

PetscErrorCode CaseCheckResources(EprocCase c)
{
  PetscInt  n;
  PetscReal max_bytes, max_cell_steps;
  double    total        = 0.0;
  char      biggest[256] = "", key[128] = "", advice[160] = "", btype[64] = "", binstance[64] = "";
  double    biggest_bytes = 0.0;
  PetscFunctionBeginUser;
  PetscCall(CaseGetReal(c, "process.max_memory_GB", &max_bytes)); /* in bytes */
  PetscCall(CaseGetReal(c, "process.max_cell_steps", &max_cell_steps));
  PetscCall(CaseGetNumStages(c, &n));
  for (PetscInt i = 0; i < n; i++) {
    char     instance[64], type[64];
    Estimate e;
    PetscCall(CaseGetStage(c, i, instance, type));
    for (size_t k = 0; k < sizeof(estimators) / sizeof(estimators[0]); k++) {
      PetscErrorCode ierr;
      if (strcmp(type, estimators[k].type)) continue;
      PetscCall(PetscMemzero(&e, sizeof(e)));
      PetscCall(CasePushStageScope(c, type, instance));
      ierr = estimators[k].estimate(c, instance, &e);
      if (!ierr && e.cell_steps > max_cell_steps) {
        char scoped[160];
        snprintf(scoped, sizeof(scoped), "%s", e.key);
        ierr = CaseInputError(c, scoped,
                              "%s is %.3g cells x time steps, more than process.max_cell_steps = %.3g (hours of "
                              "computing); lower %s, or raise process.max_cell_steps for a long run",
                              e.what, e.cell_steps, (double) max_cell_steps, e.advice);
      }
      PetscCall(CasePopStageScope(c));
      PetscCall(ierr);
      total += e.bytes;
      if (e.bytes > biggest_bytes) {
        biggest_bytes = e.bytes;
        snprintf(biggest, sizeof(biggest), "%s", e.what);
        snprintf(key, sizeof(key), "%s", e.key);
        snprintf(advice, sizeof(advice), "%s", e.mem_advice);
        snprintf(btype, sizeof(btype), "%s", type);
        snprintf(binstance, sizeof(binstance), "%s", instance);
      }
    }
  }
  if (total > max_bytes) {
    /* name the key of the largest grid in its own section */
    PetscCall(CasePushStageScope(c, btype, binstance));
    {
      PetscErrorCode ierr = CaseInputError(c, key,
                                           "the stages need about %.3g GB of memory, %s alone %.3g GB, more than "
                                           "process.max_memory_GB = %.3g; lower %s, or raise process.max_memory_GB on "
                                           "a machine with the memory",
                                           total / 1e9, biggest, biggest_bytes / 1e9, (double) max_bytes / 1e9, advice);
      PetscCall(CasePopStageScope(c));
      PetscCall(ierr);
    }
  }
  PetscFunctionReturn(0);
}
