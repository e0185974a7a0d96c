/* Many runs in one process (issue "run many cases in one process"):
 *  1. each case given on the command line runs N times in one process, the route set up once and run
 *     again and again, and once more from a fresh load: every summary value, ledger item and balance is
 *     bit-identical to the first run; peak resident memory after the last run is within 1 MB of that after
 *     run 2 (printed);
 *  2. then all cases interleaved, each a fresh load and route: again identical;
 *  3. case A with extra PETSc options (in the case and as command-line options) then case B: B is
 *     identical to B alone, and A's options did change A (so the test could fail).
 * -malloc_dump (set by the test environment) reports anything left allocated.
 * usage: test_many_runs -runs N -case FILE [-case FILE ...] [-set path=value ...] [-rss_base_run K (2)]
 *   [-rss_limit_kB L (1024)]
 *   -rss_base_run, -rss_limit_kB: the run after which the peak RSS is the baseline, and the growth allowed from
 *   there to the last run (the dry route: see tests/api/tests.cmake) */
#include "run_compare.h"
#include <stdlib.h>

#define MAX_CASES 4

static PetscErrorCode RunFresh(const char *file, PetscInt nsets, const char *const sets[], const char *options,
                               RunCopy *rc)
{
  EprocCase c;
  Route     r;
  PetscFunctionBeginUser;
  PetscCall(EprocCaseLoad(PETSC_COMM_SELF, file, nsets, sets, &c));
  PetscCall(EprocRouteCreate(c, options, &r));
  PetscCall(RouteRun(r));
  PetscCall(RunCopyTake(r, rc));
  PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char        files[MAX_CASES][PETSC_MAX_PATH_LEN], setbuf[8][256];
  const char *sets[8];
  PetscInt    ncases = MAX_CASES, nsets = 8, runs = 50, base_run = 2, rss_limit = 1024;
  PetscBool   flg;
  int         fail = 0;
  RunCopy    *first, *again;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(EprocInitialize());
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-runs", &runs, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-rss_base_run", &base_run, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-rss_limit_kB", &rss_limit, NULL));
  {
    char *fp[MAX_CASES], *sp[8];
    for (int i = 0; i < MAX_CASES; i++) fp[i] = files[i];
    for (int i = 0; i < 8; i++) sp[i] = setbuf[i];
    PetscCall(PetscOptionsGetStringArray(NULL, NULL, "-case", fp, &ncases, &flg));
    PetscCheck(flg && ncases > 0, PETSC_COMM_SELF, PETSC_ERR_USER, "give -case FILE[,FILE...]");
    for (int i = 0; i < ncases; i++) {
      PetscCall(PetscStrncpy(files[i], fp[i], sizeof(files[i])));
      PetscCall(PetscFree(fp[i]));
    }
    PetscCall(PetscOptionsGetStringArray(NULL, NULL, "-set", sp, &nsets, &flg));
    if (!flg) nsets = 0;
    for (int i = 0; i < nsets; i++) {
      PetscCall(PetscStrncpy(setbuf[i], sp[i], sizeof(setbuf[i])));
      PetscCall(PetscFree(sp[i]));
      sets[i] = setbuf[i];
    }
  }
  PetscCall(PetscMalloc2(ncases, &first, 1, &again));

  /* 1. one route, run again and again */
  for (PetscInt k = 0; k < ncases; k++) {
    EprocCase      c;
    Route          r;
    long           rss2 = 0, rssN = 0;
    int            bad    = 0;
    PetscLogDouble petsc2 = 0, petscN = 0;
    PetscCall(EprocCaseLoad(PETSC_COMM_SELF, files[k], nsets, sets, &c));
    PetscCall(EprocRouteCreate(c, NULL, &r));
    for (PetscInt i = 0; i < runs; i++) {
      PetscCall(RouteRun(r));
      PetscCall(RunCopyTake(r, i ? again : &first[k]));
      if (i) bad += RunCopyDiffer(&first[k], again, "rerun") ? 1 : 0;
      if (i == base_run - 1) {
        rss2 = PeakRSSkB();
        PetscCall(PetscMallocGetCurrentUsage(&petsc2));
      }
    }
    rssN = PeakRSSkB();
    PetscCall(PetscMallocGetCurrentUsage(&petscN));
    PetscCall(RouteDestroy(&r));
    PetscCall(CaseDestroy(&c));
    PetscCall(RunFresh(files[k], nsets, sets, NULL, again));
    bad += RunCopyDiffer(&first[k], again, "fresh load") ? 1 : 0;
    printf("%s: %d runs of one route, %d differ from the first; peak RSS after run %d: %ld kB, after run %d: %ld kB "
           "(growth %ld kB, limit %d); PETSc's allocations %.0f kB after run %d, %.0f kB after run %d\n",
           files[k], (int) runs, bad, (int) base_run, rss2, (int) runs, rssN, rssN - rss2, (int) rss_limit,
           petsc2 / 1024, (int) base_run, petscN / 1024, (int) runs);
    if (bad || (runs > base_run && rssN - rss2 > rss_limit)) fail = 1;
  }

  /* 2. interleaved: fresh loads, case after case */
  for (PetscInt round = 0; round < 2; round++)
    for (PetscInt k = 0; k < ncases; k++) {
      PetscCall(RunFresh(files[k], nsets, sets, NULL, again));
      if (RunCopyDiffer(&first[k], again, "interleaved")) {
        printf("%s: interleaved run differs\n", files[k]);
        fail = 1;
      }
    }
  printf("interleaved runs: %s\n", fail ? "checked (see above)" : "identical");

  /* 3. options of one run do not leak into the next */
  if (ncases >= 2) {
    const char *seta[9];
    char        opt[] = "process.petsc_options=-drying_ts_rtol 1e-2 -drying_ts_atol 1e-2";
    for (PetscInt i = 0; i < nsets; i++) seta[i] = sets[i];
    seta[nsets] = opt;
    PetscCall(RunFresh(files[0], nsets + 1, seta, "-drying_ts_max_snes_failures 3 -drying_ts_adapt_type basic", again));
    if (!RunCopyDiffer(&first[0], again, "A with loose tolerances (expected to differ)")) {
      printf("case A with loose drying tolerances gave the same results: the options did not act\n");
      fail = 1;
    }
    PetscCall(RunFresh(files[1], nsets, sets, NULL, again));
    if (RunCopyDiffer(&first[1], again, "B after A")) {
      printf("case B after case A with options differs from B alone\n");
      fail = 1;
    } else
      printf("case B after case A with its own options: identical to B alone\n");
  }

  PetscCall(PetscFree2(first, again));
  PetscCall(EprocFinalize());
  PetscCall(PetscFinalize());
  printf("%s\n", fail ? "FAILED" : "all identical");
  return fail;
}
