/* Pure physics of electrostatic powder deposition: charging, mobility, corona onset, jet, wall deposition, layer,
 * dry ledger. */
#include "electrostatics_model.h"

PetscReal DepPauthenierFactor(PetscReal er, PetscBool conductor)
{
  /* Pauthenier & Moreau-Hanot 1932; data_dry_calendering.md 1.1 (CONFIRMED) */
  if (conductor) return 3.0;
  return 3.0 * er / (er + 2.0);
}

PetscReal DepPauthenierCharge(PetscReal r, PetscReal E, PetscReal p)
{
  return 4.0 * PETSC_PI * DEP_EPS0 * r * r * PetscAbsReal(E) * p;
}

PetscReal DepChargingTime(PetscReal rho_ion, PetscReal Z)
{
  /* data_dry_physics.md 3.1 (CONFIRMED in code: Julia UnipolarCharging) */
  return 4.0 * DEP_EPS0 / (rho_ion * Z);
}

PetscReal DepPauthenierRate(PetscReal q, PetscReal qs, PetscReal tau)
{
  if (qs <= 0.0 || q >= qs) return 0.0;
  return qs / tau * PetscSqr(1.0 - q / qs);
}

PetscReal DepCaptureCoefficient(PetscReal r, PetscReal p, PetscReal Z, PetscReal E)
{
  return PETSC_PI * r * r * p * Z * PetscAbsReal(E);
}

PetscReal DepCunninghamFactor(PetscReal r, PetscReal lambda)
{
  /* Davies 1945 constants A1 = 1.257, A2 = 0.400, A3 = 0.55 (written with d: exp(-0.55 d/lambda) = exp(-1.1 r/lambda));
   * data_dry_calendering.md 1.3 (CONFIRMED) */
  return 1.0 + (lambda / r) * (1.257 + 0.400 * PetscExpReal(-1.1 * r / lambda));
}

PetscReal DepElectricalMobility(PetscReal q, PetscReal r, PetscReal Cc, PetscReal mu)
{
  return q * Cc / (6.0 * PETSC_PI * mu * r);
}

PetscReal DepSettlingVelocity(PetscReal rho_p, PetscReal r, PetscReal Cc, PetscReal mu)
{
  return rho_p * 4.0 * r * r * DEP_GRAVITY * Cc / (18.0 * mu);
}

PetscReal DepRelativeAirDensity(PetscReal p, PetscReal T)
{
  return p / DEP_PEEK_P_REF * DEP_PEEK_T_REF / T;
}

PetscReal DepPeekOnsetField(PetscReal r, PetscReal delta, PetscReal g0, PetscReal c)
{
  return g0 * delta * (1.0 + c / PetscSqrtReal(delta * r));
}

PetscReal DepPointTipFieldPerVolt(PetscReal r, PetscReal d)
{
  return 2.0 / (r * PetscLogReal(4.0 * d / r));
}

PetscReal DepSigmondSaturationCurrent(PetscReal Z, PetscReal V, PetscReal d)
{
  return 2.0 * DEP_EPS0 * Z * V * V / d;
}

PetscReal DepPointCoronaCurrent(PetscReal Z, PetscReal V, PetscReal Von, PetscReal d)
{
  if (V <= Von) return 0.0;
  return 2.0 * DEP_EPS0 * Z / d * V * (V - Von);
}

PetscReal DepEffectiveEmitterVoltage(PetscReal V, PetscReal Eext, PetscReal eL)
{
  return V + Eext / eL;
}

PetscReal DepSelfConsistentCoronaCurrent(PetscReal Z, PetscReal V, PetscReal Von, PetscReal d, PetscReal s)
{
  PetscReal lo = 0.0, hi = DepPointCoronaCurrent(Z, V, Von, d);
  if (s >= 0.0 || hi <= 0.0) return hi;
  for (PetscInt k = 0; k < 200 && hi - lo > 1e-14 * hi; k++) {
    const PetscReal cur = 0.5 * (lo + hi);
    if (cur - DepPointCoronaCurrent(Z, V + s * cur, Von, d) > 0.0)
      hi = cur;
    else
      lo = cur;
  }
  return 0.5 * (lo + hi);
}

PetscReal DepJetStreamFunction(PetscReal x, PetscReal z, PetscReal xg, PetscReal gap, PetscReal w0, PetscReal Q,
                               PetscReal k)
{
  const PetscReal b = 0.5 * w0 + k * PetscMax(gap - z, 0.0);
  return 0.5 * Q * PetscErfReal((x - xg) / b);
}

