/* `eproc dakota CASE.cfg PARAMS RESULTS [--set ...]`: one run driven by Dakota's fork or system interface (Dakota
 * writes PARAMS, runs the analysis driver, reads RESULTS); docs/studies.md has an example Dakota input.
 *
 * PARAMS in Dakota's standard format: "<n> variables", n lines "<value> <descriptor>" (descriptors are case key
 * paths: the value goes in as --set descriptor=value, with the same validation), "<m> functions", m lines
 * "<asv> ASV_i:<descriptor>" (descriptors are summary names, docs/results.md), then lines eproc does not need.
 * RESULTS: one line "<value> <descriptor>" per function. Only values are computed (asv 1): for gradients, let
 * Dakota take finite differences (numerical_gradients). A bad parameter value is an input error (exit 2, no
 * RESULTS); a run that fails (a solver that does not converge) writes "FAIL" into RESULTS for Dakota's
 * failure_capture and exits 1. */
#include "study.h"
#include "eproc.h"
#include "../postproc/h5io.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DAKOTA_MAX 256

typedef struct {
  PetscInt nvar, nfun;
  char     var[DAKOTA_MAX][2 * 1024 + 2]; /* "descriptor=value" */
  char     fun[DAKOTA_MAX][128];
  int      asv[DAKOTA_MAX];
} DakotaParams;

#define DAKOTA_LINE 1024

