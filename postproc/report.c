/* Report: HTML page with tables and gnuplot plots (see report.h). */
#include "report.h"
#include "results.h"
#include <hdf5.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

typedef struct {
  FILE       *html;
  const char *dir;
  int         nplots;
} Page;

static void Escaped(FILE *fp, const char *s)
{
  for (; *s; s++) {
    if (*s == '<')
      fputs("&lt;", fp);
    else if (*s == '>')
      fputs("&gt;", fp);
    else if (*s == '&')
      fputs("&amp;", fp);
    else if (*s == '"')
      fputs("&quot;", fp);
    else
      fputc(*s, fp);
  }
}

/* A CSV cell: quoted when it holds a comma or a quote. */
static void CsvCell(FILE *fp, const char *s, int last)
{
  if (strpbrk(s, ",\"\n")) {
    fputc('"', fp);
    for (; *s; s++) {
      if (*s == '"') fputc('"', fp);
      fputc(*s, fp);
    }
    fputc('"', fp);
  } else
    fputs(s, fp);
  fputc(last ? '\n' : ',', fp);
}

static const char *BaseName(const char *path)
{
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

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
  {
    /* every group on the way must exist before H5Lexists is asked about the dataset */
    char  buf[512];
    int   exists = 1;
    char *p;
    PetscCall(PetscStrncpy(buf, path, sizeof(buf)));
    for (p = strchr(buf + 1, '/'); p && exists; p = strchr(p + 1, '/')) {
      *p     = 0;
      exists = H5Lexists(f, buf, H5P_DEFAULT) > 0;
      *p     = '/';
    }
    if (!exists || H5Lexists(f, path, H5P_DEFAULT) <= 0) {
      H5Fclose(f);
      PetscFunctionReturn(0);
    }
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

/* Run gnuplot on a script (kept as plot_N.gp beside the page), embed the SVG it makes. */
static PetscErrorCode Plot(Page *p, const char *title, const char *caption, const char *script)
{
  char  gp[PETSC_MAX_PATH_LEN], svg[PETSC_MAX_PATH_LEN], cmd[3 * PETSC_MAX_PATH_LEN];
  FILE *fp;
  int   k = ++p->nplots, rc;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(gp, sizeof(gp), "%s/plot_%d.gp", p->dir, k));
  PetscCall(PetscSNPrintf(svg, sizeof(svg), "%s/plot_%d.svg", p->dir, k));
  fp = fopen(gp, "w");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", gp);
  fprintf(fp,
          "set terminal svg size 760,400 dynamic enhanced font 'Helvetica,12' background rgb 'white'\n"
          "set output '%s'\nset title '%s'\nset grid\nset key outside right top\n%s\n",
          svg, title, script);
  fclose(fp);
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "gnuplot '%s' 2> '%s.err'", gp, gp));
  rc = system(cmd);
  PetscCheck(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) != 127, PETSC_COMM_SELF, PETSC_ERR_SYS,
             "eproc report draws its plots with gnuplot: install it (apt-get install gnuplot-nox)");
  PetscCheck(WEXITSTATUS(rc) == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "gnuplot failed on %s (see %s.err)", gp, gp);
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "%s.err", gp));
  {
    struct stat st;
    if (!stat(cmd, &st) && st.st_size == 0) (void) remove(cmd); /* keep only messages gnuplot did print */
  }
  fp = fopen(svg, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "gnuplot wrote no %s", svg);
  fprintf(p->html, "<figure class=\"plot\" id=\"plot-%d\"><figcaption><b>", k);
  Escaped(p->html, title);
  fputs("</b>. ", p->html);
  Escaped(p->html, caption);
  fputs("</figcaption>\n", p->html);
  {
    char line[8192];
    while (fgets(line, sizeof(line), fp))
      if (strncmp(line, "<?xml", 5) && strncmp(line, "<!DOCTYPE", 9) && !strstr(line, "DTD/svg")) fputs(line, p->html);
  }
  fclose(fp);
  fputs("</figure>\n", p->html);
  PetscFunctionReturn(0);
}

static void Skipped(Page *p, const char *title, const char *why)
{
  fputs("<p class=\"skipped\">", p->html);
  Escaped(p->html, title);
  fputs(": ", p->html);
  Escaped(p->html, why);
  fputs("</p>\n", p->html);
}

