/* check_report KIND DIR FILE...: the report in DIR holds the numbers of the files it was made of.
 *
 *  - every table of DIR/report.html equals its CSV DIR/<id>.csv: the same header, the same rows (the page may show
 *    the first N of them and then says so), each number cell's data-value equal to the CSV cell, each text cell
 *    equal to the CSV cell (the page is read as written, entities undone);
 *  - KIND run: summary.csv and ledger.csv equal /summary and /ledger of the results files (read through the
 *    results reader, bit for bit: the CSV carries 17 significant digits); every summary value a file holds is in
 *    the CSV;
 *  - KIND compare: routes, summary, stages and ledger CSV equal /routes, /summary, /stages and /ledger of
 *    compare.h5 (read here with HDF5 directly); ratios.csv equals the ratios recomputed from /summary;
 *  - KIND study: cases.csv (and cases_all_outputs.csv when written) equals /cases, front.csv the cases of /front,
 *    sensitivity.csv /sensitivity/<output>, parameters.csv the bounds of /parameters.
 * Prints what differs and the count of values compared; exit 0 when all hold and something was compared. */
#include "results.h"
#include "study_results.h"
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad = 0, checked = 0;

/* ---------------------------------------------------------------------------------------------- CSV */
typedef struct {
  int    nrows, ncols[20000];
  char **cell[20000];
} Csv;

static char *Slurp(const char *path)
{
  FILE *fp = fopen(path, "rb");
  long  n;
  char *s;
  if (!fp) return NULL;
  fseek(fp, 0, SEEK_END);
  n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  s = calloc((size_t) n + 1, 1);
  if (fread(s, 1, (size_t) n, fp) != (size_t) n) n = 0;
  fclose(fp);
  return s;
}

static Csv *CsvRead(const char *dir, const char *id)
{
  char path[1024], *s, *p;
  Csv *c = calloc(1, sizeof(Csv));
  snprintf(path, sizeof(path), "%s/%s.csv", dir, id);
  if (!(s = Slurp(path))) {
    printf("  no %s\n", path);
    bad++;
    return c;
  }
  p = s;
  while (*p && c->nrows < 20000) {
    char **row = calloc(512, sizeof(char *));
    int    n   = 0;
    for (;;) {
      char *out = calloc(strlen(p) + 1, 1), *o = out;
      if (*p == '"') {
        p++;
        while (*p && !(*p == '"' && p[1] != '"')) {
          if (*p == '"') p++;
          *o++ = *p++;
        }
        if (*p) p++;
      } else
        while (*p && *p != ',' && *p != '\n') *o++ = *p++;
      if (n < 512) row[n++] = out;
      if (*p == ',') {
        p++;
        continue;
      }
      if (*p == '\n') p++;
      break;
    }
    c->cell[c->nrows]    = row;
    c->ncols[c->nrows++] = n;
  }
  free(s);
  return c;
}

static const char *Cell(const Csv *c, int r, int k)
{
  return r >= 0 && k >= 0 && r < c->nrows && k < c->ncols[r] ? c->cell[r][k] : "";
}

static int Column(const Csv *c, const char *name)
{
  for (int k = 0; c->nrows && k < c->ncols[0]; k++)
    if (!strcmp(c->cell[0][k], name)) return k;
  return -1;
}

/* a CSV number equals v bit for bit (an empty cell equals NaN) */
static void Number(const char *what, const char *cell, double v)
{
  checked++;
  if (!cell[0] ? !isnan(v) : (isnan(v) || strtod(cell, NULL) != v)) {
    printf("  %s: CSV '%s', file %.17g\n", what, cell, v);
    bad++;
  }
}

static void Text(const char *what, const char *cell, const char *s)
{
  checked++;
  if (strcmp(cell, s)) {
    printf("  %s: CSV '%s', file '%s'\n", what, cell, s);
    bad++;
  }
}

/* ------------------------------------------------------------------------------------ page vs CSV */
static void Unescape(const char *s, size_t n, char *out, size_t len)
{
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < len;) {
    if (!strncmp(s + i, "&lt;", 4))
      out[k++] = '<', i += 4;
    else if (!strncmp(s + i, "&gt;", 4))
      out[k++] = '>', i += 4;
    else if (!strncmp(s + i, "&amp;", 5))
      out[k++] = '&', i += 5;
    else if (!strncmp(s + i, "&quot;", 6))
      out[k++] = '"', i += 6;
    else
      out[k++] = s[i++];
  }
  out[k] = 0;
}

