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
  /* the face flux of DryingBinderFlux with the face-independent factors taken out of the loop */
  PetscReal inv = 1.0 / (V + V_gel), adv = -dVdt * inv, d = D_b * V * inv / (h * h);
  PetscReal sgel = c_gel > 0.0 ? inv / c_gel : 0.0;
  PetscReal Fl   = 0.0; /* no flux through the foil */
  for (PetscInt i = 0; i < n; i++) {
    PetscReal Fr = 0.0; /* no binder leaves through the free surface */
    if (i < n - 1) {
      PetscReal dc  = xc[i + 1] - xc[i];
      PetscReal w   = (xf[i + 1] - xc[i]) / dc;
      PetscReal a   = adv * xf[i + 1];      /* advection speed in xi */
      PetscReal num = PetscAbsReal(a) * dc; /* cell Peclet number |a| dc / d = num / d */
      /* central for cell Pe <= 2, else blend to upwind with weight 2/Pe on the central value */
      PetscReal theta = num > 2.0 * d ? 2.0 * d / num : 1.0;
      PetscReal Bc    = (1.0 - w) * B[i] + w * B[i + 1];
      PetscReal Bu    = a >= 0.0 ? B[i] : B[i + 1];
      PetscReal Bf    = theta * Bc + (1.0 - theta) * Bu;
      PetscReal mob   = 1.0;
      if (sgel > 0.0) {
        PetscReal r = Bf * sgel, r2 = r * r;
        mob = 1.0 / (1.0 + r2 * r2);
      }
      Fr = mob * (a * Bf - d * (B[i + 1] - B[i]) / dc);
    }
    G[i] = -(Fr - Fl) / dx[i];
    Fl   = Fr;
  }
}

void DryingBinderJacobian(PetscInt n, const PetscReal xc[], const PetscReal xf[], const PetscReal dx[],
                          const PetscReal B[], PetscReal V, PetscReal dVdt, PetscReal h, PetscReal D_b, PetscReal V_gel,
                          PetscReal c_gel, PetscReal lower[], PetscReal diag[], PetscReal upper[])
{
  /* face i+1/2: F = mob(B_f) (a B_f - d (B_(i+1) - B_i)/dc), B_f = theta B_c + (1 - theta) B_u; dF/dB_i = fl,
     dF/dB_(i+1) = fr; G_i = -(F_(i+1/2) - F_(i-1/2))/dx_i */
  PetscReal inv = 1.0 / (V + V_gel), adv = -dVdt * inv, d = D_b * V * inv / (h * h);
  PetscReal sgel    = c_gel > 0.0 ? inv / c_gel : 0.0;
  PetscReal fl_prev = 0.0, fr_prev = 0.0; /* derivatives of the left face of cell i (none at the foil) */
  for (PetscInt i = 0; i < n; i++) {
    PetscReal fl = 0.0, fr = 0.0; /* no binder leaves through the free surface */
    if (i < n - 1) {
      PetscReal dc    = xc[i + 1] - xc[i];
      PetscReal w     = (xf[i + 1] - xc[i]) / dc;
      PetscReal a     = adv * xf[i + 1];
      PetscReal num   = PetscAbsReal(a) * dc;
      PetscReal theta = num > 2.0 * d ? 2.0 * d / num : 1.0;
      PetscReal Bc    = (1.0 - w) * B[i] + w * B[i + 1];
      PetscReal Bu    = a >= 0.0 ? B[i] : B[i + 1];
      PetscReal Bf = theta * Bc + (1.0 - theta) * Bu, grad = (B[i + 1] - B[i]) / dc;
      PetscReal dBf_l = theta * (1.0 - w) + (a >= 0.0 ? 1.0 - theta : 0.0);
      PetscReal dBf_r = theta * w + (a >= 0.0 ? 0.0 : 1.0 - theta);
      PetscReal mob = 1.0, dmob = 0.0, core = a * Bf - d * grad;
      if (sgel > 0.0) {
        PetscReal r = Bf * sgel, r2 = r * r;
        mob  = 1.0 / (1.0 + r2 * r2);
        dmob = -4.0 * r2 * r * sgel * mob * mob;
      }
      fl = (dmob * core + mob * a) * dBf_l + mob * d / dc;
      fr = (dmob * core + mob * a) * dBf_r - mob * d / dc;
    }
    lower[i] = fl_prev / dx[i];
    diag[i]  = (fr_prev - fl) / dx[i];
    upper[i] = -fr / dx[i];
    fl_prev  = fl;
    fr_prev  = fr;
  }
}
