/* compare_check: checks the files of `eproc compare` (docs/compare.md).
 *
 *   compare_check --files DIR SINGLE_DIR
 *       every route of DIR/compare_summary.csv against SINGLE_DIR/<route>.h5 (a single `eproc run` of the case):
 *       - each summary quantity in the CSV and in DIR/compare.h5 /summary equals the single run's /summary value
 *         bit for bit (NaN: empty CSV cell / NaN dataset);
 *       - the route's rows of DIR/compare_ledger.csv and of DIR/compare.h5 /ledger equal its /ledger rows (names
 *         and all four numbers, bit for bit);
 *       - the stage rows are the sums of the single run's ledger items of that stage (1e-14), the stages add up
 *         to the route total (1e-12), and the per-kWh-of-cell values are the per-m2 values over the cell energy;
 *   compare_check --stdout OUT DIR
 *       the tables eproc compare printed (OUT) show the numbers of DIR/compare_summary.csv and
 *       DIR/compare_ledger.csv (as %.4g, "-" where a route has none), every row of a table as wide as its header;
 *   compare_check --many RESULTS.h5 PLANT.cfg N
 *       a comparison of N copies of one NMC811 cathode route (the tables grow past their first allocation): every
 *       copy gives the first one's values;
 *   compare_check --plant DIR GRID HEAT LOW HIGH
 *       the plant context of every route against the hand calculation below, for emission factors GRID and HEAT
 *       (kg CO2e/kWh) and baseline totals LOW, HIGH (kWh/kWh) of the plant file the routes used.
 * Exit 0 when everything holds, 1 otherwise, 2 for bad usage. */
#include "results.h"
#include "compare_results.h"
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXF 64
#define MAXR 512

typedef struct {
  char *f[MAXF];
  int   n;
} CsvRow;

static int    nfail = 0, nok = 0;
static CsvRow rows[4 * MAXR];
static int    nrows;

static void Check(const char *what, int ok)
{
  if (ok)
    nok++;
  else {
    nfail++;
    printf("FAIL %s\n", what);
  }
}

static int Close(double a, double b, double rel)
{
  return (isnan(a) && isnan(b)) || a == b || fabs(a - b) <= rel * fmax(fabs(a), fabs(b));
}

/* A small CSV reader: quoted fields with "" escapes, no newlines inside fields. */
static int ReadCsv(const char *path)
{
  FILE *fp = fopen(path, "r");
  char  line[8192];
  nrows = 0;
  if (!fp) return 0;
  while (fgets(line, sizeof(line), fp) && nrows < 4 * MAXR) {
    CsvRow *r = &rows[nrows++];
    char    field[1024];
    size_t  k      = 0;
    int     quoted = 0;
    r->n           = 0;
    for (char *c = line;; c++) {
      if (quoted) {
        if (*c == '"' && c[1] == '"')
          field[k++] = *c++;
        else if (*c == '"')
          quoted = 0;
        else
          field[k++] = *c;
        continue;
      }
      if (*c == '"')
        quoted = 1;
      else if (*c == ',' || *c == '\n' || !*c) {
        field[k] = 0;
        if (r->n < MAXF) r->f[r->n++] = strdup(field);
        k = 0;
        if (*c != ',') break;
      } else
        field[k++] = *c;
    }
  }
  fclose(fp);
  return nrows;
}

static double CsvNumber(const char *s)
{
  return s[0] ? strtod(s, NULL) : NAN;
}

/* Row of the summary CSV whose quantity is name; -1 if none. */
static int FindQuantity(const char *name)
{
  for (int i = 1; i < nrows; i++)
    if (rows[i].n > 1 && !strcmp(rows[i].f[1], name)) return i;
  return -1;
}

static int ReadH5Doubles(hid_t f, const char *path, double *v, int max)
{
  hid_t   d, sp;
  hsize_t dims[1] = {0};
  if (H5Lexists(f, path, H5P_DEFAULT) <= 0) return -1;
  d  = H5Dopen2(f, path, H5P_DEFAULT);
  sp = H5Dget_space(d);
  H5Sget_simple_extent_dims(sp, dims, NULL);
  if ((int) dims[0] > max || H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0) dims[0] = 0;
  H5Sclose(sp);
  H5Dclose(d);
  return (int) dims[0];
}

