/* Routes side by side: tables from the results files, the plant context, and their CSV and HDF5 files (see
 * compare_results.h and docs/compare.md). Serial: runs on the rank that gathered the results. */
#include "compare_results.h"
#include "h5io.h"
#include "../physics/energy.h"
#include <petscviewerhdf5.h>
#include <math.h>
#include <string.h>

typedef enum {
  Q_SUMMARY,       /* copied from the results file's /summary */
  Q_CELL_THERMAL,  /* heat items per kWh of cell */
  Q_CELL_ELECTRIC, /* electric items per kWh of cell */
  Q_CELL_MINIMUM,  /* thermodynamic minima per kWh of cell */
  Q_CELL_ENERGY,   /* cell energy per m2 of electrode */
  Q_BASELINE_LOW,
  Q_BASELINE_HIGH,
  Q_REPLACED_LOW,
  Q_REPLACED_HIGH,
  Q_REST_LOW,
  Q_REST_HIGH,
  Q_TOTAL_LOW,
  Q_TOTAL_HIGH,
  Q_SHARE_LOW,
  Q_SHARE_HIGH,
  Q_GRID,
  Q_HEAT,
  Q_ROUTE_CO2E,
  Q_TOTAL_CO2E_LOW,
  Q_TOTAL_CO2E_HIGH
} QuantitySource;

typedef struct {
  const char    *group, *name, *unit, *description; /* description NULL: the results file's */
  QuantitySource source;
} QuantityDef;

static const QuantityDef quantities[] = {
    {"electrode", "dry_thickness_um", "um", NULL, Q_SUMMARY},
    {"electrode", "thickness_cv_percent", "%", NULL, Q_SUMMARY},
    {"electrode", "porosity", "-", NULL, Q_SUMMARY},
    {"electrode", "areal_loading_mg_per_cm2", "mg/cm2", NULL, Q_SUMMARY},
    {"electrode", "areal_capacity_mAh_per_cm2", "mAh/cm2", NULL, Q_SUMMARY},
    {"electrode", "residual_solvent_ppm", "ppm", NULL, Q_SUMMARY},
    {"electrode", "binder_migration_index", "-", NULL, Q_SUMMARY},
    {"energy", "energy_kWh_per_m2", "kWh/m2", NULL, Q_SUMMARY},
    {"energy", "thermal_energy_kWh_per_m2", "kWh/m2", NULL, Q_SUMMARY},
    {"energy", "electric_energy_kWh_per_m2", "kWh/m2", NULL, Q_SUMMARY},
    {"energy", "minimum_energy_kWh_per_m2", "kWh/m2", NULL, Q_SUMMARY},
    {"energy", "energy_kWh_per_kWh_cell", "kWh/kWh", NULL, Q_SUMMARY},
    {"energy", "thermal_energy_kWh_per_kWh_cell", "kWh/kWh", "heat part of the energy per kWh of cell", Q_CELL_THERMAL},
    {"energy", "electric_energy_kWh_per_kWh_cell", "kWh/kWh", "electric part of the energy per kWh of cell",
     Q_CELL_ELECTRIC},
    {"energy", "minimum_energy_kWh_per_kWh_cell", "kWh/kWh",
     "sum of the thermodynamic minima of all items, per kWh of cell", Q_CELL_MINIMUM},
    {"energy", "cell_energy_Wh_per_m2", "Wh/m2",
     "cell energy carried per m2 of electrode (target loading x active fraction x specific capacity x cell voltage): "
     "the per-kWh-of-cell basis",
     Q_CELL_ENERGY},
    {"energy", "max_balance_error", "-", NULL, Q_SUMMARY},
    {"plant", "plant_baseline_low_kWh_per_kWh_cell", "kWh/kWh",
     "today's cell plants, low end: energy per kWh of cell (plant file baseline.total_low)", Q_BASELINE_LOW},
    {"plant", "plant_baseline_high_kWh_per_kWh_cell", "kWh/kWh",
     "today's cell plants, high end: energy per kWh of cell (plant file baseline.total_high)", Q_BASELINE_HIGH},
    {"plant", "plant_replaced_low_kWh_per_kWh_cell", "kWh/kWh",
     "part of the low baseline the route stands for (its electrode's share of the steps its stages cover)",
     Q_REPLACED_LOW},
    {"plant", "plant_replaced_high_kWh_per_kWh_cell", "kWh/kWh", "part of the high baseline the route stands for",
     Q_REPLACED_HIGH},
    {"plant", "plant_rest_low_kWh_per_kWh_cell", "kWh/kWh", "rest of cell making: low baseline minus the replaced part",
     Q_REST_LOW},
    {"plant", "plant_rest_high_kWh_per_kWh_cell", "kWh/kWh",
     "rest of cell making: high baseline minus the replaced part", Q_REST_HIGH},
    {"plant", "plant_total_low_kWh_per_kWh_cell", "kWh/kWh", "plant total with this route: rest (low) + route",
     Q_TOTAL_LOW},
    {"plant", "plant_total_high_kWh_per_kWh_cell", "kWh/kWh", "plant total with this route: rest (high) + route",
     Q_TOTAL_HIGH},
    {"plant", "route_share_low_percent", "%", "route energy over the plant total (low baseline)", Q_SHARE_LOW},
    {"plant", "route_share_high_percent", "%", "route energy over the plant total (high baseline)", Q_SHARE_HIGH},
    {"plant", "grid_kg_CO2e_per_kWh", "kg CO2e/kWh", "emission factor of the electricity", Q_GRID},
    {"plant", "heat_kg_CO2e_per_kWh", "kg CO2e/kWh", "emission factor of the process heat delivered", Q_HEAT},
    {"plant", "route_kg_CO2e_per_kWh_cell", "kg CO2e/kWh",
     "CO2e of the route per kWh of cell: heat x heat factor + electricity x grid factor", Q_ROUTE_CO2E},
    {"plant", "plant_kg_CO2e_low_per_kWh_cell", "kg CO2e/kWh",
     "CO2e of the plant with this route per kWh of cell (low baseline)", Q_TOTAL_CO2E_LOW},
    {"plant", "plant_kg_CO2e_high_per_kWh_cell", "kg CO2e/kWh",
     "CO2e of the plant with this route per kWh of cell (high baseline)", Q_TOTAL_CO2E_HIGH},
};
#define NQ ((PetscInt) PETSC_STATIC_ARRAY_LENGTH(quantities))

