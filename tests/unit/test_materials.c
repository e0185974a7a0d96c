/* Materials data base (physics/materials.c): every property of cases/materials.cfg as the code reads it,
 * in SI, against the value written in the file (conversions by hand: g/cm3 x 1000, mAh/g x 3600 C/kg,
 * C + 273.15, g/mol x 1e-3, vol% x 1e-2, mPa s x 1e-3, mN/m x 1e-3, um x 1e-6, Watson kJ/kg x 1e3); the
 * correlations at a hand-computed point; and the accepted range of every property (a value on the bound
 * is read, one just outside is an input error naming file, line, property and range). */
#include "materials.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static int fails = 0;

static void Check(const char *what, double got, double want, double rtol)
{
  int ok = fabs(got - want) <= rtol * fabs(want) || got == want;
  printf("  %-60s %.10g (want %.10g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

/* ---- the shipped data, property by property ---- */
static PetscErrorCode CheckShipped(const char *file)
{
  Materials      m;
  const Solvent *s;
  const Solid   *d;
  const Foil    *f;
  PetscBool      has;
  PetscFunctionBeginUser;
  PetscCall(MaterialsCreate(PETSC_COMM_WORLD, &m));
  PetscCall(MaterialsLoad(m, file));
  printf("NMP\n");
  PetscCall(MaterialsGetSolvent(m, "NMP", &s));
  Check("molar mass 99.13 g/mol", s->molar_mass, 0.09913, 1e-15);
  Check("density 1027.7 kg/m3", s->density, 1027.7, 1e-15);
  Check("cp liquid 1700 J/(kg K)", s->cp_liquid, 1700.0, 0);
  Check("cp vapour 1300 J/(kg K)", s->cp_vapour, 1300.0, 0);
  Check("critical temperature 721.7 K", s->critical_temperature, 721.7, 0);
  Check("boiling point 476.9 K", s->boiling_point, 476.9, 0);
  Check("Lewis number 2.5", s->lewis_number, 2.5, 0);
  Check("diffusivity in air at 298 K 8.7e-6 m2/s", s->diffusivity_air_298, 8.7e-6, 0);
  Check("LEL 1.3 vol% = 0.013", s->lel_vol_fraction, 0.013, 1e-15);
  Check("viscosity 1.65 mPa s", s->viscosity, 1.65e-3, 1e-15);
  Check("surface tension 40.7 mN/m", s->surface_tension, 40.7e-3, 1e-15);
  Check("Antoine form", s->psat_form == PSAT_ANTOINE_LN_PA_K, 1, 0);
  Check("p_sat(400 K) = exp(21.137754 - 3811.446/(400 - 80.355)) Pa", SolventVapourPressure(s, 400.0),
        exp(21.137754 - 3811.446 / (400.0 - 80.355)), 1e-13);
  Check("Watson form, 532.6 kJ/kg at 298.15 K", s->latent_form == LATENT_WATSON && s->latent[0] == 532.6e3, 1, 0);
  Check("latent heat 400 K = 532.6e3 ((721.7 - 400)/(721.7 - 298.15))^0.38", SolventLatentHeat(s, 400.0),
        532.6e3 * pow((721.7 - 400.0) / (721.7 - 298.15), 0.38), 1e-13);
  Check("latent heat above the critical point: 0", SolventLatentHeat(s, 730.0), 0.0, 0);
  Check("diffusivity at 350 K = 8.7e-6 (350/298.15)^1.75", SolventDiffusivityInAir(s, 350.0),
        8.7e-6 * pow(350.0 / 298.15, 1.75), 1e-13);
  Check("diffusivity at 298.15 K: the file value", SolventDiffusivityInAir(s, 298.15), 8.7e-6, 1e-14);
  printf("water\n");
  PetscCall(MaterialsGetSolvent(m, "water", &s));
  Check("molar mass 18.015 g/mol", s->molar_mass, 0.018015, 1e-15);
  Check("density 997", s->density, 997.0, 0);
  Check("cp liquid 4180, vapour 1864", s->cp_liquid + 1e4 * s->cp_vapour, 4180.0 + 1864e4, 0);
  Check("not flammable: LEL 0", s->lel_vol_fraction, 0.0, 0);
  Check("viscosity 0.89 mPa s, surface tension 72 mN/m", s->viscosity + s->surface_tension, 0.89e-3 + 72e-3, 1e-15);
  Check("Lewis 0.87, D 2.5e-5", s->lewis_number + 1e5 * s->diffusivity_air_298, 0.87 + 2.5, 1e-15);
  Check("Tc 647.096 K, Tb 373.124 K", s->critical_temperature + 1e3 * s->boiling_point, 647.096 + 373124.0, 1e-15);
  Check("p_sat(350 K) = exp(73.649 - 7258.2/T - 7.3037 ln T + 4.1653e-6 T^2)", SolventVapourPressure(s, 350.0),
        exp(73.649 - 7258.2 / 350.0 - 7.3037 * log(350.0) + 4.1653e-6 * 350.0 * 350.0), 1e-13);
  {
    double Tr = 350.0 / 647.096;
    Check("latent heat 350 K = 52053 (1-Tr)^(0.3199 - 0.212 Tr + 0.25795 Tr^2) / M", SolventLatentHeat(s, 350.0),
          52053.0 * pow(1.0 - Tr, 0.3199 - 0.212 * Tr + 0.25795 * Tr * Tr) / 0.018015, 1e-13);
  }
  printf("solids\n");
  PetscCall(MaterialsGetSolid(m, "NMC811", &d));
  Check("NMC811 density 4.75 g/cm3", d->density, 4750.0, 1e-15);
  Check("NMC811 cp 700", d->cp, 700.0, 0);
  Check("NMC811 capacity 200 mAh/g = 720000 C/kg", d->specific_capacity, 720000.0, 1e-15);
  Check("NMC811 voltage 3.8 V", d->nominal_voltage, 3.8, 0);
  Check("NMC811 resistivity 1e5 Ohm m", d->electronic_resistivity, 1e5, 0);
  Check("NMC811 permittivity 10", d->relative_permittivity, 10.0, 0);
  Check("NMC811 conductivity 4 W/(m K)", d->thermal_conductivity, 4.0, 0);
  Check("NMC811 d50 10 um", d->particle_diameter, 10e-6, 1e-15);
  Check("NMC811 does not melt: 0", d->melting_point, 0.0, 0);
  PetscCall(MaterialsGetSolid(m, "PVDF", &d));
  Check("PVDF melts at 175 C = 448.15 K", d->melting_point, 448.15, 1e-15);
  Check("PVDF density 1.78 g/cm3, cp 1200", d->density + d->cp, 1780.0 + 1200.0, 1e-15);
  Check("PVDF inactive: capacity 0, voltage 0", d->specific_capacity + d->nominal_voltage, 0.0, 0);
  Check("PVDF conductivity 0.19, d50 5 um", d->thermal_conductivity + 1e6 * d->particle_diameter, 0.19 + 5.0, 1e-15);
  PetscCall(MaterialsGetSolid(m, "PTFE", &d));
  Check("PTFE melts at 327 C = 600.15 K", d->melting_point, 600.15, 1e-15);
  Check("PTFE permittivity 2.1, resistivity 1e16", d->relative_permittivity + d->electronic_resistivity, 2.1 + 1e16, 0);
  PetscCall(MaterialsGetSolid(m, "carbon_black", &d));
  Check("carbon black density 1.8 g/cm3, d50 0.05 um", d->density + 1e9 * d->particle_diameter, 1800.0 + 50.0, 1e-14);
  PetscCall(MaterialsGetSolid(m, "graphite", &d));
  Check("graphite 350 mAh/g, 0.1 V", d->specific_capacity + d->nominal_voltage, 350 * 3600.0 + 0.1, 1e-15);
  PetscCall(MaterialsGetSolid(m, "LFP", &d));
  Check("LFP 160 mAh/g, 3.4 V, 3.6 g/cm3", d->specific_capacity + d->nominal_voltage + d->density,
        160 * 3600.0 + 3.4 + 3600.0, 1e-15);
  PetscCall(MaterialsGetSolid(m, "CMC_SBR", &d));
  Check("CMC_SBR: no melting point, cp 1500", d->melting_point + d->cp, 1500.0, 0);
  printf("foils\n");
  PetscCall(MaterialsGetFoil(m, "aluminium", &f));
  Check("aluminium 2700 kg/m3, 897 J/(kg K)", f->density + f->cp, 2700.0 + 897.0, 0);
  Check("aluminium 237 W/(m K), 2.65e-8 Ohm m", f->thermal_conductivity + 1e8 * f->electrical_resistivity, 237.0 + 2.65,
        1e-15);
  PetscCall(MaterialsGetFoil(m, "copper", &f));
  Check("copper 8960, 385, 401, 1.68e-8",
        f->density + f->cp + f->thermal_conductivity + 1e8 * f->electrical_resistivity, 8960.0 + 385.0 + 401.0 + 1.68,
        1e-15);
  printf("names\n");
  PetscCall(MaterialsHasSolid(m, "PVDF", &has));
  Check("has solid PVDF", has, 1, 0);
  PetscCall(MaterialsHasSolid(m, "NMP", &has));
  Check("NMP is not a solid", has, 0, 0);
  PetscCall(MaterialsHasSolvent(m, "water", &has));
  Check("has solvent water", has, 1, 0);
  PetscCall(MaterialsHasFoil(m, "aluminum", &has));
  Check("no foil 'aluminum'", has, 0, 0);
  PetscCall(MaterialsHasFoil(m, "copper", &has));
  Check("has foil copper", has, 1, 0);
  PetscCall(MaterialsDestroy(&m));
  PetscFunctionReturn(0);
}

/* ---- ranges: one generated materials file per value ---- */
typedef struct {
  const char *group, *key; /* "solvents", "solids", "foils" */
  double      min, max;
} Range;

/* The accepted ranges (file units), written out: plausibility bounds of each property. */
static const Range ranges[] = {
    {"solvents", "molar_mass_g_per_mol", 1.0, 1000.0},
    {"solvents", "density_kg_per_m3", 500.0, 2000.0},
    {"solvents", "cp_liquid_J_per_kgK", 500.0, 6000.0},
    {"solvents", "cp_vapour_J_per_kgK", 300.0, 4000.0},
    {"solvents", "critical_temperature_K", 300.0, 1000.0},
    {"solvents", "boiling_point_K", 250.0, 700.0},
    {"solvents", "lewis_number", 0.1, 10.0},
    {"solvents", "diffusivity_air_298_m2_per_s", 1e-7, 1e-3},
    {"solvents", "lel_vol_percent", 0.0, 20.0},
    {"solvents", "viscosity_mPas", 0.1, 100.0},
    {"solvents", "surface_tension_mN_per_m", 10.0, 100.0},
    {"solids", "density_g_per_cm3", 0.5, 25.0},
    {"solids", "cp_J_per_kgK", 100.0, 5000.0},
    {"solids", "specific_capacity_mAh_per_g", 0.0, 4000.0},
    {"solids", "nominal_voltage_V", 0.0, 6.0},
    {"solids", "electronic_resistivity_Ohm_m", 1e-9, 1e20},
    {"solids", "relative_permittivity", 1.0, 1e4},
    {"solids", "thermal_conductivity_W_per_mK", 0.01, 2000.0},
    {"solids", "particle_diameter_um", 0.01, 500.0},
    {"solids", "melting_point_C", -273.15, 4000.0},
    {"foils", "density_kg_per_m3", 1000.0, 25000.0},
    {"foils", "cp_J_per_kgK", 100.0, 5000.0},
    {"foils", "thermal_conductivity_W_per_mK", 1.0, 2000.0},
    {"foils", "electrical_resistivity_Ohm_m", 1e-9, 1e-3},
};

/* A valid one-of-each materials file; the property (group, key) takes the text value. */
static PetscErrorCode WriteFile(const char *name, const char *group, const char *key, const char *value)
{
  static const char *solvent[] = {
      "molar_mass_g_per_mol = 60.0",
      "density_kg_per_m3 = 900.0",
      "cp_liquid_J_per_kgK = 2000.0",
      "cp_vapour_J_per_kgK = 1200.0",
      "vapour_pressure = { form = \"antoine_ln_Pa_K\"; coefficients = [21.0, 3500.0, -60.0]; }",
      "latent_heat = { form = \"watson\"; coefficients = [500.0, 298.15, 0.38]; }",
      "critical_temperature_K = 600.0",
      "boiling_point_K = 400.0",
      "lewis_number = 1.5",
      "diffusivity_air_298_m2_per_s = 1e-5",
      "lel_vol_percent = 2.0",
      "viscosity_mPas = 1.0",
      "surface_tension_mN_per_m = 30.0",
      NULL};
  static const char *solid[]   = {"density_g_per_cm3 = 2.0",
                                  "cp_J_per_kgK = 800.0",
                                  "specific_capacity_mAh_per_g = 100.0",
                                  "nominal_voltage_V = 3.0",
                                  "electronic_resistivity_Ohm_m = 1.0",
                                  "relative_permittivity = 5.0",
                                  "thermal_conductivity_W_per_mK = 1.0",
                                  "particle_diameter_um = 5.0",
                                  "melting_point_C = 150.0",
                                  NULL};
  static const char *foil[]    = {"density_kg_per_m3 = 3000.0", "cp_J_per_kgK = 900.0",
                                  "thermal_conductivity_W_per_mK = 200.0", "electrical_resistivity_Ohm_m = 3e-8", NULL};
  const char *const *lists[3]  = {solvent, solid, foil};
  const char        *groups[3] = {"solvents", "solids", "foils"};
  FILE              *fp        = fopen(name, "w");
  PetscFunctionBeginUser;
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write %s", name);
  for (int g = 0; g < 3; g++) {
    fprintf(fp, "%s = {\n  X = {\n", groups[g]);
    for (int i = 0; lists[g][i]; i++) {
      size_t n = strlen(key);
      if (!strcmp(group, groups[g]) && !strncmp(lists[g][i], key, n) && lists[g][i][n] == ' ')
        fprintf(fp, "    %s = %s;\n", key, value);
      else
        fprintf(fp, "    %s;\n", lists[g][i]);
    }
    fprintf(fp, "  };\n};\n");
  }
  fclose(fp);
  PetscFunctionReturn(0);
}

/* Load name; *status: 0 or the error code; msg: the error message (empty when none). */
static PetscErrorCode TryLoad(const char *name, PetscErrorCode *status, char *msg, size_t len)
{
  Materials m;
  PetscFunctionBeginUser;
  msg[0] = 0;
  PetscCall(MaterialsCreate(PETSC_COMM_WORLD, &m));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  *status = MaterialsLoad(m, name);
  PetscCall(PetscPopErrorHandler());
  if (*status) {
    const char *text;
    char       *specific;
    PetscCall(PetscErrorMessage(*status, &text, &specific));
    if (specific) PetscCall(PetscStrncpy(msg, specific, len));
  }
  PetscCall(MaterialsDestroy(&m));
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckRanges(void)
{
  const char *name = "materials_range_test.cfg";
  PetscFunctionBeginUser;
  printf("accepted ranges (on the bound: read; 0.1 %% outside: error naming the property and the range)\n");
  for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
    const Range   *q = &ranges[r];
    double         vals[4], d_lo = q->min != 0 ? 1e-3 * fabs(q->min) : 1e-3, d_hi = 1e-3 * fabs(q->max);
    PetscErrorCode st[4];
    char           msg[4][1024], v[64];
    vals[0] = q->min;
    vals[1] = q->max;
    vals[2] = q->min - d_lo;
    vals[3] = q->max + d_hi;
    for (int i = 0; i < 4; i++) {
      snprintf(v, sizeof(v), "%.17g", vals[i]);
      if (!strchr(v, '.') && !strchr(v, 'e')) strcat(v, ".0"); /* a float for libconfig */
      PetscCall(WriteFile(name, q->group, q->key, v));
      PetscCall(TryLoad(name, &st[i], msg[i], sizeof(msg[i])));
    }
    {
      int ok = !st[0] && !st[1] && st[2] == PETSC_ERR_USER_INPUT && st[3] == PETSC_ERR_USER_INPUT &&
               strstr(msg[2], q->key) && strstr(msg[3], q->key) && strstr(msg[3], "is outside") && strstr(msg[3], name);
      printf("  %-9s %-30s [%g, %g]: min %s, max %s, below %s, above %s  %s\n", q->group, q->key, q->min, q->max,
             st[0] ? "rejected" : "read", st[1] ? "rejected" : "read", st[2] ? "rejected" : "read",
             st[3] ? "rejected" : "read", ok ? "ok" : "FAIL");
      if (!ok) printf("    messages: '%s' / '%s'\n", msg[2], msg[3]);
      fails += !ok;
    }
  }
  PetscFunctionReturn(0);
}

/* Correlation groups: form and coefficients, each fault an input error with its message. */
static PetscErrorCode CheckCorrelations(void)
{
  const char *name = "materials_correlation_test.cfg";
  struct {
    const char *key, *value, *expect;
  } bad[] = {
      {"vapour_pressure", "{ form = \"antoine_ln_Pa_K\"; coefficients = [\"21.0\", \"3500.0\", \"-60.0\"]; }",
       "'vapour_pressure.coefficients' must be numbers"},
      {"vapour_pressure", "{ form = \"antoine\"; coefficients = [21.0, 3500.0, -60.0]; }",
       "'vapour_pressure.form' = 'antoine' is not a known correlation form"},
      {"vapour_pressure", "{ form = \"dippr101\"; coefficients = [21.0, 3500.0, -60.0]; }",
       "'vapour_pressure.coefficients' has the wrong number of values for form 'dippr101'"},
      {"latent_heat", "{ form = \"watson\"; coefficients = [500.0, 298.15]; }",
       "'latent_heat.coefficients' has the wrong number of values for form 'watson'"},
      {"latent_heat", "{ form = \"dippr106\"; }", "'latent_heat' needs exactly: form"},
      {"density_kg_per_m3", "\"heavy\"", "property 'density_kg_per_m3' must be a number"},
      {"viscosity_mPas", "1.0; colour = \"red\"", "property 'colour' is not known"},
  };
  PetscFunctionBeginUser;
  printf("correlation groups and property types\n");
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    PetscErrorCode st;
    char           msg[1024], what[160];
    PetscCall(WriteFile(name, "solvents", bad[i].key, bad[i].value));
    PetscCall(TryLoad(name, &st, msg, sizeof(msg)));
    snprintf(what, sizeof(what), "%.60s", bad[i].expect);
    Check(what, st == PETSC_ERR_USER_INPUT && strstr(msg, bad[i].expect) && strstr(msg, name), 1, 0);
    if (!strstr(msg, bad[i].expect)) printf("    message: %s\n", msg);
  }
  {
    PetscErrorCode st;
    char           msg[1024];
    PetscCall(WriteFile(name, "solvents", "vapour_pressure",
                        "{ form = \"antoine_ln_Pa_K\"; coefficients = [21, 3500, -60]; }"));
    PetscCall(TryLoad(name, &st, msg, sizeof(msg)));
    Check("integer coefficients are read", st, 0, 0);
  }
  PetscFunctionReturn(0);
}

/* Unknown names: the error lists the known ones, and a long list is cut, not overrun. */
static PetscErrorCode CheckUnknownNames(void)
{
  const char    *name = "materials_many.cfg";
  FILE          *fp   = fopen(name, "w");
  Materials      m;
  const Solid   *d;
  PetscErrorCode st;
  const char    *text;
  char          *specific;
  PetscFunctionBeginUser;
  printf("unknown names\n");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write %s", name);
  fprintf(fp, "solids = {\n");
  for (int i = 0; i < 40; i++) /* 40 names of 30 characters: 1280 characters with the separators */
    fprintf(fp,
            "  solid_with_a_long_name_%06d = { density_g_per_cm3 = 2.0; cp_J_per_kgK = 800.0; "
            "electronic_resistivity_Ohm_m = 1.0; relative_permittivity = 5.0; thermal_conductivity_W_per_mK = 1.0; "
            "particle_diameter_um = 5.0; };\n",
            i);
  fprintf(fp, "};\n");
  fclose(fp);
  PetscCall(MaterialsCreate(PETSC_COMM_WORLD, &m));
  PetscCall(MaterialsLoad(m, name));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  st = MaterialsGetSolid(m, "unobtainium", &d);
  PetscCall(PetscPopErrorHandler());
  PetscCall(PetscErrorMessage(st, &text, &specific));
  printf("  message: %.160s...\n", specific ? specific : "(none)");
  Check("unknown solid: input error", st == PETSC_ERR_USER_INPUT, 1, 0);
  Check("the message names it and lists the first known names",
        specific && strstr(specific, "'unobtainium'") && strstr(specific, "solid_with_a_long_name_000000, "), 1, 0);
  Check("the list is cut at 511 characters (no overrun)",
        specific && strstr(specific, "solid_with_a_long_name_000015, solid_with_a_lo)"), 1, 0);
  PetscCall(MaterialsDestroy(&m));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char file[PETSC_MAX_PATH_LEN] = "../../cases/materials.cfg";
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-materials", file, sizeof(file), NULL));
  PetscCall(CheckShipped(file));
  PetscCall(CheckRanges());
  PetscCall(CheckCorrelations());
  PetscCall(CheckUnknownNames());
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