static void PageTables(const char *dir, int *ntables)
{
  char path[1024], *html, *t;
  int  n = 0;
  snprintf(path, sizeof(path), "%s/report.html", dir);
  if (!(html = Slurp(path))) {
    printf("  no %s\n", path);
    bad++;
    return;
  }
  for (t = strstr(html, "<table class=\"data\" id=\""); t; t = strstr(t + 1, "<table class=\"data\" id=\"")) {
    char id[64] = "", *end = strstr(t, "</table>"), *r, *note;
    int  row = 0, shown;
    Csv *c;
    sscanf(t + 24, "%63[^\"]", id);
    c = CsvRead(dir, id);
    n++;
    for (r = strstr(t, "<tr>"); r && r < end; r = strstr(r + 1, "<tr>"), row++) {
      char *rend = strstr(r, "</tr>"), *cellp = r;
      int   k = 0;
      for (;;) {
        char *th = strstr(cellp, "<th>"), *td = strstr(cellp, "<td"), *open = th && (!td || th < td) ? th : td;
        char *close, *content, text[4096], what[256];
        if (!open || open > rend) break;
        content = strchr(open, '>') + 1;
        close   = strstr(content, open == th ? "</th>" : "</td>");
        snprintf(what, sizeof(what), "%s row %d column %d", id, row, k);
        if (open == td && !strncmp(open, "<td class=\"num\" data-value=\"", 28)) {
          char value[64] = "";
          sscanf(open + 28, "%63[^\"]", value);
          Text(what, Cell(c, row, k), value);
        } else {
          Unescape(content, (size_t) (close - content), text, sizeof(text));
          Text(what, Cell(c, row, k), text);
        }
        k++;
        cellp = close;
      }
      if (k != c->ncols[row < c->nrows ? row : 0]) printf("  %s row %d: %d cells on the page\n", id, row, k), bad++;
    }
    /* all rows, or the first `shown` and the page says how many */
    note  = strstr(end, "<p class=\"csv\">");
    shown = row - 1;
    if (note && !strncmp(note + 15, "The first ", 10)) {
      int a = 0, b = 0;
      sscanf(note + 25, "%d of %d", &a, &b);
      if (a != shown || b != c->nrows - 1)
        printf("  %s: the page says %d of %d rows, shows %d of %d\n", id, a, b, shown, c->nrows - 1), bad++;
    } else if (shown != c->nrows - 1)
      printf("  %s: %d rows on the page, %d in the CSV\n", id, shown, c->nrows - 1), bad++;
  }
  free(html);
  *ntables = n;
}

/* ------------------------------------------------------------------------------------------- runs */
static void CheckRun(const char *dir, int nf, char **files)
{
  ResultsFile rf[8];
  Csv        *sum, *led;
  if (nf > 8 || PetscInitializeNoArguments()) exit(2);
  for (int f = 0; f < nf; f++)
    if (ResultsOpen(files[f], &rf[f])) exit(1);
  sum = CsvRead(dir, "summary");
  for (int r = 1; r < sum->nrows; r++)
    for (int f = 0; f < nf; f++) {
      double    v = NAN;
      PetscBool found;
      ResultsGetSummaryValue(rf[f], Cell(sum, r, 0), &v, &found);
      Number(Cell(sum, r, 0), Cell(sum, r, 1 + f), found ? v : NAN);
    }
  for (int f = 0; f < nf; f++) { /* every value of every file is in the CSV */
    PetscInt                 n;
    const ResultsSummaryRow *rows;
    ResultsGetSummary(rf[f], &n, &rows);
    for (PetscInt i = 0; i < n; i++) {
      int in = 0;
      if (isnan(rows[i].value)) continue;
      for (int r = 1; r < sum->nrows && !in; r++) in = !strcmp(Cell(sum, r, 0), rows[i].name);
      if (!in) printf("  %s of %s is not in the CSV\n", rows[i].name, files[f]), bad++;
    }
  }
  led = CsvRead(dir, "ledger");
  {
    int r = 1;
    for (int f = 0; f < nf; f++) {
      PetscInt                nl;
      const ResultsLedgerRow *l;
      const char             *base = strrchr(files[f], '/') ? strrchr(files[f], '/') + 1 : files[f];
      ResultsGetLedger(rf[f], &nl, &l);
      for (PetscInt i = 0; i < nl; i++, r++) {
        Text("ledger case", Cell(led, r, 0), base);
        Text("ledger stage", Cell(led, r, 1), l[i].stage);
        Text("ledger item", Cell(led, r, 2), l[i].item);
        Text("ledger kind", Cell(led, r, 3), l[i].kind);
        Number("ledger energy_J_per_m2", Cell(led, r, 4), l[i].energy_J_per_m2);
        Number("ledger energy_kWh_per_m2", Cell(led, r, 5), l[i].energy_kWh_per_m2);
        Number("ledger energy_kWh_per_kWh_cell", Cell(led, r, 6), l[i].energy_kWh_per_kWh_cell);
        Number("ledger minimum_J_per_m2", Cell(led, r, 7), l[i].minimum_J_per_m2);
      }
    }
    if (r != led->nrows) printf("  ledger.csv has %d rows, the files %d\n", led->nrows - 1, r - 1), bad++;
  }
  for (int f = 0; f < nf; f++) ResultsClose(&rf[f]);
  PetscFinalize();
}

