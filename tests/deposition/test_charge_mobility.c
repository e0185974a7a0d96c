/* Charging and mobility functions against numbers worked out by hand (data_dry_calendering.md 1.1-1.5).
 * Every expected value is written out from the formula with its numbers, not computed by the tested function. */
#include "physics/electrostatics_model.h"

static PetscInt fails = 0;
static void     Check(const char *what, PetscReal got, PetscReal expected, PetscReal rtol)
{
  const PetscReal rel = PetscAbsReal(got - expected) / PetscAbsReal(expected);
  PetscPrintf(PETSC_COMM_WORLD, "%-58s got %.6e expected %.6e rel.err %.1e %s\n", what, (double) got, (double) expected,
              (double) rel, rel <= rtol ? "ok" : "FAIL");
  if (!(rel <= rtol)) fails++;
}

int main(int argc, char **argv)
{
  const PetscReal lambda = 0.066e-6, mu = 1.81e-5;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  /* Pauthenier factor: p = 3 er/(er+2): er = 3 -> 9/5 = 1.8; er = 10 -> 30/12 = 2.5; conductor 3 */
  Check("Pauthenier factor, er = 3", DepPauthenierFactor(3.0, PETSC_FALSE), 1.8, 1e-14);
  Check("Pauthenier factor, er = 10", DepPauthenierFactor(10.0, PETSC_FALSE), 2.5, 1e-14);
  Check("Pauthenier factor, conductor", DepPauthenierFactor(10.0, PETSC_TRUE), 3.0, 1e-14);
  /* q_s = 4 pi eps0 r^2 E p, r = 10 um, E = 1e6 V/m, p = 1.8:
   * 4 * 3.14159265 * 8.8541878e-12 * (1e-5)^2 * 1e6 * 1.8 = 1.11265006e-10 * 1e-10 * 1e6 * 1.8 = 2.00277e-14 C */
  Check("Pauthenier charge r = 10 um, E = 1 MV/m, er = 3", DepPauthenierCharge(10e-6, 1e6, 1.8), 2.002770e-14, 1e-5);
  /* conductor r = 5 um, E = 3e5 V/m: 1.11265006e-10 * 2.5e-11 * 3e5 * 3 = 2.50346e-15 C */
  Check("Pauthenier charge r = 5 um, E = 0.3 MV/m, conductor", DepPauthenierCharge(5e-6, 3e5, 3.0), 2.503463e-15, 1e-5);
  /* Cunningham, Cc = 1 + (lambda/r)(1.257 + 0.4 exp(-1.1 r/lambda)); lambda = 0.066 um:
   * r = 1 um: 0.066 * (1.257 + 0.4 exp(-16.67)) = 0.066 * 1.257 = 0.082962 -> 1.083 (data 1.3: 1.083)
   * r = 5 um: 0.0132 * 1.257 = 0.0165924 -> 1.017; r = 10 um: 0.0066 * 1.257 = 0.0082962 -> 1.008 */
  Check("Cunningham r = 1 um (data: 1.083)", DepCunninghamFactor(1e-6, lambda), 1.082962, 1e-6);
  Check("Cunningham r = 5 um (data: 1.017)", DepCunninghamFactor(5e-6, lambda), 1.0165924, 1e-6);
  Check("Cunningham r = 10 um (data: 1.008)", DepCunninghamFactor(10e-6, lambda), 1.0082962, 1e-6);
  Check("Cunningham r = 1 um rounded to the data table", DepCunninghamFactor(1e-6, lambda), 1.083, 5e-4);
  /* small particle: r = 0.05 um: 1 + 1.32 (1.257 + 0.4 exp(-0.8333)) = 1 + 1.32 (1.257 + 0.4 * 0.434598) = 1 + 1.32
   * * 1.4308392 = 2.8887077 */
  Check("Cunningham r = 0.05 um (exponential term active)", DepCunninghamFactor(0.05e-6, lambda), 2.8887077, 1e-6);
  /* Z = q Cc/(6 pi mu r), r = 10 um, q = 2.00277e-14 C, Cc = 1.0082962, mu = 1.81e-5:
   * 6 pi mu r = 6 * 3.14159265 * 1.81e-5 * 1e-5 = 3.411770e-9; Z = 2.00277e-14 * 1.0082962 / 3.411770e-9 = 5.91886e-6
   * m2/Vs (data 1.4 quotes 5.9e-6 m2/Vs and a drift speed Z E = 5.9 m/s at 1 MV/m) */
  Check("mobility r = 10 um, er = 3, 1 MV/m (data: 5.9e-6)", DepElectricalMobility(2.00277e-14, 10e-6, 1.0082962, mu),
        5.91886e-6, 1e-5);
  Check("mobility from the chain of model functions",
        DepElectricalMobility(DepPauthenierCharge(10e-6, 1e6, DepPauthenierFactor(3, PETSC_FALSE)), 10e-6,
                              DepCunninghamFactor(10e-6, lambda), mu),
        5.9e-6, 5e-3);
  /* settling: rho (2r)^2 g Cc/(18 mu) with rho = 4456 kg/m3, r = 10 um: 4456 * 4e-10 * 9.80665 * 1.0082962 / 3.258e-4
   * = 1.762367e-5 / 3.258e-4 = 5.409572e-2 m/s */
  Check("settling r = 10 um, 4456 kg/m3", DepSettlingVelocity(4456.0, 10e-6, 1.0082962, mu), 5.409572e-2, 1e-5);
  /* layer field: E(t) = J rho (1 - exp(-t/tau)), tau = eps0 er rho; J = 1e-4, rho = 1e10, er = 3: tau = 0.26562563 s,
   * E_inf = 1e6; t = 0.1 s: 1e6 * (1 - exp(-0.3764697)) = 1e6 * 0.3137201 */
  Check("layer field after 0.1 s (leaky capacitor)", DepLayerFieldAdvance(0.0, 1e-4, 3.0, 1e10, 0.1), 3.137201e5, 1e-5);
  Check("back-ionisation acceptance at E = E_bd", DepBackIonisationAcceptance(3e6, 3e6, 0.05), 0.5, 1e-14);
  /* isothermal work p ln(p2/p1): 101325 ln(1.4934616) = 101325 * 0.4010967 = 40641.12 J/m3 */
  Check("isothermal compression 0.5 bar(g)", DepIsothermalCompressionWork(101325.0, 151325.0), 40641.12, 1e-6);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAIL" : "PASS"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