/* Measures of a stage: its ledger items summed (J/m2), shown per m2 and per kWh of cell. */
#define NSTAGE_MEASURES 8
static const char *const stage_measure_names[NSTAGE_MEASURES] = {"energy_kWh_per_m2",
                                                                 "thermal_energy_kWh_per_m2",
                                                                 "electric_energy_kWh_per_m2",
                                                                 "minimum_energy_kWh_per_m2",
                                                                 "energy_kWh_per_kWh_cell",
                                                                 "thermal_energy_kWh_per_kWh_cell",
                                                                 "electric_energy_kWh_per_kWh_cell",
                                                                 "minimum_energy_kWh_per_kWh_cell"};

typedef struct {
  char   stage[64], item[64], kind[16];
  double J, kWh, per_cell, min_J;
} Row;

typedef struct {
  char      stage[64];
  PetscReal total, thermal, electric, minimum; /* J/m2 */
} StageSum;

typedef struct {
  char         label[128], case_file[PETSC_MAX_PATH_LEN], case_name[256], results_file[PETSC_MAX_PATH_LEN];
  char         route[512], plant_file[PETSC_MAX_PATH_LEN];
  PetscBool    cathode;
  PetscReal    cell_Wh;
  PetscReal    values[NQ];
  Row         *rows;
  PetscInt     nrows;
  StageSum    *stages;
  PetscInt     nstages;
  PlantContext plant;
} RouteData;

struct _p_Compare {
  RouteData *routes;
  PetscInt   n, nalloc;
  char       descriptions[NQ][512]; /* of the summary quantities, from the first route that produced them */
};

PetscInt CompareGetNumQuantities(void)
{
  return NQ;
}

PetscErrorCode CompareGetQuantity(PetscInt q, const char **group, const char **name, const char **unit,
                                  const char **description)
{
  PetscFunctionBeginUser;
  PetscCheck(q >= 0 && q < NQ, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "No compared quantity %" PetscInt_FMT, q);
  if (group) *group = quantities[q].group;
  if (name) *name = quantities[q].name;
  if (unit) *unit = quantities[q].unit;
  if (description) *description = quantities[q].description;
  PetscFunctionReturn(0);
}

PetscErrorCode CompareGetStageMeasures(PetscInt *n, const char *const **names)
{
  PetscFunctionBeginUser;
  *n     = NSTAGE_MEASURES;
  *names = stage_measure_names;
  PetscFunctionReturn(0);
}

PetscErrorCode CompareCreate(Compare *cmp)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(cmp));
  PetscFunctionReturn(0);
}