/* ------------------------------------------------------------------------------------------ tables */
static PetscErrorCode SummaryTables(Page *p, PetscInt n, ResultsFile rf[], const char *const files[], FILE *csv)
{
  PetscInt                 ns;
  const ResultsSummaryRow *rows;
  PetscFunctionBeginUser;
  fputs("<h2>Summary</h2>\n<table class=\"data\" id=\"summary\"><tr><th>name</th>", p->html);
  CsvCell(csv, "name", 0);
  for (PetscInt f = 0; f < n; f++) {
    fputs("<th>", p->html);
    Escaped(p->html, BaseName(files[f]));
    fputs("</th>", p->html);
    CsvCell(csv, BaseName(files[f]), 0);
  }
  fputs("<th>unit</th><th>meaning</th></tr>\n", p->html);
  CsvCell(csv, "unit", 0);
  CsvCell(csv, "description", 1);
  PetscCall(ResultsGetSummary(rf[0], &ns, &rows));
  /* the names of the first file, then any further ones of the others */
  for (PetscInt f = 0; f < n; f++) {
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
      fputs("<tr><td>", p->html);
      Escaped(p->html, rows[i].name);
      fputs("</td>", p->html);
      CsvCell(csv, rows[i].name, 0);
      for (PetscInt g = 0; g < n; g++) {
        double    v;
        PetscBool found;
        char      num[64];
        PetscCall(ResultsGetSummaryValue(rf[g], rows[i].name, &v, &found));
        if (found && !isnan(v))
          snprintf(num, sizeof(num), "%.17g", v);
        else
          snprintf(num, sizeof(num), "%s", "");
        fprintf(p->html, "<td class=\"num\" data-value=\"%s\">", num);
        if (num[0]) fprintf(p->html, "%.6g", v);
        fputs("</td>", p->html);
        CsvCell(csv, num, 0);
      }
      fputs("<td>", p->html);
      Escaped(p->html, rows[i].unit);
      fputs("</td><td>", p->html);
      Escaped(p->html, rows[i].description);
      fputs("</td></tr>\n", p->html);
      CsvCell(csv, rows[i].unit, 0);
      CsvCell(csv, rows[i].description, 1);
    }
  }
  fputs("</table>\n<p class=\"csv\">CSV: <a href=\"summary.csv\">summary.csv</a></p>\n", p->html);
  PetscFunctionReturn(0);
}

static PetscErrorCode LedgerTable(Page *p, PetscInt n, ResultsFile rf[], const char *const files[], FILE *csv)
{
  PetscFunctionBeginUser;
  fputs("<h2>Energy ledger</h2>\n<p>Per m&sup2; of coated electrode (one side) and per kWh of cell capacity; the "
        "floor is the thermodynamic minimum of each item.</p>\n<table class=\"data\" id=\"ledger\"><tr><th>case</th>"
        "<th>stage</th><th>item</th><th>kind</th><th>kWh/m&sup2;</th><th>kWh per kWh of cell</th>"
        "<th>floor kWh/m&sup2;</th></tr>\n",
        p->html);
  fputs("case,stage,item,kind,energy_J_per_m2,energy_kWh_per_m2,energy_kWh_per_kWh_cell,minimum_J_per_m2\n", csv);
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                nl;
    const ResultsLedgerRow *l;
    PetscCall(ResultsGetLedger(rf[f], &nl, &l));
    for (PetscInt i = 0; i < nl; i++) {
      char num[4][64];
      snprintf(num[0], 64, "%.17g", l[i].energy_J_per_m2);
      snprintf(num[1], 64, "%.17g", l[i].energy_kWh_per_m2);
      snprintf(num[2], 64, "%.17g", l[i].energy_kWh_per_kWh_cell);
      snprintf(num[3], 64, "%.17g", l[i].minimum_J_per_m2);
      fputs("<tr><td>", p->html);
      Escaped(p->html, BaseName(files[f]));
      fputs("</td><td>", p->html);
      Escaped(p->html, l[i].stage);
      fputs("</td><td>", p->html);
      Escaped(p->html, l[i].item);
      fprintf(
          p->html,
          "</td><td>%s</td><td class=\"num\" data-value=\"%s\">%.5f</td><td class=\"num\" data-value=\"%s\">%.4f</td>"
          "<td class=\"num\" data-value=\"%s\">%.5f</td></tr>\n",
          l[i].kind, num[1], l[i].energy_kWh_per_m2, num[2], l[i].energy_kWh_per_kWh_cell, num[3],
          l[i].minimum_J_per_m2 / 3.6e6);
      CsvCell(csv, BaseName(files[f]), 0);
      CsvCell(csv, l[i].stage, 0);
      CsvCell(csv, l[i].item, 0);
      CsvCell(csv, l[i].kind, 0);
      for (int k = 0; k < 4; k++) CsvCell(csv, num[k], k == 3);
    }
  }
  fputs("</table>\n<p class=\"csv\">CSV: <a href=\"ledger.csv\">ledger.csv</a></p>\n", p->html);
  PetscFunctionReturn(0);
}

