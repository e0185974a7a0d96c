/* The page, tables, plots and HDF5 readers every report shares (see report_page.h). */
#include "report_page.h"
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

void ReportEscaped(FILE *fp, const char *s)
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

const char *ReportBaseName(const char *path)
{
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

PetscErrorCode ReportHeading(ReportPage *p, int level, const char *text)
{
  PetscFunctionBeginUser;
  fprintf(p->html, "<h%d>", level);
  ReportEscaped(p->html, text);
  fprintf(p->html, "</h%d>\n", level);
  PetscFunctionReturn(0);
}

PetscErrorCode ReportParagraph(ReportPage *p, const char *cls, const char *text)
{
  PetscFunctionBeginUser;
  if (cls)
    fprintf(p->html, "<p class=\"%s\">", cls);
  else
    fputs("<p>", p->html);
  ReportEscaped(p->html, text);
  fputs("</p>\n", p->html);
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------ tables */
static void CsvCell(FILE *fp, const char *s, int first)
{
  if (!first) fputc(',', fp);
  if (strpbrk(s, ",\"\n")) {
    fputc('"', fp);
    for (; *s; s++) {
      if (*s == '"') fputc('"', fp);
      fputc(*s, fp);
    }
    fputc('"', fp);
  } else
    fputs(s, fp);
}

static PetscBool HtmlRow(const ReportTable *t)
{
  return t->max_html_rows < 0 || t->rows < t->max_html_rows ? PETSC_TRUE : PETSC_FALSE;
}

static PetscBool CsvOnly(const ReportTable *t)
{
  return t->max_html_rows == 0 ? PETSC_TRUE : PETSC_FALSE;
}

PetscErrorCode ReportTableBegin(ReportPage *p, ReportTable *t, const char *id, const char *caption, PetscInt ncols,
                                const char *const headers[], PetscInt max_html_rows)
{
  char path[PETSC_MAX_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(t, sizeof(*t)));
  t->page          = p;
  t->ncols         = ncols;
  t->max_html_rows = max_html_rows;
  PetscCall(PetscStrncpy(t->id, id, sizeof(t->id)));
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s.csv", p->dir, id));
  t->csv = fopen(path, "w");
  PetscCheck(t->csv, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", path);
  for (PetscInt c = 0; c < ncols; c++) CsvCell(t->csv, headers[c], c == 0);
  fputc('\n', t->csv);
  if (CsvOnly(t)) PetscFunctionReturn(0);
  p->ntables++;
  if (caption) PetscCall(ReportParagraph(p, NULL, caption));
  fprintf(p->html, "<div class=\"tw\"><table class=\"data\" id=\"%s\"><tr>", id);
  for (PetscInt c = 0; c < ncols; c++) {
    fputs("<th>", p->html);
    ReportEscaped(p->html, headers[c]);
    fputs("</th>", p->html);
  }
  fputs("</tr>\n", p->html);
  PetscFunctionReturn(0);
}

static PetscErrorCode StartCell(ReportTable *t)
{
  PetscFunctionBeginUser;
  PetscCheck(t->col < t->ncols, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "table %s: more cells than its %" PetscInt_FMT " columns", t->id, t->ncols);
  if (HtmlRow(t) && t->col == 0) fputs("<tr>", t->page->html);
  PetscFunctionReturn(0);
}

PetscErrorCode ReportTableText(ReportTable *t, const char *s)
{
  PetscFunctionBeginUser;
  PetscCall(StartCell(t));
  if (HtmlRow(t)) {
    fputs("<td>", t->page->html);
    ReportEscaped(t->page->html, s);
    fputs("</td>", t->page->html);
  }
  CsvCell(t->csv, s, t->col == 0);
  t->col++;
  PetscFunctionReturn(0);
}

PetscErrorCode ReportTableNumber(ReportTable *t, double v, const char *fmt)
{
  char full[64] = "";
  PetscFunctionBeginUser;
  PetscCall(StartCell(t));
  if (!isnan(v)) snprintf(full, sizeof(full), "%.17g", v);
  if (HtmlRow(t)) {
    fprintf(t->page->html, "<td class=\"num\" data-value=\"%s\">", full);
    if (full[0]) fprintf(t->page->html, fmt, v);
    fputs("</td>", t->page->html);
  }
  CsvCell(t->csv, full, t->col == 0);
  t->col++;
  PetscFunctionReturn(0);
}

PetscErrorCode ReportTableEndRow(ReportTable *t)
{
  PetscFunctionBeginUser;
  PetscCheck(t->col == t->ncols, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "table %s: a row of %" PetscInt_FMT " of %" PetscInt_FMT " cells", t->id, t->col, t->ncols);
  if (HtmlRow(t)) fputs("</tr>\n", t->page->html);
  fputc('\n', t->csv);
  t->col = 0;
  t->rows++;
  PetscFunctionReturn(0);
}

PetscErrorCode ReportTableEnd(ReportTable *t)
{
  int bad;
  PetscFunctionBeginUser;
  if (!CsvOnly(t)) fputs("</table></div>\n", t->page->html);
  fputs("<p class=\"csv\">", t->page->html);
  if (CsvOnly(t))
    fprintf(t->page->html, "%d rows of every column: ", (int) t->rows);
  else if (!HtmlRow(t) && t->rows > t->max_html_rows)
    fprintf(t->page->html, "The first %d of %d rows; all of them in the CSV. ", (int) t->max_html_rows, (int) t->rows);
  fprintf(t->page->html, "CSV: <a href=\"%s.csv\">%s.csv</a></p>\n", t->id, t->id);
  bad = ferror(t->csv);
  if (fclose(t->csv)) bad = 1;
  t->csv = NULL;
  PetscCheck(!bad, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot write %s/%s.csv", t->page->dir, t->id);
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------ plots */
PetscErrorCode ReportScriptAdd(ReportScript *sc, const char *fmt, ...)
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

PetscErrorCode ReportScriptAddString(ReportScript *sc, const char *s)
{
  PetscFunctionBeginUser;
  PetscCall(ReportScriptAdd(sc, "'"));
  for (; *s; s++) PetscCall(ReportScriptAdd(sc, *s == '\'' ? "''" : "%c", *s));
  PetscCall(ReportScriptAdd(sc, "'"));
  PetscFunctionReturn(0);
}

PetscErrorCode ReportScriptFree(ReportScript *sc)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(sc->s));
  sc->len = sc->cap = 0;
  PetscFunctionReturn(0);
}

/* A shell word: s in single quotes, a quote as '\'' */
static void ShellWord(char *out, size_t len, const char *s)
{
  size_t k = 0;
  if (len < 3) return;
  out[k++] = '\'';
  for (; *s && k + 5 < len; s++) {
    if (*s == '\'') {
      memcpy(out + k, "'\\''", 4);
      k += 4;
    } else
      out[k++] = *s;
  }
  out[k++] = '\'';
  out[k]   = 0;
}

PetscErrorCode ReportPlot(ReportPage *p, const char *title, const char *caption, int width, int height,
                          const char *script)
{
  char  gp[PETSC_MAX_PATH_LEN], svg[PETSC_MAX_PATH_LEN], dir[2 * PETSC_MAX_PATH_LEN], cmd[4 * PETSC_MAX_PATH_LEN];
  FILE *fp;
  int   k = ++p->nplots, rc;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(gp, sizeof(gp), "%s/plot_%d.gp", p->dir, k));
  fp = fopen(gp, "w");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", gp);
  /* relative names: the script redraws its plot from the report's directory */
  fprintf(fp,
          "set terminal svg size %d,%d dynamic enhanced font 'Helvetica,12' background rgb 'white'\n"
          "set output 'plot_%d.svg'\nset title '%s'\nset grid\nset key outside right top\n%s\n",
          width, height, k, title, script);
  PetscCheck(!fclose(fp), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot write %s", gp);
  ShellWord(dir, sizeof(dir), p->dir);
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "cd %s && gnuplot plot_%d.gp 2> plot_%d.gp.err", dir, k, k));
  rc = system(cmd);
  PetscCheck(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) != 127, PETSC_COMM_SELF, PETSC_ERR_SYS,
             "eproc report draws its plots with gnuplot: install it (apt-get install gnuplot-nox)");
  PetscCheck(WEXITSTATUS(rc) == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "gnuplot failed on %s (see %s.err)", gp, gp);
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "%s.err", gp));
  {
    struct stat st;
    if (!stat(cmd, &st) && st.st_size == 0) (void) remove(cmd); /* keep only messages gnuplot did print */
  }
  PetscCall(PetscSNPrintf(svg, sizeof(svg), "%s/plot_%d.svg", p->dir, k));
  fp = fopen(svg, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "gnuplot wrote no %s", svg);
  fprintf(p->html, "<figure class=\"plot\" id=\"plot-%d\"><figcaption><b>", k);
  ReportEscaped(p->html, title);
  fputs("</b>. ", p->html);
  ReportEscaped(p->html, caption);
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