PetscErrorCode CompareDestroy(Compare *cmp)
{
  PetscFunctionBeginUser;
  if (!*cmp) PetscFunctionReturn(0);
  for (PetscInt i = 0; i < (*cmp)->n; i++) {
    PetscCall(PetscFree((*cmp)->routes[i].rows));
    PetscCall(PetscFree((*cmp)->routes[i].stages));
  }
  PetscCall(PetscFree((*cmp)->routes));
  PetscCall(PetscFree(*cmp));
  PetscFunctionReturn(0);
}

PetscErrorCode CompareGetNumRoutes(Compare cmp, PetscInt *n)
{
  PetscFunctionBeginUser;
  *n = cmp->n;
  PetscFunctionReturn(0);
}

PetscErrorCode CompareGetValue(Compare cmp, PetscInt route, const char *name, PetscReal *value)
{
  PetscFunctionBeginUser;
  PetscCheck(route >= 0 && route < cmp->n, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "No route %" PetscInt_FMT, route);
  for (PetscInt q = 0; q < NQ; q++)
    if (!strcmp(quantities[q].name, name)) {
      *value = cmp->routes[route].values[q];
      PetscFunctionReturn(0);
    }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "'%s' is not a compared quantity", name);
}

/* The ledger rows of a route, and their sums per stage and per kind (J/m2, in ledger order as LedgerGetTotals). */
static PetscErrorCode ReadLedger(ResultsFile rf, RouteData *r, PetscReal *thermal, PetscReal *electric,
                                 PetscReal *minimum)
{
  PetscInt                n;
  const ResultsLedgerRow *rows;
  PetscFunctionBeginUser;
  *thermal = *electric = *minimum = 0.0;
  PetscCall(ResultsGetLedger(rf, &n, &rows));
  PetscCall(PetscCalloc1(n > 0 ? n : 1, &r->rows));
  PetscCall(PetscCalloc1(n > 0 ? n : 1, &r->stages));
  r->nrows = n;
  for (PetscInt i = 0; i < n; i++) {
    Row      *w = &r->rows[i];
    StageSum *s = NULL;
    PetscCall(PetscStrncpy(w->stage, rows[i].stage, sizeof(w->stage)));
    PetscCall(PetscStrncpy(w->item, rows[i].item, sizeof(w->item)));
    PetscCall(PetscStrncpy(w->kind, rows[i].kind, sizeof(w->kind)));
    w->J        = rows[i].energy_J_per_m2;
    w->kWh      = rows[i].energy_kWh_per_m2;
    w->per_cell = rows[i].energy_kWh_per_kWh_cell;
    w->min_J    = rows[i].minimum_J_per_m2;
    for (PetscInt k = 0; k < r->nstages && !s; k++)
      if (!strcmp(r->stages[k].stage, w->stage)) s = &r->stages[k];
    if (!s) {
      s = &r->stages[r->nstages++];
      PetscCall(PetscStrncpy(s->stage, w->stage, sizeof(s->stage)));
    }
    s->total += w->J;
    s->minimum += w->min_J;
    *minimum += w->min_J;
    if (!strcmp(w->kind, "thermal")) {
      s->thermal += w->J;
      *thermal += w->J;
    } else {
      s->electric += w->J;
      *electric += w->J;
    }
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CompareAddRoute(Compare cmp, const CompareRouteInfo *info)
{
  ResultsFile rf;
  RouteData  *r;
  const char *attr;
  PetscReal   thermal, electric, minimum;
  PlantRoute  pr;
  PetscFunctionBeginUser;
  if (cmp->n == cmp->nalloc) {
    cmp->nalloc = cmp->nalloc ? 2 * cmp->nalloc : 8;
    PetscCall(PetscRealloc(sizeof(RouteData) * cmp->nalloc, &cmp->routes));
  }
  r = &cmp->routes[cmp->n];
  PetscCall(PetscMemzero(r, sizeof(*r)));
  PetscCall(PetscStrncpy(r->label, info->label, sizeof(r->label)));
  PetscCall(PetscStrncpy(r->results_file, info->results_file, sizeof(r->results_file)));
  for (PetscInt i = 0; i < info->nstages; i++) {
    PetscCall(PetscStrlcat(r->route, i ? " -> " : "", sizeof(r->route)));
    PetscCall(PetscStrlcat(r->route, info->stage_types[i], sizeof(r->route)));
  }
  r->cathode = info->cathode;
  r->cell_Wh = info->cell_energy_Wh_per_m2;
  {
    const char *pf;
    PetscCall(PlantGetFileName(info->plant, &pf));
    PetscCall(PetscStrncpy(r->plant_file, pf, sizeof(r->plant_file)));
  }
  PetscCall(ResultsOpen(info->results_file, &rf));
  PetscCall(ResultsGetAttribute(rf, "case_file", &attr));
  PetscCall(PetscStrncpy(r->case_file, attr, sizeof(r->case_file)));
  PetscCall(ResultsGetAttribute(rf, "case_name", &attr));
  PetscCall(PetscStrncpy(r->case_name, attr, sizeof(r->case_name)));
  PetscCall(ReadLedger(rf, r, &thermal, &electric, &minimum));
  pr.thermal     = EnergyPerCellEnergy(thermal, r->cell_Wh);
  pr.electric    = EnergyPerCellEnergy(electric, r->cell_Wh);
  pr.cathode     = info->cathode;
  pr.nstages     = info->nstages;
  pr.stage_types = info->stage_types;
  PetscCall(PlantEvaluate(info->plant, &pr, &r->plant));
  for (PetscInt q = 0; q < NQ; q++) {
    const PlantContext *p = &r->plant;
    PetscReal          *v = &r->values[q];
    switch (quantities[q].source) {
    case Q_SUMMARY: {
      PetscInt                 ns;
      const ResultsSummaryRow *rows;
      *v = NAN;
      PetscCall(ResultsGetSummary(rf, &ns, &rows));
      for (PetscInt k = 0; k < ns; k++)
        if (!strcmp(rows[k].name, quantities[q].name)) {
          *v = rows[k].value;
          if (!cmp->descriptions[q][0] && !isnan(rows[k].value))
            PetscCall(PetscStrncpy(cmp->descriptions[q], rows[k].description, sizeof(cmp->descriptions[q])));
        }
    } break;
    case Q_CELL_THERMAL:
      *v = pr.thermal;
      break;
    case Q_CELL_ELECTRIC:
      *v = pr.electric;
      break;
    case Q_CELL_MINIMUM:
      *v = EnergyPerCellEnergy(minimum, r->cell_Wh);
      break;
    case Q_CELL_ENERGY:
      *v = r->cell_Wh;
      break;
    case Q_BASELINE_LOW:
    case Q_BASELINE_HIGH:
      *v = p->baseline[quantities[q].source - Q_BASELINE_LOW];
      break;
    case Q_REPLACED_LOW:
    case Q_REPLACED_HIGH:
      *v = p->replaced[quantities[q].source - Q_REPLACED_LOW];
      break;
    case Q_REST_LOW:
    case Q_REST_HIGH:
      *v = p->rest[quantities[q].source - Q_REST_LOW];
      break;
    case Q_TOTAL_LOW:
    case Q_TOTAL_HIGH:
      *v = p->total[quantities[q].source - Q_TOTAL_LOW];
      break;
    case Q_SHARE_LOW:
    case Q_SHARE_HIGH:
      *v = 100.0 * p->share[quantities[q].source - Q_SHARE_LOW];
      break;
    case Q_GRID:
      *v = p->grid_factor * J_PER_KWH;
      break;
    case Q_HEAT:
      *v = p->heat_factor * J_PER_KWH;
      break;
    case Q_ROUTE_CO2E:
      *v = p->route_co2e * J_PER_KWH;
      break;
    case Q_TOTAL_CO2E_LOW:
    case Q_TOTAL_CO2E_HIGH:
      *v = p->total_co2e[quantities[q].source - Q_TOTAL_CO2E_LOW] * J_PER_KWH;
      break;
    }
  }
  PetscCall(ResultsClose(&rf));
  cmp->n++;
  PetscFunctionReturn(0);
}

static const char *Description(Compare cmp, PetscInt q)
{
  return quantities[q].description ? quantities[q].description : cmp->descriptions[q];
}

/* Stage measure m of a stage of route r; NaN when the route has no such stage. */
static PetscReal StageValue(const RouteData *r, const char *stage, PetscInt m)
{
  for (PetscInt k = 0; k < r->nstages; k++) {
    const StageSum *s = &r->stages[k];
    PetscReal       J;
    if (strcmp(s->stage, stage)) continue;
    J = m % 4 == 0 ? s->total : m % 4 == 1 ? s->thermal : m % 4 == 2 ? s->electric : s->minimum;
    return m < 4 ? J / J_PER_KWH : EnergyPerCellEnergy(J, r->cell_Wh);
  }
  return NAN;
}

/* The stages (instance names) of all routes, in order of first appearance. */
static PetscErrorCode StageUnion(Compare cmp, PetscInt *n, const char ***names)
{
  PetscInt total = 0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < cmp->n; i++) total += cmp->routes[i].nstages;
  PetscCall(PetscMalloc1(total > 0 ? total : 1, names));
  *n = 0;
  for (PetscInt i = 0; i < cmp->n; i++)
    for (PetscInt k = 0; k < cmp->routes[i].nstages; k++) {
      PetscBool seen = PETSC_FALSE;
      for (PetscInt j = 0; j < *n && !seen; j++) seen = !strcmp((*names)[j], cmp->routes[i].stages[k].stage);
      if (!seen) (*names)[(*n)++] = cmp->routes[i].stages[k].stage;
    }
  PetscFunctionReturn(0);
}

/* The ledger items (stage, item) of all routes, in order of first appearance: route and row of the first. */
static PetscErrorCode ItemUnion(Compare cmp, PetscInt *n, const Row ***items)
{
  PetscInt total = 0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < cmp->n; i++) total += cmp->routes[i].nrows;
  PetscCall(PetscMalloc1(total > 0 ? total : 1, items));
  *n = 0;
  for (PetscInt i = 0; i < cmp->n; i++)
    for (PetscInt k = 0; k < cmp->routes[i].nrows; k++) {
      const Row *w    = &cmp->routes[i].rows[k];
      PetscBool  seen = PETSC_FALSE;
      for (PetscInt j = 0; j < *n && !seen; j++)
        seen = !strcmp((*items)[j]->stage, w->stage) && !strcmp((*items)[j]->item, w->item);
      if (!seen) (*items)[(*n)++] = w;
    }
  PetscFunctionReturn(0);
}