static PetscErrorCode BalanceTable(Page *p, PetscInt n, ResultsFile rf[], const char *const files[], FILE *csv)
{
  PetscFunctionBeginUser;
  fputs("<h2>Balances</h2>\n<table class=\"data\" id=\"balances\"><tr><th>case</th><th>stage</th><th>quantity</th>"
        "<th>in</th><th>out</th><th>stored</th><th>relative closure error</th></tr>\n",
        p->html);
  fputs("case,stage,quantity,in,out,stored,relative_closure_error\n", csv);
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                 nb;
    const ResultsBalanceRow *b;
    PetscCall(ResultsGetBalances(rf[f], &nb, &b));
    for (PetscInt i = 0; i < nb; i++) {
      char num[4][64];
      snprintf(num[0], 64, "%.17g", b[i].in);
      snprintf(num[1], 64, "%.17g", b[i].out);
      snprintf(num[2], 64, "%.17g", b[i].stored);
      snprintf(num[3], 64, "%.17g", b[i].relative_closure_error);
      fputs("<tr><td>", p->html);
      Escaped(p->html, BaseName(files[f]));
      fputs("</td><td>", p->html);
      Escaped(p->html, b[i].stage);
      fputs("</td><td>", p->html);
      Escaped(p->html, b[i].quantity);
      fputs("</td>", p->html);
      for (int k = 0; k < 4; k++)
        fprintf(p->html, "<td class=\"num\" data-value=\"%s\">%.4g</td>", num[k],
                k == 0   ? b[i].in
                : k == 1 ? b[i].out
                : k == 2 ? b[i].stored
                         : b[i].relative_closure_error);
      fputs("</tr>\n", p->html);
      CsvCell(csv, BaseName(files[f]), 0);
      CsvCell(csv, b[i].stage, 0);
      CsvCell(csv, b[i].quantity, 0);
      for (int k = 0; k < 4; k++) CsvCell(csv, num[k], k == 3);
    }
  }
  fputs("</table>\n<p class=\"csv\">CSV: <a href=\"balances.csv\">balances.csv</a></p>\n", p->html);
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------ plots */
typedef struct {
  char  *s;
  size_t len, cap;
} Script;

static PetscErrorCode Add(Script *sc, const char *fmt, ...) PETSC_ATTRIBUTE_FORMAT(2, 3);
static PetscErrorCode Add(Script *sc, const char *fmt, ...)
{
  va_list ap;
  int     need;
  PetscFunctionBeginUser;
  va_start(ap, fmt);
  need = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (sc->len + (size_t) need + 1 > sc->cap) {
    sc->cap = 2 * (sc->len + (size_t) need + 1) + 4096;
    PetscCall(PetscRealloc(sc->cap, &sc->s));
  }
  va_start(ap, fmt);
  vsnprintf(sc->s + sc->len, sc->cap - sc->len, fmt, ap);
  va_end(ap);
  sc->len += (size_t) need;
  PetscFunctionReturn(0);
}

