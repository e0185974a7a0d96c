/* summary_check: compares the results of a run with declared expectations, through the results reader
 * (postproc/results.h), so that tests read the layout exactly as the writer defines it.
 *   summary_check RESULTS.h5 EXPECT.txt     each line: "name min max" (inclusive) or "name ~ value reltol";
 *                                           '#' starts a comment; every named value must exist
 *   summary_check --compare A.h5 B.h5 RELTOL every /summary value and /ledger item of A equals B within RELTOL
 *                                           (NaN == NaN; 0 means bit for bit, or 1e-11 absolute)
 *   summary_check --balances RESULTS.h5 MAX  every /balances/relative_closure_error <= MAX
 *   summary_check --get RESULTS.h5 NAME     prints one summary value
 *   summary_check --largest RESULTS.h5 ITEM the ledger item named ITEM is the largest energy item
 *   summary_check --array RESULTS.h5 PATH   prints a stage's array (e.g. /convective_drying/zones), one value a line
 *                                           in row-major order (no hdf5-tools needed by the tests)
 * Prints what it compared; exit 0 when all hold, 1 otherwise, 2 for bad usage. */
#include "results.h"
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int Same(double a, double b, double tol)
{
  return (isnan(a) && isnan(b)) || a == b || fabs(a - b) <= tol * fmax(fmax(fabs(a), fabs(b)), 1e-300) ||
         fabs(a - b) <= 1e-11; /* round-off-level values (closure errors, the CV of a uniform web) are equal whatever
                                  their ratio */
}

static PetscErrorCode Compare(const char *fa, const char *fb, double tol, int *bad)
{
  ResultsFile              a, b;
  PetscInt                 n, nla, nlb;
  const ResultsSummaryRow *rows;
  const ResultsLedgerRow  *la, *lb;
  int                      compared = 0;
  PetscFunctionBeginUser;
  PetscCall(ResultsOpen(fa, &a));
  PetscCall(ResultsOpen(fb, &b));
  PetscCall(ResultsGetSummary(a, &n, &rows));
  for (PetscInt i = 0; i < n; i++) {
    double    v;
    PetscBool found;
    PetscCall(ResultsGetSummaryValue(b, rows[i].name, &v, &found));
    if (!found) {
      printf("  %-34s missing in the second file\n", rows[i].name);
      (*bad)++;
      continue;
    }
    compared++;
    printf("  %-34s %16.10g %16.10g %s\n", rows[i].name, rows[i].value, v,
           Same(rows[i].value, v, tol) ? "ok" : "DIFFERENT");
    if (!Same(rows[i].value, v, tol)) (*bad)++;
  }
  PetscCall(ResultsGetLedger(a, &nla, &la));
  PetscCall(ResultsGetLedger(b, &nlb, &lb));
  if (nla != nlb) {
    printf("  ledgers differ in length (%d, %d)\n", (int) nla, (int) nlb);
    (*bad)++;
  }
  for (PetscInt i = 0; i < PetscMin(nla, nlb); i++) {
    int ok = !strcmp(la[i].stage, lb[i].stage) && !strcmp(la[i].item, lb[i].item) &&
             Same(la[i].energy_J_per_m2, lb[i].energy_J_per_m2, tol);
    if (!ok)
      printf("  ledger %s/%s: %g vs %s/%s: %g DIFFERENT\n", la[i].stage, la[i].item, la[i].energy_J_per_m2, lb[i].stage,
             lb[i].item, lb[i].energy_J_per_m2);
    *bad += !ok;
  }
  printf("compared %d summary values and %d ledger items: %d different (tolerance %g)\n", compared, (int) nla, *bad,
         tol);
  if (!compared) (*bad)++;
  PetscCall(ResultsClose(&a));
  PetscCall(ResultsClose(&b));
  PetscFunctionReturn(0);
}

static PetscErrorCode Balances(const char *file, double max, int *bad)
{
  ResultsFile              rf;
  PetscInt                 n;
  const ResultsBalanceRow *b;
  PetscFunctionBeginUser;
  PetscCall(ResultsOpen(file, &rf));
  PetscCall(ResultsGetBalances(rf, &n, &b));
  for (PetscInt i = 0; i < n; i++) {
    int ok = b[i].relative_closure_error <= max;
    printf("  %-20s %-16s relative closure error %.3e %s\n", b[i].stage, b[i].quantity, b[i].relative_closure_error,
           ok ? "ok" : "TOO LARGE");
    *bad += !ok;
  }
  printf("%d balances, %d above %g\n", (int) n, *bad, max);
  if (n < 1) (*bad)++;
  PetscCall(ResultsClose(&rf));
  PetscFunctionReturn(0);
}