PetscReal DepAirRetained(PetscReal z, PetscReal lstag)
{
  return 1.0 - PetscExpReal(-PetscMax(z, 0.0) / lstag);
}

PetscReal DepWallDamping(PetscReal z, PetscReal ustar, PetscReal Dt)
{
  return PetscMin(1.0, DEP_KARMAN * ustar * PetscMax(z, 0.0) / Dt);
}

PetscReal DepRelaxationTime(PetscReal rho_p, PetscReal r, PetscReal Cc, PetscReal mu)
{
  return rho_p * 4.0 * r * r * Cc / (18.0 * mu);
}

PetscReal DepBrownianDiffusivity(PetscReal T, PetscReal r, PetscReal Cc, PetscReal mu)
{
  return DEP_BOLTZMANN * T * Cc / (6.0 * PETSC_PI * mu * r);
}

PetscReal DepWoodDepositionVelocity(PetscReal ustar, PetscReal nu, PetscReal DB, PetscReal tau_p)
{
  const PetscReal Sc = nu / DB, tplus = tau_p * ustar * ustar / nu;
  const PetscReal Vplus = 0.057 * PetscPowReal(Sc, -2.0 / 3.0) + 4.5e-4 * tplus * tplus;
  return PetscMin(Vplus, DEP_WOOD_CAP) * ustar;
}

PetscReal DepStickingFraction(PetscReal ve, PetscReal vo, PetscReal vcrit)
{
  const PetscReal e = PetscMax(ve, 0.0), o = PetscMax(vo, 0.0);
  if (e + o <= 0.0) return 1.0;
  return (e + (o <= vcrit ? o : 0.0)) / (e + o);
}

PetscReal DepLayerResistivity(const DepLayerComposition *c)
{
  const PetscReal vc    = c->percolation_threshold;
  PetscReal       sigma = 0.0;
  if (c->v_active > vc) sigma += 1.0 / c->rho_active * PetscSqr((c->v_active - vc) / (1.0 - vc));
  if (c->v_carbon > vc) sigma += 1.0 / c->rho_carbon * PetscSqr((c->v_carbon - vc) / (1.0 - vc));
  sigma += c->v_binder / c->rho_binder;
  return 1.0 / sigma;
}

PetscReal DepBackIonisationAcceptance(PetscReal E, PetscReal Ebd, PetscReal width)
{
  const PetscReal arg = (E / Ebd - 1.0) / width;
  if (arg > 50.0) return 0.0;
  return 1.0 / (1.0 + PetscExpReal(arg));
}

PetscReal DepLayerFieldAdvance(PetscReal E, PetscReal J, PetscReal er, PetscReal rho, PetscReal dt)
{
  const PetscReal tau  = DEP_EPS0 * er * rho;
  const PetscReal Einf = J * rho; /* steady ohmic field */
  /* written with expm1 so that very resistive layers (tau >> dt) keep their precision */
  return E * PetscExpReal(-dt / tau) - Einf * expm1(-dt / tau);
}

PetscReal DepIsothermalCompressionWork(PetscReal p_in, PetscReal p_out)
{
  return p_in * PetscLogReal(p_out / p_in);
}

void DepLedgerCompute(const DepLedgerInput *in, DepLedgerPower *out)
{
  const PetscReal air = in->guns * in->air_per_gun; /* Nm3/s */
  const PetscReal p0  = 101325.0;
  out->corona         = in->guns * in->voltage * in->current_per_gun / in->supply_efficiency;
  out->corona_min     = in->charging_energy;
  out->compressed_air = air * in->shop_air_specific_energy;
  /* free air at 0 C: the isothermal work to the gun pressure at the reference temperature of the normal m3 */
  out->compressed_air_min = air * DepIsothermalCompressionWork(p0, p0 + in->air_supply_gauge);
  out->overspray          = PetscMax(in->fed - in->deposited, 0.0);
  out->recovered          = in->recovery_efficiency * out->overspray;
  out->fresh              = in->deposited + (out->overspray - out->recovered);
  out->extraction_air     = PetscMax(out->overspray / in->dust_limit, air);
  out->extraction         = out->extraction_air * in->recovery_pressure_drop / in->fan_efficiency;
  out->recirculation = out->recovered / (in->conveying_loading * in->air_normal_density) * in->shop_air_specific_energy;
  out->premixing     = in->premixing_specific_energy * out->fresh;
}
