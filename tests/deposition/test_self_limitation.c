/* Self-limitation by back-ionisation: with a resistive layer the field across it (free corona ions plus the charge of
 * the powder) grows with the deposition time (slower web, fixed feed) and the resistivity, and the layer rejects
 * more powder: the efficiency falls by a real amount (> 20 %) as either rises, the layer field ratio rises; without
 * back-ionisation the resistivity changes nothing (control). The cross-web CV is printed, not asserted: the free
 * ions, which spread wider than the powder, charge the layer between the guns too, so the rejection does not level
 * the stripes in this model (docs/deposition.md). 64 x 48 section, 3 guns 200 mm apart at 80 kV (one row, 300 mm spray
 * zone, round 20 mm nozzles), fixed powder feed. Usage: test_self_limitation CASE.cfg */
#include "dep_test_util.h"

static PetscErrorCode RunCV(const char *casefile, const char *speed, const char *resistivity, const char *backion,
                            PetscReal *cv, PetscReal *ratio, PetscReal *eff)
{
  char        s1[128], s2[128], s3[128];
  const char *sets[] = {
      "electrostatic_deposition.cells_across=64", "electrostatic_deposition.cells_gap=48",
      "electrostatic_deposition.powder_feed_g_per_min=100", "electrostatic_deposition.breakdown_field_MV_per_m=1",
      /* three guns 200 mm apart: 21 cells per spacing on this grid */
      "electrostatic_deposition.gun_count=3", "electrostatic_deposition.gun_spacing_mm=200",
      "electrostatic_deposition.gun_rows=1", "electrostatic_deposition.spray_zone_length_mm=300",
      "electrostatic_deposition.nozzle_width_mm=20", "electrostatic_deposition.jet_spreading_rate=0.1", s1, s2, s3};
  DepRun r;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(s1, sizeof(s1), "process.line_speed_m_per_min=%s", speed));
  PetscCall(PetscSNPrintf(s2, sizeof(s2), "electrostatic_deposition.layer_resistivity_Ohm_m=%s", resistivity));
  PetscCall(PetscSNPrintf(s3, sizeof(s3), "electrostatic_deposition.back_ionisation=%s", backion));
  PetscCall(DepRunCase(PETSC_COMM_WORLD, casefile, 13, sets, &r));
  PetscCall(WebThicknessStats(r.web, NULL, cv));
  PetscCall(DepGet(&r, "layer_field_to_breakdown_ratio", ratio));
  PetscCall(DepGet(&r, "deposition_efficiency", eff));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "  speed %6s m/min, resistivity %6s Ohm m, back-ionisation %5s: thickness CV %.4f, max layer "
                        "field/breakdown %.3f, efficiency %.4f\n",
                        speed, resistivity, backion, (double) *cv, (double) *ratio, (double) *eff));
  PetscCall(DepRunDestroy(&r));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const char *speeds[3] = {"40", "20", "10"}, *rhos[3] = {"1e9", "1e11", "1e12"};
  PetscReal   cv, cv_off[2], r_t[3], r_r[3], e_t[3], e_r[3], ratio, e_off[2];
  PetscInt    fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD, "fixed feed 100 g/min per gun, breakdown field 1 MV/m (low end of the data)\n"));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "deposition time (0.3 m spray zone; slower web = longer), resistivity 1e11 Ohm m:\n"));
  for (PetscInt k = 0; k < 3; k++) PetscCall(RunCV(argv[1], speeds[k], "1e11", "true", &cv, &r_t[k], &e_t[k]));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "layer resistivity at 10 m/min:\n"));
  for (PetscInt k = 0; k < 3; k++) PetscCall(RunCV(argv[1], "10", rhos[k], "true", &cv, &r_r[k], &e_r[k]));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "control, back-ionisation off:\n"));
  PetscCall(RunCV(argv[1], "10", "1e9", "false", &cv_off[0], &ratio, &e_off[0]));
  PetscCall(RunCV(argv[1], "10", "1e12", "false", &cv_off[1], &ratio, &e_off[1]));
  for (PetscInt k = 1; k < 3; k++) {
    if (!(e_t[k] < 0.8 * e_t[k - 1] && r_t[k] > r_t[k - 1])) fail++;
    if (!(e_r[k] < (1.0 - 1e-3) * e_r[k - 1] && r_r[k] > r_r[k - 1])) fail++;
  }
  if (!(e_r[2] < 0.8 * e_r[0] && r_r[0] < 1.0 && r_r[2] > 1.0)) fail++; /* a real effect, around the breakdown */
  if (!(PetscAbsReal(cv_off[1] - cv_off[0]) <= 1e-10 * cv_off[0]) ||
      !(PetscAbsReal(e_off[1] - e_off[0]) <= 1e-10 * e_off[0]))
    fail++;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "FAIL" : "PASS"));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