/* ------------------------------------------------------------------------------------- comparison */
static double *Doubles(hid_t f, const char *path, int *n)
{
  hid_t   d = H5Dopen2(f, path, H5P_DEFAULT), sp;
  double *v;
  if (d < 0) {
    printf("  compare.h5 has no %s\n", path);
    bad++;
    *n = 0;
    return calloc(1, sizeof(double));
  }
  sp = H5Dget_space(d);
  *n = (int) H5Sget_simple_extent_npoints(sp);
  v  = calloc((size_t) *n + 1, sizeof(double));
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
  H5Sclose(sp);
  H5Dclose(d);
  return v;
}

/* fixed-length strings: n of stride *len */
static char *Strings(hid_t f, const char *path, int *n, size_t *len)
{
  hid_t d = H5Dopen2(f, path, H5P_DEFAULT), t, mt, sp;
  char *s;
  if (d < 0) {
    printf("  compare.h5 has no %s\n", path);
    bad++;
    *n   = 0;
    *len = 1;
    return calloc(1, 1);
  }
  t    = H5Dget_type(d);
  *len = H5Tget_size(t) + 1;
  mt   = H5Tcopy(H5T_C_S1);
  H5Tset_size(mt, *len);
  sp = H5Dget_space(d);
  *n = (int) H5Sget_simple_extent_npoints(sp);
  s  = calloc((size_t) *n * *len + 1, 1);
  H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, s);
  H5Sclose(sp);
  H5Tclose(mt);
  H5Tclose(t);
  H5Dclose(d);
  return s;
}

static void CheckColumns(hid_t f, Csv *c, const char *group, const char *const *text, int ntext, const char *const *num,
                         int nnum)
{
  int n = 0;
  for (int k = 0; k < ntext; k++) {
    char   path[128], *s;
    int    m;
    size_t len;
    snprintf(path, sizeof(path), "/%s/%s", group, text[k]);
    s = Strings(f, path, &m, &len);
    for (int r = 0; r < m; r++) Text(path, Cell(c, r + 1, Column(c, text[k])), s + r * len);
    n = m;
    free(s);
  }
  for (int k = 0; k < nnum; k++) {
    char    path[128];
    int     m;
    double *v;
    snprintf(path, sizeof(path), "/%s/%s", group, num[k]);
    v = Doubles(f, path, &m);
    for (int r = 0; r < m; r++) Number(path, Cell(c, r + 1, Column(c, num[k])), v[r]);
    free(v);
  }
  if (c->nrows - 1 != n) printf("  %s: %d rows in the CSV, %d in the file\n", group, c->nrows - 1, n), bad++;
}

