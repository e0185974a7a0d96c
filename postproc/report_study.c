/* Report of a study file (eproc study, layout in study_results.h): the parameters, every case with its parameters
 * and the outputs the study is about, scatter plots of those outputs against each parameter, the Pareto front of
 * the objectives, and the Sobol indices with their bootstrap intervals; every table with its CSV
 * (docs/report.md). */
#include "report_page.h"
#include "study_results.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCATTER_POINTS 2000 /* per panel: a larger study is thinned by a stride (said in the caption) */
#define MAX_SCATTER_ROWS   6
#define MAX_SCATTER_COLS   8
#define MAX_CASE_ROWS      500 /* rows of the case table on the page; the CSV has all */

typedef struct {
  char   name[STUDY_NAME_LEN], unit[64], scale[64], kind[64];
  double lo, hi;
} ParamRow;

typedef struct {
  char name[64], unit[64];
} OutputRow;

typedef struct {
  const char   *file;
  char          study_name[256], study_file[PETSC_MAX_PATH_LEN], version[64];
  char         *definition; /* the "--- study" part of /study_definition */
  StudyFileInfo info;
  StudyRecords  rec;
  ParamRow     *par;
  OutputRow    *out;
  PetscInt      nobj, ncon, nkey;
  PetscInt      obj[STUDY_MAX_OBJ], key[STUDY_MAX_OBJ + STUDY_MAX_CON + STUDY_MAX_OBJ]; /* output columns */
  char          con_text[STUDY_MAX_CON][STUDY_NAME_LEN + 160];                          /* "lo <= v <= hi" */
  PetscInt      con[STUDY_MAX_CON];
  PetscInt      nfront, *front; /* record indices */
  PetscBool    *in_front;
} StudyReport;

static PetscInt OutputIndex(const StudyReport *s, const char *name)
{
  for (PetscInt j = 0; j < s->info.nout; j++)
    if (!strcmp(s->info.out_names[j], name)) return j;
  return -1;
}

static void AddKey(StudyReport *s, PetscInt j)
{
  if (j < 0 || s->nkey >= (PetscInt) PETSC_STATIC_ARRAY_LENGTH(s->key)) return;
  for (PetscInt k = 0; k < s->nkey; k++)
    if (s->key[k] == j) return;
  s->key[s->nkey++] = j;
}

static PetscErrorCode ReadCompound(hid_t f, const char *path, hid_t type, size_t size, PetscInt n, void *rows)
{
  hid_t    d;
  hssize_t np;
  hid_t    sp;
  PetscFunctionBeginUser;
  d = H5Dopen2(f, path, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "study file: no %s", path);
  sp = H5Dget_space(d);
  np = H5Sget_simple_extent_npoints(sp);
  H5Sclose(sp);
  (void) size;
  PetscCheck(np == n, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "study file: %s has %d rows, expected %d", path,
             (int) np, (int) n);
  PetscCheck(!n || H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ,
             "study file: cannot read %s", path);
  H5Dclose(d);
  PetscFunctionReturn(0);
}

static hid_t Str(size_t n)
{
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, n);
  return t;
}

