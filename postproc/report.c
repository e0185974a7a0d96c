/* Report: the entry point (ReportWrite: which kind of file, the output directory written whole or not at all) and
 * the report of runs (see report.h); comparisons and studies are in report_compare.c and report_study.c. */
#include "report.h"
#include "report_page.h"
#include "results.h"
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A dataset of a results file (NULL data when absent): up to 3 dimensions. */
static PetscErrorCode ReadArray(const char *file, const char *path, int *ndims, hsize_t dims[3], double **data)
{
  hid_t f, d, sp;
  PetscFunctionBeginUser;
  *data  = NULL;
  *ndims = 0;
  H5E_BEGIN_TRY
  {
    f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  }
  H5E_END_TRY;
  PetscCheck(f >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open %s", file);
  if (!ReportH5Exists(f, path)) {
    H5Fclose(f);
    PetscFunctionReturn(0);
  }
  d      = H5Dopen2(f, path, H5P_DEFAULT);
  sp     = H5Dget_space(d);
  *ndims = H5Sget_simple_extent_ndims(sp);
  if (*ndims >= 1 && *ndims <= 3) {
    hsize_t n = 1;
    H5Sget_simple_extent_dims(sp, dims, NULL);
    for (int k = 0; k < *ndims; k++) n *= dims[k];
    PetscCall(PetscMalloc1(n ? n : 1, data));
    if (H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, *data) < 0) PetscCall(PetscFree(*data));
  }
  H5Sclose(sp);
  H5Dclose(d);
  H5Fclose(f);
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------ run tables */
static PetscErrorCode SummaryTable(ReportPage *p, PetscInt n, ResultsFile rf[], const char *const files[])
{
  ReportTable  t;
  const char **headers;
  PetscFunctionBeginUser;
  PetscCall(ReportHeading(p, 2, "Summary"));
  PetscCall(PetscMalloc1(n + 3, &headers));
  headers[0] = "name";
  for (PetscInt f = 0; f < n; f++) headers[1 + f] = ReportBaseName(files[f]);
  headers[n + 1] = "unit";
  headers[n + 2] = "description";
  PetscCall(ReportTableBegin(p, &t, "summary", NULL, n + 3, headers, -1));
  PetscCall(PetscFree(headers));
  /* the names of the first file, then any further ones of the others */
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                 ns;
    const ResultsSummaryRow *rows;
    PetscCall(ResultsGetSummary(rf[f], &ns, &rows));
    for (PetscInt i = 0; i < ns; i++) {
      PetscBool earlier = PETSC_FALSE, any = PETSC_FALSE;
      for (PetscInt g = 0; g < f && !earlier; g++) {
        double v;
        PetscCall(ResultsGetSummaryValue(rf[g], rows[i].name, &v, &earlier));
      }
      if (earlier) continue;
      for (PetscInt g = 0; g < n; g++) {
        double    v;
        PetscBool found;
        PetscCall(ResultsGetSummaryValue(rf[g], rows[i].name, &v, &found));
        if (found && !isnan(v)) any = PETSC_TRUE;
      }
      if (!any) continue; /* produced by none of the routes */
      PetscCall(ReportTableText(&t, rows[i].name));
      for (PetscInt g = 0; g < n; g++) {
        double    v;
        PetscBool found;
        PetscCall(ResultsGetSummaryValue(rf[g], rows[i].name, &v, &found));
        PetscCall(ReportTableNumber(&t, found ? v : (double) NAN, "%.6g"));
      }
      PetscCall(ReportTableText(&t, rows[i].unit));
      PetscCall(ReportTableText(&t, rows[i].description));
      PetscCall(ReportTableEndRow(&t));
    }
  }
  PetscCall(ReportTableEnd(&t));
  PetscFunctionReturn(0);
}

static const char *const ledger_columns[] = {"energy_J_per_m2", "energy_kWh_per_m2", "energy_kWh_per_kWh_cell",
                                             "minimum_J_per_m2"};

