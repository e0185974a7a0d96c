/* check_report DIR RESULTS.h5 ...: the numbers in DIR/summary.csv and DIR/ledger.csv equal the /summary and
 * /ledger datasets of the results files, read through the results reader (bit for bit: the CSV carries
 * 17 significant digits); every summary value a file holds is in the CSV. Exit 0 when all hold. */
#include "results.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Split a CSV line (no quoted commas in numeric columns; quoted text cells are skipped over). */
static int Split(char *line, char *cells[], int max)
{
  int   n = 0;
  char *p = line;
  while (n < max && *p && *p != '\n') {
    if (*p == '"') {
      cells[n++] = ++p;
      while (*p && !(*p == '"' && p[1] != '"')) p += (*p == '"') ? 2 : 1;
      if (*p) *p++ = 0;
      if (*p == ',') p++;
    } else {
      cells[n++] = p;
      while (*p && *p != ',' && *p != '\n') p++;
      if (*p) *p++ = 0;
    }
  }
  return n;
}

int main(int argc, char **argv)
{
  int         bad = 0, checked = 0;
  char        path[1024], line[8192];
  ResultsFile rf[8];
  int         nf = argc - 2;
  FILE       *fp;
  if (argc < 3 || nf > 8 || PetscInitializeNoArguments()) return 2;
  for (int f = 0; f < nf; f++)
    if (ResultsOpen(argv[2 + f], &rf[f])) return 1;
  snprintf(path, sizeof(path), "%s/summary.csv", argv[1]);
  fp = fopen(path, "r");
  if (!fp || !fgets(line, sizeof(line), fp)) return printf("no %s\n", path), 1;
  while (fgets(line, sizeof(line), fp)) {
    char *c[64];
    int   n = Split(line, c, 64);
    for (int f = 0; f < nf && 1 + f < n; f++) {
      double    v;
      PetscBool found;
      ResultsGetSummaryValue(rf[f], c[0], &v, &found);
      if (!c[1 + f][0]) { /* empty: not produced */
        if (found && !isnan(v)) printf("  %s: empty in the CSV, %g in the file\n", c[0], v), bad++;
        continue;
      }
      checked++;
      if (!found || strtod(c[1 + f], NULL) != v) printf("  %s: CSV %s, file %.17g\n", c[0], c[1 + f], v), bad++;
    }
  }
  fclose(fp);
  for (int f = 0; f < nf; f++) { /* every value of every file is in the CSV */
    PetscInt                 n;
    const ResultsSummaryRow *rows;
    ResultsGetSummary(rf[f], &n, &rows);
    for (PetscInt i = 0; i < n; i++) {
      int in = 0;
      if (isnan(rows[i].value)) continue;
      fp = fopen(path, "r");
      while (fp && fgets(line, sizeof(line), fp) && !in)
        in = !strncmp(line, rows[i].name, strlen(rows[i].name)) && line[strlen(rows[i].name)] == ',';
      if (fp) fclose(fp);
      if (!in) printf("  %s of %s is not in the CSV\n", rows[i].name, argv[2 + f]), bad++;
    }
  }
  snprintf(path, sizeof(path), "%s/ledger.csv", argv[1]);
  fp = fopen(path, "r");
  if (!fp || !fgets(line, sizeof(line), fp)) return printf("no %s\n", path), 1;
  {
    int f = 0, i = 0, prev = -1;
    while (fgets(line, sizeof(line), fp)) {
      char                   *c[16];
      PetscInt                nl;
      const ResultsLedgerRow *l;
      if (Split(line, c, 16) < 8) continue;
      for (f = 0; f < nf && strcmp(c[0], strrchr(argv[2 + f], '/') ? strrchr(argv[2 + f], '/') + 1 : argv[2 + f]);
           f++) {
      }
      if (f == nf) {
        printf("  ledger row of an unknown case %s\n", c[0]);
        bad++;
        continue;
      }
      if (f != prev) i = 0, prev = f;
      ResultsGetLedger(rf[f], &nl, &l);
      checked++;
      if (i >= nl || strcmp(c[1], l[i].stage) || strcmp(c[2], l[i].item) ||
          strtod(c[4], NULL) != l[i].energy_J_per_m2 || strtod(c[5], NULL) != l[i].energy_kWh_per_m2 ||
          strtod(c[6], NULL) != l[i].energy_kWh_per_kWh_cell || strtod(c[7], NULL) != l[i].minimum_J_per_m2)
        printf("  ledger row %d of %s differs from the file\n", i, c[0]), bad++;
      i++;
    }
    fclose(fp);
  }
  for (int f = 0; f < nf; f++) ResultsClose(&rf[f]);
  PetscFinalize();
  printf("%d values compared with the results files, %d differ\n", checked, bad);
  return bad || !checked;
}
