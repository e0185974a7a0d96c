/* Mass and charge conservation of the deposition stage, to 1e-10 relative:
 *  - powder: fed = deposited + overspray + change in flight, for a start from an empty gap (so that the powder in
 *    flight is a large term), with and without back-ionisation rejecting powder at the layer;
 *  - charge: the corona current injected = free ions and powder charge leaving through the foil, the walls and the
 *    machine-direction exit (the ions the particles capture leave the ion equation exactly as they enter the particle
 *    charge: the capture is an internal transfer).
 * One gun over a plate (bench_setup.h). Usage: test_conservation CASE.cfg */
#include "bench_setup.h"

static PetscErrorCode Balance(DepRun *r, const char *quantity, const BalanceEntry **b)
{
  PetscInt n;
  PetscFunctionBeginUser;
  *b = NULL;
  PetscCall(SummaryGetNumBalances(r->summary, &n));
  for (PetscInt i = 0; i < n; i++) {
    const BalanceEntry *e;
    PetscCall(SummaryGetBalance(r->summary, i, &e));
    if (!strcmp(e->stage, "electrostatic_deposition") && !strcmp(e->quantity, quantity)) *b = e;
  }
  PetscCheck(*b, PETSC_COMM_SELF, PETSC_ERR_PLIB, "no %s balance", quantity);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  for (PetscInt run = 0; run < 2; run++) {
    /* a short spray zone (0.15 m at 10 m/min: 0.9 s) from an empty gap keeps much of the powder in flight; the second
     * run has a resistive layer at a slow web so that back-ionisation rejects powder (a third outlet) */
    const char *extra[] = {
        "electrostatic_deposition.spin_up=false",
        "electrostatic_deposition.time_steps=20",
        "electrostatic_deposition.gun_voltage_kV=80",
        run ? "electrostatic_deposition.spray_zone_length_mm=300" : "electrostatic_deposition.spray_zone_length_mm=150",
        run ? "electrostatic_deposition.layer_resistivity_Ohm_m=1e12" : "electrostatic_deposition.gun_distance_mm=250",
        run ? "process.line_speed_m_per_min=1" : "process.line_speed_m_per_min=10",
        run ? "electrostatic_deposition.breakdown_field_MV_per_m=1" : "electrostatic_deposition.gun_distance_mm=250"};
    DepRun              r;
    const BalanceEntry *b, *q;
    PetscReal           eff, over, ratio, cur;
    PetscCall(BenchRun(PETSC_COMM_WORLD, argv[1], 7, extra, &r));
    PetscCall(Balance(&r, "powder_mass", &b));
    PetscCall(Balance(&r, "charge", &q));
    PetscCall(DepGet(&r, "deposition_efficiency", &eff));
    PetscCall(DepGet(&r, "overspray_fraction", &over));
    PetscCall(DepGet(&r, "layer_field_to_breakdown_ratio", &ratio));
    PetscCall(DepGet(&r, "corona_current_uA", &cur));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "%s: fed %.6e kg/m2, deposited+overspray %.6e, in flight (change) %.6e, relative closure "
                          "%.3e; efficiency %.4f overspray %.4f layer field/breakdown %.2f\n"
                          "  charge: injected %.6e C/m2 (%.2f uA per gun), out %.6e, relative closure %.3e\n",
                          run ? "back-ionisation rejecting" : "conducting layer", (double) b->in, (double) b->out,
                          (double) b->stored, (double) b->relative_error, (double) eff, (double) over, (double) ratio,
                          (double) q->in, (double) cur, (double) q->out, (double) q->relative_error));
    if (run && !(ratio > 1.0)) fail++; /* the rejecting branch was exercised */
    if (!(b->relative_error < 1e-10)) fail++;
    if (!(q->relative_error < 1e-10 && q->in > 0.0)) fail++;
    if (!(b->stored > 1e-3 * b->in)) fail++; /* the gap really held powder: the term is tested */
    if (!(eff > 0.0 && over > 0.0)) fail++;
    if (!(PetscAbsReal(eff + over + b->stored / b->in - 1.0) <= 1e-10)) fail++; /* a NaN fails too */
    PetscCall(DepRunDestroy(&r));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "FAIL" : "PASS"));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
