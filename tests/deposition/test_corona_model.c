/* Corona, charging, wall and dry-ledger functions against numbers worked out by hand (data_dry_physics.md 1-7).
 * Every expected value is written out from the formula with its numbers, not computed by the tested function. */
#include "physics/electrostatics_model.h"

static PetscInt fails = 0;
static void     Check(const char *what, PetscReal got, PetscReal expected, PetscReal rtol)
{
  const PetscReal rel = expected != 0.0 ? PetscAbsReal(got - expected) / PetscAbsReal(expected) : PetscAbsReal(got);
  PetscPrintf(PETSC_COMM_WORLD, "%-62s got %.6e expected %.6e rel.err %.1e %s\n", what, (double) got, (double) expected,
              (double) rel, rel <= rtol ? "ok" : "FAIL");
  if (!(rel <= rtol)) fails++;
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  /* relative air density (p/101325)(298.15/T): 1 at 25 C; at 20 C 298.15/293.15 = 1.0170561 */
  Check("relative air density, 25 C", DepRelativeAirDensity(101325.0, 298.15), 1.0, 1e-14);
  Check("relative air density, 20 C", DepRelativeAirDensity(101325.0, 293.15), 1.0170561, 1e-7);
  /* Peek, wire constants g0 = 31 kV/cm = 3.1e6 V/m, c = 0.301 cm^0.5 = 0.0301 m^0.5, r = 0.25 mm, delta = 1:
   * sqrt(r) = 0.0158113883, c/sqrt(r) = 1.9036911, E = 3.1e6 * 2.9036911 = 9.0014426e6 V/m (~90 kV/cm) */
  Check("Peek onset field, r = 0.25 mm", DepPeekOnsetField(2.5e-4, 1.0, 3.1e6, 0.0301), 9.0014426e6, 1e-7);
  /* delta = 0.9: 3.1e6 * 0.9 * (1 + 0.0301/sqrt(2.25e-4)) = 2.79e6 * (1 + 0.0301/0.015) = 2.79e6 * 3.0066667 */
  Check("Peek onset field, delta = 0.9", DepPeekOnsetField(2.5e-4, 0.9, 3.1e6, 0.0301), 8.3886e6, 1e-7);
  /* hyperboloid tip field per volt 2/(r ln(4d/r)), r = 0.25 mm, d = 0.25 m: ln(4000) = 8.2940496,
   * 2/(2.5e-4 * 8.2940496) = 964.54692 1/m; onset voltage 9.0014426e6/964.54692 = 9332.30 V */
  Check("tip field per volt, r = 0.25 mm, d = 250 mm", DepPointTipFieldPerVolt(2.5e-4, 0.25), 964.54692, 1e-7);
  Check("onset voltage from the two",
        DepPeekOnsetField(2.5e-4, 1.0, 3.1e6, 0.0301) / DepPointTipFieldPerVolt(2.5e-4, 0.25), 9332.3014, 1e-7);
  /* Sigmond I_s = 2 eps0 Z V^2/d = 2 * 8.8541878e-12 * 1.87e-4 * 6.4e9 / 0.25 = 8.4773536e-5 A */
  Check("Sigmond saturation, 80 kV, 250 mm", DepSigmondSaturationCurrent(1.87e-4, 80e3, 0.25), 8.4773536e-5, 1e-7);
  /* point corona 2 eps0 Z/d V (V - V_on) = 1.32458650e-14 * 80e3 * 70667.7 = 7.4884385e-5 A (0.883 I_s) */
  Check("point corona current, 80 kV, V_on 9332.3 V", DepPointCoronaCurrent(1.87e-4, 80e3, 9332.3, 0.25), 7.4884385e-5,
        1e-7);
  Check("point corona current below onset", DepPointCoronaCurrent(1.87e-4, 9000.0, 9332.3, 0.25), 0.0, 0.0);
  Check("point corona current at onset", DepPointCoronaCurrent(1.87e-4, 9332.3, 9332.3, 0.25), 0.0, 0.0);
  /* self-consistent current with the external drop -1e9 V/A: the smaller root of
   * C s^2 I^2 + (C s (2V - V_on) - 1) I + C V (V - V_on) = 0, C = 1.3245865e-14: I = 2.8618440e-5 A
   * (effective voltage 80e3 - 28618 = 51381.6 V) */
  Check("self-consistent corona current, s = -1e9 V/A",
        DepSelfConsistentCoronaCurrent(1.87e-4, 80e3, 9332.3, 0.25, -1e9), 2.86184403e-5, 1e-8);
  Check("self-consistent current, s = 0 is the plain current",
        DepSelfConsistentCoronaCurrent(1.87e-4, 80e3, 9332.3, 0.25, 0.0), 7.4884385e-5, 1e-7);
  /* effective voltage V + E_ext/e_L = 80e3 + (-2e5)/10 = 60e3 V */
  Check("effective emitter voltage", DepEffectiveEmitterVoltage(80e3, -2e5, 10.0), 60e3, 1e-14);
  /* charging time 4 eps0/(rho Z) = 3.5416751e-11/(1e-5 * 1.87e-4) = 1.8939439e-2 s */
  Check("field-charging time, rho_ion = 1e-5 C/m3", DepChargingTime(1e-5, 1.87e-4), 1.8939439e-2, 1e-7);
  /* Pauthenier rate (q_s/tau)(1 - q/q_s)^2, q_s = 1e-15, q = q_s/2, tau = 1.8939439e-2: 5.2799874e-14 * 0.25 */
  Check("Pauthenier rate at q = q_s/2", DepPauthenierRate(0.5e-15, 1e-15, 1.8939439e-2), 1.3199969e-14, 1e-7);
  Check("Pauthenier rate at saturation", DepPauthenierRate(1e-15, 1e-15, 1.0), 0.0, 0.0);
  Check("Pauthenier rate above saturation", DepPauthenierRate(2e-15, 1e-15, 1.0), 0.0, 0.0);
  /* capture coefficient pi r^2 p Z E = 3.14159265 * 2.5e-11 * 3 * 1.87e-4 * 2e5 = 8.8121674e-9 m3/s; times rho_ion
   * = 1e-5 it equals q_s/tau with q_s = 4 pi eps0 r^2 E p (the same rate): 8.8121674e-14 C/s */
  Check("ion capture coefficient", DepCaptureCoefficient(5e-6, 3.0, 1.87e-4, 2e5), 8.8121674e-9, 1e-7);
  Check("capture x rho = q_s/tau (same Pauthenier rate)",
        DepPauthenierRate(0.0, DepPauthenierCharge(5e-6, 2e5, 3.0), DepChargingTime(1e-5, 1.87e-4)),
        DepCaptureCoefficient(5e-6, 3.0, 1.87e-4, 2e5) * 1e-5, 1e-12);
  /* relaxation time rho (2r)^2 Cc/(18 mu) = 4750 * 1e-10 * 1.0165924/3.258e-4 = 1.4821405e-3 s */
  Check("particle relaxation time, 10 um, 4750 kg/m3", DepRelaxationTime(4750.0, 5e-6, 1.0165924, 1.81e-5),
        1.4821405e-3, 1e-7);
  /* Brownian diffusivity kT Cc/(6 pi mu r) = 4.1164e-21 * 1.0165924/1.7059e-9 = 2.4531000e-12 m2/s */
  Check("Brownian diffusivity, 10 um, 25 C", DepBrownianDiffusivity(298.15, 5e-6, 1.0165924, 1.81e-5), 2.4531000e-12,
        1e-7);
  /* Wood: u* = 0.1, nu = 1.5e-5, D_B = 2.4531e-12, tau_p = 1.4821405e-3: Sc = 6.114712e6, Sc^(-2/3) = 2.9919e-5,
   * tau+ = 1.4821405e-3 * 0.01/1.5e-5 = 0.98809370, V+ = 0.057 * 2.9919e-5 + 4.5e-4 * 0.97632916 = 4.4105273e-4,
   * V_d = 4.4105273e-5 m/s */
  Check("Wood deposition velocity, 10 um, u* = 0.1 m/s",
        DepWoodDepositionVelocity(0.1, 1.5e-5, 2.4531e-12, 1.4821405e-3), 4.4105273e-5, 1e-6);
  /* u* = 1: tau+ = 98.81, the inertial term 4.39 exceeds the cap 0.13: V_d = 0.13 m/s */
  Check("Wood deposition velocity capped at V+ = 0.13",
        DepWoodDepositionVelocity(1.0, 1.5e-5, 2.4531e-12, 1.4821405e-3), 0.13, 1e-12);
  /* wall damping min(1, kappa u* z/D_t) = 0.41 * 0.1 * 0.01/1e-3 = 0.41; far from the wall 1; at the wall 0 */
  Check("diffusivity damping at 10 mm", DepWallDamping(0.01, 0.1, 1e-3), 0.41, 1e-12);
  Check("diffusivity damping at 50 mm", DepWallDamping(0.05, 0.1, 1e-3), 1.0, 1e-14);
  Check("diffusivity damping at the wall", DepWallDamping(0.0, 0.1, 1e-3), 0.0, 0.0);
  /* sticking: drift 0.3 m/s, settling 0.02 <= v_crit 0.05: all stays; settling 0.1 > 0.05: 0.3/(0.3+0.1) = 0.75 */
  Check("sticking, slow settling stays", DepStickingFraction(0.3, 0.02, 0.05), 1.0, 1e-14);
  Check("sticking, fast arrival without field rebounds", DepStickingFraction(0.3, 0.1, 0.05), 0.75, 1e-14);
  Check("sticking, uncharged fast arrival", DepStickingFraction(0.0, 0.1, 0.05), 0.0, 0.0);
  /* jet: b = 0.02 + 0.25 (0.25 - 0.1) = 0.0575 m; psi = 0.5 * 0.05 * erf(0.01/0.0575) = 0.025 * 0.1942792 */
  Check("jet stream function", DepJetStreamFunction(0.31, 0.1, 0.3, 0.25, 0.04, 0.05, 0.25), 4.8569801e-3, 1e-7);
  Check("jet carries Q between its far edges",
        DepJetStreamFunction(10.0, 0.1, 0.3, 0.25, 0.04, 0.05, 0.25) -
            DepJetStreamFunction(-10.0, 0.1, 0.3, 0.25, 0.04, 0.05, 0.25),
        0.05, 1e-14);
  /* share of the air still in the section 1 - exp(-z/l): z = 10 mm, l = 20 mm: 1 - exp(-0.5) = 0.39346934 */
  Check("air retained at half the stagnation length", DepAirRetained(0.01, 0.02), 0.39346934, 1e-7);
  /* layer resistivity without a contact factor: NMC 1e5 Ohm m at v = 0.38 over v_c = 0.16:
   * sigma = 1e-5 ((0.38 - 0.16)/0.84)^2 = 1e-5 * 0.068594104 = 6.8594104e-7; carbon 0.02 < v_c adds nothing; PVDF
   * 0.015/1e12 = 1.5e-14: rho = 1/(6.8594104e-7 + 1.5e-14) = 1.4578513e6 Ohm m */
  {
    DepLayerComposition comp = {0.38, 0.02, 0.015, 1e5, 1e-3, 1e12, 0.16};
    Check("layer resistivity from the NMC network", DepLayerResistivity(&comp), 1.4578513e6, 1e-7);
  }
  {
    /* carbon above the threshold carries the current: sigma = 1/1e-3 ((0.30 - 0.16)/0.84)^2 = 1000/36; NMC 0.10 below
       the threshold adds nothing, PVDF 0.02/1e12: rho = 36/1000 = 0.036 Ohm m (to 1e-15) */
    DepLayerComposition comp = {0.10, 0.30, 0.02, 1e5, 1e-3, 1e12, 0.16};
    Check("layer resistivity from the carbon network", DepLayerResistivity(&comp), 0.036, 1e-12);
  }
  /* a particle that neither drifts nor settles onto the foil: the sticking fraction is 1 (nothing arrives to bounce) */
  Check("sticking fraction without arrival", DepStickingFraction(0.0, 0.0, 0.05), 1.0, 0.0);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAIL" : "PASS"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
