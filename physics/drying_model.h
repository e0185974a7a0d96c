/* Pure physics of convective film drying (docs/drying.md): gas-side heat and mass transfer, film
 * geometry through the shrinkage and pore-emptying periods, and the finite-volume right-hand side of
 * the binder transport equation on the Landau grid. No PETSc objects: tests call these directly. */
#pragma once
#include <petscsys.h>
#include "materials.h"

/* C1 ramp: 0 for x <= -w, x for x >= w, (x + w)^2 / (4 w) between (smooth max(x, 0)). */
PETSC_EXTERN PetscReal DryingSmoothRamp(PetscReal x, PetscReal w);

/* Film made of solids (fixed) and solvent (volume per area V). */
typedef struct {
  PetscReal solids_volume;       /* H_s, m3 of dense solids per m2 (m) */
  PetscReal dry_porosity;        /* eps_d, porosity of the consolidated (dry) film (-) */
  PetscReal critical_saturation; /* S_crit: the surface stays wet above it (-) */
  PetscReal residual_saturation; /* S_r: solvent activity a = S / (S + S_r) (-), regularises the end */
  PetscReal tortuosity;          /* tau of the dry top layer (-) */
} DryingFilmParams;

typedef struct {
  PetscReal h;             /* film thickness (m) */
  PetscReal dry_thickness; /* h_d = H_s / (1 - eps_d) (m) */
  PetscReal saturation;    /* S = V / (eps_d h_d), > 1 in the shrinkage period (-) */
  PetscReal dry_layer;     /* delta, thickness of the dry top layer (m) */
  PetscReal activity;      /* solvent activity at the receding surface (-) */
} DryingFilmState;

PETSC_EXTERN void DryingFilmGeometry(const DryingFilmParams *p, PetscReal V, DryingFilmState *st);

/* Chilton-Colburn (Lewis) analogy: beta = alpha / (rho_g cp_g Le^(2/3)) in m/s, gas properties of dry
 * air at the gas-film temperature T_gas and pressure p. */
PETSC_EXTERN PetscReal DryingMassTransferCoefficient(PetscReal alpha, PetscReal lewis, PetscReal T_gas, PetscReal p);
/* Series conductance of the gas boundary layer (beta) and the dry top layer (delta tau / (eps D_v)), m/s. */
PETSC_EXTERN PetscReal DryingVapourConductance(PetscReal beta, PetscReal dry_layer, PetscReal tortuosity,
                                               PetscReal porosity, PetscReal D_vapour);
/* Evaporation flux (kg/(m2 s)), Stefan (log) form:
 *   m'' = g (p M_s / (R T_g)) ln((p - p_inf) / (p - a p_sat(T_s))),  T_g = (T_s + T_air)/2,
 * p_inf = y_inf p. The surface partial pressure is capped at 0.99 p (boiling is outside the model). */
PETSC_EXTERN PetscReal DryingEvaporationFlux(const Solvent *s, PetscReal g, PetscReal T_s, PetscReal T_air, PetscReal p,
                                             PetscReal y_inf, PetscReal activity);
/* Martin's impinging round-jet correlation, Nu = h D / k_air:
 *   single nozzle per cell (CONFIRMED form):  Nu/Pr^0.42 = G(Ar, H/D) 2 Re^0.5 (1 + 0.005 Re^0.55)^0.5
 *   array form (UNCONFIRMED, from memory):      Nu/Pr^0.42 = K(Ar, H/D) G(Ar, H/D) 0.5 Re^(2/3)
 * G = 2 Ar^0.5 (1 - 2.2 Ar^0.5) / (1 + 0.2 (H/D - 6) Ar^0.5), K = [1 + ((H/D)/(0.6/Ar^0.5))^6]^(-0.05). */
PETSC_EXTERN PetscReal DryingMartinNusselt(PetscReal Re, PetscReal Pr, PetscReal Ar, PetscReal H_over_D,
                                           PetscBool array);
