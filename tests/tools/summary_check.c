/* summary_check: compares the /summary of a results file with declared expectations.
 *   summary_check RESULTS.h5 EXPECT.txt     each line: "name min max" (inclusive) or "name ~ value reltol";
 *                                           '#' starts a comment; every named value must exist
 *   summary_check --compare A.h5 B.h5 RELTOL every /summary value of A equals B within RELTOL (NaN == NaN)
 *   summary_check --balances RESULTS.h5 MAX  every /balances/relative_closure_error <= MAX
 *   summary_check --get RESULTS.h5 NAME     prints one summary value
 *   summary_check --largest RESULTS.h5 ITEM the ledger item named ITEM is the largest energy item
 * Prints what it compared; exit 0 when all hold, 1 otherwise. */
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ReadScalar(hid_t file, const char *name, double *v)
{
  char  path[512];
  hid_t d;
  snprintf(path, sizeof(path), "/summary/%s", name);
  if (H5Lexists(file, "/summary", H5P_DEFAULT) <= 0 || H5Lexists(file, path, H5P_DEFAULT) <= 0) return 1;
  d = H5Dopen2(file, path, H5P_DEFAULT);
  if (d < 0) return 1;
  if (H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0) {
    H5Dclose(d);
    return 1;
  }
  H5Dclose(d);
  return 0;
}

static hid_t OpenFile(const char *name)
{
  hid_t f = H5Fopen(name, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) fprintf(stderr, "summary_check: cannot open %s\n", name);
  return f;
}

typedef struct {
  hid_t  other;
  double tol;
  int    failures, compared;
} CompareCtx;

static herr_t CompareOne(hid_t group, const char *name, const H5L_info_t *info, void *data)
{
  CompareCtx *c = (CompareCtx *) data;
  double      a, b;
  hid_t       d = H5Dopen2(group, name, H5P_DEFAULT);
  (void) info;
  if (d < 0 || H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &a) < 0) {
    printf("  %-34s unreadable\n", name);
    c->failures++;
    return 0;
  }
  H5Dclose(d);
  if (ReadScalar(c->other, name, &b)) {
    printf("  %-34s missing in the second file\n", name);
    c->failures++;
    return 0;
  }
  c->compared++;
  {
    /* 1e-13 absolute: round-off-level values (balance closure errors) are equal whatever their ratio */
    int same =
        (isnan(a) && isnan(b)) || fabs(a - b) <= c->tol * fmax(fmax(fabs(a), fabs(b)), 1e-300) || fabs(a - b) <= 1e-13;
    double rel = (isnan(a) || isnan(b)) ? 0.0 : fabs(a - b) / fmax(fmax(fabs(a), fabs(b)), 1e-300);
    printf("  %-34s %16.10g %16.10g  rel %.2e %s\n", name, a, b, rel, same ? "ok" : "DIFFERENT");
    if (!same) c->failures++;
  }
  return 0;
}

static int Compare(const char *fa, const char *fb, double tol)
{
  hid_t      a = OpenFile(fa), b = OpenFile(fb), g;
  CompareCtx c = {b, tol, 0, 0};
  if (a < 0 || b < 0) return 1;
  g = H5Gopen2(a, "/summary", H5P_DEFAULT);
  if (g < 0) return 1;
  H5Literate(g, H5_INDEX_NAME, H5_ITER_INC, NULL, CompareOne, &c);
  H5Gclose(g);
  H5Fclose(a);
  H5Fclose(b);
  printf("compared %d summary values: %d different (tolerance %g)\n", c.compared, c.failures, tol);
  return c.failures || !c.compared;
}

static int Balances(const char *file, double max)
{
  hid_t    f = OpenFile(file), d, s;
  hssize_t n;
  double  *err;
  int      bad = 0;
  if (f < 0) return 1;
  if (H5Lexists(f, "/balances", H5P_DEFAULT) <= 0) {
    printf("no /balances group\n");
    return 1;
  }
  d = H5Dopen2(f, "/balances/relative_closure_error", H5P_DEFAULT);
  s = H5Dget_space(d);
  n = H5Sget_simple_extent_npoints(s);
  if (n < 1) {
    printf("no balances recorded\n");
    return 1;
  }
  err = malloc(sizeof(double) * (size_t) n);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, err);
  for (hssize_t i = 0; i < n; i++) {
    printf("  balance %d: relative closure error %.3e %s\n", (int) i, err[i], err[i] <= max ? "ok" : "TOO LARGE");
    if (!(err[i] <= max)) bad++;
  }
  free(err);
  H5Sclose(s);
  H5Dclose(d);
  H5Fclose(f);
  printf("%d balances, %d above %g\n", (int) n, bad, max);
  return bad != 0;
}