static PetscErrorCode PlotDrying(Page *p, const char *file)
{
  int     nd;
  hsize_t dims[3];
  double *curve, *xi, *bf;
  Script  sc = {0};
  PetscFunctionBeginUser;
  PetscCall(ReadArray(file, "/convective_drying/drying_curve", &nd, dims, &curve));
  if (curve && nd == 2 && dims[1] >= 3) {
    PetscCall(Add(&sc, "$d << EOD\n"));
    for (hsize_t i = 0; i < dims[0]; i++)
      PetscCall(Add(&sc, "%.9g %.9g %.9g\n", curve[i * dims[1]], curve[i * dims[1] + 1] * 1e3,
                    curve[i * dims[1] + 2] - 273.15));
    PetscCall(Add(&sc, "EOD\nset xlabel 'time in the dryer (s)'\nset ylabel 'solvent left (g/m^2)'\n"
                       "set y2label 'film temperature (C)'\nset ytics nomirror\nset y2tics\n"
                       "plot $d using 1:2 with lines lw 2 title 'solvent', $d using 1:3 axes x1y2 with lines lw 2 "
                       "dt 2 title 'film temperature'\n"));
    PetscCall(Plot(p, "Drying curve", "Solvent left in the film and film temperature through the dryer.", sc.s));
  } else
    Skipped(p, "Drying curve", "not produced by this route");
  PetscCall(PetscFree(curve));
  sc.len = 0;
  PetscCall(ReadArray(file, "/convective_drying/binder_xi", &nd, dims, &xi));
  PetscCall(ReadArray(file, "/convective_drying/binder_fraction", &nd, dims, &bf));
  if (xi && bf) {
    PetscCall(Add(&sc, "$b << EOD\n"));
    for (hsize_t i = 0; i < dims[0]; i++) PetscCall(Add(&sc, "%.9g %.9g\n", xi[i], bf[i]));
    PetscCall(Add(&sc, "EOD\nset xlabel 'height in the dry coating, z/h (0 foil, 1 top)'\n"
                       "set ylabel 'binder over its mean'\nplot $b using 1:2 with linespoints lw 2 title 'binder'\n"));
    PetscCall(Plot(p, "Binder profile", "Binder through the dry coating: above 1 at the top means migration.", sc.s));
  } else
    Skipped(p, "Binder profile", "not produced by this route");
  PetscCall(PetscFree(xi));
  PetscCall(PetscFree(bf));
  PetscCall(PetscFree(sc.s));
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

static PetscErrorCode PlotCrossWeb(Page *p, const char *file)
{
  GroupList   gl            = {.n = 0};
  Script      sc            = {0};
  int         ncurves       = 0;
  char        plotcmd[4096] = "plot ";
  const char *thick[]       = {"wet_thickness_um", "thickness_um", "thickness_out_um", "laminated_thickness_um"};
  hid_t       f;
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
      PetscCall(Add(&sc, "$c%d << EOD\n", ncurves));
      for (hsize_t i = 0; i < dims[0]; i++) PetscCall(Add(&sc, "%.9g %.9g\n", y[i] * 1e3, h[i]));
      PetscCall(Add(&sc, "EOD\n"));
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
    PetscCall(Add(&sc, "set xlabel 'across the web (mm)'\nset ylabel 'thickness (um)'\nset key below noenhanced\n%s\n",
                  plotcmd));
    PetscCall(Plot(p, "Cross-web thickness through the route",
                   "Thickness across the web leaving each stage that reports it (the last is the final web).", sc.s));
  } else
    Skipped(p, "Cross-web thickness", "no cross-web profile in the file");
  PetscCall(PetscFree(sc.s));
  PetscFunctionReturn(0);
}

static PetscErrorCode PlotDeposition(Page *p, const char *file)
{
  int     nd, ndx, ndz;
  hsize_t dims[3], dx[3], dz[3];
  double *phi, *x, *zf;
  Script  sc = {0};
  PetscFunctionBeginUser;
  PetscCall(ReadArray(file, "/electrostatic_deposition/potential", &nd, dims, &phi));
  PetscCall(ReadArray(file, "/electrostatic_deposition/x", &ndx, dx, &x));
  PetscCall(ReadArray(file, "/electrostatic_deposition/z_faces", &ndz, dz, &zf));
  if (phi && x && zf && nd == 2 && dx[0] == dims[1] && dz[0] == dims[0] + 1) {
    PetscCall(Add(&sc, "$f << EOD\n"));
    for (hsize_t j = 0; j < dims[0]; j++) {
      for (hsize_t i = 0; i < dims[1]; i++)
        PetscCall(
            Add(&sc, "%.6g %.6g %.6g\n", x[i] * 1e3, 0.5 * (zf[j] + zf[j + 1]) * 1e3, phi[j * dims[1] + i] * 1e-3));
      PetscCall(Add(&sc, "\n"));
    }
    PetscCall(Add(&sc, "EOD\nset xlabel 'across the web (mm)'\nset ylabel 'height above the foil (mm)'\n"
                       "set cblabel 'potential (kV)'\nset view map\nset palette rgb 33,13,10\n"
                       "splot $f using 1:2:3 with pm3d notitle\n"));
    PetscCall(Plot(p, "Deposition field", "Electric potential between the guns and the grounded foil.", sc.s));
  } else
    Skipped(p, "Deposition field", "not produced by this route");
  PetscCall(PetscFree(phi));
  PetscCall(PetscFree(x));
  PetscCall(PetscFree(zf));
  PetscCall(PetscFree(sc.s));
  PetscFunctionReturn(0);
}

