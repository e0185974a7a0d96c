/* Benchmark: cases per second in one process on one rank (the in-process API, as compare and studies use
 * it). Each case is loaded once and its route run N times, then N fresh load+run cycles. Goal: >= 30 NMP
 * cases/s on one core. Prints figures, never asserts.
 * Usage: bench_many_runs -case FILE[,FILE...] [-runs N] */
#include "eproc.h"
#include <stdio.h>
#include <time.h>

int main(int argc, char **argv)
{
  char     *files[8];
  PetscInt  nfiles = 8, runs = 30;
  PetscBool flg;
  PetscCall(PetscInitialize(&argc, &argv, NULL, "cases per second in one process"));
  PetscCall(EprocInitialize());
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-runs", &runs, NULL));
  PetscCall(PetscOptionsGetStringArray(NULL, NULL, "-case", files, &nfiles, &flg));
  PetscCheck(flg, PETSC_COMM_SELF, PETSC_ERR_USER, "give -case FILE[,FILE...]");
  for (PetscInt k = 0; k < nfiles; k++) {
    EprocCase c;
    Route     r;
    char      load[64] = "?";
    FILE     *fl       = fopen("/proc/loadavg", "r");
    if (fl) {
      if (!fgets(load, 15, fl)) PetscCall(PetscStrcpy(load, "?"));
      fclose(fl);
    }
    PetscLogDouble t0, t1, t2;
    clock_t        c0, c1, c2; /* CPU time too: on a shared machine the wall time measures the other users */
    PetscCall(EprocCaseLoad(PETSC_COMM_SELF, files[k], 0, NULL, &c));
    PetscCall(EprocRouteCreate(c, NULL, &r));
    PetscCall(RouteRun(r)); /* warm-up */
    PetscCall(PetscTime(&t0));
    c0 = clock();
    for (PetscInt i = 0; i < runs; i++) PetscCall(RouteRun(r));
    PetscCall(PetscTime(&t1));
    c1 = clock();
    PetscCall(RouteDestroy(&r));
    PetscCall(CaseDestroy(&c));
    for (PetscInt i = 0; i < runs; i++) {
      PetscCall(EprocCaseLoad(PETSC_COMM_SELF, files[k], 0, NULL, &c));
      PetscCall(EprocRouteCreate(c, NULL, &r));
      PetscCall(RouteRun(r));
      PetscCall(RouteDestroy(&r));
      PetscCall(CaseDestroy(&c));
    }
    PetscCall(PetscTime(&t2));
    c2 = clock();
    PetscCall(PetscPrintf(PETSC_COMM_SELF,
                          "bench_many_runs: %s: %.1f cases/s re-running one route, %.1f cases/s loading each "
                          "(%" PetscInt_FMT " runs each; goal >= 30 NMP cases/s); per CPU second %.1f and %.1f "
                          "(load average %s)\n",
                          files[k], (double) (runs / (t1 - t0)), (double) (runs / (t2 - t1)), runs,
                          runs / ((double) (c1 - c0) / CLOCKS_PER_SEC), runs / ((double) (c2 - c1) / CLOCKS_PER_SEC),
                          load));
    PetscCall(PetscFree(files[k]));
  }
  PetscCall(EprocFinalize());
  PetscCall(PetscFinalize());
  return 0;
}
