/* Route driver: never names a concrete stage; stages come from the registry by the names in the case. */
#include "route.h"
#include "../postproc/h5io.h"
#include <petscviewerhdf5.h>
#include <string.h>

#define ROUTE_MAX_STAGES 16

struct _p_Route {
  MPI_Comm  comm;
  EprocCase c; /* borrowed */
  Materials materials;
  Web       web;
  Ledger    ledger;
  Summary   summary;
  Stage     stages[ROUTE_MAX_STAGES];
  PetscInt  nstages;
  char      name[256];
  PetscReal areal_energy_Wh_per_m2;
};

PetscErrorCode RouteCreate(MPI_Comm comm, Route *r)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(r));
  (*r)->comm = comm;
  PetscCall(LedgerCreate(&(*r)->ledger));
  PetscCall(SummaryCreate(&(*r)->summary));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteDestroy(Route *r)
{
  PetscFunctionBeginUser;
  if (!*r) PetscFunctionReturn(0);
  for (PetscInt i = 0; i < (*r)->nstages; i++) PetscCall(StageDestroy(&(*r)->stages[i]));
  PetscCall(WebDestroy(&(*r)->web));
  PetscCall(MaterialsDestroy(&(*r)->materials));
  PetscCall(LedgerDestroy(&(*r)->ledger));
  PetscCall(SummaryDestroy(&(*r)->summary));
  PetscCall(PetscFree(*r));
  PetscFunctionReturn(0);
}

