/* Pure physics of convective film drying; equations and sources in docs/drying.md. */
#include "drying_model.h"

PetscReal DryingSmoothRamp(PetscReal x, PetscReal w)
{
  if (x <= -w) return 0.0;
  if (x >= w) return x;
  return (x + w) * (x + w) / (4.0 * w);
}

void DryingFilmGeometry(const DryingFilmParams *p, PetscReal V, DryingFilmState *st)
{
  PetscReal hd      = p->solids_volume / (1.0 - p->dry_porosity);
  PetscReal Vp      = p->dry_porosity * hd; /* pore volume of the consolidated film */
  PetscReal S       = V / Vp;
  PetscReal wS      = 0.02 * p->critical_saturation; /* width of the smoothing of the surface-dry switch */
  PetscReal Sr      = p->residual_saturation;
  st->dry_thickness = hd;
  /* shrinkage while V > Vp (h = H_s + V), then h = h_d; C1 joint over 0.1 % of the pore volume */
  st->h          = hd + DryingSmoothRamp(V - Vp, 1e-3 * Vp);
  st->saturation = S;
  /* not capped at h_d: S < 0 is round-off only, and a cap would put a kink where the solution sits */
  st->dry_layer = hd * DryingSmoothRamp(p->critical_saturation - S, wS) / p->critical_saturation;
  /* a = S/(S + S_r): the last solvent is held (sorbed) and leaves ever slower; keeps V > 0 */
  st->activity = S > 0.0 ? S / (S + Sr) : S / Sr;
}

PetscReal DryingMassTransferCoefficient(PetscReal alpha, PetscReal lewis, PetscReal T_gas, PetscReal p)
{
  return alpha / (AirDensity(T_gas, p) * AirHeatCapacity(T_gas) * PetscPowReal(lewis, 2.0 / 3.0));
}

PetscReal DryingVapourConductance(PetscReal beta, PetscReal dry_layer, PetscReal tortuosity, PetscReal porosity,
                                  PetscReal D_vapour)
{
  return 1.0 / (1.0 / beta + dry_layer * tortuosity / (porosity * D_vapour));
}

PetscReal DryingEvaporationFlux(const Solvent *s, PetscReal g, PetscReal T_s, PetscReal T_air, PetscReal p,
                                PetscReal y_inf, PetscReal activity)
{
  PetscReal T_g   = 0.5 * (T_s + T_air);
  PetscReal p_s   = activity * SolventVapourPressure(s, T_s);
  PetscReal p_inf = y_inf * p;
  if (p_s > 0.99 * p) p_s = 0.99 * p;
  return g * p * s->molar_mass / (GAS_CONSTANT * T_g) * PetscLogReal((p - p_inf) / (p - p_s));
}

PetscReal DryingMartinNusselt(PetscReal Re, PetscReal Pr, PetscReal Ar, PetscReal H_over_D, PetscBool array)
{
  PetscReal sa = PetscSqrtReal(Ar);
  PetscReal G  = 2.0 * sa * (1.0 - 2.2 * sa) / (1.0 + 0.2 * (H_over_D - 6.0) * sa);
  if (array) {
    PetscReal K = PetscPowReal(1.0 + PetscPowReal(H_over_D / (0.6 / sa), 6.0), -0.05);
    return PetscPowReal(Pr, 0.42) * K * G * 0.5 * PetscPowReal(Re, 2.0 / 3.0);
  }
  return PetscPowReal(Pr, 0.42) * G * 2.0 * PetscSqrtReal(Re) * PetscSqrtReal(1.0 + 0.005 * PetscPowReal(Re, 0.55));
}

PetscReal DryingNozzleOpenArea(PetscReal D, PetscReal pitch)
{
  return PETSC_PI * D * D / (4.0 * pitch * pitch);
}

PetscReal DryingNozzleReynolds(PetscReal v, PetscReal D, PetscReal T_air)
{
  return AirDensity(T_air, ATMOSPHERIC_PRESSURE) * v * D / AirViscosity(T_air);
}