static void CheckCompare(const char *dir, const char *file)
{
  hid_t             f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  Csv              *routes, *sum, *rat;
  const char *const rtext[] = {"label", "case_name", "case_file", "route", "electrode", "plant_file", "results_file"};
  const char *const ltext[] = {"route", "stage", "item", "kind"};
  const char *const lnum[]  = {"energy_J_per_m2", "energy_kWh_per_m2", "energy_kWh_per_kWh_cell", "minimum_J_per_m2"};
  const char *const stext[] = {"route", "stage"};
  const char *const snum[]  = {"energy_kWh_per_m2",
                               "thermal_energy_kWh_per_m2",
                               "electric_energy_kWh_per_m2",
                               "minimum_energy_kWh_per_m2",
                               "energy_kWh_per_kWh_cell",
                               "thermal_energy_kWh_per_kWh_cell",
                               "electric_energy_kWh_per_kWh_cell",
                               "minimum_energy_kWh_per_kWh_cell"};
  int               nroutes, nsum = 0;
  if (f < 0) {
    printf("cannot open %s\n", file);
    exit(1);
  }
  routes = CsvRead(dir, "routes");
  CheckColumns(f, routes, "routes", rtext, 7, NULL, 0);
  nroutes = routes->nrows - 1;
  CheckColumns(f, CsvRead(dir, "ledger"), "ledger", ltext, 4, lnum, 4);
  CheckColumns(f, CsvRead(dir, "stages"), "stages", stext, 2, snum, 8);
  sum = CsvRead(dir, "summary");
  for (int r = 1; r < sum->nrows; r++) {
    char    path[256];
    int     m;
    double *v;
    snprintf(path, sizeof(path), "/summary/%s", Cell(sum, r, 1));
    v = Doubles(f, path, &m);
    if (m != nroutes) printf("  %s: %d values for %d routes\n", path, m, nroutes), bad++;
    for (int i = 0; i < m; i++) Number(path, Cell(sum, r, 3 + i), v[i]);
    free(v);
  }
  { /* every quantity of the file is a row */
    H5G_info_t gi;
    hid_t      g = H5Gopen2(f, "/summary", H5P_DEFAULT);
    H5Gget_info(g, &gi);
    nsum = (int) gi.nlinks;
    H5Gclose(g);
    if (nsum != sum->nrows - 1) printf("  summary: %d rows, the file %d quantities\n", sum->nrows - 1, nsum), bad++;
  }
  /* ratios: "X / Y": X of each route over X of the first route (Y the first label) or over Y of the same route */
  rat = CsvRead(dir, "ratios");
  if (rat->nrows < 4) printf("  ratios.csv has %d rows\n", rat->nrows - 1), bad++;
  for (int r = 1; r < rat->nrows; r++) {
    char    x[128] = "", y[128] = "", px[160], py[160];
    int     m, k;
    double *vx, *vy = NULL;
    sscanf(Cell(rat, r, 0), "%127s / %127s", x, y);
    snprintf(px, sizeof(px), "/summary/%s", x);
    vx = Doubles(f, px, &m);
    if (strcmp(y, Cell(routes, 1, 0))) {
      snprintf(py, sizeof(py), "/summary/%s", y);
      vy = Doubles(f, py, &k);
    }
    for (int i = 0; i < m; i++) Number(Cell(rat, r, 0), Cell(rat, r, 2 + i), vx[i] / (vy ? vy[i] : vx[0]));
    free(vx);
    free(vy);
  }
  H5Fclose(f);
}

/* ------------------------------------------------------------------------------------------ study */
static void CheckCases(const char *dir, const char *id, const StudyFileInfo *info, const StudyRecords *rec,
                       const PetscInt *rows, int n)
{
  static const char *const status[] = {"ok", "failed", "bad input"};
  Csv                     *c        = CsvRead(dir, id);
  int                      nout     = 0;
  if (c->nrows - 1 != n) printf("  %s: %d rows, the file %d\n", id, c->nrows - 1, n), bad++;
  for (int r = 0; r < n && r + 1 < c->nrows; r++) {
    PetscInt               k = rows ? rows[r] : r;
    const StudyRecordMeta *m = &rec->meta[k];
    Number("phase", Cell(c, r + 1, 0), m->phase);
    Number("batch", Cell(c, r + 1, 1), m->batch);
    Number("index", Cell(c, r + 1, 2), m->index);
    Text("status", Cell(c, r + 1, 3), status[m->status]);
    Number("wall_time_s", Cell(c, r + 1, 4), m->wall_s);
    for (int i = 0; i < info->np; i++)
      Number(info->param_names[i], Cell(c, r + 1, Column(c, info->param_names[i])), rec->param[k * rec->np + i]);
    nout = 0;
    for (int j = 0; j < info->nout; j++)
      if (Column(c, info->out_names[j]) >= 0) {
        Number(info->out_names[j], Cell(c, r + 1, Column(c, info->out_names[j])), rec->out[k * rec->nout + j]);
        nout++;
      }
    Text("reason", Cell(c, r + 1, c->ncols[0] - 1), m->reason);
  }
  if (c->nrows && c->ncols[0] != 5 + info->np + nout + 1)
    printf("  %s: a column that is no parameter or output\n", id), bad++;
  printf("  %s: %d rows, %d outputs\n", id, c->nrows - 1, nout);
}

