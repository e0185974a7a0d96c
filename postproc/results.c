/* Results: writer and reader of the results layout (see results.h). */
#include "results.h"
#include "h5io.h"
#include <hdf5.h>
#include <petscviewerhdf5.h>
#include <string.h>
#include <math.h>

const ResultsSummaryName ResultsRouteSummary[] = {
    {"energy_kWh_per_m2", "kWh/m2", "total process energy per m2 of coated electrode (one side)"},
    {"energy_kWh_per_kWh_cell", "kWh/kWh",
     "total process energy per kWh of cell capacity carried by the electrode (loading x active fraction x specific "
     "capacity x electrode.cell_voltage_V)"},
    {"thermal_energy_kWh_per_m2", "kWh/m2", "heat (fuel or steam) part of the energy"},
    {"electric_energy_kWh_per_m2", "kWh/m2", "electric part of the energy (fans, pumps, chillers, corona, drives)"},
    {"minimum_energy_kWh_per_m2", "kWh/m2", "sum of the thermodynamic minima of all items"},
    {"dry_thickness_um", "um", "mean coating thickness leaving the route (without foil)"},
    {"thickness_cv_percent", "%", "cross-web coefficient of variation of the coating thickness (edges included)"},
    {"areal_loading_mg_per_cm2", "mg/cm2", "mean dry coating mass per area"},
    {"areal_capacity_mAh_per_cm2", "mAh/cm2", "areal capacity of the mean loading"},
    {"porosity", "-", "mean coating porosity leaving the route"},
    {"drying_time_s", "s", "time to dry the film to the end-of-drying criterion (wet routes)"},
    {"dryer_length_m", "m", "dryer length needed at the line speed (wet routes)"},
    {"residual_solvent_ppm", "ppm", "solvent left per mass of dry coating (wet routes)"},
    {"binder_migration_index", "-", "binder in the top 10 % of the coating over its mean (1 = uniform)"},
    {"max_balance_error", "-", "largest relative closure error of all stage balances"},
};
const PetscInt ResultsRouteSummaryCount = (PetscInt) PETSC_STATIC_ARRAY_LENGTH(ResultsRouteSummary);

