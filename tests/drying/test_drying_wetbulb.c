/* Drying acceptance test 3: analytic wet-bulb limit, checked against a closed form that uses none of the
 * model's functions. One zone, heat from the top only, negligible heat capacities of film and foil (scaled by
 * 1e-4 here), no falling-rate resistance: the film sits at the wet-bulb temperature T_wb and dries at the
 * constant rate, so the drying time is
 *   t = (m_0 - m_end) dHv(T_wb) / (alpha (T_air - T_wb)).
 * Wet-bulb relation (Stefan flux, Chilton-Colburn analogy, ideal gas at the film temperature
 * T_g = (T + T_air)/2; the gas density and T_g cancel between beta = alpha/(rho cp Le^(2/3)) and the
 * molar concentration p/(R T_g)):
 *   (T_air - T) cp_air(T_g) Le^(2/3) M_air / M_s = dHv(T) ln((1 - y_inf) / (1 - p_sat(T)/p))
 * with the property correlations written out below from shared/reference/data_wet.md (section 1), solved
 * by Newton's method with an analytic derivative. Fails beyond 1e-6 K (library wet-bulb) and 2 % (time).
 * Usage: test_drying_wetbulb CASE.cfg [--set ...] */
#include "drying_test_util.h"
#include "drying_model.h"

/* data_wet.md 1.3: ChemSep cp of air, J/(kmol K) -> J/(kg K) with M = 28.964 g/mol */
static PetscReal CpAir(PetscReal T)
{
  return (29562.29 - 7.164949 * T + 0.0216294 * T * T - 1.39748e-5 * T * T * T + 2.89195e-9 * T * T * T * T) / 28.964;
}

/* Solvent by name: vapour pressure (Pa), latent heat (J/kg), molar mass (kg/mol), Lewis number. */
typedef struct {
  PetscBool water;
} Props;

static PetscReal Psat(const Props *s, PetscReal T)
{
  if (s->water) /* Perry Table 2-8, DIPPR 101 */
    return PetscExpReal(73.649 - 7258.2 / T - 7.3037 * PetscLogReal(T) + 4.1653e-6 * T * T);
  return PetscExpReal(21.137754 - 3811.446 / (T - 80.355)); /* Landolt-Boernstein IV/20C */
}

static PetscReal Latent(const Props *s, PetscReal T)
{
  if (s->water) { /* Perry Table 2-150, DIPPR 106, Tc = 647.096 K */
    PetscReal Tr = T / 647.096;
    return 52053.0 * PetscPowReal(1.0 - Tr, 0.3199 - 0.212 * Tr + 0.25795 * Tr * Tr) / 0.018015;
  }
  return 532.6e3 * PetscPowReal((721.7 - T) / (721.7 - 298.15), 0.38); /* Watson, Merck anchor */
}

static PetscReal MolarMass(const Props *s)
{
  return s->water ? 0.018015 : 0.09913;
}

static PetscReal Lewis(const Props *s)
{
  return s->water ? 0.87 : 2.5; /* data_wet.md 5 */
}

/* residual of the wet-bulb relation */
static PetscReal WetBulbResidual(const Props *s, PetscReal T, PetscReal T_air, PetscReal y_inf)
{
  PetscReal p = 101325.0, Tg = 0.5 * (T + T_air);
  return (T_air - T) * CpAir(Tg) * PetscPowReal(Lewis(s), 2.0 / 3.0) * 0.028964 / MolarMass(s) -
         Latent(s, T) * PetscLogReal((1.0 - y_inf) / (1.0 - Psat(s, T) / p));
}

int main(int argc, char **argv)
{
  DryingRun   r;
  const char *sets[16];
  PetscInt    nset = 0, fails = 0;
  PetscReal   alpha, T_air, y_inf, end_ppm, t_sim, T_wb, T_wb_lib;
  Props       props;
  PetscCall(PetscInitialize(&argc, &argv, NULL, "wet-bulb limit"));
  PetscCheck(argc >= 2, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "usage: %s CASE.cfg [--set a=b ...]", argv[0]);
  for (int i = 2; i + 1 < argc && nset < 16; i++)
    if (!strcmp(argv[i], "--set")) sets[nset++] = argv[++i];
  PetscCall(DryingRunCreate(argv[1], nset, sets, NMP_SLURRY_SOLIDS, &r));
  PetscCall(CaseGetReal(r.c, "convective_drying.zones.[0].heat_transfer_coefficient_W_per_m2K", &alpha));
  PetscCall(CaseGetReal(r.c, "convective_drying.zones.[0].air_temperature_C", &T_air));
  PetscCall(CaseGetReal(r.c, "convective_drying.zones.[0].air_solvent_mole_fraction", &y_inf));
  PetscCall(CaseGetReal(r.c, "convective_drying.end_of_drying_residual_ppm", &end_ppm));
  props.water = strcmp(r.solvent.name, "water") ? PETSC_FALSE : PETSC_TRUE;
  /* negligible heat capacities */
  r.solvent.cp_liquid *= 1e-4;
  r.foil.cp *= 1e-4;
  r.web->formulation.solids_cp *= 1e-4;
  PetscCall(DryingRunExecute(&r));
  PetscCall(StageView(r.stage, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(DryingRunGet(&r, "drying_time_s", &t_sim));
  /* Newton on the closed form, derivative by a central difference of the written-out residual */
  T_wb = T_air - 10.0;
  for (PetscInt it = 0; it < 50; it++) {
    PetscReal h = 1e-4, f = WetBulbResidual(&props, T_wb, T_air, y_inf);
    PetscReal df =
        (WetBulbResidual(&props, T_wb + h, T_air, y_inf) - WetBulbResidual(&props, T_wb - h, T_air, y_inf)) / (2 * h);
    PetscReal dT = -f / df;
    T_wb += dT;
    if (PetscAbsReal(dT) < 1e-11) break;
  }
  PetscCall(DryingWetBulbTemperature(&r.solvent, alpha, r.solvent.lewis_number, T_air, ATMOSPHERIC_PRESSURE, y_inf,
                                     &T_wb_lib));
  {
    PetscReal m0, ms, t_an, rel;
    PetscCall(WebMean(r.web, r.web->solids_mass, &ms));
    m0   = ms * (1.0 - NMP_SLURRY_SOLIDS) / NMP_SLURRY_SOLIDS;
    t_an = (m0 - end_ppm * ms) * Latent(&props, T_wb) / (alpha * (T_air - T_wb));
    rel  = PetscAbsReal(t_sim - t_an) / t_an;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "T_air %.2f C, y_inf %.4f, alpha %.1f W/(m2 K): T_wb closed form %.6f C, library %.6f C "
                          "(difference %.2e K, limit 1e-6)\n",
                          (double) (T_air - 273.15), (double) y_inf, (double) alpha, (double) (T_wb - 273.15),
                          (double) (T_wb_lib - 273.15), (double) (T_wb_lib - T_wb)));
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