/* The study's own description: attributes, /parameters, /outputs, the objectives and constraints of its definition */
static PetscErrorCode StudyReportLoad(const char *file, StudyReport *s)
{
  hid_t f, t, s64, sn;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(s, sizeof(*s)));
  s->file = file;
  PetscCall(StudyFileRead(file, &s->info, &s->rec));
  f = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(f >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open %s", file);
  PetscCall(ReportH5ReadStringAttribute(f, "/", "study_name", s->study_name, sizeof(s->study_name)));
  PetscCall(ReportH5ReadStringAttribute(f, "/", "study_file", s->study_file, sizeof(s->study_file)));
  PetscCall(ReportH5ReadStringAttribute(f, "/", "eproc_version", s->version, sizeof(s->version)));
  s64 = Str(64);
  sn  = Str(STUDY_NAME_LEN);
  PetscCall(PetscCalloc2(s->info.np + 1, &s->par, s->info.nout + 1, &s->out));
  t = H5Tcreate(H5T_COMPOUND, sizeof(ParamRow));
  H5Tinsert(t, "name", HOFFSET(ParamRow, name), sn);
  H5Tinsert(t, "unit", HOFFSET(ParamRow, unit), s64);
  H5Tinsert(t, "scale", HOFFSET(ParamRow, scale), s64);
  H5Tinsert(t, "kind", HOFFSET(ParamRow, kind), s64);
  H5Tinsert(t, "lo", HOFFSET(ParamRow, lo), H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "hi", HOFFSET(ParamRow, hi), H5T_NATIVE_DOUBLE);
  PetscCall(ReadCompound(f, "/parameters", t, sizeof(ParamRow), s->info.np, s->par));
  H5Tclose(t);
  t = H5Tcreate(H5T_COMPOUND, sizeof(OutputRow));
  H5Tinsert(t, "name", HOFFSET(OutputRow, name), s64);
  H5Tinsert(t, "unit", HOFFSET(OutputRow, unit), s64);
  PetscCall(ReadCompound(f, "/outputs", t, sizeof(OutputRow), s->info.nout, s->out));
  H5Tclose(t);
  H5Tclose(s64);
  H5Tclose(sn);
  /* the canonical definition: lines "objective NAME min|max" and "constraint NAME lo hi" after "--- study" */
  {
    hid_t  d    = ReportH5Exists(f, "/study_definition") ? H5Dopen2(f, "/study_definition", H5P_DEFAULT) : -1;
    char  *text = NULL, *st;
    size_t n;
    if (d >= 0) {
      hid_t ft = H5Dget_type(d), mt;
      n        = H5Tget_size(ft);
      H5Tclose(ft);
      mt = Str(n + 1);
      PetscCall(PetscCalloc1(n + 2, &text));
      if (H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, text) < 0) text[0] = 0;
      H5Tclose(mt);
      H5Dclose(d);
    }
    st = text ? strstr(text, "--- study\n") : NULL;
    if (st) {
      PetscCall(PetscStrallocpy(st + 10, &s->definition));
      for (char *line = s->definition; line && *line;) {
        char *end = strchr(line, '\n'), name[STUDY_NAME_LEN], a[64], b[64];
        if (end) *end = 0;
        if (sscanf(line, "objective %159s %63s", name, a) == 2 && s->nobj < STUDY_MAX_OBJ) {
          PetscInt j = OutputIndex(s, name);
          if (j >= 0) s->obj[s->nobj++] = j;
        } else if (sscanf(line, "constraint %159s %63s %63s", name, a, b) == 3 && s->ncon < STUDY_MAX_CON) {
          PetscInt j = OutputIndex(s, name);
          if (j >= 0) {
            double lo = atof(a), hi = atof(b);
            char   los[32] = "", his[32] = "";
            if (strcmp(a, "-inf")) snprintf(los, sizeof(los), "%g <= ", lo);
            if (strcmp(b, "inf")) snprintf(his, sizeof(his), " <= %g", hi);
            snprintf(s->con_text[s->ncon], sizeof(s->con_text[0]), "%s%s%s", los, name, his);
            s->con[s->ncon++] = j;
          }
        }
        if (end) *end = '\n';
        line = end ? end + 1 : NULL;
      }
    }
    PetscCall(PetscFree(text));
  }
  /* the outputs the study is about: objectives, constraints, sensitivity outputs; else the first few */
  for (PetscInt k = 0; k < s->nobj; k++) AddKey(s, s->obj[k]);
  for (PetscInt k = 0; k < s->ncon; k++) AddKey(s, s->con[k]);
  for (PetscInt j = 0; j < s->info.nout; j++) {
    char path[STUDY_NAME_LEN + 16];
    PetscCall(PetscSNPrintf(path, sizeof(path), "/sensitivity/%s", s->info.out_names[j]));
    if (ReportH5Exists(f, path)) AddKey(s, j);
  }
  if (!s->nkey)
    for (PetscInt k = 0; k < PetscMin(s->info.nout, 4); k++) AddKey(s, k);
  PetscCall(PetscCalloc1(s->rec.n + 1, &s->in_front));
  if (ReportH5Exists(f, "/front")) {
    PetscCall(StudyFileReadFront(file, &s->rec, &s->nfront, &s->front));
    for (PetscInt k = 0; k < s->nfront; k++)
      if (s->front[k] >= 0) s->in_front[s->front[k]] = PETSC_TRUE;
  }
  H5Fclose(f);
  PetscFunctionReturn(0);
}