/* The names every results file carries, whatever the route (unset ones are written as NaN). */
static PetscErrorCode DeclareSummary(Summary s)
{
  PetscFunctionBeginUser;
  PetscCall(
      SummaryDeclare(s, "energy_kWh_per_m2", "kWh/m2", "total process energy per m2 of coated electrode (one side)"));
  PetscCall(SummaryDeclare(s, "energy_kWh_per_kWh_cell", "kWh/kWh",
                           "total process energy per kWh of cell capacity carried by the electrode"));
  PetscCall(SummaryDeclare(s, "thermal_energy_kWh_per_m2", "kWh/m2", "heat (fuel or steam) part of the energy"));
  PetscCall(SummaryDeclare(s, "electric_energy_kWh_per_m2", "kWh/m2", "electric part of the energy"));
  PetscCall(SummaryDeclare(s, "minimum_energy_kWh_per_m2", "kWh/m2", "sum of the thermodynamic minima of all items"));
  PetscCall(SummaryDeclare(s, "dry_thickness_um", "um", "mean coating thickness leaving the route (without foil)"));
  PetscCall(SummaryDeclare(s, "thickness_cv", "%", "cross-web coefficient of variation of the coating thickness"));
  PetscCall(SummaryDeclare(s, "areal_loading_mg_per_cm2", "mg/cm2", "mean dry coating mass per area"));
  PetscCall(SummaryDeclare(s, "areal_capacity_mAh_per_cm2", "mAh/cm2", "areal capacity of the mean loading"));
  PetscCall(SummaryDeclare(s, "porosity", "-", "mean coating porosity leaving the route"));
  PetscCall(SummaryDeclare(s, "drying_time_s", "s", "time to dry the film to the end-of-drying criterion"));
  PetscCall(SummaryDeclare(s, "dryer_length_m", "m", "dryer length needed at the line speed"));
  PetscCall(SummaryDeclare(s, "residual_solvent_ppm", "ppm", "solvent left per mass of dry coating"));
  PetscCall(SummaryDeclare(s, "binder_migration_index", "-",
                           "binder in the top 10 % of the coating over its mean (1 = uniform)"));
  PetscCall(SummaryDeclare(s, "max_balance_error", "-", "largest relative closure error of all stage balances"));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteSetFromCase(Route r, EprocCase c)
{
  const char *name;
  PetscInt    nstages;
  PetscFunctionBeginUser;
  r->c = c;
  PetscCall(CaseGetString(c, "process.name", &name));
  PetscCall(PetscStrncpy(r->name, name, sizeof(r->name)));
  PetscCall(MaterialsCreateFromCase(c, &r->materials));
  PetscCall(WebCreateFromCase(c, r->materials, &r->web));
  r->areal_energy_Wh_per_m2 = r->web->formulation.areal_capacity / 3600.0 * r->web->formulation.nominal_voltage;
  /* stages, by name, from the registry */
  PetscCall(CaseGetListLength(c, "process.stages", &nstages));
  if (nstages > ROUTE_MAX_STAGES) PetscCall(CaseInputError(c, "process.stages", "at most %d stages", ROUTE_MAX_STAGES));
  for (PetscInt i = 0; i < nstages; i++) {
    const char *sname;
    PetscBool   registered;
    PetscCall(CaseGetStringArrayItem(c, "process.stages", i, &sname));
    PetscCall(StageIsRegistered(sname, &registered));
    if (!registered) {
      char known[512];
      PetscCall(StageGetRegisteredNames(known, sizeof(known)));
      PetscCall(CaseInputError(c, "process.stages", "stage '%s' is not known (registered: %s)", sname, known));
    }
    PetscCall(StageCreate(r->comm, sname, &r->stages[r->nstages++]));
    PetscCall(StageSetFromCase(r->stages[i], c, r->materials));
  }
  PetscCall(DeclareSummary(r->summary));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteRun(Route r)
{
  Web       w = r->web;
  PetscReal total, thermal, electric, minimum, mean_h, cv, mean_m, mean_eps, worst = 0.0;
  PetscInt  nb;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < r->nstages; i++) {
    PetscCall(StageSetUp(r->stages[i], w));
    PetscCall(StageRun(r->stages[i], w, r->ledger, r->summary));
  }
  PetscCall(LedgerGetTotals(r->ledger, NULL, &total, &thermal, &electric, &minimum));
  PetscCall(WebThicknessStats(w, &mean_h, &cv));
  PetscCall(WebMean(w, w->solids_mass, &mean_m));
  PetscCall(WebMean(w, w->porosity, &mean_eps));
  PetscCall(SummarySet(r->summary, "energy_kWh_per_m2", total / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(r->summary, "energy_kWh_per_kWh_cell", EnergyPerCellEnergy(total, r->areal_energy_Wh_per_m2),
                       NULL, NULL));
  PetscCall(SummarySet(r->summary, "thermal_energy_kWh_per_m2", thermal / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(r->summary, "electric_energy_kWh_per_m2", electric / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(r->summary, "minimum_energy_kWh_per_m2", minimum / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(r->summary, "dry_thickness_um", mean_h * 1e6, NULL, NULL));
  PetscCall(SummarySet(r->summary, "thickness_cv", cv * 100.0, NULL, NULL));
  PetscCall(SummarySet(r->summary, "areal_loading_mg_per_cm2", mean_m * 1e2, NULL, NULL));
  PetscCall(SummarySet(r->summary, "areal_capacity_mAh_per_cm2",
                       mean_m * w->formulation.w_active * w->formulation.active->specific_capacity / 3.6 / 1e4, NULL,
                       NULL));
  PetscCall(SummarySet(r->summary, "porosity", mean_eps, NULL, NULL));
  PetscCall(SummaryGetNumBalances(r->summary, &nb));
  for (PetscInt i = 0; i < nb; i++) {
    const BalanceEntry *b;
    PetscCall(SummaryGetBalance(r->summary, i, &b));
    worst = PetscMax(worst, b->relative_error);
  }
  PetscCall(SummarySet(r->summary, "max_balance_error", worst, NULL, NULL));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteView(Route r, PetscViewer v)
{
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v, "eproc %s: %s\n", EPROC_VERSION, r->name));
  PetscCall(PetscViewerASCIIPrintf(v, "route:"));
  for (PetscInt i = 0; i < r->nstages; i++) {
    const char *n;
    PetscCall(StageGetName(r->stages[i], &n));
    PetscCall(PetscViewerASCIIPrintf(v, "%s %s", i ? " ->" : "", n));
  }
  PetscCall(PetscViewerASCIIPrintf(v, "\n\n"));
  for (PetscInt i = 0; i < r->nstages; i++) PetscCall(StageView(r->stages[i], v));
  PetscCall(PetscViewerASCIIPrintf(v, "\nsummary\n"));
  PetscCall(SummaryView(r->summary, v));
  PetscCall(PetscViewerASCIIPrintf(v, "\nenergy ledger (per m2 of coated electrode; cell: %.1f Wh/m2 of capacity)\n",
                                   (double) r->areal_energy_Wh_per_m2));
  PetscCall(LedgerView(r->ledger, r->areal_energy_Wh_per_m2, v));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteAll(Route r, PetscViewer v)
{
  PetscInt n, nb, ny = r->web->ny;
  PetscFunctionBeginUser;
  /* provenance */
  {
    const char *file;
    PetscCall(CaseGetFileName(r->c, &file));
    PetscCall(H5WriteStringAttribute(v, "/", "eproc_version", EPROC_VERSION));
    PetscCall(H5WriteStringAttribute(v, "/", "case_file", file));
    PetscCall(H5WriteStringAttribute(v, "/", "case_name", r->name));
  }
  /* stage fields */
  for (PetscInt i = 0; i < r->nstages; i++) PetscCall(StageWriteFields(r->stages[i], v));
  /* the final web, across the width */
  {
    PetscReal *tmp;
    PetscCall(PetscMalloc1(ny, &tmp));
    PetscCall(H5WriteArray(v, "/web", "y_m", 1, &ny, r->web->y, "m", "cross-web cell centres"));
    for (PetscInt j = 0; j < ny; j++) tmp[j] = r->web->thickness[j] * 1e6;
    PetscCall(H5WriteArray(v, "/web", "thickness_um", 1, &ny, tmp, "um", "coating thickness leaving the route"));
    for (PetscInt j = 0; j < ny; j++) tmp[j] = r->web->solids_mass[j] * 1e2;
    PetscCall(H5WriteArray(v, "/web", "areal_loading_mg_per_cm2", 1, &ny, tmp, "mg/cm2", "dry coating mass per area"));
    for (PetscInt j = 0; j < ny; j++) tmp[j] = r->web->solvent_mass[j] * 1e3;
    PetscCall(H5WriteArray(v, "/web", "solvent_g_per_m2", 1, &ny, tmp, "g/m2", "solvent left per area"));
    PetscCall(H5WriteArray(v, "/web", "porosity", 1, &ny, r->web->porosity, "-", "coating porosity"));
    PetscCall(PetscFree(tmp));
  }
  /* summary scalars */
  PetscCall(SummaryGetSize(r->summary, &n));
  for (PetscInt i = 0; i < n; i++) {
    const SummaryEntry *e;
    PetscCall(SummaryGetEntry(r->summary, i, &e));
    PetscCall(H5WriteScalar(v, "/summary", e->name, e->set ? e->value : (PetscReal) NAN, e->unit,
                            e->set ? e->description : "not produced by this route (NaN)"));
  }
  /* ledger as columns */
  PetscCall(LedgerGetSize(r->ledger, &n));
  {
    const char **stage, **item, **kind;
    PetscReal   *energy, *minimum, *kwh, *per_cell;
    PetscCall(PetscMalloc3(n, &stage, n, &item, n, &kind));
    PetscCall(PetscMalloc4(n, &energy, n, &minimum, n, &kwh, n, &per_cell));
    for (PetscInt i = 0; i < n; i++) {
      const LedgerEntry *e;
      PetscCall(LedgerGetEntry(r->ledger, i, &e));
      stage[i]    = e->stage;
      item[i]     = e->item;
      kind[i]     = EnergyKinds[e->kind];
      energy[i]   = e->energy;
      minimum[i]  = e->minimum;
      kwh[i]      = e->energy / J_PER_KWH;
      per_cell[i] = EnergyPerCellEnergy(e->energy, r->areal_energy_Wh_per_m2);
    }
    PetscCall(H5WriteStrings(v, "/ledger", "stage", n, stage, "stage that books the item"));
    PetscCall(H5WriteStrings(v, "/ledger", "item", n, item, "energy item"));
    PetscCall(H5WriteStrings(v, "/ledger", "kind", n, kind, "thermal or electric"));
    PetscCall(
        H5WriteArray(v, "/ledger", "energy_J_per_m2", 1, &n, energy, "J/m2", "energy per m2 of coated electrode"));
    PetscCall(
        H5WriteArray(v, "/ledger", "energy_kWh_per_m2", 1, &n, kwh, "kWh/m2", "energy per m2 of coated electrode"));
    PetscCall(H5WriteArray(v, "/ledger", "energy_kWh_per_kWh_cell", 1, &n, per_cell, "kWh/kWh",
                           "energy per kWh of cell capacity"));
    PetscCall(
        H5WriteArray(v, "/ledger", "minimum_J_per_m2", 1, &n, minimum, "J/m2", "thermodynamic minimum of the item"));
    PetscCall(PetscFree3(stage, item, kind));
    PetscCall(PetscFree4(energy, minimum, kwh, per_cell));
  }
  /* balances */
  PetscCall(SummaryGetNumBalances(r->summary, &nb));
  {
    const char **stage, **quantity;
    PetscReal   *in, *out, *stored, *err;
    PetscCall(PetscMalloc2(nb, &stage, nb, &quantity));
    PetscCall(PetscMalloc4(nb, &in, nb, &out, nb, &stored, nb, &err));
    for (PetscInt i = 0; i < nb; i++) {
      const BalanceEntry *b;
      PetscCall(SummaryGetBalance(r->summary, i, &b));
      stage[i]    = b->stage;
      quantity[i] = b->quantity;
      in[i]       = b->in;
      out[i]      = b->out;
      stored[i]   = b->stored;
      err[i]      = b->relative_error;
    }
    PetscCall(H5WriteStrings(v, "/balances", "stage", nb, stage, "stage that closes the balance"));
    PetscCall(H5WriteStrings(v, "/balances", "quantity", nb, quantity, "balanced quantity"));
    PetscCall(H5WriteArray(v, "/balances", "in", 1, &nb, in, "kg/m2 or J/m2", "what entered the stage"));
    PetscCall(H5WriteArray(v, "/balances", "out", 1, &nb, out, "kg/m2 or J/m2", "what left the stage"));
    PetscCall(H5WriteArray(v, "/balances", "stored", 1, &nb, stored, "kg/m2 or J/m2",
                           "what stayed in the product or the stage"));
    PetscCall(H5WriteArray(v, "/balances", "relative_closure_error", 1, &nb, err, "-",
                           "|in - out - stored| / max(|in|, |out|, |stored|)"));
    PetscCall(PetscFree2(stage, quantity));
    PetscCall(PetscFree4(in, out, stored, err));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode RouteWriteResults(Route r, const char *filename)
{
  char           tmp[PETSC_MAX_PATH_LEN];
  PetscViewer    v;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(H5TemporaryName(filename, tmp, sizeof(tmp)));
  PetscCall(PetscViewerHDF5Open(r->comm, tmp, FILE_MODE_WRITE, &v));
  ierr = WriteAll(r, v);
  PetscCall(PetscViewerDestroy(&v));
  if (ierr) {
    PetscCall(H5Discard(r->comm, tmp));
    PetscCall(ierr);
  }
  PetscCall(H5Commit(r->comm, tmp, filename));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetSummary(Route r, Summary *s)
{
  PetscFunctionBeginUser;
  *s = r->summary;
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetLedger(Route r, Ledger *l)
{
  PetscFunctionBeginUser;
  *l = r->ledger;
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetWeb(Route r, Web *w)
{
  PetscFunctionBeginUser;
  *w = r->web;
  PetscFunctionReturn(0);
}