/* An item of route r (NULL when it has none). */
static const Row *FindItem(const RouteData *r, const char *stage, const char *item)
{
  for (PetscInt k = 0; k < r->nrows; k++)
    if (!strcmp(r->rows[k].stage, stage) && !strcmp(r->rows[k].item, item)) return &r->rows[k];
  return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Printed tables: a row is "  <label> <unit> <value> <value> ...", every column as wide as its widest
 * entry, so that each row of a table ends where its header does. */
static const char *const table_titles[] = {"electrode leaving the route",    "energy per m2 and per kWh of cell",
                                           "energy by stage, per m2",        "energy by stage, per kWh of cell",
                                           "energy by item, per m2",         "energy by item, per kWh of cell",
                                           "plant context (docs/compare.md)"};
static const char *const stage_rows[]   = {"total", "heat", "electricity", "thermodynamic floor"};

typedef struct {
  int label, unit, value; /* label: without the two-space indent of the rows */
} Widths;

static void GetWidths(Compare cmp, PetscInt ns, const char **stages, PetscInt ni, const Row **items, Widths *w)
{
  w->label = 0;
  w->unit  = (int) strlen("kWh/kWh");
  w->value = 12; /* " %.4g" of a negative number with exponent: -1.234e-05 */
  /* the titles are longer than the stage rows' indented "thermodynamic floor" */
  for (size_t t = 0; t < PETSC_STATIC_ARRAY_LENGTH(table_titles); t++)
    w->label = PetscMax(w->label, (int) strlen(table_titles[t]) - 2);
  for (PetscInt q = 0; q < NQ; q++) {
    w->label = PetscMax(w->label, (int) strlen(quantities[q].name));
    w->unit  = PetscMax(w->unit, (int) strlen(quantities[q].unit));
  }
  for (PetscInt s = 0; s < ns; s++) w->label = PetscMax(w->label, (int) strlen(stages[s]));
  for (PetscInt k = 0; k < ni; k++) {
    w->label = PetscMax(w->label, (int) (strlen(items[k]->stage) + 2 + strlen(items[k]->item)));
    w->unit  = PetscMax(w->unit, (int) strlen(items[k]->kind));
  }
  for (PetscInt i = 0; i < cmp->n; i++) w->value = PetscMax(w->value, (int) strlen(cmp->routes[i].label));
}

static void PrintValue(FILE *fp, const Widths *w, PetscReal v)
{
  if (isnan(v))
    fprintf(fp, " %*s", w->value, "-");
  else
    fprintf(fp, " %*.4g", w->value, (double) v);
}

static void PrintHeader(Compare cmp, FILE *fp, const Widths *w, PetscInt title, const char *unit)
{
  fprintf(fp, "\n%-*s %-*s", w->label + 2, table_titles[title], w->unit, unit);
  for (PetscInt i = 0; i < cmp->n; i++) fprintf(fp, " %*s", w->value, cmp->routes[i].label);
  fputc('\n', fp);
}

static void PrintLabel(FILE *fp, const Widths *w, const char *label, const char *unit)
{
  fprintf(fp, "  %-*s %-*s", w->label, label, w->unit, unit);
}

static void PrintGroup(Compare cmp, FILE *fp, const Widths *w, const char *group, PetscInt title)
{
  PrintHeader(cmp, fp, w, title, "unit");
  for (PetscInt q = 0; q < NQ; q++) {
    if (strcmp(quantities[q].group, group)) continue;
    PrintLabel(fp, w, quantities[q].name, quantities[q].unit);
    for (PetscInt i = 0; i < cmp->n; i++) PrintValue(fp, w, cmp->routes[i].values[q]);
    fputc('\n', fp);
  }
}

PetscErrorCode CompareView(Compare cmp, FILE *fp)
{
  PetscInt     ns, ni;
  const char **stages;
  const Row  **items;
  Widths       w;
  PetscFunctionBeginUser;
  PetscCall(StageUnion(cmp, &ns, &stages));
  PetscCall(ItemUnion(cmp, &ni, &items));
  GetWidths(cmp, ns, stages, ni, items, &w);
  fprintf(fp, "eproc %s: %d routes side by side (docs/compare.md)\n", EPROC_VERSION, (int) cmp->n);
  for (PetscInt i = 0; i < cmp->n; i++) {
    const RouteData *r = &cmp->routes[i];
    fprintf(fp, "  %s: %s (%s)\n      %s; %s; results %s\n", r->label, r->case_name, r->case_file, r->route,
            r->cathode ? "cathode" : "anode", r->results_file);
  }
  PrintGroup(cmp, fp, &w, "electrode", 0);
  PrintGroup(cmp, fp, &w, "energy", 1);
  for (PetscInt half = 0; half < 2; half++) {
    PrintHeader(cmp, fp, &w, 2 + half, half ? "kWh/kWh" : "kWh/m2");
    for (PetscInt s = 0; s < ns; s++)
      for (PetscInt m = 0; m < 4; m++) {
        char label[160];
        PetscCall(PetscSNPrintf(label, sizeof(label), "%s%s", m ? "    " : stages[s], m ? stage_rows[m] : ""));
        PrintLabel(fp, &w, label, "");
        for (PetscInt i = 0; i < cmp->n; i++) PrintValue(fp, &w, StageValue(&cmp->routes[i], stages[s], m + 4 * half));
        fputc('\n', fp);
      }
  }
  for (PetscInt half = 0; half < 2; half++) {
    PrintHeader(cmp, fp, &w, 4 + half, half ? "kWh/kWh" : "kWh/m2");
    for (PetscInt k = 0; k < ni; k++) {
      char label[160];
      PetscCall(PetscSNPrintf(label, sizeof(label), "%s: %s", items[k]->stage, items[k]->item));
      PrintLabel(fp, &w, label, items[k]->kind);
      for (PetscInt i = 0; i < cmp->n; i++) {
        const Row *row = FindItem(&cmp->routes[i], items[k]->stage, items[k]->item);
        PrintValue(fp, &w, row ? (half ? row->per_cell : row->kWh) : (PetscReal) NAN);
      }
      fputc('\n', fp);
    }
  }
  PetscCall(PetscFree(stages));
  PetscCall(PetscFree(items));
  PrintGroup(cmp, fp, &w, "plant", 6);
  for (PetscInt i = 0; i < cmp->n; i++)
    if (!i || strcmp(cmp->routes[i].plant_file, cmp->routes[0].plant_file))
      fprintf(fp, "  %s: baseline and emission factors from %s\n", cmp->routes[i].label, cmp->routes[i].plant_file);
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * CSV */
static void CsvText(FILE *fp, const char *s)
{
  if (!strpbrk(s, ",\"\n")) {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (const char *c = s; *c; c++) {
    if (*c == '"') fputc('"', fp);
    fputc(*c, fp);
  }
  fputc('"', fp);
}

/* Full precision, so that a reader gets the results file's numbers back bit for bit; empty when not produced. */
static void CsvNumber(FILE *fp, double v)
{
  fputc(',', fp);
  if (!isnan(v)) fprintf(fp, "%.17g", v);
}

static PetscErrorCode WriteSummaryCSV(Compare cmp, FILE *fp)
{
  PetscInt     ns;
  const char **stages;
  PetscFunctionBeginUser;
  fputs("group,quantity,unit", fp);
  for (PetscInt i = 0; i < cmp->n; i++) {
    fputc(',', fp);
    CsvText(fp, cmp->routes[i].label);
  }
  fputc('\n', fp);
  for (PetscInt q = 0; q < NQ; q++) {
    if (!strcmp(quantities[q].group, "plant")) continue; /* after the stages */
    fprintf(fp, "%s,%s,", quantities[q].group, quantities[q].name);
    CsvText(fp, quantities[q].unit);
    for (PetscInt i = 0; i < cmp->n; i++) CsvNumber(fp, cmp->routes[i].values[q]);
    fputc('\n', fp);
  }
  PetscCall(StageUnion(cmp, &ns, &stages));
  for (PetscInt s = 0; s < ns; s++)
    for (PetscInt m = 0; m < NSTAGE_MEASURES; m++) {
      fputs("stage,", fp);
      fprintf(fp, "%s.%s,%s", stages[s], stage_measure_names[m], m < 4 ? "kWh/m2" : "kWh/kWh");
      for (PetscInt i = 0; i < cmp->n; i++) CsvNumber(fp, StageValue(&cmp->routes[i], stages[s], m));
      fputc('\n', fp);
    }
  PetscCall(PetscFree(stages));
  for (PetscInt q = 0; q < NQ; q++) {
    if (strcmp(quantities[q].group, "plant")) continue;
    fprintf(fp, "%s,%s,", quantities[q].group, quantities[q].name);
    CsvText(fp, quantities[q].unit);
    for (PetscInt i = 0; i < cmp->n; i++) CsvNumber(fp, cmp->routes[i].values[q]);
    fputc('\n', fp);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteLedgerCSV(Compare cmp, FILE *fp)
{
  PetscFunctionBeginUser;
  fputs("route,stage,item,kind,energy_J_per_m2,energy_kWh_per_m2,energy_kWh_per_kWh_cell,minimum_J_per_m2\n", fp);
  for (PetscInt i = 0; i < cmp->n; i++)
    for (PetscInt k = 0; k < cmp->routes[i].nrows; k++) {
      const Row *w = &cmp->routes[i].rows[k];
      CsvText(fp, cmp->routes[i].label);
      fputc(',', fp);
      CsvText(fp, w->stage);
      fputc(',', fp);
      CsvText(fp, w->item);
      fputc(',', fp);
      CsvText(fp, w->kind);
      CsvNumber(fp, w->J);
      CsvNumber(fp, w->kWh);
      CsvNumber(fp, w->per_cell);
      CsvNumber(fp, w->min_J);
      fputc('\n', fp);
    }
  PetscFunctionReturn(0);
}

/* One text file through a temporary name, renamed when complete (on PETSC_COMM_SELF). */
static PetscErrorCode WriteTextFile(Compare cmp, const char *filename, PetscErrorCode (*write)(Compare, FILE *))
{
  char           tmp[PETSC_MAX_PATH_LEN];
  FILE          *fp;
  PetscErrorCode ierr;
  PetscBool      bad;
  PetscFunctionBeginUser;
  PetscCall(H5CreateTemporary(PETSC_COMM_SELF, filename, tmp, sizeof(tmp)));
  fp = fopen(tmp, "w");
  if (!fp) {
    PetscCall(H5Discard(PETSC_COMM_SELF, tmp));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", filename);
  }
  ierr = (*write)(cmp, fp);
  bad  = ferror(fp) ? PETSC_TRUE : PETSC_FALSE;
  if (fclose(fp)) bad = PETSC_TRUE;
  if (ierr || bad) {
    PetscCall(H5Discard(PETSC_COMM_SELF, tmp));
    PetscCall(ierr);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot write %s (nothing was written)", filename);
  }
  PetscCall(H5Commit(PETSC_COMM_SELF, tmp, filename));
  PetscFunctionReturn(0);
}

PetscErrorCode CompareWriteCSV(Compare cmp, const char *summary_csv, const char *ledger_csv)
{
  PetscFunctionBeginUser;
  PetscCall(WriteTextFile(cmp, summary_csv, WriteSummaryCSV));
  PetscCall(WriteTextFile(cmp, ledger_csv, WriteLedgerCSV));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * HDF5 */
static PetscErrorCode WriteH5(Compare cmp, PetscViewer v)
{
  PetscInt     n = cmp->n, nrows = 0, nstage_rows = 0;
  PetscReal   *col;
  const char **text;
  PetscFunctionBeginUser;
  PetscCall(H5WriteStringAttribute(v, "/", "eproc_version", EPROC_VERSION));
  PetscCall(H5WriteStringAttribute(v, "/", "contents", "eproc compare: routes side by side (docs/compare.md)"));
  for (PetscInt i = 0; i < n; i++) nrows += cmp->routes[i].nrows;
  for (PetscInt i = 0; i < n; i++) nstage_rows += cmp->routes[i].nstages;
  PetscCall(PetscMalloc1(PetscMax(PetscMax(n, nrows), PetscMax(nstage_rows, 1)), &col));
  PetscCall(PetscMalloc1(PetscMax(PetscMax(n, nrows), PetscMax(nstage_rows, 1)), &text));
  /* routes */
  {
    static const char *const fields[] = {"label", "case_file",  "case_name", "results_file",
                                         "route", "plant_file", "electrode"};
    static const char *const descr[]  = {"column name: the case file's base name",
                                         "case file",
                                         "process.name",
                                         "results file of the route's run",
                                         "stage types in route order",
                                         "plant context file",
                                         "electrode role in the plant"};
    for (PetscInt f = 0; f < 7; f++) {
      for (PetscInt i = 0; i < n; i++) {
        const RouteData *r = &cmp->routes[i];
        text[i]            = f == 0   ? r->label
                             : f == 1 ? r->case_file
                             : f == 2 ? r->case_name
                             : f == 3 ? r->results_file
                             : f == 4 ? r->route
                             : f == 5 ? r->plant_file
                                      : (r->cathode ? "cathode" : "anode");
      }
      PetscCall(H5WriteStrings(v, "/routes", fields[f], n, text, descr[f]));
    }
  }
  /* one value per route and quantity */
  for (PetscInt q = 0; q < NQ; q++) {
    for (PetscInt i = 0; i < n; i++) col[i] = cmp->routes[i].values[q];
    PetscCall(H5WriteArray(v, "/summary", quantities[q].name, 1, &n, col, quantities[q].unit, Description(cmp, q)));
  }
  /* stages: one row per route and stage */
  if (nstage_rows) {
    PetscInt k = 0;
    for (PetscInt i = 0; i < n; i++)
      for (PetscInt s = 0; s < cmp->routes[i].nstages; s++) text[k++] = cmp->routes[i].label;
    PetscCall(H5WriteStrings(v, "/stages", "route", nstage_rows, text, "route (label)"));
    k = 0;
    for (PetscInt i = 0; i < n; i++)
      for (PetscInt s = 0; s < cmp->routes[i].nstages; s++) text[k++] = cmp->routes[i].stages[s].stage;
    PetscCall(H5WriteStrings(v, "/stages", "stage", nstage_rows, text, "stage instance"));
    for (PetscInt m = 0; m < NSTAGE_MEASURES; m++) {
      k = 0;
      for (PetscInt i = 0; i < n; i++)
        for (PetscInt s = 0; s < cmp->routes[i].nstages; s++)
          col[k++] = StageValue(&cmp->routes[i], cmp->routes[i].stages[s].stage, m);
      PetscCall(H5WriteArray(v, "/stages", stage_measure_names[m], 1, &nstage_rows, col, m < 4 ? "kWh/m2" : "kWh/kWh",
                             "sum of the stage's ledger items"));
    }
  }
  /* ledger: one row per route and item, the columns of each results file's /ledger */
  if (nrows) {
    static const char *const names[] = {"energy_J_per_m2", "energy_kWh_per_m2", "energy_kWh_per_kWh_cell",
                                        "minimum_J_per_m2"};
    static const char *const units[] = {"J/m2", "kWh/m2", "kWh/kWh", "J/m2"};
    for (PetscInt f = 0; f < 4; f++) {
      PetscInt k = 0;
      for (PetscInt i = 0; i < n; i++)
        for (PetscInt r = 0; r < cmp->routes[i].nrows; r++) {
          const Row *w = &cmp->routes[i].rows[r];
          text[k]      = f == 0 ? cmp->routes[i].label : f == 1 ? w->stage : f == 2 ? w->item : w->kind;
          col[k++]     = f == 0 ? w->J : f == 1 ? w->kWh : f == 2 ? w->per_cell : w->min_J;
        }
      PetscCall(H5WriteStrings(v, "/ledger",
                               f == 0   ? "route"
                               : f == 1 ? "stage"
                               : f == 2 ? "item"
                                        : "kind",
                               nrows, text, "as in the route's results file"));
      PetscCall(H5WriteArray(v, "/ledger", names[f], 1, &nrows, col, units[f], "as in the route's results file"));
    }
  }
  PetscCall(PetscFree(col));
  PetscCall(PetscFree(text));
  PetscFunctionReturn(0);
}

PetscErrorCode CompareWriteHDF5(Compare cmp, const char *filename)
{
  PetscViewer v = NULL;
  PetscFunctionBeginUser;
  /* the results writer's session: temporary name, disk reserve, fsync and rename, nothing left on failure */
  PetscCall(H5OpenTemporary(PETSC_COMM_SELF, filename, &v));
  PetscCall(H5CloseTemporary(&v, WriteH5(cmp, v)));
  PetscFunctionReturn(0);
}