static PetscErrorCode Expect(const char *file, const char *expect, int *bad)
{
  ResultsFile rf;
  FILE       *fp;
  char        line[512];
  int         checked = 0;
  PetscFunctionBeginUser;
  PetscCall(ResultsOpen(file, &rf));
  fp = fopen(expect, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot open %s", expect);
  while (fgets(line, sizeof(line), fp)) {
    char      name[256], op[16];
    double    x, y, v;
    PetscBool found;
    char     *hash = strchr(line, '#');
    if (hash) *hash = 0;
    if (sscanf(line, "%255s", name) != 1) continue;
    PetscCall(ResultsGetSummaryValue(rf, name, &v, &found));
    if (!found) {
      printf("  %-34s MISSING\n", name);
      (*bad)++;
      continue;
    }
    checked++;
    if (sscanf(line, "%255s %15s %lf %lf", name, op, &x, &y) == 4 && !strcmp(op, "~")) {
      int ok = fabs(v - x) <= y * fabs(x);
      printf("  %-34s %14.8g expected %g +- %g%% %s\n", name, v, x, 100 * y, ok ? "ok" : "FAIL");
      *bad += !ok;
    } else if (sscanf(line, "%255s %lf %lf", name, &x, &y) == 3) {
      int ok = v >= x && v <= y;
      printf("  %-34s %14.8g expected in [%g, %g] %s\n", name, v, x, y, ok ? "ok" : "FAIL");
      *bad += !ok;
    } else {
      printf("  bad expectation line: %s\n", line);
      (*bad)++;
    }
  }
  fclose(fp);
  printf("%d checked, %d failed\n", checked, *bad);
  if (!checked) (*bad)++;
  PetscCall(ResultsClose(&rf));
  PetscFunctionReturn(0);
}

static PetscErrorCode Largest(const char *file, const char *want, int *bad)
{
  ResultsFile             rf;
  PetscInt                n, imax = 0;
  const ResultsLedgerRow *l;
  PetscFunctionBeginUser;
  PetscCall(ResultsOpen(file, &rf));
  PetscCall(ResultsGetLedger(rf, &n, &l));
  for (PetscInt i = 0; i < n; i++) {
    printf("  %-20s %-36s %10.5f kWh/m2\n", l[i].stage, l[i].item, l[i].energy_kWh_per_m2);
    if (l[i].energy_kWh_per_m2 > l[imax].energy_kWh_per_m2) imax = i;
  }
  printf("largest item: %s (want %s)\n", n ? l[imax].item : "none", want);
  *bad = !n || strcmp(l[imax].item, want);
  PetscCall(ResultsClose(&rf));
  PetscFunctionReturn(0);
}

static PetscErrorCode Get(const char *file, const char *name, int *bad)
{
  ResultsFile rf;
  double      v;
  PetscBool   found;
  PetscFunctionBeginUser;
  PetscCall(ResultsOpen(file, &rf));
  PetscCall(ResultsGetSummaryValue(rf, name, &v, &found));
  if (found) printf("%.17g\n", v);
  *bad = !found;
  PetscCall(ResultsClose(&rf));
  PetscFunctionReturn(0);
}

static PetscErrorCode Array(const char *file, const char *path, int *bad)
{
  hid_t   f, d = H5I_INVALID_HID, sp = H5I_INVALID_HID;
  hsize_t dims[8];
  int     nd = -1;
  double *v  = NULL;
  size_t  n  = 1;
  PetscFunctionBeginUser;
  *bad = 1;
  f    = H5Fopen(file, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) PetscFunctionReturn(0);
  d = H5Dopen2(f, path, H5P_DEFAULT);
  if (d >= 0) sp = H5Dget_space(d);
  if (sp >= 0) nd = H5Sget_simple_extent_dims(sp, dims, NULL);
  for (int i = 0; i < nd; i++) n *= (size_t) dims[i];
  if (nd >= 0 && nd <= 8) v = (double *) malloc(n * sizeof(double));
  if (v && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0) {
    for (size_t i = 0; i < n; i++) printf("%.17g\n", v[i]);
    *bad = 0;
  }
  free(v);
  if (sp >= 0) H5Sclose(sp);
  if (d >= 0) H5Dclose(d);
  H5Fclose(f);
  if (*bad) fprintf(stderr, "summary_check: cannot read %s from %s\n", path, file);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  int            bad = 0;
  PetscErrorCode ierr;
  char          *args[6] = {NULL};
  int            nargs   = argc < 6 ? argc : 6;
  for (int i = 0; i < nargs; i++) args[i] = argv[i];
  /* no options of its own: PETSc sees only the program name */
  ierr = PetscInitializeNoArguments();
  if (ierr) return 1;
  if (nargs == 4 && !strcmp(args[1], "--largest"))
    ierr = Largest(args[2], args[3], &bad);
  else if (nargs == 5 && !strcmp(args[1], "--compare"))
    ierr = Compare(args[2], args[3], atof(args[4]), &bad);
  else if (nargs == 4 && !strcmp(args[1], "--balances"))
    ierr = Balances(args[2], atof(args[3]), &bad);
  else if (nargs == 4 && !strcmp(args[1], "--get"))
    ierr = Get(args[2], args[3], &bad);
  else if (nargs == 4 && !strcmp(args[1], "--array"))
    ierr = Array(args[2], args[3], &bad);
  else if (nargs == 3)
    ierr = Expect(args[1], args[2], &bad);
  else {
    fprintf(stderr, "usage: summary_check RESULTS.h5 EXPECT.txt | --compare A.h5 B.h5 RELTOL | --balances F.h5 MAX | "
                    "--get F.h5 NAME | --largest F.h5 ITEM | --array F.h5 PATH\n");
    bad = 2;
  }
  if (PetscFinalize()) return 1;
  return ierr ? 1 : bad ? (bad == 2 && nargs < 3 ? 2 : 1) : 0;
}
