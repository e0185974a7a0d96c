/* Benchmark: wall time and peak memory of the full NMP cathode drying (cases/nmp_nmc811.cfg, six zones,
 * the convective_drying stage alone on a hand-made wet web, as in tests/drying). Goal: < 0.2 s on one
 * core. Prints figures, never asserts.
 * Usage: bench_drying [CASE.cfg] [-repeat n] */
#include "../drying/drying_test_util.h"
#include <time.h>

int main(int argc, char **argv)
{
  char           casefile[PETSC_MAX_PATH_LEN];
  PetscInt       repeat = 5;
  PetscLogDouble best = 1e30, total = 0, mem0, mem1;
  double         cbest = 1e30;
  PetscCall(PetscMemorySetGetMaximumUsage());
  PetscCall(PetscInitialize(&argc, &argv, NULL, "drying benchmark"));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-repeat", &repeat, NULL));
  if (argc > 1 && argv[1][0] != '-')
    PetscCall(PetscStrncpy(casefile, argv[1], sizeof(casefile)));
  else { /* the source tree this file was compiled from */
    PetscCall(PetscStrncpy(casefile, __FILE__, sizeof(casefile)));
    if (strstr(casefile, "tests/bench/"))
      *strstr(casefile, "tests/bench/") = 0;
    else
      PetscCall(PetscStrncpy(casefile, "./", sizeof(casefile)));
    PetscCall(PetscStrlcat(casefile, "cases/nmp_nmc811.cfg", sizeof(casefile)));
  }
  PetscCall(PetscMemoryGetMaximumUsage(&mem0));
  for (PetscInt k = 0; k < repeat; k++) {
    DryingRun      r;
    PetscLogDouble t0, t1;
    PetscReal      td;
    PetscCall(DryingRunCreate(casefile, 0, NULL, NMP_SLURRY_SOLIDS, &r));
    clock_t c0 = clock();
    PetscCall(PetscTime(&t0));
    PetscCall(DryingRunExecute(&r));
    PetscCall(PetscTime(&t1));
    cbest = PetscMin(cbest, (double) (clock() - c0) / CLOCKS_PER_SEC);
    PetscCall(DryingRunGet(&r, "drying_time_s", &td));
    best = PetscMin(best, t1 - t0);
    total += t1 - t0;
    if (k == 0)
      PetscCall(
          PetscPrintf(PETSC_COMM_WORLD, "bench_drying: %s: drying time %.3f s (simulated)\n", casefile, (double) td));
    PetscCall(DryingRunDestroy(&r));
  }
  PetscCall(PetscMemoryGetMaximumUsage(&mem1));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "bench_drying: CPU time of the stage best %.4f s (issue 11 goal <= 0.010 s)\n", cbest));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "bench_drying: set-up + run wall time best %.4f s, mean %.4f s over %" PetscInt_FMT
                        " runs (goal < 0.2 s)\n",
                        (double) best, (double) (total / repeat), repeat));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "bench_drying: peak resident memory of the process %.1f MB\n",
                        (double) (mem1 / 1048576.0)));
  (void) mem0;
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return 0;
}