/* The lines of the file (at most max); the file is closed before anything is parsed. */
static PetscErrorCode ReadLines(const char *file, PetscInt max, char (*lines)[DAKOTA_LINE], PetscInt *n)
{
  FILE *fp = fopen(file, "r");
  PetscFunctionBeginUser;
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: cannot open the Dakota parameters file", file);
  *n = 0;
  while (*n < max && fgets(lines[*n], DAKOTA_LINE, fp)) (*n)++;
  fclose(fp);
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadParams(const char *file, DakotaParams *p)
{
  char(*lines)[DAKOTA_LINE], word[DAKOTA_LINE], label[DAKOTA_LINE];
  PetscInt nl, ln = 0;
  int      n;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(2 * DAKOTA_MAX + 2, &lines));
  PetscCall(ReadLines(file, 2 * DAKOTA_MAX + 2, lines, &nl));
  p->nvar = p->nfun = 0;
  PetscCheck(nl > 0 && !strchr(lines[0], '{'), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "%s:1: not Dakota's standard parameters format (APREPRO is not read: no parameters_file_format aprepro)",
             file);
  PetscCheck(sscanf(lines[0], "%d %255s", &n, word) == 2 && !strcmp(word, "variables") && n >= 0 && n <= DAKOTA_MAX,
             PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:1: expected '<n> variables' (Dakota standard format)", file);
  ln = 1;
  for (int i = 0; i < n; i++, ln++) {
    PetscCheck(ln < nl && sscanf(lines[ln], "%1023s %1023s", word, label) == 2, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "%s:%d: expected '<value> <descriptor>'", file, (int) ln + 1);
    PetscCheck((size_t) snprintf(p->var[p->nvar++], sizeof(p->var[0]), "%s=%s", label, word) < sizeof(p->var[0]),
               PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: descriptor or value too long", file, (int) ln + 1);
  }
  PetscCheck(ln < nl && sscanf(lines[ln], "%d %255s", &n, word) == 2 && !strcmp(word, "functions") && n >= 1 &&
                 n <= DAKOTA_MAX,
             PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: expected '<m> functions'", file, (int) ln + 1);
  ln++;
  for (int i = 0; i < n; i++, ln++) {
    const char *colon = NULL;
    int         asv   = 0;
    PetscCheck(ln < nl && sscanf(lines[ln], "%d %1023s", &asv, label) == 2 && (colon = strchr(label, ':')),
               PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: expected '<asv> ASV_i:<descriptor>'", file, (int) ln + 1);
    PetscCheck(!(asv & 6), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "%s:%d: eproc gives function values only (asv %d asks for derivatives): use numerical_gradients", file,
               (int) ln + 1, asv);
    p->asv[p->nfun] = asv;
    snprintf(p->fun[p->nfun++], sizeof(p->fun[0]), "%s", colon + 1);
  }
  PetscCall(PetscFree(lines));
  PetscFunctionReturn(0);
}

/* RESULTS through a temporary name, so that Dakota never reads half a file. */
static PetscErrorCode WriteResults(const char *file, const DakotaParams *p, const double *v, PetscBool fail)
{
  char  tmp[PETSC_MAX_PATH_LEN + 16];
  int   fd;
  FILE *fp;
  PetscFunctionBeginUser;
  snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", file);
  fd = mkstemp(tmp);
  if (fd >= 0) FileSetUmaskMode(fd);
  PetscCheck(fd >= 0 && (fp = fdopen(fd, "w")), PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", file);
  if (fail)
    fprintf(fp, "FAIL\n");
  else
    for (PetscInt i = 0; i < p->nfun; i++)
      if (p->asv[i] & 1) fprintf(fp, "%.17g %s\n", v[i], p->fun[i]);
  PetscCheck(!fclose(fp) && !rename(tmp, file), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot write %s", file);
  PetscFunctionReturn(0);
}

PetscErrorCode EprocDakotaCommand(PetscInt nfiles, const char *const files[], PetscInt nsets, const char *const sets[],
                                  const char *options, int *status)
{
  DakotaParams  *p;
  const char   **all;
  EprocCase      c = NULL;
  Route          r = NULL;
  PetscErrorCode ierr;
  double         v[DAKOTA_MAX] = {0};
  PetscMPIInt    rank;
  PetscFunctionBeginUser;
  *status = 0;
  PetscCheck(nfiles == 3, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
             "usage: eproc dakota CASE.cfg PARAMS RESULTS (Dakota's parameters and results files)");
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  PetscCall(PetscNew(&p));
  PetscCall(ReadParams(files[1], p));
  PetscCall(PetscMalloc1(nsets + p->nvar + 1, &all));
  for (PetscInt i = 0; i < nsets; i++) all[i] = sets[i];
  for (PetscInt i = 0; i < p->nvar; i++) all[nsets + i] = p->var[i];
  ierr = EprocCaseLoad(PETSC_COMM_WORLD, files[0], nsets + p->nvar, all, &c);
  if (!ierr) ierr = EprocRouteCreate(c, options, &r);
  if (!ierr) {
    Summary s;
    ierr = RouteRun(r);
    if (!ierr) {
      PetscCall(RouteGetSummary(r, &s));
      for (PetscInt i = 0; i < p->nfun && !ierr; i++) {
        PetscInt  n;
        PetscBool found = PETSC_FALSE;
        PetscCall(SummaryGetSize(s, &n));
        v[i] = NAN;
        for (PetscInt k = 0; k < n; k++) {
          const SummaryEntry *e;
          PetscCall(SummaryGetEntry(s, k, &e));
          if (!strcmp(e->name, p->fun[i])) {
            found = PETSC_TRUE;
            v[i]  = e->set ? (double) e->value : NAN;
          }
        }
        if (!found)
          ierr = PetscError(
              PETSC_COMM_WORLD, __LINE__, PETSC_FUNCTION_NAME, __FILE__, PETSC_ERR_USER_INPUT, PETSC_ERROR_INITIAL,
              "%s: response '%s' is not a summary name of this case (docs/results.md)", files[1], p->fun[i]);
      }
    } else if (ierr != PETSC_ERR_USER_INPUT) {
      if (!rank) PetscCall(WriteResults(files[2], p, v, PETSC_TRUE));
      *status = 1;
      ierr    = 0;
    }
    if (!ierr && !*status && !rank) PetscCall(WriteResults(files[2], p, v, PETSC_FALSE));
  }
  PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  PetscCall(PetscFree(all));
  PetscCall(PetscFree(p));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}
