/* Drying acceptance test 4 (balances) on a shipped case: solvent, binder and energy closures of the
 * convective_drying stage must be below 1e-10 relative; the film must be dry inside the dryer; the web
 * leaving the stage must be consistent (dry thickness = solids volume / (1 - porosity)).
 * Usage: test_drying_balances CASE.cfg SLURRY_SOLIDS_FRACTION [--set ...] */
#include "drying_test_util.h"
#include "stageimpl.h"
#include <petscviewerhdf5.h>

int main(int argc, char **argv)
{
  DryingRun   r;
  PetscInt    nb, fails = 0;
  PetscReal   solids_fraction, v;
  const char *sets[16];
  PetscInt    nset = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, "drying balances test"));
  PetscCheck(argc >= 3, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "usage: %s CASE.cfg SOLIDS_FRACTION [--set a=b ...]",
             argv[0]);
  solids_fraction = atof(argv[2]);
  for (int i = 3; i + 1 < argc && nset < 16; i++)
    if (!strcmp(argv[i], "--set")) sets[nset++] = argv[++i];
  PetscCall(DryingRunCreate(argv[1], nset, sets, solids_fraction, &r));
  PetscCall(DryingRunExecute(&r));
  PetscCall(StageView(r.stage, PETSC_VIEWER_STDOUT_WORLD));
  { /* the stage's fields go into an HDF5 file (read back by the CLI tests through the results file) */
    PetscViewer h5;
    PetscCall(PetscViewerHDF5Open(PETSC_COMM_WORLD, "drying_fields.h5", FILE_MODE_WRITE, &h5));
    PetscCall(StageWriteFields(r.stage, h5));
    PetscCall(PetscViewerDestroy(&h5));
  }
  PetscCall(SummaryView(r.summary, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(LedgerView(r.ledger, 0.0, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(SummaryGetNumBalances(r.summary, &nb));
  for (PetscInt i = 0; i < nb; i++) {
    const BalanceEntry *b;
    PetscCall(SummaryGetBalance(r.summary, i, &b));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "balance %-12s rel. error %.3e %s\n", b->quantity,
                          (double) b->relative_error, b->relative_error < 1e-10 ? "ok" : "FAIL (> 1e-10)"));
    if (!(b->relative_error < 1e-10)) fails++;
  }
  if (nb != 4) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: expected 4 balances, got %" PetscInt_FMT "\n", nb));
    fails++;
  }
  PetscCall(DryingRunGet(&r, "dried_within_dryer", &v));
  if (v != 1.0) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: the film is not dry at the dryer exit\n"));
    fails++;
  }
  {
    PetscReal h, ms, por, end;
    PetscCall(WebMean(r.web, r.web->thickness, &h));
    PetscCall(WebMean(r.web, r.web->solids_mass, &ms));
    por = r.web->porosity[0];
    end = ms / r.web->formulation.solids_density / (1.0 - por);
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD,
                    "web out: dry thickness %.2f um (solids volume/(1-porosity) %.2f um), porosity %.3f, T %.1f C\n",
                    (double) (h * 1e6), (double) (end * 1e6), (double) por, (double) (r.web->temperature - 273.15)));
    if (!(PetscAbsReal(h - end) <= 1e-3 * end)) { /* a NaN fails too */
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: dry thickness inconsistent with porosity\n"));
      fails++;
    }
  }
  PetscCall(DryingRunDestroy(&r));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "PASSED"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