static PetscErrorCode LedgerTable(ReportPage *p, PetscInt n, ResultsFile rf[], const char *const files[])
{
  ReportTable       t;
  const char *const headers[] = {
      "case", "stage", "item", "kind", ledger_columns[0], ledger_columns[1], ledger_columns[2], ledger_columns[3]};
  PetscFunctionBeginUser;
  PetscCall(ReportHeading(p, 2, "Energy ledger"));
  PetscCall(ReportTableBegin(p, &t, "ledger",
                             "Per m2 of coated electrode (one side) and per kWh of cell capacity; minimum_J_per_m2 is "
                             "the thermodynamic floor of the item.",
                             8, headers, -1));
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                nl;
    const ResultsLedgerRow *l;
    PetscCall(ResultsGetLedger(rf[f], &nl, &l));
    for (PetscInt i = 0; i < nl; i++) {
      PetscCall(ReportTableText(&t, ReportBaseName(files[f])));
      PetscCall(ReportTableText(&t, l[i].stage));
      PetscCall(ReportTableText(&t, l[i].item));
      PetscCall(ReportTableText(&t, l[i].kind));
      PetscCall(ReportTableNumber(&t, l[i].energy_J_per_m2, "%.6g"));
      PetscCall(ReportTableNumber(&t, l[i].energy_kWh_per_m2, "%.5f"));
      PetscCall(ReportTableNumber(&t, l[i].energy_kWh_per_kWh_cell, "%.4f"));
      PetscCall(ReportTableNumber(&t, l[i].minimum_J_per_m2, "%.6g"));
      PetscCall(ReportTableEndRow(&t));
    }
  }
  PetscCall(ReportTableEnd(&t));
  PetscFunctionReturn(0);
}

static PetscErrorCode BalanceTable(ReportPage *p, PetscInt n, ResultsFile rf[], const char *const files[])
{
  ReportTable       t;
  const char *const headers[] = {"case", "stage", "quantity", "in", "out", "stored", "relative_closure_error"};
  PetscFunctionBeginUser;
  PetscCall(ReportHeading(p, 2, "Balances"));
  PetscCall(ReportTableBegin(p, &t, "balances", NULL, 7, headers, -1));
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                 nb;
    const ResultsBalanceRow *b;
    PetscCall(ResultsGetBalances(rf[f], &nb, &b));
    for (PetscInt i = 0; i < nb; i++) {
      PetscCall(ReportTableText(&t, ReportBaseName(files[f])));
      PetscCall(ReportTableText(&t, b[i].stage));
      PetscCall(ReportTableText(&t, b[i].quantity));
      PetscCall(ReportTableNumber(&t, b[i].in, "%.4g"));
      PetscCall(ReportTableNumber(&t, b[i].out, "%.4g"));
      PetscCall(ReportTableNumber(&t, b[i].stored, "%.4g"));
      PetscCall(ReportTableNumber(&t, b[i].relative_closure_error, "%.4g"));
      PetscCall(ReportTableEndRow(&t));
    }
  }
  PetscCall(ReportTableEnd(&t));
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------ run plots */
static PetscErrorCode PlotDrying(ReportPage *p, const char *file)
{
  int          nd;
  hsize_t      dims[3];
  double      *curve, *xi, *bf;
  ReportScript sc = {0};
  PetscFunctionBeginUser;
  PetscCall(ReadArray(file, "/convective_drying/drying_curve", &nd, dims, &curve));
  if (curve && nd == 2 && dims[1] >= 3) {
    PetscCall(ReportScriptAdd(&sc, "$d << EOD\n"));
    for (hsize_t i = 0; i < dims[0]; i++)
      PetscCall(ReportScriptAdd(&sc, "%.9g %.9g %.9g\n", curve[i * dims[1]], curve[i * dims[1] + 1] * 1e3,
                                curve[i * dims[1] + 2] - 273.15));
    PetscCall(ReportScriptAdd(
        &sc, "EOD\nset xlabel 'time in the dryer (s)'\nset ylabel 'solvent left (g/m^2)'\n"
             "set y2label 'film temperature (C)'\nset ytics nomirror\nset y2tics\n"
             "plot $d using 1:2 with lines lw 2 title 'solvent', $d using 1:3 axes x1y2 with lines lw 2 "
             "dt 2 title 'film temperature'\n"));
    PetscCall(ReportPlot(p, "Drying curve", "Solvent left in the film and film temperature through the dryer.", 760,
                         400, sc.s));
  } else
    PetscCall(ReportSkipped(p, "Drying curve", "not produced by this route"));
  PetscCall(PetscFree(curve));
  sc.len = 0;
  PetscCall(ReadArray(file, "/convective_drying/binder_xi", &nd, dims, &xi));
  PetscCall(ReadArray(file, "/convective_drying/binder_fraction", &nd, dims, &bf));
  if (xi && bf) {
    PetscCall(ReportScriptAdd(&sc, "$b << EOD\n"));
    for (hsize_t i = 0; i < dims[0]; i++) PetscCall(ReportScriptAdd(&sc, "%.9g %.9g\n", xi[i], bf[i]));
    PetscCall(ReportScriptAdd(
        &sc, "EOD\nset xlabel 'height in the dry coating, z/h (0 foil, 1 top)'\n"
             "set ylabel 'binder over its mean'\nplot $b using 1:2 with linespoints lw 2 title 'binder'\n"));
    PetscCall(ReportPlot(p, "Binder profile", "Binder through the dry coating: above 1 at the top means migration.",
                         760, 400, sc.s));
  } else
    PetscCall(ReportSkipped(p, "Binder profile", "not produced by this route"));
  PetscCall(PetscFree(xi));
  PetscCall(PetscFree(bf));
  PetscCall(ReportScriptFree(&sc));
  PetscFunctionReturn(0);
}