PetscErrorCode ReportSkipped(ReportPage *p, const char *title, const char *why)
{
  PetscFunctionBeginUser;
  fputs("<p class=\"skipped\">", p->html);
  ReportEscaped(p->html, title);
  fputs(": ", p->html);
  ReportEscaped(p->html, why);
  fputs("</p>\n", p->html);
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------ HDF5 */
PetscBool ReportH5Exists(hid_t file, const char *path)
{
  /* every group on the way must exist before H5Lexists is asked about the last link */
  char  buf[512];
  char *p;
  if (strlen(path) >= sizeof(buf)) return PETSC_FALSE;
  strcpy(buf, path);
  for (p = strchr(buf + 1, '/'); p; p = strchr(p + 1, '/')) {
    *p = 0;
    if (H5Lexists(file, buf, H5P_DEFAULT) <= 0) return PETSC_FALSE;
    *p = '/';
  }
  return H5Lexists(file, path, H5P_DEFAULT) > 0 ? PETSC_TRUE : PETSC_FALSE;
}

PetscErrorCode ReportH5ReadDoubles(hid_t file, const char *path, PetscInt *n, double **v)
{
  hid_t    d, sp;
  hssize_t np;
  PetscFunctionBeginUser;
  *n = 0;
  *v = NULL;
  if (!ReportH5Exists(file, path)) PetscFunctionReturn(0);
  d = H5Dopen2(file, path, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot open %s", path);
  sp = H5Dget_space(d);
  np = H5Sget_simple_extent_npoints(sp);
  H5Sclose(sp);
  if (np > 0) {
    PetscCall(PetscMalloc1(np, v));
    if (H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, *v) < 0) {
      H5Dclose(d);
      PetscCall(PetscFree(*v));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot read %s as numbers", path);
    }
    *n = (PetscInt) np;
  }
  H5Dclose(d);
  PetscFunctionReturn(0);
}

PetscErrorCode ReportH5ReadStrings(hid_t file, const char *path, PetscInt *n, char **buf, size_t *len)
{
  hid_t    d, sp, ft, mt;
  hssize_t np;
  PetscFunctionBeginUser;
  *n   = 0;
  *buf = NULL;
  *len = 1;
  if (!ReportH5Exists(file, path)) PetscFunctionReturn(0);
  d = H5Dopen2(file, path, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot open %s", path);
  ft = H5Dget_type(d);
  if (H5Tget_class(ft) != H5T_STRING || H5Tis_variable_str(ft) > 0) {
    H5Tclose(ft);
    H5Dclose(d);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: %s is not a column of fixed-length strings", path);
  }
  *len = H5Tget_size(ft) + 1;
  H5Tclose(ft);
  mt = H5Tcopy(H5T_C_S1);
  H5Tset_size(mt, *len);
  sp = H5Dget_space(d);
  np = H5Sget_simple_extent_npoints(sp);
  H5Sclose(sp);
  PetscCall(PetscCalloc1((size_t) (np > 0 ? np : 1) * *len, buf));
  if (np > 0 && H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, *buf) < 0) {
    H5Tclose(mt);
    H5Dclose(d);
    PetscCall(PetscFree(*buf));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "HDF5: cannot read %s", path);
  }
  *n = (PetscInt) np;
  H5Tclose(mt);
  H5Dclose(d);
  PetscFunctionReturn(0);
}