PetscErrorCode ResultsDeclareSummary(Summary s)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < ResultsRouteSummaryCount; i++)
    PetscCall(SummaryDeclare(s, ResultsRouteSummary[i].name, ResultsRouteSummary[i].unit,
                             ResultsRouteSummary[i].description));
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsSetRouteSummary(Summary s, Ledger l, Web w, PetscReal areal_energy_Wh_per_m2)
{
  PetscReal total, thermal, electric, minimum, mean_h, cv, mean_m, mean_eps, worst = 0.0;
  PetscInt  nb;
  PetscFunctionBeginUser;
  PetscCall(LedgerGetTotals(l, NULL, &total, &thermal, &electric, &minimum));
  PetscCall(WebThicknessStats(w, &mean_h, &cv));
  PetscCall(WebMean(w, w->solids_mass, &mean_m));
  PetscCall(WebMean(w, w->porosity, &mean_eps));
  PetscCall(SummarySet(s, "energy_kWh_per_m2", total / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(s, "energy_kWh_per_kWh_cell", EnergyPerCellEnergy(total, areal_energy_Wh_per_m2), NULL, NULL));
  PetscCall(SummarySet(s, "thermal_energy_kWh_per_m2", thermal / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(s, "electric_energy_kWh_per_m2", electric / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(s, "minimum_energy_kWh_per_m2", minimum / J_PER_KWH, NULL, NULL));
  PetscCall(SummarySet(s, "dry_thickness_um", mean_h * 1e6, NULL, NULL));
  PetscCall(SummarySet(s, "thickness_cv_percent", cv * 100.0, NULL, NULL));
  PetscCall(SummarySet(s, "areal_loading_mg_per_cm2", mean_m * 1e2, NULL, NULL));
  PetscCall(SummarySet(s, "areal_capacity_mAh_per_cm2",
                       mean_m * w->formulation.w_active * w->formulation.active->specific_capacity / 3.6 / 1e4, NULL,
                       NULL));
  PetscCall(SummarySet(s, "porosity", mean_eps, NULL, NULL));
  PetscCall(SummaryGetNumBalances(s, &nb));
  for (PetscInt i = 0; i < nb; i++) {
    const BalanceEntry *b;
    PetscCall(SummaryGetBalance(s, i, &b));
    worst = PetscMax(worst, b->relative_error);
  }
  PetscCall(SummarySet(s, "max_balance_error", worst, NULL, NULL));
  PetscFunctionReturn(0);
}

/* Each part frees what it allocated whatever happens (a failed write must leave no leak behind): its steps go
 * through W() and the clean-up runs after the first failure. */
#define W(call)                                                                                                        \
  do {                                                                                                                 \
    if (!ierr) ierr = (call);                                                                                          \
  } while (0)

static PetscErrorCode WriteWeb(const ResultsContent *r, PetscViewer v)
{
  PetscInt       ny   = r->web->ny;
  PetscReal     *tmp  = NULL;
  PetscErrorCode ierr = 0;
  PetscFunctionBeginUser;
  W(PetscMalloc1(ny, &tmp));
  W(H5WriteArray(v, "/web", "y_m", 1, &ny, r->web->y, "m", "cross-web cell centres"));
  if (!ierr)
    for (PetscInt j = 0; j < ny; j++) tmp[j] = r->web->thickness[j] * 1e6;
  W(H5WriteArray(v, "/web", "thickness_um", 1, &ny, tmp, "um", "coating thickness leaving the route"));
  if (!ierr)
    for (PetscInt j = 0; j < ny; j++) tmp[j] = r->web->solids_mass[j] * 1e2;
  W(H5WriteArray(v, "/web", "areal_loading_mg_per_cm2", 1, &ny, tmp, "mg/cm2", "dry coating mass per area"));
  if (!ierr)
    for (PetscInt j = 0; j < ny; j++) tmp[j] = r->web->solvent_mass[j] * 1e3;
  W(H5WriteArray(v, "/web", "solvent_g_per_m2", 1, &ny, tmp, "g/m2", "solvent left per area"));
  W(H5WriteArray(v, "/web", "porosity", 1, &ny, r->web->porosity, "-", "coating porosity"));
  PetscCall(PetscFree(tmp));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteLedger(const ResultsContent *r, PetscViewer v)
{
  PetscInt       n;
  const char   **stage = NULL, **item = NULL, **kind = NULL;
  PetscReal     *energy = NULL, *minimum = NULL, *kwh = NULL, *per_cell = NULL;
  PetscErrorCode ierr = 0;
  PetscFunctionBeginUser;
  PetscCall(LedgerGetSize(r->ledger, &n));
  W(PetscMalloc3(n, &stage, n, &item, n, &kind));
  W(PetscMalloc4(n, &energy, n, &minimum, n, &kwh, n, &per_cell));
  for (PetscInt i = 0; i < n && !ierr; i++) {
    const LedgerEntry *e;
    W(LedgerGetEntry(r->ledger, i, &e));
    if (ierr) break;
    stage[i]    = e->stage;
    item[i]     = e->item;
    kind[i]     = EnergyKinds[e->kind];
    energy[i]   = e->energy;
    minimum[i]  = e->minimum;
    kwh[i]      = e->energy / J_PER_KWH;
    per_cell[i] = EnergyPerCellEnergy(e->energy, r->areal_energy_Wh_per_m2);
  }
  W(H5WriteStrings(v, "/ledger", "stage", n, stage, "stage that books the item"));
  W(H5WriteStrings(v, "/ledger", "item", n, item, "energy item"));
  W(H5WriteStrings(v, "/ledger", "kind", n, kind, "thermal or electric"));
  W(H5WriteArray(v, "/ledger", "energy_J_per_m2", 1, &n, energy, "J/m2", "energy per m2 of coated electrode"));
  W(H5WriteArray(v, "/ledger", "energy_kWh_per_m2", 1, &n, kwh, "kWh/m2", "energy per m2 of coated electrode"));
  W(H5WriteArray(v, "/ledger", "energy_kWh_per_kWh_cell", 1, &n, per_cell, "kWh/kWh",
                 "energy per kWh of cell capacity"));
  W(H5WriteArray(v, "/ledger", "minimum_J_per_m2", 1, &n, minimum, "J/m2", "thermodynamic minimum of the item"));
  PetscCall(PetscFree3(stage, item, kind));
  PetscCall(PetscFree4(energy, minimum, kwh, per_cell));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteBalances(const ResultsContent *r, PetscViewer v)
{
  PetscInt       nb;
  const char   **stage = NULL, **quantity = NULL;
  PetscReal     *in = NULL, *out = NULL, *stored = NULL, *err = NULL;
  PetscErrorCode ierr = 0;
  PetscFunctionBeginUser;
  PetscCall(SummaryGetNumBalances(r->summary, &nb));
  W(PetscMalloc2(nb, &stage, nb, &quantity));
  W(PetscMalloc4(nb, &in, nb, &out, nb, &stored, nb, &err));
  for (PetscInt i = 0; i < nb && !ierr; i++) {
    const BalanceEntry *b;
    W(SummaryGetBalance(r->summary, i, &b));
    if (ierr) break;
    stage[i]    = b->stage;
    quantity[i] = b->quantity;
    in[i]       = b->in;
    out[i]      = b->out;
    stored[i]   = b->stored;
    err[i]      = b->relative_error;
  }
  W(H5WriteStrings(v, "/balances", "stage", nb, stage, "stage that closes the balance"));
  W(H5WriteStrings(v, "/balances", "quantity", nb, quantity, "balanced quantity"));
  W(H5WriteArray(v, "/balances", "in", 1, &nb, in, "kg/m2 or J/m2", "what entered the stage"));
  W(H5WriteArray(v, "/balances", "out", 1, &nb, out, "kg/m2 or J/m2", "what left the stage"));
  W(H5WriteArray(v, "/balances", "stored", 1, &nb, stored, "kg/m2 or J/m2", "what stayed in the product or the stage"));
  W(H5WriteArray(v, "/balances", "relative_closure_error", 1, &nb, err, "-",
                 "|in - out - stored| / max(|in|, |out|, |stored|)"));
  PetscCall(PetscFree2(stage, quantity));
  PetscCall(PetscFree4(in, out, stored, err));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteAll(const ResultsContent *r, PetscViewer v)
{
  PetscInt n;
  PetscFunctionBeginUser;
  /* provenance */
  PetscCall(H5WriteStringAttribute(v, "/", "eproc_version", EPROC_VERSION));
  PetscCall(H5WriteStringAttribute(v, "/", "case_file", r->case_file ? r->case_file : ""));
  PetscCall(H5WriteStringAttribute(v, "/", "case_name", r->case_name ? r->case_name : ""));
  /* stage fields */
  PetscCall(H5ReleaseFieldsReserve(v));
  if (r->write_fields) PetscCall((*r->write_fields)(r->ctx, v));
  /* the final web, across the width */
  PetscCall(WriteWeb(r, v));
  /* summary scalars */
  PetscCall(SummaryGetSize(r->summary, &n));
  for (PetscInt i = 0; i < n; i++) {
    const SummaryEntry *e;
    PetscCall(SummaryGetEntry(r->summary, i, &e));
    PetscCall(H5WriteScalar(v, "/summary", e->name, e->set ? e->value : (PetscReal) NAN, e->unit,
                            e->set ? e->description : "not produced by this route (NaN)"));
  }
  PetscCall(WriteLedger(r, v));
  PetscCall(WriteBalances(r, v));
  PetscFunctionReturn(0);
}

/* Write everything into a temporary file beside the target and rename it when complete. Every step is decided by
 * all ranks together (h5io.h), so a failure on any rank (a full disk) ends the write on every rank at the same
 * point: one message, nothing left behind, an earlier file of that name untouched. */
PetscErrorCode ResultsWrite(MPI_Comm comm, const char *filename, const ResultsContent *content)
{
  PetscViewer v;
  PetscFunctionBeginUser;
  PetscCall(H5OpenTemporary(comm, filename, &v));
  PetscCall(H5CloseTemporary(&v, WriteAll(content, v)));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Reader */
struct _p_ResultsFile {
  char               filename[PETSC_MAX_PATH_LEN];
  char               case_file[PETSC_MAX_PATH_LEN], case_name[256], version[64];
  ResultsSummaryRow *summary;
  PetscInt           nsummary;
  ResultsLedgerRow  *ledger;
  PetscInt           nledger;
  ResultsBalanceRow *balances;
  PetscInt           nbalances;
  char             **strings; /* every string the rows point to */
  PetscInt           nstrings, nstrings_alloc;
};

static PetscErrorCode KeepString(ResultsFile rf, const char *s, const char **kept)
{
  PetscFunctionBeginUser;
  if (rf->nstrings == rf->nstrings_alloc) {
    rf->nstrings_alloc = rf->nstrings_alloc ? 2 * rf->nstrings_alloc : 64;
    PetscCall(PetscRealloc(sizeof(char *) * rf->nstrings_alloc, &rf->strings));
  }
  PetscCall(PetscStrallocpy(s, &rf->strings[rf->nstrings]));
  *kept = rf->strings[rf->nstrings++];
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadStringAttribute(hid_t obj, const char *name, char *buf, size_t len)
{
  hid_t a, t;
  PetscFunctionBeginUser;
  buf[0] = 0;
  if (H5Aexists(obj, name) <= 0) PetscFunctionReturn(0);
  a = H5Aopen(obj, name, H5P_DEFAULT);
  PetscCheck(a >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot open attribute %s", name);
  t = H5Aget_type(a);
  if (H5Tget_class(t) == H5T_STRING && !H5Tis_variable_str(t) && H5Tget_size(t) < len) {
    char tmp[4096];
    if (H5Aread(a, t, tmp) >= 0) {
      tmp[H5Tget_size(t)] = 0;
      PetscCall(PetscStrncpy(buf, tmp, len));
    }
  }
  H5Tclose(t);
  H5Aclose(a);
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadDoubles(hid_t file, const char *path, PetscInt *n, double **v)
{
  hid_t   d, sp;
  hsize_t dims[2] = {0, 0};
  int     nd;
  PetscFunctionBeginUser;
  *n = 0;
  *v = NULL;
  if (H5Lexists(file, path, H5P_DEFAULT) <= 0) PetscFunctionReturn(0);
  d = H5Dopen2(file, path, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot open %s", path);
  sp = H5Dget_space(d);
  nd = H5Sget_simple_extent_dims(sp, dims, NULL);
  *n = nd == 1 ? (PetscInt) dims[0] : nd == 2 ? (PetscInt) (dims[0] * dims[1]) : 1;
  PetscCall(PetscMalloc1(*n > 0 ? *n : 1, v));
  PetscCheck(*n == 0 || H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, *v) >= 0, PETSC_COMM_SELF,
             PETSC_ERR_FILE_READ, "HDF5: cannot read %s", path);
  H5Sclose(sp);
  H5Dclose(d);
  PetscFunctionReturn(0);
}

/* A fixed-length string column: n strings, kept in rf. */
static PetscErrorCode ReadStrings(ResultsFile rf, hid_t file, const char *path, PetscInt n, const char **out)
{
  hid_t   d, t;
  size_t  len;
  char   *buf;
  hsize_t dims[1] = {0};
  hid_t   sp;
  PetscFunctionBeginUser;
  d = H5Dopen2(file, path, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot open %s", path);
  sp = H5Dget_space(d);
  H5Sget_simple_extent_dims(sp, dims, NULL);
  PetscCheck((PetscInt) dims[0] == n, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s has %d rows, expected %d", path,
             (int) dims[0], (int) n);
  t   = H5Dget_type(d);
  len = H5Tget_size(t);
  PetscCall(PetscCalloc1(len * (size_t) (n > 0 ? n : 1) + 1, &buf));
  PetscCheck(n == 0 || H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ,
             "HDF5: cannot read %s", path);
  for (PetscInt i = 0; i < n; i++) {
    char one[512];
    snprintf(one, sizeof(one), "%.*s", (int) PetscMin(len, sizeof(one) - 1), buf + i * len);
    PetscCall(KeepString(rf, one, &out[i]));
  }
  PetscCall(PetscFree(buf));
  H5Tclose(t);
  H5Sclose(sp);
  H5Dclose(d);
  PetscFunctionReturn(0);
}

typedef struct {
  ResultsFile    rf;
  PetscErrorCode ierr;
} SummaryIterCtx;

static herr_t SummaryIterate(hid_t group, const char *name, const H5L_info_t *info, void *data)
{
  SummaryIterCtx    *ctx = (SummaryIterCtx *) data;
  ResultsFile        rf  = ctx->rf;
  ResultsSummaryRow *row;
  hid_t              d;
  char               unit[64], description[512];
  double             value = NAN;
  (void) info;
  d = H5Dopen2(group, name, H5P_DEFAULT);
  if (d < 0) return -1;
  if (H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value) < 0) {
    H5Dclose(d);
    return -1;
  }
  ctx->ierr = ReadStringAttribute(d, "unit", unit, sizeof(unit));
  if (!ctx->ierr) ctx->ierr = ReadStringAttribute(d, "description", description, sizeof(description));
  H5Dclose(d);
  if (ctx->ierr) return -1;
  ctx->ierr = PetscRealloc(sizeof(ResultsSummaryRow) * (rf->nsummary + 1), &rf->summary);
  if (ctx->ierr) return -1;
  row        = &rf->summary[rf->nsummary++];
  row->value = value;
  ctx->ierr  = KeepString(rf, name, &row->name);
  if (!ctx->ierr) ctx->ierr = KeepString(rf, unit, &row->unit);
  if (!ctx->ierr) ctx->ierr = KeepString(rf, description, &row->description);
  return ctx->ierr ? -1 : 0;
}

static PetscErrorCode ReadAll(ResultsFile rf, hid_t file)
{
  PetscInt n;
  double  *col[4];
  hid_t    root;
  PetscFunctionBeginUser;
  root = H5Gopen2(file, "/", H5P_DEFAULT);
  PetscCheck(root >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot open /");
  PetscCall(ReadStringAttribute(root, "eproc_version", rf->version, sizeof(rf->version)));
  PetscCall(ReadStringAttribute(root, "case_file", rf->case_file, sizeof(rf->case_file)));
  PetscCall(ReadStringAttribute(root, "case_name", rf->case_name, sizeof(rf->case_name)));
  H5Gclose(root);
  PetscCheck(rf->version[0], PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s is not an eproc results file",
             rf->filename);
  if (H5Lexists(file, "/summary", H5P_DEFAULT) > 0) {
    SummaryIterCtx ctx = {rf, 0};
    hid_t          g   = H5Gopen2(file, "/summary", H5P_DEFAULT);
    /* creation order is not tracked, so names come back sorted; that is the order the reader promises */
    herr_t st = H5Literate(g, H5_INDEX_NAME, H5_ITER_INC, NULL, SummaryIterate, &ctx);
    H5Gclose(g);
    PetscCall(ctx.ierr);
    PetscCheck(st >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot read /summary of %s", rf->filename);
  }
  PetscCall(ReadDoubles(file, "/ledger/energy_J_per_m2", &n, &col[0]));
  rf->nledger = n;
  PetscCall(PetscCalloc1(n > 0 ? n : 1, &rf->ledger));
  {
    const char **s0, **s1, **s2;
    PetscInt     m;
    PetscCall(PetscMalloc3(n + 1, &s0, n + 1, &s1, n + 1, &s2));
    if (n) {
      PetscCall(ReadStrings(rf, file, "/ledger/stage", n, s0));
      PetscCall(ReadStrings(rf, file, "/ledger/item", n, s1));
      PetscCall(ReadStrings(rf, file, "/ledger/kind", n, s2));
    }
    PetscCall(ReadDoubles(file, "/ledger/energy_kWh_per_m2", &m, &col[1]));
    PetscCall(ReadDoubles(file, "/ledger/energy_kWh_per_kWh_cell", &m, &col[2]));
    PetscCall(ReadDoubles(file, "/ledger/minimum_J_per_m2", &m, &col[3]));
    for (PetscInt i = 0; i < n; i++) {
      rf->ledger[i] = (ResultsLedgerRow){s0[i], s1[i], s2[i], col[0][i], col[1][i], col[2][i], col[3][i]};
    }
    PetscCall(PetscFree3(s0, s1, s2));
    for (PetscInt k = 0; k < 4; k++) PetscCall(PetscFree(col[k]));
  }
  PetscCall(ReadDoubles(file, "/balances/in", &n, &col[0]));
  rf->nbalances = n;
  PetscCall(PetscCalloc1(n > 0 ? n : 1, &rf->balances));
  {
    const char **s0, **s1;
    PetscInt     m;
    PetscCall(PetscMalloc2(n + 1, &s0, n + 1, &s1));
    if (n) {
      PetscCall(ReadStrings(rf, file, "/balances/stage", n, s0));
      PetscCall(ReadStrings(rf, file, "/balances/quantity", n, s1));
    }
    PetscCall(ReadDoubles(file, "/balances/out", &m, &col[1]));
    PetscCall(ReadDoubles(file, "/balances/stored", &m, &col[2]));
    PetscCall(ReadDoubles(file, "/balances/relative_closure_error", &m, &col[3]));
    for (PetscInt i = 0; i < n; i++)
      rf->balances[i] = (ResultsBalanceRow){s0[i], s1[i], col[0][i], col[1][i], col[2][i], col[3][i]};
    PetscCall(PetscFree2(s0, s1));
    for (PetscInt k = 0; k < 4; k++) PetscCall(PetscFree(col[k]));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsOpen(const char *filename, ResultsFile *rf)
{
  hid_t          file;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(rf));
  PetscCall(PetscStrncpy((*rf)->filename, filename, sizeof((*rf)->filename)));
  H5E_BEGIN_TRY
  {
    file = H5Fopen(filename, H5F_ACC_RDONLY, H5P_DEFAULT);
  }
  H5E_END_TRY;
  if (file < 0) {
    PetscCall(ResultsClose(rf));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open the results file %s", filename);
  }
  ierr = ReadAll(*rf, file);
  H5Fclose(file);
  if (ierr) PetscCall(ResultsClose(rf));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsClose(ResultsFile *rf)
{
  PetscFunctionBeginUser;
  if (!*rf) PetscFunctionReturn(0);
  for (PetscInt i = 0; i < (*rf)->nstrings; i++) PetscCall(PetscFree((*rf)->strings[i]));
  PetscCall(PetscFree((*rf)->strings));
  PetscCall(PetscFree((*rf)->summary));
  PetscCall(PetscFree((*rf)->ledger));
  PetscCall(PetscFree((*rf)->balances));
  PetscCall(PetscFree(*rf));
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsGetAttribute(ResultsFile rf, const char *name, const char **value)
{
  PetscBool a, b, c;
  PetscFunctionBeginUser;
  PetscCall(PetscStrcmp(name, "case_file", &a));
  PetscCall(PetscStrcmp(name, "case_name", &b));
  PetscCall(PetscStrcmp(name, "eproc_version", &c));
  PetscCheck(a || b || c, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "No attribute %s", name);
  *value = a ? rf->case_file : b ? rf->case_name : rf->version;
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsGetSummary(ResultsFile rf, PetscInt *n, const ResultsSummaryRow **rows)
{
  PetscFunctionBeginUser;
  *n    = rf->nsummary;
  *rows = rf->summary;
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsGetSummaryValue(ResultsFile rf, const char *name, double *value, PetscBool *found)
{
  PetscFunctionBeginUser;
  *found = PETSC_FALSE;
  *value = NAN;
  for (PetscInt i = 0; i < rf->nsummary; i++) {
    PetscBool match;
    PetscCall(PetscStrcmp(name, rf->summary[i].name, &match));
    if (match) {
      *found = PETSC_TRUE;
      *value = rf->summary[i].value;
    }
  }
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsGetLedger(ResultsFile rf, PetscInt *n, const ResultsLedgerRow **rows)
{
  PetscFunctionBeginUser;
  *n    = rf->nledger;
  *rows = rf->ledger;
  PetscFunctionReturn(0);
}

PetscErrorCode ResultsGetBalances(ResultsFile rf, PetscInt *n, const ResultsBalanceRow **rows)
{
  PetscFunctionBeginUser;
  *n    = rf->nbalances;
  *rows = rf->balances;
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * docs/results.md */
static const char reference_head[] =
    "# The results file\n"
    "\n"
    "<!-- Generated by `eproc results-reference` from postproc/results.c and the shipped cases; a test fails "
    "when it is stale. -->\n"
    "\n"
    "`eproc run CASE.cfg -o RESULTS.h5` writes one HDF5 file. It is written under a unique temporary name "
    "beside the target and renamed to `RESULTS.h5` only after every group has been written and the file "
    "closed, so a file with the results name is always complete; after an error on any rank the temporary "
    "file is removed and an earlier file of that name is left as it was. Every dataset carries the "
    "attributes `unit` and `description`. The module `postproc/results.c` writes and reads this layout "
    "(`ResultsOpen`, `ResultsGetSummaryValue`, `ResultsGetLedger`, `ResultsGetBalances`).\n"
    "\n"
    "| group | contents |\n"
    "|---|---|\n"
    "| `/` (attributes) | `eproc_version`, `case_file`, `case_name` |\n"
    "| `/summary` | one scalar dataset per result (below). Values a route does not produce are NaN, with the "
    "description \"not produced by this route\". |\n"
    "| `/ledger` | columns, one row per energy item: `stage` (the stage instance), `item`, `kind` (thermal or "
    "electric), `energy_J_per_m2`, `energy_kWh_per_m2`, `energy_kWh_per_kWh_cell`, `minimum_J_per_m2` "
    "(thermodynamic minimum of the item) |\n"
    "| `/balances` | columns, one row per balance: `stage`, `quantity`, `in`, `out`, `stored`, "
    "`relative_closure_error` = \\|in - out - stored\\| / max(\\|in\\|, \\|out\\|, \\|stored\\|) |\n"
    "| `/web` | the final cross-web profiles: `y_m`, `thickness_um`, `areal_loading_mg_per_cm2`, "
    "`solvent_g_per_m2`, `porosity` |\n"
    "| `/<instance>` | the fields of each stage instance (profiles through the thickness and across the web, "
    "histories); a route with two calender passes has two groups. See the stage's document in `docs/`. |\n"
    "\n"
    "Every summary name ends in its unit (`_kWh_per_m2`, `_um`, `_percent`, `_C` for degrees Celsius) unless "
    "it is a pure number (`porosity`, `_index`, `_fraction`, `_ratio`, flags).\n"
    "\n"
    "## `/summary` names every results file carries\n"
    "\n"
    "| name | unit | meaning |\n"
    "|---|---|---|\n";

static void MarkdownCell(FILE *fp, const char *s)
{
  for (; *s; s++) fputs(*s == '|' ? "\\|" : (char[2]){*s, 0}, fp);
}

PetscErrorCode ResultsPrintReference(FILE *fp, PetscInt nfiles, const char *const files[])
{
  const char **seen;
  PetscInt     nseen = 0, cap = 0;
  ResultsFile *rfs;
  PetscFunctionBeginUser;
  fputs(reference_head, fp);
  for (PetscInt i = 0; i < ResultsRouteSummaryCount; i++) {
    fprintf(fp, "| `%s` | ", ResultsRouteSummary[i].name);
    MarkdownCell(fp, ResultsRouteSummary[i].unit);
    fputs(" | ", fp);
    MarkdownCell(fp, ResultsRouteSummary[i].description);
    fputs(" |\n", fp);
  }
  fputs("\n## Names added by the stages\n\nFound in the results of", fp);
  for (PetscInt f = 0; f < nfiles; f++) {
    const char *base = strrchr(files[f], '/');
    fprintf(fp, "%s `%s`", f ? (f == nfiles - 1 ? " and" : ",") : "", base ? base + 1 : files[f]);
  }
  fputs(" (the shipped cases); each stage's document explains them.\n\n| name | unit | meaning |\n|---|---|---|\n", fp);
  PetscCall(PetscMalloc1(nfiles > 0 ? nfiles : 1, &rfs));
  for (PetscInt f = 0; f < nfiles; f++) {
    PetscInt                 n;
    const ResultsSummaryRow *rows;
    PetscCall(ResultsOpen(files[f], &rfs[f]));
    PetscCall(ResultsGetSummary(rfs[f], &n, &rows));
    cap += n;
  }
  PetscCall(PetscMalloc1(cap + 1, &seen));
  for (PetscInt f = 0; f < nfiles; f++) {
    PetscInt                 n;
    const ResultsSummaryRow *rows;
    PetscCall(ResultsGetSummary(rfs[f], &n, &rows));
    for (PetscInt i = 0; i < n; i++) {
      PetscBool known = PETSC_FALSE;
      for (PetscInt k = 0; k < ResultsRouteSummaryCount && !known; k++)
        known = !strcmp(rows[i].name, ResultsRouteSummary[k].name) ? PETSC_TRUE : PETSC_FALSE;
      for (PetscInt k = 0; k < nseen && !known; k++) known = !strcmp(rows[i].name, seen[k]) ? PETSC_TRUE : PETSC_FALSE;
      if (known || isnan(rows[i].value)) continue;
      seen[nseen++] = rows[i].name;
      fprintf(fp, "| `%s` | ", rows[i].name);
      MarkdownCell(fp, rows[i].unit);
      fputs(" | ", fp);
      MarkdownCell(fp, rows[i].description);
      fputs(" |\n", fp);
    }
  }
  fputs("\n## Reading it\n\n```sh\nh5dump -d /summary/energy_kWh_per_m2 nmp.h5\n"
        "python3 -c \"import h5py; f=h5py.File('nmp.h5'); print({k: f['summary'][k][0] for k in f['summary']})\"\n"
        "```\n",
        fp);
  for (PetscInt f = 0; f < nfiles; f++) PetscCall(ResultsClose(&rfs[f]));
  PetscCall(PetscFree(rfs));
  PetscCall(PetscFree(seen));
  PetscFunctionReturn(0);
}
