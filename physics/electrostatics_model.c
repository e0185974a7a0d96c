/* Pure physics of electrostatic powder deposition: charging, mobility, jet, layer resistivity, back-ionisation. */
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

PetscReal DepJetStreamFunction(PetscReal x, PetscReal z, PetscReal xg, PetscReal gap, PetscReal w0, PetscReal u0,
                               PetscReal k, PetscReal lstag)
{
  const PetscReal s  = PetscMax(gap - z, 0.0);
  const PetscReal b0 = 0.5 * w0;
  const PetscReal b  = b0 + k * s;
  const PetscReal uc = u0 * PetscSqrtReal(b0 / b);
  const PetscReal Q  = uc * b * PetscSqrtReal(PETSC_PI); /* volume flux of the Gaussian jet, m2/s */
  const PetscReal h  = 1.0 - PetscExpReal(-PetscMax(z, 0.0) / lstag);
  return 0.5 * Q * PetscErfReal((x - xg) / b) * h;
}

PetscReal DepLayerResistivity(const DepLayerComposition *c)
{
  const PetscReal vc    = c->percolation_threshold;
  PetscReal       sigma = 0.0;
  if (c->v_active > vc) sigma += c->contact_factor / c->rho_active * PetscSqr((c->v_active - vc) / (1.0 - vc));
  if (c->v_carbon > vc) sigma += c->contact_factor / c->rho_carbon * PetscSqr((c->v_carbon - vc) / (1.0 - vc));
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

PetscReal DepAdiabaticCompressionWork(PetscReal p_in, PetscReal p_out, PetscReal gamma)
{
  const PetscReal e = (gamma - 1.0) / gamma;
  return p_in / e * (PetscPowReal(p_out / p_in, e) - 1.0);
}