static PetscErrorCode StudyReportFree(StudyReport *s)
{
  PetscFunctionBeginUser;
  PetscCall(StudyFileInfoFree(&s->info));
  PetscCall(StudyRecordsFree(&s->rec));
  PetscCall(PetscFree2(s->par, s->out));
  PetscCall(PetscFree(s->definition));
  PetscCall(PetscFree(s->front));
  PetscCall(PetscFree(s->in_front));
  PetscFunctionReturn(0);
}

static const char *const status_names[] = {"ok", "failed", "bad input"};

/* A row of a case table: identity, outcome, parameters, the given outputs (every one when all), reason */
static PetscErrorCode CaseTable(ReportPage *p, const StudyReport *s, const char *id, const char *caption,
                                PetscInt nrows, const PetscInt *rows, PetscBool all_outputs, PetscInt max_html_rows)
{
  const PetscInt nout = all_outputs ? s->info.nout : s->nkey, ncols = 5 + s->info.np + nout + 1;
  const char   **h;
  ReportTable    t;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(ncols, &h));
  h[0] = "phase";
  h[1] = "batch";
  h[2] = "index";
  h[3] = "status";
  h[4] = "wall_time_s";
  for (PetscInt i = 0; i < s->info.np; i++) h[5 + i] = s->info.param_names[i];
  for (PetscInt j = 0; j < nout; j++) h[5 + s->info.np + j] = s->info.out_names[all_outputs ? j : s->key[j]];
  h[ncols - 1] = "reason";
  PetscCall(ReportTableBegin(p, &t, id, caption, ncols, h, max_html_rows));
  for (PetscInt r = 0; r < nrows; r++) {
    PetscInt               k = rows ? rows[r] : r;
    const StudyRecordMeta *m;
    if (k < 0) continue;
    m = &s->rec.meta[k];
    PetscCall(ReportTableNumber(&t, m->phase, "%.0f"));
    PetscCall(ReportTableNumber(&t, m->batch, "%.0f"));
    PetscCall(ReportTableNumber(&t, m->index, "%.0f"));
    PetscCall(ReportTableText(&t, m->status >= 0 && m->status <= 2 ? status_names[m->status] : "?"));
    PetscCall(ReportTableNumber(&t, m->wall_s, "%.3g"));
    for (PetscInt i = 0; i < s->info.np; i++) PetscCall(ReportTableNumber(&t, s->rec.param[k * s->rec.np + i], "%.5g"));
    for (PetscInt j = 0; j < nout; j++)
      PetscCall(ReportTableNumber(&t, s->rec.out[k * s->rec.nout + (all_outputs ? j : s->key[j])], "%.6g"));
    PetscCall(ReportTableText(&t, m->reason));
    PetscCall(ReportTableEndRow(&t));
  }
  PetscCall(ReportTableEnd(&t));
  PetscCall(PetscFree(h));
  PetscFunctionReturn(0);
}