static void CheckStudy(const char *dir, const char *file)
{
  StudyFileInfo info;
  StudyRecords  rec;
  Csv          *c;
  FILE         *fp;
  char          path[1024];
  if (PetscInitializeNoArguments() || StudyFileRead(file, &info, &rec)) exit(1);
  CheckCases(dir, "cases", &info, &rec, NULL, (int) rec.n);
  snprintf(path, sizeof(path), "%s/cases_all_outputs.csv", dir);
  if ((fp = fopen(path, "r"))) {
    fclose(fp);
    CheckCases(dir, "cases_all_outputs", &info, &rec, NULL, (int) rec.n);
  }
  snprintf(path, sizeof(path), "%s/front.csv", dir);
  if ((fp = fopen(path, "r"))) {
    PetscInt n, *rows;
    fclose(fp);
    if (StudyFileReadFront(file, &rec, &n, &rows)) exit(1);
    CheckCases(dir, "front", &info, &rec, rows, (int) n);
    PetscFree(rows);
  }
  snprintf(path, sizeof(path), "%s/sensitivity.csv", dir);
  if ((fp = fopen(path, "r"))) {
    int r = 1;
    fclose(fp);
    c = CsvRead(dir, "sensitivity");
    for (int j = 0; j < info.nout; j++) {
      double    x[6][64];
      PetscBool found;
      if (info.np > 64 ||
          StudyFileReadSensitivity(file, info.out_names[j], info.np, x[0], x[3], x[1], x[2], x[4], x[5], &found))
        exit(1);
      if (!found) continue;
      for (int i = 0; i < info.np; i++, r++) {
        Text("output", Cell(c, r, 0), info.out_names[j]);
        Text("parameter", Cell(c, r, 1), info.param_names[i]);
        for (int q = 0; q < 6; q++) Number("sobol index", Cell(c, r, 2 + q), x[q][i]);
      }
    }
    if (r != c->nrows) printf("  sensitivity.csv: %d rows, the file %d\n", c->nrows - 1, r - 1), bad++;
  }
  { /* parameter bounds */
    struct prow {
      double lo, hi;
    } pr[64];
    hid_t f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT), d = H5Dopen2(f, "parameters", H5P_DEFAULT);
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(struct prow));
    H5Tinsert(t, "lo", HOFFSET(struct prow, lo), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "hi", HOFFSET(struct prow, hi), H5T_NATIVE_DOUBLE);
    if (info.np <= 64 && H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, pr) >= 0) {
      c = CsvRead(dir, "parameters");
      for (int i = 0; i < info.np; i++) {
        Text("parameter", Cell(c, i + 1, 0), info.param_names[i]);
        Number("lo", Cell(c, i + 1, 4), pr[i].lo);
        Number("hi", Cell(c, i + 1, 5), pr[i].hi);
      }
    } else
      printf("  cannot read /parameters\n"), bad++;
    H5Tclose(t);
    H5Dclose(d);
    H5Fclose(f);
  }
  StudyRecordsFree(&rec);
  StudyFileInfoFree(&info);
  PetscFinalize();
}

int main(int argc, char **argv)
{
  int ntables = 0;
  if (argc < 4) return printf("usage: check_report run|compare|study DIR FILE...\n"), 2;
  PageTables(argv[2], &ntables);
  printf("  %d tables on the page equal their CSV files\n", ntables);
  if (!strcmp(argv[1], "run"))
    CheckRun(argv[2], argc - 3, argv + 3);
  else if (!strcmp(argv[1], "compare"))
    CheckCompare(argv[2], argv[3]);
  else if (!strcmp(argv[1], "study"))
    CheckStudy(argv[2], argv[3]);
  else
    return printf("unknown kind %s\n", argv[1]), 2;
  printf("%d values compared with the files, %d differ\n", checked, bad);
  return bad || !checked || !ntables;
}
