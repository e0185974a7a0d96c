/* Benchmark of the electrostatic_deposition stage alone: time, potential iterations, memory, summary.
 * Usage: bench_deposition CASE.cfg [section.key=value ...] [PETSc options]
 * Default: the case at 256 x 256 cells (override with electrostatic_deposition.cells_across=...). */
#include "../deposition/dep_test_util.h"

int main(int argc, char **argv)
{
  const char    *sets[64] = {"electrostatic_deposition.cells_across=256", "electrostatic_deposition.cells_gap=256"};
  PetscInt       nset     = 2, n;
  DepRun         r;
  PetscLogDouble t0, t1, mem;
  PetscMPIInt    size;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg [key=value ...]", argv[0]);
  for (int i = 2; i < argc && nset < 64; i++)
    if (argv[i][0] != '-' && strchr(argv[i], '=')) sets[nset++] = argv[i];
  PetscCall(PetscMemorySetGetMaximumUsage());
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  PetscCall(PetscTime(&t0));
  PetscCall(DepRunCase(PETSC_COMM_WORLD, argv[1], nset, sets, &r));
  PetscCall(PetscTime(&t1));
  PetscCall(PetscMemoryGetMaximumUsage(&mem));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &mem, 1, MPIU_PETSCLOGDOUBLE, MPI_SUM, PETSC_COMM_WORLD));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "bench_deposition: %d rank(s), wall time %.3f s, peak memory %.1f MB (sum over ranks)\n", size,
                        t1 - t0, mem / 1048576.0));
  PetscCall(SummaryGetSize(r.summary, &n));
  for (PetscInt i = 0; i < n; i++) {
    const SummaryEntry *e;
    PetscCall(SummaryGetEntry(r.summary, i, &e));
    if (e->set) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %-36s %.10g %s\n", e->name, (double) e->value, e->unit));
  }
  {
    const BalanceEntry *b;
    PetscCall(DepBalance(&r, &b));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  powder balance: in %.6e out %.6e stored %.6e relative error %.2e\n",
                          (double) b->in, (double) b->out, (double) b->stored, (double) b->relative_error));
  }
  {
    PetscBool profile = PETSC_FALSE;
    PetscCall(PetscOptionsGetBool(NULL, NULL, "-print_profile", &profile, NULL));
    if (profile) {
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  cross-web profile (y mm: areal mass mg/cm2):\n"));
      for (PetscInt j = 0; j < r.web->ny; j += PetscMax(1, r.web->ny / 30))
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "   %7.1f %8.3f\n", (double) (1e3 * r.web->y[j]),
                              (double) (1e2 * r.web->solids_mass[j])));
    }
  }
  PetscCall(LedgerView(r.ledger, 0.0, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(DepRunDestroy(&r));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return 0;
}
