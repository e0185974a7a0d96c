/* Deposition efficiency from the physics: one gun over a grounded plate (bench_setup.h), 100 g/min.
 *  - at 200, 250 and 300 mm and 80 kV the gun deposits 50-80 % (published bench 60.7-74.9 %,
 *    data_dry_calendering.md 1.9), falling with the distance;
 *  - below the corona onset (8 kV: no current, uncharged powder) the efficiency is low: settling and turbulent
 *    deposition only, under 0.3 and under 40 % of the 80 kV value;
 *  - the efficiency and the charge-to-mass rise with the gun voltage (40 -> 60 -> 80 kV);
 *  - charge-to-mass at 80 kV, 200 mm within 0.3-2 uC/g and the powder carries a few per cent of the gun current.
 * Usage: test_efficiency CASE.cfg */
#include "bench_setup.h"

static PetscErrorCode Eff(const char *casefile, const char *volts, const char *dist, PetscReal *eff, PetscReal *qm,
                          PetscReal *pcf)
{
  char        s1[128], s2[128];
  const char *extra[] = {s1, s2};
  DepRun      r;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(s1, sizeof(s1), "electrostatic_deposition.gun_voltage_kV=%s", volts));
  PetscCall(PetscSNPrintf(s2, sizeof(s2), "electrostatic_deposition.gun_distance_mm=%s", dist));
  PetscCall(BenchRun(PETSC_COMM_WORLD, casefile, 2, extra, &r));
  PetscCall(DepGet(&r, "deposition_efficiency", eff));
  PetscCall(DepGet(&r, "charge_to_mass_uC_per_g", qm));
  PetscCall(DepGet(&r, "powder_current_fraction", pcf));
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD,
                  "  %3s kV, %3s mm: efficiency %.4f, charge-to-mass %.3f uC/g, powder current %.3f of the gun's\n",
                  volts, dist, (double) *eff, (double) *qm, (double) *pcf));
  PetscCall(DepRunDestroy(&r));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const char *dist[] = {"200", "250", "300"};
  PetscReal   e[3], q[3], p[3], e0, q0, p0, e40, q40, p40, e60, q60, p60;
  PetscInt    fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  for (PetscInt k = 0; k < 3; k++) {
    PetscCall(Eff(argv[1], "80", dist[k], &e[k], &q[k], &p[k]));
    if (!(e[k] >= 0.5 && e[k] <= 0.8)) fail++;
    if (k && !(e[k] < e[k - 1] - 0.01)) fail++;
  }
  PetscCall(Eff(argv[1], "8", "200", &e0, &q0, &p0));
  if (!(q0 == 0.0 && e0 < 0.3 && e0 < 0.4 * e[0])) fail++;
  PetscCall(Eff(argv[1], "40", "200", &e40, &q40, &p40));
  PetscCall(Eff(argv[1], "60", "200", &e60, &q60, &p60));
  if (!(e40 < e60 && e60 < e[0])) fail++;
  if (!(q40 < q60 && q60 < q[0])) fail++;
  if (!(q[0] >= 0.3 && q[0] <= 2.0)) fail++;
  if (!(p[0] > 0.01 && p[0] < 0.1)) fail++;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "FAIL" : "PASS"));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