static PetscErrorCode PlotLamination(Page *p, const char *file)
{
  int         nd;
  hsize_t     dims[3], d2[3];
  double     *t, *T[3] = {NULL, NULL, NULL};
  const char *names[3] = {"surface_temperature_C", "foil_side_temperature_C", "foil_temperature_C"};
  Script      sc       = {0};
  PetscFunctionBeginUser;
  PetscCall(ReadArray(file, "/hot_lamination/time_ms", &nd, dims, &t));
  for (int k = 0; k < 3 && t; k++) {
    char path[128];
    PetscCall(PetscSNPrintf(path, sizeof(path), "/hot_lamination/%s", names[k]));
    PetscCall(ReadArray(file, path, &nd, d2, &T[k]));
    if (T[k] && d2[0] != dims[0]) PetscCall(PetscFree(T[k]));
  }
  if (t && T[0] && T[1] && T[2]) {
    PetscCall(Add(&sc, "$l << EOD\n"));
    for (hsize_t i = 0; i < dims[0]; i++) PetscCall(Add(&sc, "%.9g %.9g %.9g %.9g\n", t[i], T[0][i], T[1][i], T[2][i]));
    PetscCall(Add(&sc, "EOD\nset xlabel 'time from the first roll contact (ms)'\nset ylabel 'temperature (C)'\n"
                       "plot $l using 1:2 with lines lw 2 title 'powder surface', $l using 1:3 with lines lw 2 "
                       "title 'layer at the foil', $l using 1:4 with lines lw 2 dt 2 title 'foil'\n"));
    PetscCall(Plot(p, "Lamination temperatures", "Temperatures through pre-heat, the hot nip and after it.", sc.s));
  } else
    Skipped(p, "Lamination temperatures", "not produced by this route");
  PetscCall(PetscFree(t));
  for (int k = 0; k < 3; k++) PetscCall(PetscFree(T[k]));
  PetscCall(PetscFree(sc.s));
  PetscFunctionReturn(0);
}

/* Stacked bars, one per route, one block per stage: per m2 (which = 0) or per kWh of cell (which = 1). */
static PetscErrorCode PlotEnergy(Page *p, PetscInt n, ResultsFile rf[], const char *const files[], int which)
{
  char   stages[32][64];
  int    nst = 0;
  Script sc  = {0};
  PetscFunctionBeginUser;
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                nl;
    const ResultsLedgerRow *l;
    PetscCall(ResultsGetLedger(rf[f], &nl, &l));
    for (PetscInt i = 0; i < nl; i++) {
      int known = 0;
      for (int k = 0; k < nst && !known; k++) known = !strcmp(stages[k], l[i].stage);
      if (!known && nst < 32) PetscCall(PetscStrncpy(stages[nst++], l[i].stage, 64));
    }
  }
  PetscCall(Add(&sc, "$e << EOD\nroute"));
  for (int k = 0; k < nst; k++) PetscCall(Add(&sc, " %s", stages[k]));
  PetscCall(Add(&sc, "\n"));
  for (PetscInt f = 0; f < n; f++) {
    PetscInt                nl;
    const ResultsLedgerRow *l;
    char                    label[64];
    PetscCall(ResultsGetLedger(rf[f], &nl, &l));
    PetscCall(PetscStrncpy(label, BaseName(files[f]), sizeof(label)));
    if (strrchr(label, '.')) *strrchr(label, '.') = 0;
    PetscCall(Add(&sc, "%s", label));
    for (int k = 0; k < nst; k++) {
      double sum = 0;
      for (PetscInt i = 0; i < nl; i++)
        if (!strcmp(l[i].stage, stages[k])) sum += which ? l[i].energy_kWh_per_kWh_cell : l[i].energy_kWh_per_m2;
      PetscCall(Add(&sc, " %.9g", sum));
    }
    PetscCall(Add(&sc, "\n"));
  }
  PetscCall(Add(&sc,
                "EOD\nset style data histograms\nset style histogram rowstacked\nset style fill solid 0.8 border -1\n"
                "set boxwidth 0.6\nset ylabel '%s'\nset yrange [0:*]\nset key noenhanced\nset xtics noenhanced\n"
                "plot for [k=2:%d] $e using k:xtic(1) title columnheader\n",
                which ? "kWh per kWh of cell" : "kWh per m^2 of electrode", nst + 1));
  PetscCall(Plot(p, which ? "Energy per kWh of cell, by stage" : "Energy per m2 of electrode, by stage",
                 "The ledger of each route stacked by the stage that books it.", sc.s));
  PetscCall(PetscFree(sc.s));
  PetscFunctionReturn(0);
}