PetscErrorCode ReportH5ReadStringAttribute(hid_t file, const char *path, const char *name, char *buf, size_t len)
{
  hid_t a, t, mt;
  PetscFunctionBeginUser;
  buf[0] = 0;
  if (H5Aexists_by_name(file, path, name, H5P_DEFAULT) <= 0) PetscFunctionReturn(0);
  a = H5Aopen_by_name(file, path, name, H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0) PetscFunctionReturn(0);
  t = H5Aget_type(a);
  if (H5Tget_class(t) == H5T_STRING && H5Tis_variable_str(t) <= 0) {
    size_t n = H5Tget_size(t);
    char  *tmp;
    PetscCall(PetscCalloc1(n + 1, &tmp));
    mt = H5Tcopy(H5T_C_S1);
    H5Tset_size(mt, n + 1);
    if (H5Aread(a, mt, tmp) >= 0) PetscCall(PetscStrncpy(buf, tmp, len));
    H5Tclose(mt);
    PetscCall(PetscFree(tmp));
  }
  H5Tclose(t);
  H5Aclose(a);
  PetscFunctionReturn(0);
}

/* Distinct colours for stacked blocks (Tableau 20 and a few more), so that 20+ ledger items stay apart. */
static const char *const block_colours[] = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"};

PetscErrorCode ReportStackedBars(ReportPage *p, const char *title, const char *caption, const char *ylabel,
                                 PetscInt nbars, const char *const bars[], PetscInt nstacks, const char *const stacks[],
                                 const double values[])
{
  ReportScript sc   = {0};
  int          ncol = (int) PETSC_STATIC_ARRAY_LENGTH(block_colours);
  PetscFunctionBeginUser;
  /* one row per bar: its index, then the blocks; labels go through xtic() from a separate column of strings */
  PetscCall(ReportScriptAdd(&sc, "$e << EOD\n"));
  for (PetscInt b = 0; b < nbars; b++) {
    PetscCall(ReportScriptAdd(&sc, "\""));
    for (const char *c = bars[b]; *c; c++) PetscCall(ReportScriptAdd(&sc, "%c", *c == '"' || *c == ' ' ? '_' : *c));
    PetscCall(ReportScriptAdd(&sc, "\""));
    for (PetscInt s = 0; s < nstacks; s++) PetscCall(ReportScriptAdd(&sc, " %.9g", values[b * nstacks + s]));
    PetscCall(ReportScriptAdd(&sc, "\n"));
  }
  PetscCall(ReportScriptAdd(&sc, "EOD\nset style data histograms\nset style histogram rowstacked\n"
                                 "set style fill solid 0.85 border rgb '#444444'\nset boxwidth 0.6\nset ylabel "));
  PetscCall(ReportScriptAddString(&sc, ylabel));
  PetscCall(ReportScriptAdd(&sc, "\nset yrange [0:*]\nset key outside right top noenhanced font ',10'\n"
                                 "set xtics noenhanced\nplot "));
  for (PetscInt s = 0; s < nstacks; s++) {
    PetscCall(ReportScriptAdd(&sc, "%s$e using %d%s lc rgb '%s' title ", s ? ", " : "", (int) s + 2,
                              s ? "" : ":xtic(1)", block_colours[s % ncol]));
    PetscCall(ReportScriptAddString(&sc, stacks[s]));
  }
  PetscCall(ReportScriptAdd(&sc, "\n"));
  PetscCall(ReportPlot(p, title, caption, 980, PetscMax(420, 60 + 17 * (int) nstacks), sc.s));
  PetscCall(ReportScriptFree(&sc));
  PetscFunctionReturn(0);
}
