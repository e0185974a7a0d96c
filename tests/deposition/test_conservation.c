/* Powder mass conservation of the deposition stage: fed = deposited + overspray + change in flight, to 1e-10
 * relative, for a start from an empty gap (so that the powder in flight is a large term), with and without
 * back-ionisation rejecting powder at the layer. Usage: test_conservation CASE.cfg */
#include "dep_test_util.h"

int main(int argc, char **argv)
{
  PetscInt fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  for (PetscInt run = 0; run < 2; run++) {
    /* a short spray zone (0.09 s at 40 m/min) keeps much of the powder in flight; the second run has a resistive
     * layer at a slow web so that back-ionisation rejects powder (a third outlet of the balance) */
    const char         *sets[] = {"electrostatic_deposition.cells_across=64",
                                  "electrostatic_deposition.cells_gap=64",
                                  "electrostatic_deposition.spin_up=false",
                                  "electrostatic_deposition.time_steps=20",
                          run ? "electrostatic_deposition.spray_zone_length_mm=300"
                                      : "electrostatic_deposition.spray_zone_length_mm=60",
                          run ? "electrostatic_deposition.layer_resistivity_Ohm_m=1e12" : NULL,
                          run ? "process.line_speed_m_per_min=5" : NULL,
                          run ? "electrostatic_deposition.breakdown_field_MV_per_m=1" : NULL};
    DepRun              r;
    const BalanceEntry *b;
    PetscReal           eff, over, ratio;
    PetscCall(DepRunCase(PETSC_COMM_WORLD, argv[1], 8, sets, &r));
    PetscCall(DepBalance(&r, &b));
    PetscCall(DepGet(&r, "deposition_efficiency", &eff));
    PetscCall(DepGet(&r, "overspray_fraction", &over));
    PetscCall(DepGet(&r, "layer_field_to_breakdown_ratio", &ratio));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "%s: fed %.6e kg/m2, deposited+overspray %.6e, in flight (change) %.6e, relative closure "
                          "%.3e; efficiency %.4f overspray %.4f layer field/breakdown %.2f\n",
                          run ? "back-ionisation rejecting" : "conducting layer", (double) b->in, (double) b->out,
                          (double) b->stored, (double) b->relative_error, (double) eff, (double) over, (double) ratio));
    if (run && !(ratio > 1.0)) fail++; /* the rejecting branch was exercised */
    if (!(b->relative_error < 1e-10)) fail++;
    if (!(b->stored > 1e-3 * b->in)) fail++; /* the gap really held powder: the term is tested */
    if (!(eff > 0.0 && over > 0.0)) fail++;
    if (PetscAbsReal(eff + over + b->stored / b->in - 1.0) > 1e-10) fail++;
    PetscCall(DepRunDestroy(&r));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "FAIL" : "PASS"));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