static const char style[] =
    "<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;max-width:1100px;color:#222}"
    "table.data{border-collapse:collapse;margin:0.5em 0;font-size:0.9em}"
    "table.data td,table.data th{border:1px solid #bbb;padding:2px 6px}table.data th{background:#eee}"
    "td.num{text-align:right;font-family:monospace}figure.plot{margin:1em 0;border:1px solid #ddd;padding:0.5em}"
    "p.skipped{color:#777;font-style:italic}</style>\n";

PetscErrorCode ReportWrite(PetscInt nfiles, const char *const files[], const char *outdir)
{
  Page         p = {NULL, outdir, 0};
  ResultsFile *rf;
  char         path[PETSC_MAX_PATH_LEN];
  FILE        *csv;
  struct stat  st;
  PetscFunctionBeginUser;
  PetscCheck(nfiles > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "eproc report needs a results file");
  if (stat(outdir, &st))
    PetscCheck(!mkdir(outdir, 0777), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "cannot create the directory %s", outdir);
  else
    PetscCheck(S_ISDIR(st.st_mode), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "-o %s is not a directory", outdir);
  PetscCall(PetscMalloc1(nfiles, &rf));
  for (PetscInt f = 0; f < nfiles; f++) PetscCall(ResultsOpen(files[f], &rf[f]));
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/report.html", outdir));
  p.html = fopen(path, "w");
  PetscCheck(p.html, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", path);
  fprintf(p.html,
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>eproc report</title>\n%s"
          "</head><body>\n<h1>eproc report</h1>\n<ul id=\"cases\">\n",
          style);
  for (PetscInt f = 0; f < nfiles; f++) {
    const char *name, *cfile, *version;
    PetscCall(ResultsGetAttribute(rf[f], "case_name", &name));
    PetscCall(ResultsGetAttribute(rf[f], "case_file", &cfile));
    PetscCall(ResultsGetAttribute(rf[f], "eproc_version", &version));
    fputs("<li><b>", p.html);
    Escaped(p.html, BaseName(files[f]));
    fputs("</b>: ", p.html);
    Escaped(p.html, name);
    fputs(" (case file ", p.html);
    Escaped(p.html, cfile);
    fprintf(p.html, ", eproc %s)</li>\n", version);
  }
  fputs("</ul>\n", p.html);
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/summary.csv", outdir));
  csv = fopen(path, "w");
  PetscCheck(csv, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", path);
  PetscCall(SummaryTables(&p, nfiles, rf, files, csv));
  fclose(csv);
  fputs("<h2>Energy breakdown</h2>\n", p.html);
  PetscCall(PlotEnergy(&p, nfiles, rf, files, 0));
  PetscCall(PlotEnergy(&p, nfiles, rf, files, 1));
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/ledger.csv", outdir));
  csv = fopen(path, "w");
  PetscCheck(csv, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", path);
  PetscCall(LedgerTable(&p, nfiles, rf, files, csv));
  fclose(csv);
  for (PetscInt f = 0; f < nfiles; f++) {
    fputs("<h2>Fields of ", p.html);
    Escaped(p.html, BaseName(files[f]));
    fputs("</h2>\n", p.html);
    PetscCall(PlotCrossWeb(&p, files[f]));
    PetscCall(PlotDrying(&p, files[f]));
    PetscCall(PlotDeposition(&p, files[f]));
    PetscCall(PlotLamination(&p, files[f]));
  }
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/balances.csv", outdir));
  csv = fopen(path, "w");
  PetscCheck(csv, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", path);
  PetscCall(BalanceTable(&p, nfiles, rf, files, csv));
  fclose(csv);
  fprintf(p.html, "<p id=\"plot-count\" data-plots=\"%d\">%d plots.</p>\n</body></html>\n", p.nplots, p.nplots);
  fclose(p.html);
  for (PetscInt f = 0; f < nfiles; f++) PetscCall(ResultsClose(&rf[f]));
  PetscCall(PetscFree(rf));
  PetscFunctionReturn(0);
}