/* Every group that holds y_m and a thickness across the web, in file order: slot die, calender passes, web. */
typedef struct {
  char groups[16][128];
  int  n;
} GroupList;

static herr_t CollectGroups(hid_t obj, const char *name, const H5O_info_t *info, void *data)
{
  GroupList *g = (GroupList *) data;
  (void) obj;
  if (info->type == H5O_TYPE_GROUP && g->n < 16 && strlen(name) < 120 && name[0] != '.')
    snprintf(g->groups[g->n++], 128, "/%s", name);
  return 0;
}

static PetscErrorCode PlotCrossWeb(ReportPage *p, const char *file)
{
  GroupList    gl            = {.n = 0};
  ReportScript sc            = {0};
  int          ncurves       = 0;
  char         plotcmd[4096] = "plot ";
  const char  *thick[]       = {"wet_thickness_um", "thickness_um", "thickness_out_um", "laminated_thickness_um"};
  hid_t        f;
  PetscFunctionBeginUser;
  f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(f >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open %s", file);
  H5Ovisit(f, H5_INDEX_NAME, H5_ITER_INC, CollectGroups, &gl);
  H5Fclose(f);
  for (int g = 0; g < gl.n; g++) {
    int     nd;
    hsize_t dims[3], dt[3];
    double *y, *h = NULL;
    char    path[256];
    PetscCall(PetscSNPrintf(path, sizeof(path), "%s/y_m", gl.groups[g]));
    PetscCall(ReadArray(file, path, &nd, dims, &y));
    for (size_t k = 0; y && k < PETSC_STATIC_ARRAY_LENGTH(thick) && !h; k++) {
      PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s", gl.groups[g], thick[k]));
      PetscCall(ReadArray(file, path, &nd, dt, &h));
      if (h && dt[0] != dims[0]) PetscCall(PetscFree(h));
    }
    if (y && h) {
      PetscCall(ReportScriptAdd(&sc, "$c%d << EOD\n", ncurves));
      for (hsize_t i = 0; i < dims[0]; i++) PetscCall(ReportScriptAdd(&sc, "%.9g %.9g\n", y[i] * 1e3, h[i]));
      PetscCall(ReportScriptAdd(&sc, "EOD\n"));
      {
        size_t l = strlen(plotcmd);
        snprintf(plotcmd + l, sizeof(plotcmd) - l, "%s$c%d using 1:2 with lines lw 2 title '%s'", ncurves ? ", " : "",
                 ncurves, path + 1);
      }
      ncurves++;
    }
    PetscCall(PetscFree(y));
    PetscCall(PetscFree(h));
  }
  if (ncurves) {
    PetscCall(ReportScriptAdd(
        &sc, "set xlabel 'across the web (mm)'\nset ylabel 'thickness (um)'\nset key below noenhanced\n%s\n", plotcmd));
    PetscCall(ReportPlot(p, "Cross-web thickness through the route",
                         "Thickness across the web leaving each stage that reports it (the last is the final web).",
                         760, 400, sc.s));
  } else
    PetscCall(ReportSkipped(p, "Cross-web thickness", "no cross-web profile in the file"));
  PetscCall(ReportScriptFree(&sc));
  PetscFunctionReturn(0);
}

static PetscErrorCode PlotDeposition(ReportPage *p, const char *file)
{
  int          nd, ndx, ndz;
  hsize_t      dims[3], dx[3], dz[3];
  double      *phi, *x, *zf;
  ReportScript sc = {0};
  PetscFunctionBeginUser;
  PetscCall(ReadArray(file, "/electrostatic_deposition/potential", &nd, dims, &phi));
  PetscCall(ReadArray(file, "/electrostatic_deposition/x", &ndx, dx, &x));
  PetscCall(ReadArray(file, "/electrostatic_deposition/z_faces", &ndz, dz, &zf));
  if (phi && x && zf && nd == 2 && dx[0] == dims[1] && dz[0] == dims[0] + 1) {
    PetscCall(ReportScriptAdd(&sc, "$f << EOD\n"));
    for (hsize_t j = 0; j < dims[0]; j++) {
      for (hsize_t i = 0; i < dims[1]; i++)
        PetscCall(ReportScriptAdd(&sc, "%.6g %.6g %.6g\n", x[i] * 1e3, 0.5 * (zf[j] + zf[j + 1]) * 1e3,
                                  phi[j * dims[1] + i] * 1e-3));
      PetscCall(ReportScriptAdd(&sc, "\n"));
    }
    PetscCall(ReportScriptAdd(&sc, "EOD\nset xlabel 'across the web (mm)'\nset ylabel 'height above the foil (mm)'\n"
                                   "set cblabel 'potential (kV)'\nset view map\nset palette rgb 33,13,10\n"
                                   "splot $f using 1:2:3 with pm3d notitle\n"));
    PetscCall(ReportPlot(p, "Deposition field", "Electric potential between the guns and the grounded foil.", 760, 400,
                         sc.s));
  } else
    PetscCall(ReportSkipped(p, "Deposition field", "not produced by this route"));
  PetscCall(PetscFree(phi));
  PetscCall(PetscFree(x));
  PetscCall(PetscFree(zf));
  PetscCall(ReportScriptFree(&sc));
  PetscFunctionReturn(0);
}

static PetscErrorCode PlotLamination(ReportPage *p, const char *file)
{
  int          nd;
  hsize_t      dims[3], d2[3];
  double      *t, *T[3] = {NULL, NULL, NULL};
  const char  *names[3] = {"surface_temperature_C", "foil_side_temperature_C", "foil_temperature_C"};
  ReportScript sc       = {0};
  PetscFunctionBeginUser;
  PetscCall(ReadArray(file, "/hot_lamination/time_ms", &nd, dims, &t));
  for (int k = 0; k < 3 && t; k++) {
    char path[128];
    PetscCall(PetscSNPrintf(path, sizeof(path), "/hot_lamination/%s", names[k]));
    PetscCall(ReadArray(file, path, &nd, d2, &T[k]));
    if (T[k] && d2[0] != dims[0]) PetscCall(PetscFree(T[k]));
  }
  if (t && T[0] && T[1] && T[2]) {
    PetscCall(ReportScriptAdd(&sc, "$l << EOD\n"));
    for (hsize_t i = 0; i < dims[0]; i++)
      PetscCall(ReportScriptAdd(&sc, "%.9g %.9g %.9g %.9g\n", t[i], T[0][i], T[1][i], T[2][i]));
    PetscCall(ReportScriptAdd(&sc,
                              "EOD\nset xlabel 'time from the first roll contact (ms)'\nset ylabel 'temperature (C)'\n"
                              "plot $l using 1:2 with lines lw 2 title 'powder surface', $l using 1:3 with lines lw 2 "
                              "title 'layer at the foil', $l using 1:4 with lines lw 2 dt 2 title 'foil'\n"));
    PetscCall(ReportPlot(p, "Lamination temperatures", "Temperatures through pre-heat, the hot nip and after it.", 760,
                         400, sc.s));
  } else
    PetscCall(ReportSkipped(p, "Lamination temperatures", "not produced by this route"));
  PetscCall(PetscFree(t));
  for (int k = 0; k < 3; k++) PetscCall(PetscFree(T[k]));
  PetscCall(ReportScriptFree(&sc));
  PetscFunctionReturn(0);
}

/* Stacked bars, one per run, one block per stage: per m2 (which = 0) or per kWh of cell (which = 1). */
static PetscErrorCode PlotEnergy(ReportPage *p, PetscInt n, ResultsFile rf[], const char *const files[], int which)
{
  const char **stages, **bars;
  char        *labels;
  double      *values;
  PetscInt     nst = 0, total = 0;
  PetscFunctionBeginUser;
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                nl;
    const ResultsLedgerRow *l;
    PetscCall(ResultsGetLedger(rf[f], &nl, &l));
    total += nl;
  }
  PetscCall(PetscMalloc1(total + 1, &stages));
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                nl;
    const ResultsLedgerRow *l;
    PetscCall(ResultsGetLedger(rf[f], &nl, &l));
    for (PetscInt i = 0; i < nl; i++) {
      PetscBool known = PETSC_FALSE;
      for (PetscInt k = 0; k < nst && !known; k++) known = !strcmp(stages[k], l[i].stage) ? PETSC_TRUE : PETSC_FALSE;
      if (!known) stages[nst++] = l[i].stage;
    }
  }
  PetscCall(PetscCalloc3(n * nst + 1, &values, n, &bars, 64 * n, &labels));
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                nl;
    const ResultsLedgerRow *l;
    char                   *dot;
    PetscCall(ResultsGetLedger(rf[f], &nl, &l));
    PetscCall(PetscStrncpy(labels + 64 * f, ReportBaseName(files[f]), 64));
    if ((dot = strrchr(labels + 64 * f, '.'))) *dot = 0;
    bars[f] = labels + 64 * f;
    for (PetscInt k = 0; k < nst; k++)
      for (PetscInt i = 0; i < nl; i++)
        if (!strcmp(l[i].stage, stages[k]))
          values[f * nst + k] += which ? l[i].energy_kWh_per_kWh_cell : l[i].energy_kWh_per_m2;
  }
  PetscCall(ReportStackedBars(p, which ? "Energy per kWh of cell, by stage" : "Energy per m2 of electrode, by stage",
                              "The ledger of each route stacked by the stage that books it.",
                              which ? "kWh per kWh of cell" : "kWh per m^2 of electrode", n, bars, nst, stages,
                              values));
  PetscCall(PetscFree3(values, bars, labels));
  PetscCall(PetscFree(stages));
  PetscFunctionReturn(0);
}