PetscReal DryingNozzleHeatTransfer(PetscReal v, PetscReal D, PetscReal pitch, PetscReal H, PetscReal T_air,
                                   PetscBool array)
{
  PetscReal mu = AirViscosity(T_air), k = AirThermalConductivity(T_air);
  PetscReal Re = DryingNozzleReynolds(v, D, T_air), Pr = mu * AirHeatCapacity(T_air) / k;
  return DryingMartinNusselt(Re, Pr, DryingNozzleOpenArea(D, pitch), H / D, array) * k / D;
}

PetscErrorCode DryingWetBulbTemperature(const Solvent *s, PetscReal alpha, PetscReal lewis, PetscReal T_air,
                                        PetscReal p, PetscReal y_inf, PetscReal *T_wb)
{
  PetscReal lo = 200.0, hi = T_air;
  PetscFunctionBeginUser;
  for (PetscInt it = 0; it < 200; it++) {
    PetscReal T    = 0.5 * (lo + hi);
    PetscReal beta = DryingMassTransferCoefficient(alpha, lewis, 0.5 * (T + T_air), p);
    PetscReal res =
        alpha * (T_air - T) - DryingEvaporationFlux(s, beta, T, T_air, p, y_inf, 1.0) * SolventLatentHeat(s, T);
    if (res > 0.0)
      lo = T; /* more heat in than used: the film warms */
    else
      hi = T;
    if (hi - lo < 1e-12 * T_air) break;
  }
  *T_wb = 0.5 * (lo + hi);
  PetscFunctionReturn(0);
}

PetscReal DryingBinderFlux(PetscReal xi, PetscReal B_face, PetscReal dBdxi, PetscReal V, PetscReal dVdt, PetscReal h,
                           PetscReal D_b, PetscReal V_gel, PetscReal c_gel)
{
  PetscReal mobility = 1.0;
  if (c_gel > 0.0) {
    PetscReal r = B_face / ((V + V_gel) * c_gel);
    mobility    = 1.0 / (1.0 + r * r * r * r);
  }
  /* V is used as it is (no max(V, 0)): it only dips below zero by round-off once dry, and a kink there
     stalls Newton */
  return mobility * (-dVdt * xi * B_face / (V + V_gel) - D_b * V / ((V + V_gel) * h * h) * dBdxi);
}

void DryingBinderRHS(PetscInt n, const PetscReal xc[], const PetscReal xf[], const PetscReal dx[], const PetscReal B[],
                     PetscReal V, PetscReal dVdt, PetscReal h, PetscReal D_b, PetscReal V_gel, PetscReal c_gel,
                     PetscReal G[])
{
  PetscReal Fl = 0.0; /* no flux through the foil */
  for (PetscInt i = 0; i < n; i++) {
    PetscReal Fr = 0.0; /* no binder leaves through the free surface */
    if (i < n - 1) {
      PetscReal dc    = xc[i + 1] - xc[i];
      PetscReal w     = (xf[i + 1] - xc[i]) / dc;
      PetscReal a     = -dVdt * xf[i + 1] / (V + V_gel); /* advection speed in xi */
      PetscReal d     = D_b * V / ((V + V_gel) * h * h); /* diffusivity in xi */
      PetscReal Pe    = d > 0.0 ? PetscAbsReal(a) * dc / d : PETSC_INFINITY;
      PetscReal theta = Pe > 2.0 ? 2.0 / Pe : 1.0; /* central for cell Pe <= 2, else blend to upwind */
      PetscReal Bc    = (1.0 - w) * B[i] + w * B[i + 1];
      PetscReal Bu    = a >= 0.0 ? B[i] : B[i + 1];
      Fr = DryingBinderFlux(xf[i + 1], theta * Bc + (1.0 - theta) * Bu, (B[i + 1] - B[i]) / dc, V, dVdt, h, D_b, V_gel,
                            c_gel);
    }
    G[i] = -(Fr - Fl) / dx[i];
    Fl   = Fr;
  }
}
