/* Dry air as an ideal gas. Correlations: ChemSep pure-component data bank (DIPPR equation forms
 * 100 and 102), as tabulated in shared reference data_wet.md section 1.3 (CONFIRMED there):
 *   cp  [J/(kmol K)] = 29562.29 - 7.164949 T + 0.0216294 T^2 - 1.39748e-5 T^3 + 2.89195e-9 T^4
 *   mu  [Pa s]       = 1.592e-6 T^0.48975 / (1 + 123.45/T - 829.58/T^2)
 *   k   [W/(m K)]    = 3.511e-4 T^0.76492 / (1 + 16.071/T + 1084.4/T^2)                         */
#include "materials.h"

PetscReal AirHeatCapacity(PetscReal T)
{
  PetscReal cp_molar = 29562.29 + T * (-7.164949 + T * (0.0216294 + T * (-1.39748e-5 + T * 2.89195e-9)));
  return cp_molar / (AIR_MOLAR_MASS * 1e3);
}

PetscReal AirDensity(PetscReal T, PetscReal p)
{
  return p * AIR_MOLAR_MASS / (GAS_CONSTANT * T);
}

PetscReal AirViscosity(PetscReal T)
{
  return 1.592e-6 * PetscPowReal(T, 0.48975) / (1.0 + 123.45 / T - 829.58 / (T * T));
}

PetscReal AirThermalConductivity(PetscReal T)
{
  return 3.511e-4 * PetscPowReal(T, 0.76492) / (1.0 + 16.071 / T + 1084.4 / (T * T));
}
