/* Drying acceptance test 3: analytic wet-bulb limit. One zone, heat from the top only, negligible heat
 * capacities of film and foil (scaled by 1e-4 here), no falling-rate resistance: the film sits at the
 * wet-bulb temperature T_wb and dries at the constant rate, so the drying time is
 *   t = (m_0 - m_end) dHv(T_wb) / (alpha (T_air - T_wb)).
 * T_wb solves alpha (T_air - T) = m''(T) dHv(T), found here by bisection with the pure model functions
 * (independently of DryingWetBulbTemperature, which is checked against it). Fails beyond 2 %.
 * Usage: test_drying_wetbulb CASE.cfg [--set ...] */
#include "drying_test_util.h"
#include "drying_model.h"

int main(int argc, char **argv)
{
  DryingRun   r;
  const char *sets[16];
  PetscInt    nset = 0, fails = 0;
  PetscReal   alpha, T_air, y_inf, end_ppm, t_sim, T_wb = 0, T_wb_lib, lo = 250.0, hi;
  PetscCall(PetscInitialize(&argc, &argv, NULL, "wet-bulb limit"));
  PetscCheck(argc >= 2, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "usage: %s CASE.cfg [--set a=b ...]", argv[0]);
  for (int i = 2; i + 1 < argc && nset < 16; i++)
    if (!strcmp(argv[i], "--set")) sets[nset++] = argv[++i];
  PetscCall(DryingRunCreate(argv[1], nset, sets, NMP_SLURRY_SOLIDS, &r));
  PetscCall(CaseGetReal(r.c, "convective_drying.zones.[0].heat_transfer_coefficient_W_per_m2K", &alpha));
  PetscCall(CaseGetReal(r.c, "convective_drying.zones.[0].air_temperature_C", &T_air));
  PetscCall(CaseGetReal(r.c, "convective_drying.zones.[0].air_solvent_mole_fraction", &y_inf));
  PetscCall(CaseGetReal(r.c, "convective_drying.end_of_drying_residual_ppm", &end_ppm));
  /* negligible heat capacities */
  r.solvent.cp_liquid *= 1e-4;
  r.foil.cp *= 1e-4;
  r.web->formulation.solids_cp *= 1e-4;
  PetscCall(DryingRunExecute(&r));
  PetscCall(StageView(r.stage, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(DryingRunGet(&r, "drying_time_s", &t_sim));
  hi = T_air;
  for (PetscInt it = 0; it < 100; it++) {
    PetscReal T = 0.5 * (lo + hi);
    PetscReal beta =
        DryingMassTransferCoefficient(alpha, r.solvent.lewis_number, 0.5 * (T + T_air), ATMOSPHERIC_PRESSURE);
    PetscReal m = DryingEvaporationFlux(&r.solvent, beta, T, T_air, ATMOSPHERIC_PRESSURE, y_inf, 1.0);
    if (alpha * (T_air - T) > m * SolventLatentHeat(&r.solvent, T))
      lo = T;
    else
      hi = T;
    T_wb = 0.5 * (lo + hi);
  }
  PetscCall(DryingWetBulbTemperature(&r.solvent, alpha, r.solvent.lewis_number, T_air, ATMOSPHERIC_PRESSURE, y_inf,
                                     &T_wb_lib));
  {
    PetscReal m0, ms, t_an, rel;
    PetscCall(WebMean(r.web, r.web->solids_mass, &ms));
    m0   = ms * (1.0 - NMP_SLURRY_SOLIDS) / NMP_SLURRY_SOLIDS;
    t_an = (m0 - end_ppm * ms) * SolventLatentHeat(&r.solvent, T_wb) / (alpha * (T_air - T_wb));
    rel  = PetscAbsReal(t_sim - t_an) / t_an;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "T_air %.2f C, alpha %.1f W/(m2 K): T_wb %.4f C (library %.4f C)\n",
                          (double) (T_air - 273.15), (double) alpha, (double) (T_wb - 273.15),
                          (double) (T_wb_lib - 273.15)));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "drying time: simulated %.4f s, analytic %.4f s, relative difference %.3e (limit 2e-2)\n",
                          (double) t_sim, (double) t_an, (double) rel));
    if (!(rel < 0.02)) fails++;
    if (!(PetscAbsReal(T_wb - T_wb_lib) < 1e-6)) fails++;
  }
  PetscCall(DryingRunDestroy(&r));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "PASSED"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
