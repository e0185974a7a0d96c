/* Report of a comparison (eproc compare's compare.h5, layout in compare_results.h): the routes, every compared
 * quantity side by side, ratios, the energy by stage and by ledger item as stacked bars per m2 and per kWh of
 * cell, and the ledger; every table with its CSV (docs/report.md). */
#include "report_page.h"
#include "compare_results.h"
#include <math.h>
#include <string.h>

typedef struct {
  PetscInt n;   /* rows */
  char    *buf; /* n strings of stride len */
  size_t   len;
} Strings;

static const char *At(const Strings *s, PetscInt i)
{
  return s->buf + (size_t) i * s->len;
}

static PetscErrorCode ReadStrings(hid_t f, const char *path, PetscInt n, Strings *s)
{
  PetscFunctionBeginUser;
  PetscCall(ReportH5ReadStrings(f, path, &s->n, &s->buf, &s->len));
  PetscCheck(s->n == n, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
             "comparison file: %s has %" PetscInt_FMT " rows, expected %" PetscInt_FMT, path, s->n, n);
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadColumn(hid_t f, const char *path, PetscInt n, double **v)
{
  PetscInt m;
  PetscFunctionBeginUser;
  PetscCall(ReportH5ReadDoubles(f, path, &m, v));
  PetscCheck(m == n, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED,
             "comparison file: %s has %" PetscInt_FMT " values, expected %" PetscInt_FMT, path, m, n);
  PetscFunctionReturn(0);
}

/* The /summary quantities: the compared ones in table order, then any others the file has (by name). */
typedef struct {
  PetscInt n, alloc;
  char (*name)[128];
} NameList;

static herr_t CollectNames(hid_t g, const char *name, const H5L_info_t *info, void *data)
{
  NameList *l = (NameList *) data;
  (void) g;
  (void) info;
  if (l->n < l->alloc && strlen(name) < 128) snprintf(l->name[l->n++], 128, "%s", name);
  return 0;
}

#define NMEASURES 8 /* CompareGetStageMeasures */

static const char *const route_fields[] = {"label",     "case_name",  "case_file",   "route",
                                           "electrode", "plant_file", "results_file"};
#define NROUTE_FIELDS ((PetscInt) PETSC_STATIC_ARRAY_LENGTH(route_fields))

/* Ratios: "X / Y" is X of each route over X of the first route when Y is the first route's label, otherwise X over
 * Y of the same route (tests/report/check_report.c recomputes them this way). */
typedef struct {
  const char *num, *den; /* den NULL: the first route */
  const char *meaning;
} Ratio;
static const Ratio ratios[] = {
    {"energy_kWh_per_m2", NULL, "energy per m2 of electrode relative to the first route"},
    {"energy_kWh_per_kWh_cell", NULL, "energy per kWh of cell relative to the first route"},
    {"route_kg_CO2e_per_kWh_cell", NULL, "CO2e of the route relative to the first route"},
    {"plant_total_low_kWh_per_kWh_cell", NULL, "plant total (low baseline) relative to the first route"},
    {"plant_total_high_kWh_per_kWh_cell", NULL, "plant total (high baseline) relative to the first route"},
    {"energy_kWh_per_m2", "minimum_energy_kWh_per_m2", "energy over its thermodynamic floor"},
    {"thermal_energy_kWh_per_m2", "energy_kWh_per_m2", "heat share of the energy"},
};

static PetscInt FindName(const NameList *l, const char *name)
{
  for (PetscInt i = 0; i < l->n; i++)
    if (!strcmp(l->name[i], name)) return i;
  return -1;
}

PetscErrorCode ReportCompare(ReportPage *p, const char *file)
{
  hid_t              f;
  Strings            routes[NROUTE_FIELDS], lstr[4], sstr[2];
  PetscInt           n, nq, nled = 0, nst = 0;
  NameList           q    = {0, 0, NULL};
  double           **vals = NULL, *led[4] = {NULL, NULL, NULL, NULL}, *stv[NMEASURES];
  const char       **headers;
  ReportTable        t;
  PetscInt           nmeasures;
  const char *const *stage_measures;
  PetscFunctionBeginUser;
  f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(f >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open %s", file);
  PetscCall(ReportH5ReadStrings(f, "/routes/label", &n, &routes[0].buf, &routes[0].len));
  routes[0].n = n;
  PetscCheck(n > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: a comparison of no routes", file);
  for (PetscInt k = 1; k < NROUTE_FIELDS; k++) {
    char path[64];
    PetscCall(PetscSNPrintf(path, sizeof(path), "/routes/%s", route_fields[k]));
    PetscCall(ReadStrings(f, path, n, &routes[k]));
  }
  /* quantities */
  {
    hid_t      g   = H5Gopen2(f, "/summary", H5P_DEFAULT);
    hsize_t    idx = 0;
    H5G_info_t gi;
    NameList   all;
    PetscCheck(g >= 0 && H5Gget_info(g, &gi) >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: no /summary", file);
    all.n     = 0;
    all.alloc = (PetscInt) gi.nlinks;
    PetscCall(PetscMalloc1(all.alloc + 1, &all.name));
    H5Literate(g, H5_INDEX_NAME, H5_ITER_INC, &idx, CollectNames, &all);
    H5Gclose(g);
    q.alloc = all.n;
    PetscCall(PetscMalloc1(q.alloc + 1, &q.name));
    for (PetscInt k = 0; k < CompareGetNumQuantities(); k++) {
      const char *name;
      PetscCall(CompareGetQuantity(k, NULL, &name, NULL, NULL));
      if (FindName(&all, name) >= 0) snprintf(q.name[q.n++], 128, "%s", name);
    }
    for (PetscInt k = 0; k < all.n; k++)
      if (FindName(&q, all.name[k]) < 0) snprintf(q.name[q.n++], 128, "%s", all.name[k]);
    PetscCall(PetscFree(all.name));
  }
  nq = q.n;
  PetscCall(PetscCalloc1(nq + 1, &vals));
  for (PetscInt k = 0; k < nq; k++) {
    char path[160];
    PetscCall(PetscSNPrintf(path, sizeof(path), "/summary/%s", q.name[k]));
    PetscCall(ReadColumn(f, path, n, &vals[k]));
  }

  /* the routes */
  PetscCall(ReportHeading(p, 2, "Routes"));
  PetscCall(ReportTableBegin(p, &t, "routes", NULL, NROUTE_FIELDS, route_fields, -1));
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt k = 0; k < NROUTE_FIELDS; k++) PetscCall(ReportTableText(&t, At(&routes[k], i)));
    PetscCall(ReportTableEndRow(&t));
  }
  PetscCall(ReportTableEnd(&t));

  /* every quantity side by side */
  PetscCall(PetscMalloc1(n + 4, &headers));
  headers[0] = "group";
  headers[1] = "quantity";
  headers[2] = "unit";
  for (PetscInt i = 0; i < n; i++) headers[3 + i] = At(&routes[0], i);
  headers[3 + n] = "description";
  PetscCall(ReportHeading(p, 2, "Routes side by side"));
  PetscCall(
      ReportTableBegin(p, &t, "summary",
                       "Electrode, energy per m2 and per kWh of cell, and the plant context (docs/compare.md); an "
                       "empty cell: the route does not produce the value.",
                       n + 4, headers, -1));
  for (PetscInt k = 0; k < nq; k++) {
    const char *group = "";
    char        path[160], unit[64], descr[512];
    for (PetscInt c = 0; c < CompareGetNumQuantities(); c++) {
      const char *g, *name;
      PetscCall(CompareGetQuantity(c, &g, &name, NULL, NULL));
      if (!strcmp(name, q.name[k])) group = g;
    }
    PetscCall(PetscSNPrintf(path, sizeof(path), "/summary/%s", q.name[k]));
    PetscCall(ReportH5ReadStringAttribute(f, path, "unit", unit, sizeof(unit)));
    PetscCall(ReportH5ReadStringAttribute(f, path, "description", descr, sizeof(descr)));
    PetscCall(ReportTableText(&t, group));
    PetscCall(ReportTableText(&t, q.name[k]));
    PetscCall(ReportTableText(&t, unit));
    for (PetscInt i = 0; i < n; i++) PetscCall(ReportTableNumber(&t, vals[k][i], "%.4g"));
    PetscCall(ReportTableText(&t, descr));
    PetscCall(ReportTableEndRow(&t));
  }
  PetscCall(ReportTableEnd(&t));

  /* ratios */
  headers[0] = "ratio";
  headers[1] = "meaning";
  for (PetscInt i = 0; i < n; i++) headers[2 + i] = At(&routes[0], i);
  PetscCall(ReportHeading(p, 2, "Ratios"));
  PetscCall(ReportTableBegin(p, &t, "ratios", NULL, n + 2, headers, -1));
  for (size_t r = 0; r < PETSC_STATIC_ARRAY_LENGTH(ratios); r++) {
    PetscInt a = FindName(&q, ratios[r].num), b = ratios[r].den ? FindName(&q, ratios[r].den) : a;
    char     name[256];
    if (a < 0 || b < 0) continue;
    PetscCall(
        PetscSNPrintf(name, sizeof(name), "%s / %s", ratios[r].num, ratios[r].den ? ratios[r].den : At(&routes[0], 0)));
    PetscCall(ReportTableText(&t, name));
    PetscCall(ReportTableText(&t, ratios[r].meaning));
    for (PetscInt i = 0; i < n; i++)
      PetscCall(ReportTableNumber(&t, vals[a][i] / vals[b][ratios[r].den ? i : 0], "%.4g"));
    PetscCall(ReportTableEndRow(&t));
  }
  PetscCall(ReportTableEnd(&t));

  /* the ledger: stacked bars of its items, then the table */
  PetscCall(ReportH5ReadStrings(f, "/ledger/route", &nled, &lstr[0].buf, &lstr[0].len));
  lstr[0].n = nled;
  {
    const char *const lnames[] = {"route", "stage", "item", "kind"};
    const char *const lnums[] = {"energy_J_per_m2", "energy_kWh_per_m2", "energy_kWh_per_kWh_cell", "minimum_J_per_m2"};
    for (PetscInt k = 1; k < 4; k++) {
      char path[64];
      PetscCall(PetscSNPrintf(path, sizeof(path), "/ledger/%s", lnames[k]));
      PetscCall(ReadStrings(f, path, nled, &lstr[k]));
    }
    for (PetscInt k = 0; k < 4; k++) {
      char path[64];
      PetscCall(PetscSNPrintf(path, sizeof(path), "/ledger/%s", lnums[k]));
      PetscCall(ReadColumn(f, path, nled, &led[k]));
    }
    PetscCall(ReportHeading(p, 2, "Energy by ledger item"));
    if (nled) {
      char       **items, *ibuf;
      double      *v[2];
      PetscInt     ni = 0;
      const char **bars;
      PetscCall(PetscMalloc2(nled, &items, nled * 160, &ibuf));
      PetscCall(PetscMalloc1(n, &bars));
      for (PetscInt i = 0; i < n; i++) bars[i] = At(&routes[0], i);
      for (PetscInt r = 0; r < nled; r++) {
        char      label[160];
        PetscBool seen = PETSC_FALSE;
        PetscCall(PetscSNPrintf(label, sizeof(label), "%s: %s", At(&lstr[1], r), At(&lstr[2], r)));
        for (PetscInt k = 0; k < ni && !seen; k++) seen = !strcmp(items[k], label) ? PETSC_TRUE : PETSC_FALSE;
        if (!seen) {
          items[ni] = ibuf + 160 * ni;
          PetscCall(PetscStrncpy(items[ni++], label, 160));
        }
      }
      PetscCall(PetscCalloc2(n * ni, &v[0], n * ni, &v[1]));
      for (PetscInt r = 0; r < nled; r++) {
        char     label[160];
        PetscInt i = 0, k = 0;
        PetscCall(PetscSNPrintf(label, sizeof(label), "%s: %s", At(&lstr[1], r), At(&lstr[2], r)));
        while (i < n && strcmp(At(&routes[0], i), At(&lstr[0], r))) i++;
        while (k < ni && strcmp(items[k], label)) k++;
        PetscCheck(i < n, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: ledger row of an unknown route %s", file,
                   At(&lstr[0], r));
        v[0][i * ni + k] += led[1][r];
        v[1][i * ni + k] += led[2][r];
      }
      PetscCall(ReportStackedBars(p, "Energy per m2 of electrode, by ledger item",
                                  "Every ledger item of each route, stacked (the ledger table below).",
                                  "kWh per m^2 of electrode", n, bars, ni, (const char *const *) items, v[0]));
      PetscCall(ReportStackedBars(p, "Energy per kWh of cell, by ledger item",
                                  "The same items over the cell energy each route's electrode carries per m2.",
                                  "kWh per kWh of cell", n, bars, ni, (const char *const *) items, v[1]));
      PetscCall(PetscFree2(v[0], v[1]));
      PetscCall(PetscFree2(items, ibuf));
      PetscCall(PetscFree(bars));
    } else
      PetscCall(ReportSkipped(p, "Energy by ledger item", "the comparison has no ledger rows"));
  }

  /* stages */
  PetscCall(CompareGetStageMeasures(&nmeasures, &stage_measures));
  PetscCheck(nmeasures == NMEASURES, PETSC_COMM_SELF, PETSC_ERR_PLIB, "%d stage measures", (int) nmeasures);
  PetscCall(ReportH5ReadStrings(f, "/stages/route", &nst, &sstr[0].buf, &sstr[0].len));
  sstr[0].n = nst;
  PetscCall(ReadStrings(f, "/stages/stage", nst, &sstr[1]));
  for (PetscInt m = 0; m < NMEASURES; m++) {
    char path[96];
    PetscCall(PetscSNPrintf(path, sizeof(path), "/stages/%s", stage_measures[m]));
    PetscCall(ReadColumn(f, path, nst, &stv[m]));
  }
  {
    const char *sh[2 + NMEASURES] = {"route", "stage"};
    for (PetscInt m = 0; m < NMEASURES; m++) sh[2 + m] = stage_measures[m];
    PetscCall(ReportHeading(p, 2, "Energy by stage"));
    PetscCall(ReportTableBegin(p, &t, "stages", "Sums of each stage's ledger items, per m2 and per kWh of cell.",
                               2 + NMEASURES, sh, -1));
    for (PetscInt r = 0; r < nst; r++) {
      PetscCall(ReportTableText(&t, At(&sstr[0], r)));
      PetscCall(ReportTableText(&t, At(&sstr[1], r)));
      for (PetscInt m = 0; m < NMEASURES; m++) PetscCall(ReportTableNumber(&t, stv[m][r], "%.4g"));
      PetscCall(ReportTableEndRow(&t));
    }
    PetscCall(ReportTableEnd(&t));
  }
  {
    const char *const lh[] = {
        "route",           "stage", "item", "kind", "energy_J_per_m2", "energy_kWh_per_m2", "energy_kWh_per_kWh_cell",
        "minimum_J_per_m2"};
    PetscCall(ReportHeading(p, 2, "Energy ledger"));
    PetscCall(
        ReportTableBegin(p, &t, "ledger", "Every ledger item of every route, as in its results file.", 8, lh, -1));
    for (PetscInt r = 0; r < nled; r++) {
      for (PetscInt k = 0; k < 4; k++) PetscCall(ReportTableText(&t, At(&lstr[k], r)));
      PetscCall(ReportTableNumber(&t, led[0][r], "%.6g"));
      PetscCall(ReportTableNumber(&t, led[1][r], "%.5f"));
      PetscCall(ReportTableNumber(&t, led[2][r], "%.4f"));
      PetscCall(ReportTableNumber(&t, led[3][r], "%.6g"));
      PetscCall(ReportTableEndRow(&t));
    }
    PetscCall(ReportTableEnd(&t));
  }

  H5Fclose(f);
  for (PetscInt k = 0; k < NROUTE_FIELDS; k++) PetscCall(PetscFree(routes[k].buf));
  for (PetscInt k = 0; k < 4; k++) PetscCall(PetscFree(lstr[k].buf));
  for (PetscInt k = 0; k < 4; k++) PetscCall(PetscFree(led[k]));
  for (PetscInt k = 0; k < 2; k++) PetscCall(PetscFree(sstr[k].buf));
  for (PetscInt m = 0; m < NMEASURES; m++) PetscCall(PetscFree(stv[m]));
  for (PetscInt k = 0; k < nq; k++) PetscCall(PetscFree(vals[k]));
  PetscCall(PetscFree(vals));
  PetscCall(PetscFree(q.name));
  PetscCall(PetscFree(headers));
  PetscFunctionReturn(0);
}