static PetscErrorCode RunReport(ReportPage *p, PetscInt nfiles, const char *const files[])
{
  ResultsFile *rf;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(nfiles, &rf));
  for (PetscInt f = 0; f < nfiles; f++) PetscCall(ResultsOpen(files[f], &rf[f]));
  fputs("<ul id=\"cases\">\n", p->html);
  for (PetscInt f = 0; f < nfiles; f++) {
    const char *name, *cfile, *version;
    PetscCall(ResultsGetAttribute(rf[f], "case_name", &name));
    PetscCall(ResultsGetAttribute(rf[f], "case_file", &cfile));
    PetscCall(ResultsGetAttribute(rf[f], "eproc_version", &version));
    fputs("<li><b>", p->html);
    ReportEscaped(p->html, ReportBaseName(files[f]));
    fputs("</b>: ", p->html);
    ReportEscaped(p->html, name);
    fputs(" (case file ", p->html);
    ReportEscaped(p->html, cfile);
    fputs(", eproc ", p->html);
    ReportEscaped(p->html, version);
    fputs(")</li>\n", p->html);
  }
  fputs("</ul>\n", p->html);
  PetscCall(SummaryTable(p, nfiles, rf, files));
  PetscCall(ReportHeading(p, 2, "Energy breakdown"));
  PetscCall(PlotEnergy(p, nfiles, rf, files, 0));
  PetscCall(PlotEnergy(p, nfiles, rf, files, 1));
  PetscCall(LedgerTable(p, nfiles, rf, files));
  for (PetscInt f = 0; f < nfiles; f++) {
    char h[PETSC_MAX_PATH_LEN];
    PetscCall(PetscSNPrintf(h, sizeof(h), "Fields of %s", ReportBaseName(files[f])));
    PetscCall(ReportHeading(p, 2, h));
    PetscCall(PlotCrossWeb(p, files[f]));
    PetscCall(PlotDrying(p, files[f]));
    PetscCall(PlotDeposition(p, files[f]));
    PetscCall(PlotLamination(p, files[f]));
  }
  PetscCall(BalanceTable(p, nfiles, rf, files));
  for (PetscInt f = 0; f < nfiles; f++) PetscCall(ResultsClose(&rf[f]));
  PetscCall(PetscFree(rf));
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------ entry */
static const char style[] =
    "<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;max-width:1200px;color:#222}"
    "table.data{border-collapse:collapse;margin:0.5em 0;font-size:0.85em}"
    "table.data td,table.data th{border:1px solid #bbb;padding:2px 6px}table.data th{background:#eee}"
    "td.num{text-align:right;font-family:monospace}figure.plot{margin:1em 0;border:1px solid #ddd;padding:0.5em}"
    "p.skipped{color:#777;font-style:italic}p.csv{font-size:0.85em;color:#555}pre{background:#f6f6f6;padding:0.5em;"
    "font-size:0.8em;overflow-x:auto}div.tw{overflow-x:auto}</style>\n";

