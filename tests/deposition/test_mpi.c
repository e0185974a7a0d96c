/* MPI agreement: the stage on all ranks (the section DMDA distributed over PETSC_COMM_WORLD) gives the same
 * cross-web profile and summary as the stage on one rank (each rank runs it alone on PETSC_COMM_SELF), to 1e-8
 * relative. Solver iteration counts are reported, not compared. Usage: mpiexec -n 2 test_mpi CASE.cfg */
#include "dep_test_util.h"

static PetscReal RelDiff(PetscReal a, PetscReal b)
{
  const PetscReal s = PetscMax(PetscAbsReal(a), PetscAbsReal(b));
  return s > 1e-300 ? PetscAbsReal(a - b) / s : 0.0;
}

int main(int argc, char **argv)
{
  const char *sets[] = {
      "electrostatic_deposition.cells_across=64", "electrostatic_deposition.cells_gap=32",
      "electrostatic_deposition.time_steps=10",   "electrostatic_deposition.layer_resistivity_Ohm_m=1e11",
      "process.line_speed_m_per_min=10",          "electrostatic_deposition.breakdown_field_MV_per_m=1"};
  DepRun      par, ser;
  PetscInt    n, fail = 0;
  PetscReal   worst = 0.0, worst_profile = 0.0, scale = 0.0;
  PetscMPIInt size;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  PetscCall(DepRunCase(PETSC_COMM_WORLD, argv[1], 6, sets, &par));
  PetscCall(DepRunCase(PETSC_COMM_SELF, argv[1], 6, sets, &ser));
  PetscCall(SummaryGetSize(par.summary, &n));
  for (PetscInt i = 0; i < n; i++) {
    const SummaryEntry *e;
    PetscReal           v;
    PetscBool           set;
    PetscCall(SummaryGetEntry(par.summary, i, &e));
    if (!e->set) continue;
    PetscCall(SummaryGet(ser.summary, e->name, &v, &set));
    if (strstr(e->name, "iterations") || strstr(e->name, "picard") || strstr(e->name, "error")) {
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %-36s %d ranks %.6g, 1 rank %.6g (not compared)\n", e->name, size,
                            (double) e->value, (double) v));
      continue;
    }
    if (!set || !(RelDiff(e->value, v) <= 1e-8)) { /* a NaN fails too */
      fail++;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %-36s %d ranks %.12g, 1 rank %.12g DIFFER\n", e->name, size,
                            (double) e->value, (double) v));
    }
    worst = PetscMax(worst, RelDiff(e->value, v));
  }
  for (PetscInt j = 0; j < par.web->ny; j++) scale = PetscMax(scale, PetscAbsReal(ser.web->solids_mass[j]));
  for (PetscInt j = 0; j < par.web->ny; j++)
    worst_profile = PetscMax(worst_profile, PetscAbsReal(par.web->solids_mass[j] - ser.web->solids_mass[j]) / scale);
  if (!(worst_profile <= 1e-8)) fail++;
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &fail, 1, MPIU_INT, MPI_MAX, PETSC_COMM_WORLD));
  PetscCall(PetscPrintf(
      PETSC_COMM_WORLD,
      "%d ranks vs 1 rank: largest relative summary difference %.2e, cross-web profile %.2e (allowed 1e-8): %s\n", size,
      (double) worst, (double) worst_profile, fail ? "FAIL" : "PASS"));
  PetscCall(DepRunDestroy(&par));
  PetscCall(DepRunDestroy(&ser));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