/* Each output the study is about against each parameter (a multiplot); front members in red. */
static PetscErrorCode PlotScatter(ReportPage *p, const StudyReport *s)
{
  const PetscInt np = PetscMin(s->info.np, MAX_SCATTER_COLS), ny = PetscMin(s->nkey, MAX_SCATTER_ROWS);
  PetscInt       nok = 0, stride, shown = 0;
  ReportScript   sc = {0};
  char           caption[512];
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < s->rec.n; k++) nok += s->rec.meta[k].status == STUDY_OK;
  if (!nok || !np || !ny) {
    PetscCall(ReportSkipped(p, "Outputs against parameters", "no case of the study succeeded"));
    PetscFunctionReturn(0);
  }
  stride = (nok + MAX_SCATTER_POINTS - 1) / MAX_SCATTER_POINTS;
  for (int part = 0; part < 2; part++) { /* $d: the cases shown, $f: the front */
    PetscInt seen = 0;
    PetscCall(ReportScriptAdd(&sc, part ? "$f << EOD\n" : "$d << EOD\n"));
    for (PetscInt k = 0; k < s->rec.n; k++) {
      if (s->rec.meta[k].status != STUDY_OK) continue;
      if (part ? !s->in_front[k] : (seen++ % stride) != 0) continue;
      shown += !part;
      for (PetscInt i = 0; i < np; i++) PetscCall(ReportScriptAdd(&sc, "%.9g ", s->rec.param[k * s->rec.np + i]));
      for (PetscInt j = 0; j < ny; j++)
        PetscCall(ReportScriptAdd(&sc, " %.9g", s->rec.out[k * s->rec.nout + s->key[j]]));
      PetscCall(ReportScriptAdd(&sc, "\n"));
    }
    PetscCall(ReportScriptAdd(&sc, "EOD\n"));
  }
  PetscCall(ReportScriptAdd(&sc,
                            "unset title\nset key off\nset tics font ',9'\nset xlabel noenhanced font ',10'\n"
                            "set ylabel noenhanced font ',10'\nset multiplot layout %d,%d\n",
                            (int) ny, (int) np));
  for (PetscInt j = 0; j < ny; j++)
    for (PetscInt i = 0; i < np; i++) {
      PetscBool logx = !strcmp(s->par[i].scale, "log") ? PETSC_TRUE : PETSC_FALSE;
      PetscCall(ReportScriptAdd(&sc, "set %slogscale x\nset xlabel ", logx ? "" : "no"));
      PetscCall(ReportScriptAddString(&sc, s->info.param_names[i]));
      PetscCall(ReportScriptAdd(&sc, "\nset ylabel "));
      PetscCall(ReportScriptAddString(&sc, i == 0 ? s->info.out_names[s->key[j]] : ""));
      PetscCall(ReportScriptAdd(&sc, "\nplot $d using %d:%d with points pt 7 ps 0.35 lc rgb '#1f77b4'", (int) i + 1,
                                (int) (np + j + 1)));
      if (s->nfront)
        PetscCall(ReportScriptAdd(&sc, ", $f using %d:%d with points pt 7 ps 0.6 lc rgb '#d62728'", (int) i + 1,
                                  (int) (np + j + 1)));
      PetscCall(ReportScriptAdd(&sc, "\n"));
    }
  PetscCall(ReportScriptAdd(&sc, "unset multiplot\n"));
  PetscCall(PetscSNPrintf(caption, sizeof(caption),
                          "Each output the study is about (rows) against each parameter (columns): %d of the %d "
                          "successful cases%s%s%s.",
                          (int) shown, (int) nok, stride > 1 ? " (every " : "", stride > 1 ? "n-th case, thinned" : "",
                          s->nfront ? "; the Pareto front in red" : ""));
  if (stride > 1) PetscCall(PetscStrlcat(caption, ")", sizeof(caption)));
  PetscCall(ReportPlot(p, "Outputs against parameters", caption, (int) PetscMin(1150, 300 * np + 80),
                       (int) (230 * ny + 40), sc.s));
  PetscCall(ReportScriptFree(&sc));
  PetscFunctionReturn(0);
}

static int CompareByFirst(const void *a, const void *b)
{
  const double *x = (const double *) a, *y = (const double *) b;
  return (x[0] > y[0]) - (x[0] < y[0]);
}