static const char *const kind_names[] = {"none", "run", "compare", "study"};

PetscErrorCode ReportFileKind(const char *file, ReportKind *kind)
{
  hid_t f;
  char  contents[128];
  PetscFunctionBeginUser;
  *kind = REPORT_NONE;
  H5E_BEGIN_TRY
  {
    f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f >= 0) {
      if (H5Aexists(f, "study_hash") > 0 && ReportH5Exists(f, "/cases") && ReportH5Exists(f, "/parameters") &&
          ReportH5Exists(f, "/outputs"))
        *kind = REPORT_STUDY;
      else if (H5Aexists(f, "case_file") > 0 && ReportH5Exists(f, "/summary") && ReportH5Exists(f, "/ledger"))
        *kind = REPORT_RUN;
      else if (ReportH5Exists(f, "/routes") && ReportH5Exists(f, "/summary") &&
               !ReportH5ReadStringAttribute(f, "/", "contents", contents, sizeof(contents)) &&
               !strncmp(contents, "eproc compare", 13))
        *kind = REPORT_COMPARE;
      H5Fclose(f);
    }
  }
  H5E_END_TRY;
  PetscFunctionReturn(0);
}

/* Remove a directory the report made, with the files in it (no subdirectories). */
static void RemoveDirectory(const char *dir)
{
  DIR           *d = opendir(dir);
  struct dirent *e;
  char           path[2 * PETSC_MAX_PATH_LEN];
  if (!d) return;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
      (void) remove(path);
    }
  closedir(d);
  (void) rmdir(dir);
}