/* Heat transfer coefficient (W/(m2 K)) of a square nozzle field: jet velocity v, nozzle diameter D,
 * pitch, nozzle-to-web distance H, air at T_air. Ar = pi D^2 / (4 pitch^2) (open area fraction). */
PETSC_EXTERN PetscReal DryingNozzleHeatTransfer(PetscReal v, PetscReal D, PetscReal pitch, PetscReal H, PetscReal T_air,
                                                PetscBool array);
PETSC_EXTERN PetscReal DryingNozzleOpenArea(PetscReal D, PetscReal pitch);
/* Nozzle Reynolds number rho v D / mu of air at T_air and atmospheric pressure. */
PETSC_EXTERN PetscReal DryingNozzleReynolds(PetscReal v, PetscReal D, PetscReal T_air);
/* Validity of Martin's correlations (data_wet.md 2.1, CONFIRMED for the single-nozzle form). */
#define DRYING_MARTIN_RE_MIN 2000.0
#define DRYING_MARTIN_RE_MAX 4.0e5
#define DRYING_MARTIN_HD_MIN 2.0
#define DRYING_MARTIN_HD_MAX 12.0
#define DRYING_MARTIN_AR_MIN 0.004
#define DRYING_MARTIN_AR_MAX 0.04
/* Wet-bulb (steady film) temperature: alpha (T_air - T) = m''(T) dHv(T) with the surface fully wet,
 * heat from the top only; bisection between the dew point of the air and T_air. */
PETSC_EXTERN PetscErrorCode DryingWetBulbTemperature(const Solvent *s, PetscReal alpha, PetscReal lewis,
                                                     PetscReal T_air, PetscReal p, PetscReal y_inf, PetscReal *T_wb);
/* Binder transport on the Landau grid, dB_i/dt = G_i. B: binder mass per m2 per unit xi in each cell.
 * Flux relative to the particles (which are fixed in xi):
 *   F(xi) = -dVdt xi B / (V + V_gel) - D_b V / ((V + V_gel) h^2) dB/dxi,   F(0) = F(1) = 0,
 * the liquid (volume per area V, uniform through the depth) carrying the dissolved binder at
 * concentration B / V upwards; V_gel switches the binder off once the liquid is nearly gone.
 * Central (second-order) face values where the cell Peclet number |a| dxi / d <= 2; above, the face
 * value blends towards upwind with weight 2/Pe on the central value, which caps the effective cell
 * Peclet number at 2 and keeps B >= 0. n cells, xc centres, xf faces, dx widths. */
/* c_gel > 0: the binder gels where its concentration in the liquid c = B / (V + V_gel) passes c_gel;
 * the flux is multiplied by 1 / (1 + (c / c_gel)^4). c_gel = 0: no gelation. */
PETSC_EXTERN void DryingBinderRHS(PetscInt n, const PetscReal xc[], const PetscReal xf[], const PetscReal dx[],
                                  const PetscReal B[], PetscReal V, PetscReal dVdt, PetscReal h, PetscReal D_b,
                                  PetscReal V_gel, PetscReal c_gel, PetscReal G[]);
/* Exact derivatives of DryingBinderRHS with respect to B (tridiagonal): lower[i] = dG_i/dB_(i-1) (lower[0] = 0),
 * diag[i] = dG_i/dB_i, upper[i] = dG_i/dB_(i+1) (upper[n-1] = 0). V, dVdt, h are held fixed. */
PETSC_EXTERN void DryingBinderJacobian(PetscInt n, const PetscReal xc[], const PetscReal xf[], const PetscReal dx[],
                                       const PetscReal B[], PetscReal V, PetscReal dVdt, PetscReal h, PetscReal D_b,
                                       PetscReal V_gel, PetscReal c_gel, PetscReal lower[], PetscReal diag[],
                                       PetscReal upper[]);
/* The face flux alone (for MMS sources and the cell Peclet number). */
PETSC_EXTERN PetscReal DryingBinderFlux(PetscReal xi, PetscReal B_face, PetscReal dBdxi, PetscReal V, PetscReal dVdt,
                                        PetscReal h, PetscReal D_b, PetscReal V_gel, PetscReal c_gel);
