/* Unit suffixes of case-file keys and their conversion to SI (si = value * scale + offset). */
#include "case.h"

typedef struct {
  const char *suffix;  /* as it ends the key name */
  const char *display; /* as printed in messages and the reference */
  double      scale, offset;
} UnitDef;

static const UnitDef units[] = {
    {"-", "-", 1.0, 0.0},
    {"C", "degC", 1.0, 273.15},
    {"K", "K", 1.0, 0.0},
    {"m", "m", 1.0, 0.0},
    {"mm", "mm", 1e-3, 0.0},
    {"um", "um", 1e-6, 0.0},
    {"nm", "nm", 1e-9, 0.0},
    {"s", "s", 1.0, 0.0},
    {"ms", "ms", 1e-3, 0.0},
    {"min", "min", 60.0, 0.0},
    {"m_per_min", "m/min", 1.0 / 60.0, 0.0},
    {"m_per_s", "m/s", 1.0, 0.0},
    {"mg_per_cm2", "mg/cm2", 1e-2, 0.0}, /* 1e-6 kg / 1e-4 m2 */
    {"g_per_m2", "g/m2", 1e-3, 0.0},
    {"g_per_min", "g/min", 1e-3 / 60.0, 0.0},
    {"kg_per_m3", "kg/m3", 1.0, 0.0},
    {"g_per_cm3", "g/cm3", 1e3, 0.0},
    {"g_per_mol", "g/mol", 1e-3, 0.0},
    {"W_per_m2K", "W/(m2 K)", 1.0, 0.0},
    {"W_per_mK", "W/(m K)", 1.0, 0.0},
    {"W_per_m2", "W/m2", 1.0, 0.0},
    {"J_per_kgK", "J/(kg K)", 1.0, 0.0},
    {"kJ_per_kg", "kJ/kg", 1e3, 0.0},
    {"MJ_per_kg", "MJ/kg", 1e6, 0.0},
    {"kJ_per_mol", "kJ/mol", 1e3, 0.0},
    {"mAh_per_g", "mAh/g", 3.6e3, 0.0}, /* 1 mAh/g = 3.6 C / 1e-3 kg */
    {"V", "V", 1.0, 0.0},
    {"kV", "kV", 1e3, 0.0},
    {"uA", "uA", 1e-6, 0.0},
    {"Pa", "Pa", 1.0, 0.0},
    {"kPa", "kPa", 1e3, 0.0},
    {"MPa", "MPa", 1e6, 0.0},
    {"GPa", "GPa", 1e9, 0.0},
    {"mPas", "mPa s", 1e-3, 0.0},
    {"mN_per_m", "mN/m", 1e-3, 0.0},
    {"m2_per_s", "m2/s", 1.0, 0.0},
    {"m2_per_Vs", "m2/(V s)", 1.0, 0.0},
    {"Ohm_m", "Ohm m", 1.0, 0.0},
    {"MV_per_m", "MV/m", 1e6, 0.0},
    {"N_per_mm", "N/mm", 1e3, 0.0},
    {"percent", "%", 1e-2, 0.0},
    {"vol_percent", "vol%", 1e-2, 0.0},
    {"m3_per_h", "m3/h", 1.0 / 3600.0, 0.0},
    {"Nm3_per_h", "Nm3/h", 1.0 / 3600.0, 0.0},
    {"kW", "kW", 1e3, 0.0},
    {"kN", "kN", 1e3, 0.0},
    {"W", "W", 1.0, 0.0},
    {"rpm", "1/min", 1.0 / 60.0, 0.0},
    {"bar", "bar", 1e5, 0.0},
    {"ppm", "ppm", 1e-6, 0.0},
    {"kWh_per_kWh_cell", "kWh/kWh", 1.0, 0.0},            /* energy per energy of cell: dimensionless */
    {"kg_CO2e_per_kWh", "kg CO2e/kWh", 1.0 / 3.6e6, 0.0}, /* SI: kg CO2e per J */
    {"GB", "GB", 1e9, 0.0},                               /* bytes */
};

PetscErrorCode UnitsToSI(const char *unit, double *scale, double *offset, const char **display)
{
  PetscFunctionBeginUser;
  for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
    PetscBool match;
    PetscCall(PetscStrcmp(unit, units[i].suffix, &match));
    if (match) {
      if (scale) *scale = units[i].scale;
      if (offset) *offset = units[i].offset;
      if (display) *display = units[i].display;
      PetscFunctionReturn(0);
    }
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "Unit suffix '%s' is not in solver/units.c", unit);
}