/* The page of one kind into dir (a fresh directory). */
static PetscErrorCode WritePage(const char *dir, ReportKind kind, PetscInt nfiles, const char *const files[])
{
  ReportPage p = {NULL, dir, 0, 0};
  char       path[PETSC_MAX_PATH_LEN];
  int        bad;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/report.html", dir));
  p.html = fopen(path, "w");
  PetscCheck(p.html, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", path);
  fprintf(p.html,
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>eproc report</title>\n%s"
          "</head><body>\n<h1>eproc report: %s</h1>\n",
          style,
          kind == REPORT_RUN       ? (nfiles > 1 ? "runs side by side" : "one run")
          : kind == REPORT_COMPARE ? "comparison"
                                   : "study");
  fprintf(p.html, "<p id=\"report-kind\" data-kind=\"%s\">Made by eproc %s from ", kind_names[kind], EPROC_VERSION);
  for (PetscInt f = 0; f < nfiles; f++) {
    fputs(f ? ", " : "", p.html);
    ReportEscaped(p.html, files[f]);
  }
  fputs(".</p>\n", p.html);
  if (kind == REPORT_RUN)
    PetscCall(RunReport(&p, nfiles, files));
  else if (kind == REPORT_COMPARE)
    PetscCall(ReportCompare(&p, files[0]));
  else
    PetscCall(ReportStudy(&p, files[0]));
  fprintf(p.html,
          "<p id=\"plot-count\" data-plots=\"%d\" data-tables=\"%d\">%d plots, %d tables.</p>\n</body></html>\n",
          p.nplots, p.ntables, p.nplots, p.ntables);
  bad = ferror(p.html);
  if (fclose(p.html)) bad = 1;
  PetscCheck(!bad, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot write %s", path);
  PetscFunctionReturn(0);
}

PetscErrorCode ReportWrite(PetscInt nfiles, const char *const files[], const char *outdir)
{
  ReportKind     kind = REPORT_NONE;
  char           out[PETSC_MAX_PATH_LEN], tmp[PETSC_MAX_PATH_LEN + 16];
  struct stat    st;
  PetscBool      exists;
  PetscErrorCode ierr;
  size_t         len;
  PetscFunctionBeginUser;
  PetscCheck(nfiles > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "eproc report needs a results file");
  /* every file is read before anything is written */
  for (PetscInt f = 0; f < nfiles; f++) {
    ReportKind k;
    PetscCall(ReportFileKind(files[f], &k));
    PetscCheck(k != REPORT_NONE, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "%s: %s; eproc report reads the results file of a run (eproc run), a comparison (compare.h5 of eproc "
               "compare) or a study file (eproc study -o S.h5)",
               files[f],
               access(files[f], R_OK) ? "cannot read the file" : "neither a results, comparison nor study file");
    PetscCheck(f == 0 || (k == REPORT_RUN && kind == REPORT_RUN), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "%s: several files are reported side by side only when all are results files of runs; a comparison "
               "or a study is reported alone",
               files[f]);
    kind = k;
  }
  /* the page is made in a fresh directory beside DIR and moved in when complete: no half-written report */
  PetscCall(PetscStrncpy(out, outdir, sizeof(out)));
  for (len = strlen(out); len > 1 && out[len - 1] == '/'; len--) out[len - 1] = 0;
  exists = stat(out, &st) ? PETSC_FALSE : PETSC_TRUE;
  PetscCheck(!exists || S_ISDIR(st.st_mode), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "-o %s is not a directory", outdir);
  PetscCall(PetscSNPrintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", out));
  PetscCheck(mkdtemp(tmp), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "-o %s: cannot create a directory beside it (%s)",
             outdir, strerror(errno));
  ierr = WritePage(tmp, kind, nfiles, files);
  if (!ierr) {
    if (!exists) {
      mode_t mask = umask(0); /* mkdtemp made it 0700: the mode a new directory gets under the umask */
      umask(mask);
      (void) chmod(tmp, 0777 & ~mask);
      if (rename(tmp, out)) ierr = PETSC_ERR_FILE_WRITE;
    } else {
      /* into an existing directory: file by file, the page last */
      DIR           *d = opendir(tmp);
      struct dirent *e;
      char           from[2 * PETSC_MAX_PATH_LEN], to[2 * PETSC_MAX_PATH_LEN];
      if (!d) ierr = PETSC_ERR_FILE_WRITE;
      while (!ierr && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "report.html")) continue;
        snprintf(from, sizeof(from), "%s/%s", tmp, e->d_name);
        snprintf(to, sizeof(to), "%s/%s", out, e->d_name);
        if (rename(from, to)) ierr = PETSC_ERR_FILE_WRITE;
      }
      if (d) closedir(d);
      snprintf(from, sizeof(from), "%s/report.html", tmp);
      snprintf(to, sizeof(to), "%s/report.html", out);
      if (!ierr && rename(from, to)) ierr = PETSC_ERR_FILE_WRITE;
    }
    if (ierr) {
      RemoveDirectory(tmp);
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot move the report into %s (%s)", outdir, strerror(errno));
    }
  }
  RemoveDirectory(tmp); /* on failure: everything; on success into an existing directory: the empty directory */
  PetscCall(ierr);
  PetscFunctionReturn(0);
}