static int Expect(const char *file, const char *expect)
{
  hid_t f = OpenFile(file);
  FILE *fp;
  char  line[512];
  int   failures = 0, checked = 0;
  if (f < 0) return 1;
  fp = fopen(expect, "r");
  if (!fp) {
    fprintf(stderr, "summary_check: cannot open %s\n", expect);
    return 1;
  }
  while (fgets(line, sizeof(line), fp)) {
    char   name[256], op[16];
    double x, y, v;
    char  *hash = strchr(line, '#');
    if (hash) *hash = 0;
    if (sscanf(line, "%255s", name) != 1) continue;
    if (ReadScalar(f, name, &v)) {
      printf("  %-34s MISSING\n", name);
      failures++;
      continue;
    }
    checked++;
    if (sscanf(line, "%255s %15s %lf %lf", name, op, &x, &y) == 4 && !strcmp(op, "~")) {
      int ok = fabs(v - x) <= y * fabs(x);
      printf("  %-34s %14.8g expected %g +- %g%% %s\n", name, v, x, 100 * y, ok ? "ok" : "FAIL");
      failures += !ok;
    } else if (sscanf(line, "%255s %lf %lf", name, &x, &y) == 3) {
      int ok = v >= x && v <= y;
      printf("  %-34s %14.8g expected in [%g, %g] %s\n", name, v, x, y, ok ? "ok" : "FAIL");
      failures += !ok;
    } else {
      printf("  bad expectation line: %s\n", line);
      failures++;
    }
  }
  fclose(fp);
  H5Fclose(f);
  printf("%d checked, %d failed\n", checked, failures);
  return failures || !checked;
}

/* The ledger item ITEM is the largest of all items; prints the ledger. */
static int Largest(const char *file, const char *want)
{
  hid_t    f = OpenFile(file), d, s, t;
  hssize_t n;
  size_t   len;
  char    *names;
  double  *e;
  int      imax = 0, found = 0;
  if (f < 0 || H5Lexists(f, "/ledger", H5P_DEFAULT) <= 0) return 1;
  d     = H5Dopen2(f, "/ledger/item", H5P_DEFAULT);
  t     = H5Dget_type(d);
  s     = H5Dget_space(d);
  n     = H5Sget_simple_extent_npoints(s);
  len   = H5Tget_size(t);
  names = calloc((size_t) n, len + 1);
  e     = malloc(sizeof(double) * (size_t) n);
  {
    char *raw = calloc((size_t) n, len);
    H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw);
    for (hssize_t i = 0; i < n; i++) memcpy(names + i * (len + 1), raw + i * len, len);
    free(raw);
  }
  H5Tclose(t);
  H5Sclose(s);
  H5Dclose(d);
  d = H5Dopen2(f, "/ledger/energy_kWh_per_m2", H5P_DEFAULT);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, e);
  H5Dclose(d);
  for (hssize_t i = 0; i < n; i++) {
    printf("  %-36s %10.5f kWh/m2\n", names + i * (len + 1), e[i]);
    if (e[i] > e[imax]) imax = (int) i;
    if (!strcmp(names + i * (len + 1), want)) found = 1;
  }
  printf("largest item: %s (want %s)\n", names + imax * (len + 1), want);
  {
    int ok = found && !strcmp(names + imax * (len + 1), want);
    free(names);
    free(e);
    H5Fclose(f);
    return !ok;
  }
}

int main(int argc, char **argv)
{
  if (argc == 4 && !strcmp(argv[1], "--largest")) return Largest(argv[2], argv[3]);
  if (argc == 5 && !strcmp(argv[1], "--compare")) return Compare(argv[2], argv[3], atof(argv[4]));
  if (argc == 4 && !strcmp(argv[1], "--balances")) return Balances(argv[2], atof(argv[3]));
  if (argc == 4 && !strcmp(argv[1], "--get")) {
    hid_t  f = OpenFile(argv[2]);
    double v;
    if (f < 0 || ReadScalar(f, argv[3], &v)) return 1;
    printf("%.17g\n", v);
    return 0;
  }
  if (argc == 3) return Expect(argv[1], argv[2]);
  fprintf(stderr, "usage: summary_check RESULTS.h5 EXPECT.txt | --compare A.h5 B.h5 RELTOL | --balances F.h5 MAX | "
                  "--get F.h5 NAME\n");
  return 2;
}