/* Fixed-length strings, each copied into out[i] (256 chars). */
static int ReadH5Strings(hid_t f, const char *path, char out[][256], int max)
{
  hid_t   d, sp, t;
  hsize_t dims[1] = {0};
  size_t  len;
  char   *buf;
  if (H5Lexists(f, path, H5P_DEFAULT) <= 0) return -1;
  d  = H5Dopen2(f, path, H5P_DEFAULT);
  sp = H5Dget_space(d);
  H5Sget_simple_extent_dims(sp, dims, NULL);
  t   = H5Dget_type(d);
  len = H5Tget_size(t);
  buf = calloc(len * (dims[0] + 1), 1);
  if ((int) dims[0] > max || H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) dims[0] = 0;
  for (hsize_t i = 0; i < dims[0]; i++) snprintf(out[i], 256, "%.*s", (int) len, buf + i * len);
  free(buf);
  H5Tclose(t);
  H5Sclose(sp);
  H5Dclose(d);
  return (int) dims[0];
}

static PetscErrorCode CheckFiles(const char *dir, const char *single)
{
  char          path[PETSC_MAX_PATH_LEN], what[512];
  char          labels[MAXF][256];
  int           nlabels, nsum;
  hid_t         h5;
  static char   strs[4][4 * MAXR][256];
  static CsvRow summary[4 * MAXR];
  PetscFunctionBeginUser;
  snprintf(path, sizeof(path), "%s/compare_summary.csv", dir);
  Check("compare_summary.csv readable", ReadCsv(path) > 1);
  if (nrows < 2) PetscFunctionReturn(0);
  nlabels = rows[0].n - 3;
  for (int i = 0; i < nlabels; i++) snprintf(labels[i], 256, "%s", rows[0].f[3 + i]);
  nsum = nrows;
  memcpy(summary, rows, sizeof(CsvRow) * (size_t) nrows);
  snprintf(path, sizeof(path), "%s/compare.h5", dir);
  h5 = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  Check("compare.h5 opens", h5 >= 0);
  if (h5 < 0) PetscFunctionReturn(0);
  {
    char h5labels[MAXF][256];
    int  n = ReadH5Strings(h5, "/routes/label", h5labels, MAXF);
    Check("compare.h5 /routes/label lists the CSV's routes", n == nlabels);
    for (int i = 0; i < n && i < nlabels; i++) Check("route label in compare.h5", !strcmp(h5labels[i], labels[i]));
  }
  for (int i = 0; i < nlabels; i++) {
    ResultsFile              rf;
    PetscInt                 ns, nl;
    const ResultsSummaryRow *srow;
    const ResultsLedgerRow  *lrow;
    int                      nsummary = 0, nledger = 0;
    double                   cell = NAN;
    snprintf(path, sizeof(path), "%s/%s.h5", single, labels[i]);
    PetscCall(ResultsOpen(path, &rf));
    PetscCall(ResultsGetSummary(rf, &ns, &srow));
    /* summary quantities: CSV and HDF5 equal the single run's */
    for (PetscInt k = 0; k < ns; k++) {
      int    q = -1;
      double h5v[MAXF];
      char   h5path[300];
      for (int r = 1; r < nsum; r++)
        if (summary[r].n > 1 && !strcmp(summary[r].f[1], srow[k].name)) q = r;
      if (q < 0) continue;
      snprintf(what, sizeof(what), "%s: %s in compare_summary.csv (%s) equals the single run (%.17g)", labels[i],
               srow[k].name, summary[q].f[3 + i], srow[k].value);
      Check(what, Close(CsvNumber(summary[q].f[3 + i]), srow[k].value, 0.0));
      snprintf(h5path, sizeof(h5path), "/summary/%s", srow[k].name);
      Check("compare.h5 /summary dataset has one value per route", ReadH5Doubles(h5, h5path, h5v, MAXF) == nlabels);
      snprintf(what, sizeof(what), "%s: compare.h5 %s equals the single run", labels[i], h5path);
      Check(what, Close(h5v[i], srow[k].value, 0.0));
      nsummary++;
    }
    snprintf(what, sizeof(what), "%s: at least 12 summary quantities compared (%d)", labels[i], nsummary);
    Check(what, nsummary >= 12);
    /* ledger rows: CSV and HDF5 equal the single run's /ledger */
    PetscCall(ResultsGetLedger(rf, &nl, &lrow));
    snprintf(path, sizeof(path), "%s/compare_ledger.csv", dir);
    Check("compare_ledger.csv readable", ReadCsv(path) > 1);
    {
      int    k = 0, first = -1, n_h5;
      double h5J[4 * MAXR], h5kwh[4 * MAXR], h5cell[4 * MAXR], h5min[4 * MAXR];
      for (int r = 1; r < nrows; r++) {
        if (rows[r].n != 8 || strcmp(rows[r].f[0], labels[i])) continue;
        if (first < 0) first = r;
        if (k < nl) {
          snprintf(what, sizeof(what), "%s: ledger row %d (%s/%s) equals the single run", labels[i], k, rows[r].f[1],
                   rows[r].f[2]);
          Check(what, !strcmp(rows[r].f[1], lrow[k].stage) && !strcmp(rows[r].f[2], lrow[k].item) &&
                          !strcmp(rows[r].f[3], lrow[k].kind) &&
                          Close(CsvNumber(rows[r].f[4]), lrow[k].energy_J_per_m2, 0) &&
                          Close(CsvNumber(rows[r].f[5]), lrow[k].energy_kWh_per_m2, 0) &&
                          Close(CsvNumber(rows[r].f[6]), lrow[k].energy_kWh_per_kWh_cell, 0) &&
                          Close(CsvNumber(rows[r].f[7]), lrow[k].minimum_J_per_m2, 0));
        }
        k++;
      }
      snprintf(what, sizeof(what), "%s: compare_ledger.csv has the single run's %d items (%d)", labels[i], (int) nl, k);
      Check(what, k == nl && nl > 0);
      /* the same rows in compare.h5 /ledger (routes in CSV order, so the offset is the same) */
      n_h5 = ReadH5Doubles(h5, "/ledger/energy_J_per_m2", h5J, 4 * MAXR);
      ReadH5Doubles(h5, "/ledger/energy_kWh_per_m2", h5kwh, 4 * MAXR);
      ReadH5Doubles(h5, "/ledger/energy_kWh_per_kWh_cell", h5cell, 4 * MAXR);
      ReadH5Doubles(h5, "/ledger/minimum_J_per_m2", h5min, 4 * MAXR);
      ReadH5Strings(h5, "/ledger/route", strs[0], 4 * MAXR);
      ReadH5Strings(h5, "/ledger/stage", strs[1], 4 * MAXR);
      ReadH5Strings(h5, "/ledger/item", strs[2], 4 * MAXR);
      Check("compare.h5 /ledger has as many rows as compare_ledger.csv", n_h5 == nrows - 1);
      for (int r = 0; first > 0 && r < nl && first - 1 + r < n_h5; r++) {
        int j = first - 1 + r;
        snprintf(what, sizeof(what), "%s: compare.h5 /ledger row %d equals the single run", labels[i], r);
        Check(what, !strcmp(strs[0][j], labels[i]) && !strcmp(strs[1][j], lrow[r].stage) &&
                        !strcmp(strs[2][j], lrow[r].item) && Close(h5J[j], lrow[r].energy_J_per_m2, 0) &&
                        Close(h5kwh[j], lrow[r].energy_kWh_per_m2, 0) &&
                        Close(h5cell[j], lrow[r].energy_kWh_per_kWh_cell, 0) &&
                        Close(h5min[j], lrow[r].minimum_J_per_m2, 0));
        nledger++;
      }
      snprintf(what, sizeof(what), "%s: every ledger row compared in compare.h5 (%d of %d)", labels[i], nledger,
               (int) nl);
      Check(what, nledger == nl);
    }
    /* stage rows: sums of the single run's items; stages add up to the total; per kWh of cell = per m2 / cell */
    {
      double    total = 0, e_m2, e_cell, th_m2;
      PetscBool found;
      int       qc = -1, qe;
      for (int r = 1; r < nsum; r++)
        if (summary[r].n > 1 && !strcmp(summary[r].f[1], "cell_energy_Wh_per_m2")) qc = r;
      Check("cell_energy_Wh_per_m2 row present", qc > 0);
      if (qc > 0) cell = CsvNumber(summary[qc].f[3 + i]);
      for (PetscInt k = 0; k < nl; k++) {
        double sum = 0, sum_min = 0;
        char   name[256];
        int    seen = 0;
        for (PetscInt j = 0; j < k; j++) seen |= !strcmp(lrow[j].stage, lrow[k].stage);
        if (seen) continue;
        for (PetscInt j = k; j < nl; j++)
          if (!strcmp(lrow[j].stage, lrow[k].stage)) {
            sum += lrow[j].energy_J_per_m2;
            sum_min += lrow[j].minimum_J_per_m2;
          }
        total += sum;
        for (int m = 0; m < 2; m++) {
          int q;
          snprintf(name, sizeof(name), "%s.%s", lrow[k].stage, m ? "minimum_energy_kWh_per_m2" : "energy_kWh_per_m2");
          q = -1;
          for (int r = 1; r < nsum; r++)
            if (summary[r].n > 1 && !strcmp(summary[r].f[1], name)) q = r;
          snprintf(what, sizeof(what), "%s: stage row %s is the sum of its items", labels[i], name);
          Check(what, q > 0 && Close(CsvNumber(summary[q].f[3 + i]), (m ? sum_min : sum) / 3.6e6, 1e-14));
          snprintf(name, sizeof(name), "%s.%s", lrow[k].stage, "energy_kWh_per_kWh_cell");
          q = -1;
          for (int r = 1; r < nsum; r++)
            if (summary[r].n > 1 && !strcmp(summary[r].f[1], name)) q = r;
          snprintf(what, sizeof(what), "%s: stage row %s is the stage energy over the cell energy", labels[i], name);
          Check(what, q > 0 && Close(CsvNumber(summary[q].f[3 + i]), sum / 3.6e6 / (cell / 1e3), 1e-13));
        }
      }
      PetscCall(ResultsGetSummaryValue(rf, "energy_kWh_per_m2", &e_m2, &found));
      PetscCall(ResultsGetSummaryValue(rf, "energy_kWh_per_kWh_cell", &e_cell, &found));
      PetscCall(ResultsGetSummaryValue(rf, "thermal_energy_kWh_per_m2", &th_m2, &found));
      snprintf(what, sizeof(what), "%s: the stages add up to energy_kWh_per_m2", labels[i]);
      Check(what, Close(total / 3.6e6, e_m2, 1e-12));
      snprintf(what, sizeof(what), "%s: energy_kWh_per_kWh_cell = energy_kWh_per_m2 / cell_energy_Wh_per_m2 x 1000",
               labels[i]);
      Check(what, Close(e_m2 / (cell / 1e3), e_cell, 1e-12));
      memcpy(rows, summary, sizeof(CsvRow) * (size_t) nsum); /* the summary table again (the ledger was read) */
      nrows = nsum;
      qe    = FindQuantity("thermal_energy_kWh_per_kWh_cell");
      snprintf(what, sizeof(what), "%s: thermal_energy_kWh_per_kWh_cell = thermal_energy_kWh_per_m2 / cell", labels[i]);
      Check(what, qe > 0 && Close(CsvNumber(summary[qe].f[3 + i]), th_m2 / (cell / 1e3), 1e-12));
    }
    PetscCall(ResultsClose(&rf));
  }
  H5Fclose(h5);
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------------
 * The plant context by hand, from the numbers of cases/plant.cfg written out:
 *   steps (electric, heat) kWh/kWh: coating_drying (0.854, 9.55), formation (9.54, 0.60), dry_room (1.41, 8.57),
 *   cell_assembly (3.36, 0), final_drying (0.06, 1.63), material_handling (1.68, 0), calendering (0.54, 0),
 *   stacking (0.22, 0), slitting (0.16, 0), mixing (0.12, 0)
 *   sum electric E = 0.854 + 9.54 + 1.41 + 3.36 + 0.06 + 1.68 + 0.54 + 0.22 + 0.16 + 0.12 = 17.944
 *   sum heat     H = 9.55 + 0.60 + 8.57 + 1.63 = 20.35;  B = E + H = 38.294
 *   a cathode route stands for 0.8 of coating_drying, 0.5 of calendering when it calenders and 0.65 of mixing when
 *   it mixes (slot_die_coating books the slurry mixing, electrostatic_deposition the powder premixing); an anode
 *   for 0.2, 0.5 and 0.35:
 *          covered  C  = f_cd (0.854 + 9.55) + f_cal 0.54 [calendered] + f_mix 0.12 [mixes]
 *          uncovered electric Eu = 17.944 - f_cd 0.854 - f_cal 0.54 [calendered] - f_mix 0.12 [mixes],
 *          heat Hu = 20.35 - f_cd 9.55
 *   k = T / B for T = LOW, HIGH; replaced = k C; rest = T - k C; total = rest + E_route; share = E_route / total
 *   route CO2e = E_heat HEAT + E_el GRID; plant CO2e = k (Eu GRID + Hu HEAT) + route CO2e
 *   E_heat, E_el: the single run's thermal/electric kWh per m2 over the cell energy, which for each shipped case
 *   is loading x active fraction x specific capacity x cell voltage (below). */
typedef struct {
  const char *label;
  double      cell_Wh_per_m2;
  int         cathode;
} HandCase;
static const HandCase hand_cases[] = {
    {"nmp_nmc811", 0.2 * 0.96 * 200.0 * 3.7, 1},      /* 0.2 kg/m2 x 0.96 x 200 Ah/kg x 3.7 V = 142.08 Wh/m2 */
    {"water_nmc811", 0.2 * 0.95 * 200.0 * 3.7, 1},    /* 140.6 Wh/m2 */
    {"dry_nmc811", 0.2 * 0.96 * 200.0 * 3.7, 1},      /* 142.08 Wh/m2 */
    {"water_graphite", 0.11 * 0.96 * 350.0 * 3.7, 0}, /* 0.11 x 0.96 x 350 x 3.7 = 136.752 Wh/m2 */
};

static PetscErrorCode CheckPlant(const char *dir, double grid, double heat, double low, double high)
{
  char  path[PETSC_MAX_PATH_LEN], what[512];
  char  labels[MAXF][256], routes[MAXF][256], roles[MAXF][256];
  int   nlabels;
  hid_t h5;
  PetscFunctionBeginUser;
  snprintf(path, sizeof(path), "%s/compare.h5", dir);
  h5 = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  Check("compare.h5 opens", h5 >= 0);
  if (h5 < 0) PetscFunctionReturn(0);
  nlabels = ReadH5Strings(h5, "/routes/label", labels, MAXF);
  ReadH5Strings(h5, "/routes/route", routes, MAXF);
  ReadH5Strings(h5, "/routes/electrode", roles, MAXF);
  H5Fclose(h5);
  snprintf(path, sizeof(path), "%s/compare_summary.csv", dir);
  Check("compare_summary.csv readable", ReadCsv(path) > 1);
  for (int i = 0; i < nlabels; i++) {
    const HandCase *hc = NULL;
    ResultsFile     rf;
    PetscBool       found;
    double          th, el, cell, Eh, Ee, E, f_cd, f_cal, f_mix, C, Eu, Hu, B = 38.294, co2, T[2] = {low, high};
    int             calendered = strstr(routes[i], "calendering") != NULL;
    int mixes = strstr(routes[i], "slot_die_coating") != NULL || strstr(routes[i], "electrostatic_deposition") != NULL;
    for (size_t k = 0; k < sizeof(hand_cases) / sizeof(hand_cases[0]); k++)
      if (!strcmp(hand_cases[k].label, labels[i])) hc = &hand_cases[k];
    snprintf(what, sizeof(what), "%s: a shipped case with a hand calculation", labels[i]);
    Check(what, hc != NULL);
    if (!hc) continue;
    snprintf(what, sizeof(what), "%s: electrode role %s", labels[i], roles[i]);
    Check(what, !strcmp(roles[i], hc->cathode ? "cathode" : "anode"));
    snprintf(path, sizeof(path), "%s/%s.h5", dir, labels[i]);
    PetscCall(ResultsOpen(path, &rf));
    PetscCall(ResultsGetSummaryValue(rf, "thermal_energy_kWh_per_m2", &th, &found));
    PetscCall(ResultsGetSummaryValue(rf, "electric_energy_kWh_per_m2", &el, &found));
    PetscCall(ResultsClose(&rf));
    cell  = hc->cell_Wh_per_m2;
    Eh    = th / (cell / 1e3);
    Ee    = el / (cell / 1e3);
    E     = Eh + Ee;
    f_cd  = hc->cathode ? 0.8 : 0.2;
    f_cal = 0.5;
    f_mix = hc->cathode ? 0.65 : 0.35;
    C     = f_cd * (0.854 + 9.55) + (calendered ? f_cal * 0.54 : 0.0) + (mixes ? f_mix * 0.12 : 0.0);
    Eu    = 17.944 - f_cd * 0.854 - (calendered ? f_cal * 0.54 : 0.0) - (mixes ? f_mix * 0.12 : 0.0);
    Hu    = 20.35 - f_cd * 9.55;
    co2   = Eh * heat + Ee * grid;
    {
      struct {
        const char *name;
        double      expect;
      } q[] = {
          {"cell_energy_Wh_per_m2", cell},
          {"plant_baseline_low_kWh_per_kWh_cell", low},
          {"plant_baseline_high_kWh_per_kWh_cell", high},
          {"plant_replaced_low_kWh_per_kWh_cell", T[0] / B * C},
          {"plant_replaced_high_kWh_per_kWh_cell", T[1] / B * C},
          {"plant_rest_low_kWh_per_kWh_cell", T[0] - T[0] / B * C},
          {"plant_rest_high_kWh_per_kWh_cell", T[1] - T[1] / B * C},
          {"plant_total_low_kWh_per_kWh_cell", T[0] - T[0] / B * C + E},
          {"plant_total_high_kWh_per_kWh_cell", T[1] - T[1] / B * C + E},
          {"route_share_low_percent", 100.0 * E / (T[0] - T[0] / B * C + E)},
          {"route_share_high_percent", 100.0 * E / (T[1] - T[1] / B * C + E)},
          {"grid_kg_CO2e_per_kWh", grid},
          {"heat_kg_CO2e_per_kWh", heat},
          {"route_kg_CO2e_per_kWh_cell", co2},
          {"plant_kg_CO2e_low_per_kWh_cell", T[0] / B * (Eu * grid + Hu * heat) + co2},
          {"plant_kg_CO2e_high_per_kWh_cell", T[1] / B * (Eu * grid + Hu * heat) + co2},
      };
      for (size_t k = 0; k < sizeof(q) / sizeof(q[0]); k++) {
        int    r = FindQuantity(q[k].name);
        double v = r > 0 ? CsvNumber(rows[r].f[3 + i]) : NAN;
        snprintf(what, sizeof(what), "%s: %s = %.10g, by hand %.10g", labels[i], q[k].name, v, q[k].expect);
        Check(what, r > 0 && Close(v, q[k].expect, 1e-12));
        if (k == 9 || k == 14) printf("  %s\n", what);
      }
    }
  }
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------------
 * The printed tables against the CSV files. */
static const char *const titles[] = {"electrode leaving the route",    "energy per m2 and per kWh of cell",
                                     "energy by stage, per m2",        "energy by stage, per kWh of cell",
                                     "energy by item, per m2",         "energy by item, per kWh of cell",
                                     "plant context (docs/compare.md)"};

static void Format(double v, char *buf, size_t len)
{
  if (isnan(v))
    snprintf(buf, len, "-");
  else
    snprintf(buf, len, "%.4g", v);
}

static PetscErrorCode CheckStdout(const char *out, const char *dir)
{
  char          path[PETSC_MAX_PATH_LEN], line[4096], what[1024];
  static CsvRow summary[4 * MAXR], ledger[4 * MAXR];
  int           nsum, nled, section = -1, width = 0, nlabels, checked[7] = {0};
  char          stage[256] = "";
  FILE         *fp;
  PetscFunctionBeginUser;
  snprintf(path, sizeof(path), "%s/compare_ledger.csv", dir);
  Check("compare_ledger.csv readable", ReadCsv(path) > 1);
  nled = nrows;
  memcpy(ledger, rows, sizeof(CsvRow) * (size_t) nrows);
  snprintf(path, sizeof(path), "%s/compare_summary.csv", dir);
  Check("compare_summary.csv readable", ReadCsv(path) > 1);
  nsum = nrows;
  memcpy(summary, rows, sizeof(CsvRow) * (size_t) nrows);
  nlabels = summary[0].n - 3;
  fp      = fopen(out, "r");
  Check("stdout readable", fp != NULL);
  if (!fp) PetscFunctionReturn(0);
  while (fgets(line, sizeof(line), fp)) {
    char *tok[64], copy[4096];
    int   nt                  = 0, nlab;
    line[strcspn(line, "\n")] = 0;
    if (!line[0]) {
      section = -1;
      continue;
    }
    for (int t = 0; t < 7; t++)
      if (!strncmp(line, titles[t], strlen(titles[t]))) {
        section  = t;
        width    = (int) strlen(line);
        stage[0] = 0;
      }
    if (section < 0 || strncmp(line, "  ", 2) || strstr(line, "baseline and emission factors from")) continue;
    snprintf(what, sizeof(what), "row as wide as its header: '%s'", line);
    Check(what, (int) strlen(line) == width);
    snprintf(copy, sizeof(copy), "%s", line);
    for (char *t = strtok(copy, " "); t && nt < 64; t = strtok(NULL, " ")) tok[nt++] = t;
    nlab = nt - nlabels;
    if (nlab < 1) {
      Check("a table row has a label and one value per route", 0);
      continue;
    }
    for (int i = 0; i < nlabels; i++) {
      char   expect[64] = "?", name[512];
      double v          = NAN;
      int    found      = 0;
      if (section == 0 || section == 1 || section == 6) {
        for (int r = 1; r < nsum; r++)
          if (!strcmp(summary[r].f[1], tok[0])) {
            v     = CsvNumber(summary[r].f[3 + i]);
            found = 1;
          }
      } else if (section == 2 || section == 3) {
        const char *measure = NULL;
        if (nlab == 1 && strcmp(tok[0], "heat") && strcmp(tok[0], "electricity")) {
          snprintf(stage, sizeof(stage), "%s", tok[0]);
          measure = "energy";
        } else if (!strcmp(tok[0], "heat"))
          measure = "thermal_energy";
        else if (!strcmp(tok[0], "electricity"))
          measure = "electric_energy";
        else if (!strcmp(tok[0], "thermodynamic"))
          measure = "minimum_energy";
        snprintf(name, sizeof(name), "%s.%s_kWh_per_%s", stage, measure ? measure : "?",
                 section == 2 ? "m2" : "kWh_cell");
        for (int r = 1; r < nsum; r++)
          if (!strcmp(summary[r].f[1], name)) {
            v     = CsvNumber(summary[r].f[3 + i]);
            found = 1;
          }
      } else {
        char item[512] = "", st[256];
        snprintf(st, sizeof(st), "%s", tok[0]);
        st[strcspn(st, ":")] = 0;
        for (int k = 1; k < nlab - 1; k++) {
          strncat(item, k > 1 ? " " : "", sizeof(item) - strlen(item) - 1);
          strncat(item, tok[k], sizeof(item) - strlen(item) - 1);
        }
        found = 1; /* an item a route lacks is printed "-" */
        for (int r = 1; r < nled; r++)
          if (ledger[r].n == 8 && !strcmp(ledger[r].f[0], summary[0].f[3 + i]) && !strcmp(ledger[r].f[1], st) &&
              !strcmp(ledger[r].f[2], item) && !strcmp(ledger[r].f[3], tok[nlab - 1]))
            v = CsvNumber(ledger[r].f[section == 4 ? 5 : 6]);
      }
      Format(v, expect, sizeof(expect));
      snprintf(what, sizeof(what), "printed '%s' column %d: '%s', the CSV gives '%s'", line, i, tok[nlab + i], expect);
      Check(what, found && !strcmp(tok[nlab + i], expect));
    }
    checked[section]++;
  }
  fclose(fp);
  for (int t = 0; t < 7; t++) {
    snprintf(what, sizeof(what), "table '%s' printed with rows (%d)", titles[t], checked[t]);
    Check(what, checked[t] > 0);
  }
  PetscFunctionReturn(0);
}

/* N copies of one route in one comparison. */
static PetscErrorCode CheckMany(const char *results, const char *plant_file, int n)
{
  Compare           cmp;
  Plant             plant;
  PetscInt          nr;
  const char *const types[] = {"slot_die_coating", "convective_drying"};
  char              labels[64][32], what[256];
  FILE             *devnull = fopen("/dev/null", "w");
  PetscFunctionBeginUser;
  PetscCall(PlantLoad(PETSC_COMM_SELF, plant_file, &plant));
  PetscCall(CompareCreate(&cmp));
  for (int i = 0; i < n && i < 64; i++) {
    CompareRouteInfo info;
    PetscCall(PetscMemzero(&info, sizeof(info)));
    snprintf(labels[i], sizeof(labels[i]), "copy_%d", i);
    info.label                 = labels[i];
    info.results_file          = results;
    info.cell_energy_Wh_per_m2 = 0.2 * 0.96 * 200.0 * 3.7;
    info.nstages               = 2;
    info.stage_types           = types;
    info.plant                 = plant;
    info.cathode               = PETSC_TRUE;
    PetscCall(CompareAddRoute(cmp, &info));
  }
  PetscCall(CompareGetNumRoutes(cmp, &nr));
  snprintf(what, sizeof(what), "%d routes in the comparison (%d)", n, (int) nr);
  Check(what, nr == n);
  for (PetscInt q = 0; q < CompareGetNumQuantities(); q++) {
    const char *name;
    PetscReal   v0, v;
    int         same = 1;
    PetscCall(CompareGetQuantity(q, NULL, &name, NULL, NULL));
    PetscCall(CompareGetValue(cmp, 0, name, &v0));
    for (PetscInt i = 1; i < nr; i++) {
      PetscCall(CompareGetValue(cmp, i, name, &v));
      same = same && Close(v, v0, 0.0);
    }
    snprintf(what, sizeof(what), "%s: every copy equals the first", name);
    Check(what, same);
  }
  if (devnull) PetscCall(CompareView(cmp, devnull));
  if (devnull) fclose(devnull);
  PetscCall(CompareDestroy(&cmp));
  PetscCall(PlantDestroy(&plant));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscErrorCode ierr;
  ierr = PetscInitialize(&argc, &argv, NULL, NULL);
  if (ierr) return 2;
  if (argc == 4 && !strcmp(argv[1], "--files"))
    ierr = CheckFiles(argv[2], argv[3]);
  else if (argc == 4 && !strcmp(argv[1], "--stdout"))
    ierr = CheckStdout(argv[2], argv[3]);
  else if (argc == 5 && !strcmp(argv[1], "--many"))
    ierr = CheckMany(argv[2], argv[3], atoi(argv[4]));
  else if (argc == 7 && !strcmp(argv[1], "--plant"))
    ierr = CheckPlant(argv[2], atof(argv[3]), atof(argv[4]), atof(argv[5]), atof(argv[6]));
  else {
    fprintf(stderr, "usage: compare_check --files DIR SINGLE_DIR | --stdout OUT DIR | --many RESULTS.h5 PLANT.cfg N | "
                    "--plant DIR GRID HEAT LOW HIGH\n");
    PetscFinalize();
    return 2;
  }
  printf("%d checks passed, %d failed\n", nok, nfail);
  if (PetscFinalize() || ierr) return 1;
  return nfail ? 1 : 0;
}