/* The objectives pairwise (up to three objectives): every successful case, the front on top. */
static PetscErrorCode PlotFront(ReportPage *p, const StudyReport *s)
{
  const PetscInt no = PetscMin(s->nobj, 3), npairs = no * (no - 1) / 2;
  ReportScript   sc = {0};
  double        *fr;
  PetscInt       nf = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(3 * (s->nfront + 1), &fr));
  PetscCall(ReportScriptAdd(&sc, "$a << EOD\n"));
  for (PetscInt k = 0; k < s->rec.n; k++) {
    if (s->rec.meta[k].status != STUDY_OK) continue;
    for (PetscInt o = 0; o < no; o++) PetscCall(ReportScriptAdd(&sc, " %.9g", s->rec.out[k * s->rec.nout + s->obj[o]]));
    PetscCall(ReportScriptAdd(&sc, "\n"));
  }
  PetscCall(ReportScriptAdd(&sc, "EOD\n"));
  for (PetscInt a = 0; a < no; a++)
    for (PetscInt b = a + 1; b < no; b++) {
      /* the front as a line in the order of the first objective of the pair */
      nf = 0;
      for (PetscInt r = 0; r < s->nfront; r++) {
        PetscInt k = s->front[r];
        if (k < 0) continue;
        fr[3 * nf]     = s->rec.out[k * s->rec.nout + s->obj[a]];
        fr[3 * nf + 1] = s->rec.out[k * s->rec.nout + s->obj[b]];
        fr[3 * nf + 2] = 0;
        nf++;
      }
      qsort(fr, (size_t) nf, 3 * sizeof(double), CompareByFirst);
      PetscCall(ReportScriptAdd(&sc, "$f%d%d << EOD\n", (int) a, (int) b));
      for (PetscInt r = 0; r < nf; r++) PetscCall(ReportScriptAdd(&sc, "%.9g %.9g\n", fr[3 * r], fr[3 * r + 1]));
      PetscCall(ReportScriptAdd(&sc, "EOD\n"));
    }
  PetscCall(ReportScriptAdd(&sc, "set xlabel noenhanced\nset ylabel noenhanced\nset key noenhanced below\n"));
  if (npairs > 1) PetscCall(ReportScriptAdd(&sc, "unset title\nset multiplot layout 1,%d\n", (int) npairs));
  for (PetscInt a = 0; a < no; a++)
    for (PetscInt b = a + 1; b < no; b++) {
      PetscCall(ReportScriptAdd(&sc, "set xlabel "));
      PetscCall(ReportScriptAddString(&sc, s->info.out_names[s->obj[a]]));
      PetscCall(ReportScriptAdd(&sc, "\nset ylabel "));
      PetscCall(ReportScriptAddString(&sc, s->info.out_names[s->obj[b]]));
      PetscCall(
          ReportScriptAdd(&sc,
                          "\nplot $a using %d:%d with points pt 7 ps 0.4 lc rgb '#9ab' title 'cases', $f%d%d using "
                          "1:2 with linespoints pt 7 ps 0.8 lw 1.5 lc rgb '#d62728' title 'Pareto front'\n",
                          (int) a + 1, (int) b + 1, (int) a, (int) b));
    }
  if (npairs > 1) PetscCall(ReportScriptAdd(&sc, "unset multiplot\n"));
  PetscCall(
      ReportPlot(p, "Pareto front",
                 "The objectives of every successful case and the feasible non-dominated ones (/front), joined in "
                 "the order of the first objective.",
                 npairs > 1 ? 1150 : 760, 460, sc.s));
  PetscCall(ReportScriptFree(&sc));
  PetscCall(PetscFree(fr));
  PetscFunctionReturn(0);
}

typedef struct {
  PetscInt n;
  char (*name)[STUDY_NAME_LEN];
} Names;

static herr_t CollectNames(hid_t g, const char *name, const H5L_info_t *info, void *data)
{
  Names *l = (Names *) data;
  (void) g;
  (void) info;
  if (strlen(name) < STUDY_NAME_LEN) snprintf(l->name[l->n++], STUDY_NAME_LEN, "%s", name);
  return 0;
}

static PetscErrorCode ReadScalarAttribute(hid_t f, const char *path, const char *name, double *v)
{
  PetscFunctionBeginUser;
  *v = NAN;
  if (H5Aexists_by_name(f, path, name, H5P_DEFAULT) > 0) {
    hid_t a = H5Aopen_by_name(f, path, name, H5P_DEFAULT, H5P_DEFAULT);
    if (a >= 0) {
      if (H5Aread(a, H5T_NATIVE_DOUBLE, v) < 0) *v = NAN;
      H5Aclose(a);
    }
  }
  PetscFunctionReturn(0);
}

/* Sobol indices of every output the study computed them for: one table, one bar chart per output. */
static PetscErrorCode Sensitivities(ReportPage *p, const StudyReport *s)
{
  hid_t             f;
  Names             l  = {0, NULL};
  const PetscInt    np = s->info.np;
  double           *ix;
  ReportTable       t;
  const char *const h[] = {"output",   "parameter", "first_order",  "first_order_lo", "first_order_hi", "total",
                           "total_lo", "total_hi",  "base_samples", "used_samples",   "variance"};
  PetscFunctionBeginUser;
  PetscCall(ReportHeading(p, 2, "Sobol sensitivity indices"));
  f = H5Fopen(s->file, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(f >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open %s", s->file);
  if (ReportH5Exists(f, "/sensitivity")) {
    hid_t      g = H5Gopen2(f, "/sensitivity", H5P_DEFAULT);
    H5G_info_t gi;
    hsize_t    idx = 0;
    H5Gget_info(g, &gi);
    PetscCall(PetscMalloc1(gi.nlinks + 1, &l.name));
    H5Literate(g, H5_INDEX_NAME, H5_ITER_INC, &idx, CollectNames, &l);
    H5Gclose(g);
  }
  if (!l.n) {
    PetscCall(ReportSkipped(p, "Sobol indices", "the study computed none (they need a Saltelli design)"));
    H5Fclose(f);
    PetscFunctionReturn(0);
  }
  PetscCall(PetscMalloc1(6 * np * l.n, &ix));
  PetscCall(ReportTableBegin(p, &t, "sensitivity",
                             "First-order (Saltelli 2010) and total (Jansen 1999) indices with their percentile "
                             "bootstrap intervals (docs/studies.md).",
                             11, h, -1));
  for (PetscInt o = 0; o < l.n; o++) {
    double   *x = ix + 6 * np * o, base, used, var;
    PetscBool found;
    char      path[STUDY_NAME_LEN + 16];
    PetscCall(StudyFileReadSensitivity(s->file, l.name[o], np, x, x + np, x + 2 * np, x + 3 * np, x + 4 * np,
                                       x + 5 * np, &found));
    PetscCheck(found, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: cannot read /sensitivity/%s", s->file,
               l.name[o]);
    PetscCall(PetscSNPrintf(path, sizeof(path), "/sensitivity/%s", l.name[o]));
    PetscCall(ReadScalarAttribute(f, path, "base_samples", &base));
    PetscCall(ReadScalarAttribute(f, path, "used_samples", &used));
    PetscCall(ReadScalarAttribute(f, path, "variance", &var));
    for (PetscInt i = 0; i < np; i++) {
      PetscCall(ReportTableText(&t, l.name[o]));
      PetscCall(ReportTableText(&t, s->info.param_names[i]));
      PetscCall(ReportTableNumber(&t, x[i], "%.4f"));          /* first */
      PetscCall(ReportTableNumber(&t, x[2 * np + i], "%.4f")); /* first lo */
      PetscCall(ReportTableNumber(&t, x[3 * np + i], "%.4f")); /* first hi */
      PetscCall(ReportTableNumber(&t, x[np + i], "%.4f"));     /* total */
      PetscCall(ReportTableNumber(&t, x[4 * np + i], "%.4f")); /* total lo */
      PetscCall(ReportTableNumber(&t, x[5 * np + i], "%.4f")); /* total hi */
      PetscCall(ReportTableNumber(&t, base, "%.0f"));
      PetscCall(ReportTableNumber(&t, used, "%.0f"));
      PetscCall(ReportTableNumber(&t, var, "%.6g"));
      PetscCall(ReportTableEndRow(&t));
    }
  }
  PetscCall(ReportTableEnd(&t));
  H5Fclose(f);
  for (PetscInt o = 0; o < l.n; o++) {
    ReportScript  sc = {0};
    const double *x  = ix + 6 * np * o;
    char          title[STUDY_NAME_LEN + 32];
    PetscCall(ReportScriptAdd(&sc, "$s << EOD\n"));
    for (PetscInt i = 0; i < np; i++) {
      PetscCall(ReportScriptAdd(&sc, "\""));
      for (const char *c = s->info.param_names[i]; *c; c++)
        PetscCall(ReportScriptAdd(&sc, "%c", *c == '"' ? '\'' : *c));
      PetscCall(ReportScriptAdd(&sc, "\" %.9g %.9g %.9g %.9g %.9g %.9g\n", x[i], x[2 * np + i], x[3 * np + i],
                                x[np + i], x[4 * np + i], x[5 * np + i]));
    }
    PetscCall(ReportScriptAdd(&sc,
                              "EOD\nset style data histograms\nset style histogram errorbars gap 2 lw 1\n"
                              "set style fill solid 0.8 border -1\nset ylabel 'index'\nset xtics noenhanced rotate "
                              "by -20\nset key noenhanced\nset yrange [*:*]\nset xzeroaxis\n"
                              "plot $s using 2:3:4:xtic(1) lc rgb '#1f77b4' title 'first order', "
                              "'' using 5:6:7 lc rgb '#ff7f0e' title 'total'\n"));
    PetscCall(PetscSNPrintf(title, sizeof(title), "Sobol indices of %s", l.name[o]));
    PetscCall(ReportPlot(p, title, "First-order and total indices with their bootstrap intervals (error bars).", 760,
                         400, sc.s));
    PetscCall(ReportScriptFree(&sc));
  }
  PetscCall(PetscFree(ix));
  PetscCall(PetscFree(l.name));
  PetscFunctionReturn(0);
}

PetscErrorCode ReportStudy(ReportPage *p, const char *file)
{
  StudyReport s;
  PetscInt    nstatus[3] = {0, 0, 0};
  PetscFunctionBeginUser;
  PetscCall(StudyReportLoad(file, &s));
  for (PetscInt k = 0; k < s.rec.n; k++)
    if (s.rec.meta[k].status >= 0 && s.rec.meta[k].status <= 2) nstatus[s.rec.meta[k].status]++;
  fputs("<ul id=\"study\"><li>study: <b>", p->html);
  ReportEscaped(p->html, s.study_name);
  fputs("</b> (study file ", p->html);
  ReportEscaped(p->html, s.study_file);
  fputs(", eproc ", p->html);
  ReportEscaped(p->html, s.version);
  fprintf(p->html, ", definition hash %s)</li>\n<li>%s: %d cases, %d ok, %d failed, %d bad input</li>\n", s.info.hash,
          s.info.complete ? "complete" : "NOT complete (a study still running or stopped: rerun it to resume)",
          (int) s.rec.n, (int) nstatus[0], (int) nstatus[1], (int) nstatus[2]);
  fprintf(p->html, "<li>objectives: %s", s.nobj ? "" : "none");
  for (PetscInt o = 0; o < s.nobj; o++) {
    fputs(o ? ", " : "", p->html);
    ReportEscaped(p->html, s.info.out_names[s.obj[o]]);
  }
  fprintf(p->html, "; constraints: %s", s.ncon ? "" : "none");
  for (PetscInt c = 0; c < s.ncon; c++) {
    fputs(c ? ", " : "", p->html);
    ReportEscaped(p->html, s.con_text[c]);
  }
  fputs("</li></ul>\n", p->html);
  if (s.definition) {
    fputs("<details><summary>Study definition (as the hash is taken of it)</summary><pre>", p->html);
    ReportEscaped(p->html, s.definition);
    fputs("</pre></details>\n", p->html);
  }
  {
    ReportTable       t;
    const char *const h[] = {"name", "unit", "kind", "scale", "lo", "hi"};
    PetscCall(ReportHeading(p, 2, "Parameters"));
    PetscCall(ReportTableBegin(p, &t, "parameters", NULL, 6, h, -1));
    for (PetscInt i = 0; i < s.info.np; i++) {
      PetscCall(ReportTableText(&t, s.par[i].name));
      PetscCall(ReportTableText(&t, s.par[i].unit));
      PetscCall(ReportTableText(&t, s.par[i].kind));
      PetscCall(ReportTableText(&t, s.par[i].scale));
      PetscCall(ReportTableNumber(&t, s.par[i].lo, "%.6g"));
      PetscCall(ReportTableNumber(&t, s.par[i].hi, "%.6g"));
      PetscCall(ReportTableEndRow(&t));
    }
    PetscCall(ReportTableEnd(&t));
  }
  PetscCall(ReportHeading(p, 2, "Outputs against parameters"));
  PetscCall(PlotScatter(p, &s));
  PetscCall(ReportHeading(p, 2, "Pareto front"));
  if (s.nobj >= 2 && s.nfront > 0) {
    PetscCall(PlotFront(p, &s));
    PetscCall(CaseTable(p, &s, "front", "The feasible non-dominated cases (/front), with their parameters.", s.nfront,
                        s.front, PETSC_FALSE, -1));
  } else
    PetscCall(ReportSkipped(p, "Pareto front",
                            s.nobj < 2 ? "the study has fewer than two objectives"
                                       : "no front in the file (no feasible case, or the study is not complete)"));
  PetscCall(Sensitivities(p, &s));
  PetscCall(ReportHeading(p, 2, "Cases"));
  PetscCall(CaseTable(p, &s, "cases",
                      "Every finished case in identity order: parameters and the outputs the study is about.", s.rec.n,
                      NULL, PETSC_FALSE, MAX_CASE_ROWS));
  if (s.nkey < s.info.nout) PetscCall(CaseTable(p, &s, "cases_all_outputs", NULL, s.rec.n, NULL, PETSC_TRUE, 0));
  PetscCall(StudyReportFree(&s));
  PetscFunctionReturn(0);
}
