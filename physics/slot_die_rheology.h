/* Slurry rheology of the slot-die stage: generalised Newtonian laws (Newtonian, power law, Carreau), each with
 * an optional yield stress, and the viscometric flows the stage needs (plane Poiseuille in the slot, Poiseuille in
 * the manifold pipe, Couette-Poiseuille under the die lips, the wetting-line speed limit). All SI.
 * Equations and sources: docs/slot_die.md section 2. */
#pragma once
#include <petscsys.h>

typedef enum { SLURRY_NEWTONIAN, SLURRY_POWER_LAW, SLURRY_CARREAU } SlurryRheologyType;
PETSC_EXTERN const char *const SlurryRheologyTypes[]; /* "newtonian", "power_law", "carreau", NULL */

/* Shear stress at the shear rate g >= 0 (yield stress tau_y added for g > 0):
 *   Newtonian  tau = tau_y + K g           (K = mu)
 *   power law  tau = tau_y + K g^n         (K = mu_ref lambda^(n-1): mu_ref is the viscosity at g = 1/lambda)
 *   Carreau    tau = tau_y + g (eta_inf + (eta0 - eta_inf) (1 + (lambda g)^2)^((n-1)/2)) */
typedef struct {
  SlurryRheologyType type;
  PetscReal          K, n;                  /* Newtonian and power law: consistency (Pa s^n), flow index */
  PetscReal          eta0, eta_inf, lambda; /* Carreau: Pa s, Pa s, s (power law: lambda sets K) */
  PetscReal          tau_y;                 /* Pa */
} SlurryRheology;

/* Builders (the parameters as the case keys give them, SI). */
PETSC_EXTERN SlurryRheology SlurryNewtonian(PetscReal mu, PetscReal tau_y);
PETSC_EXTERN SlurryRheology SlurryPowerLaw(PetscReal mu_ref, PetscReal lambda, PetscReal n, PetscReal tau_y);
PETSC_EXTERN SlurryRheology SlurryCarreau(PetscReal eta0, PetscReal eta_inf, PetscReal lambda, PetscReal n,
                                          PetscReal tau_y);

PETSC_EXTERN PetscReal SlurryStress(const SlurryRheology *r, PetscReal g);    /* Pa, g >= 0 */
PETSC_EXTERN PetscReal SlurryViscosity(const SlurryRheology *r, PetscReal g); /* apparent tau/g, Pa s, g > 0 */
/* Shear rate at the stress s >= 0 (inverse of SlurryStress; 0 at or below the yield stress), 1/s. */
PETSC_EXTERN PetscReal SlurryShearRate(const SlurryRheology *r, PetscReal s);
/* The same, with the number of Newton steps of the Carreau inversion (0 for the closed forms; two to six from 0.3 Pa to
 * 1e5 Pa: the tests hold it). */
PETSC_EXTERN PetscReal SlurryShearRateSteps(const SlurryRheology *r, PetscReal s, PetscInt *steps);
/* M_k(g) = int_0^g tau(g')^k dg', k = 1, 2, 3 (closed form for the Newtonian and power laws and M_1 of Carreau;
 * Gauss-Legendre on geometric panels otherwise). */
PETSC_EXTERN PetscReal SlurryStressMoment(const SlurryRheology *r, PetscReal g, PetscInt k);
/* Phi_k(s) = int_0^s t^(k-1) f(t) dt, f = SlurryShearRate, k = 1, 2, 3, any sign of s (f odd):
 * Phi_k(s) = s^k f(s)/k - M_k(f(s))/k for s >= 0; Phi_1 even, Phi_2 odd, Phi_3 even. */
PETSC_EXTERN PetscReal SlurryFlowIntegral(const SlurryRheology *r, PetscReal s, PetscInt k);

/* Plane Poiseuille flow in a slot of gap H: flow per width at the wall stress tau_w, q = H^2 Phi_2(tau_w)/(2 tau_w^2)
 * (m2/s); the wall stress for a flow q (root of the former); pressure drop over the length L, 2 tau_w L/H (Pa). */
PETSC_EXTERN PetscReal      SlurrySlotFlow(const SlurryRheology *r, PetscReal H, PetscReal tau_w);
PETSC_EXTERN PetscErrorCode SlurrySlotPressureDrop(const SlurryRheology *r, PetscReal q, PetscReal H, PetscReal L,
                                                   PetscReal *dp);
/* Poiseuille flow in a pipe of radius R: Q = pi R^3 Phi_3(tau_w)/tau_w^3 (m3/s) and dQ/dtau_w. */
PETSC_EXTERN PetscReal      SlurryPipeFlow(const SlurryRheology *r, PetscReal R, PetscReal tau_w);
PETSC_EXTERN PetscReal      SlurryPipeFlowDerivative(const SlurryRheology *r, PetscReal R, PetscReal tau_w);
PETSC_EXTERN PetscErrorCode SlurryPipeWallStress(const SlurryRheology *r, PetscReal R, PetscReal Q, PetscReal *tau_w);
/* Couette-Poiseuille flow between a wall moving at U (y = 0) and a fixed lip (y = G) carrying the flow per width q
 * (any sign): the pressure gradient dp/dx along the web motion, Pa/m. Newtonian: 12 mu (U G/2 - q)/G^3 exactly;
 * otherwise the shear stress s0 + P y solves int_0^G F dy = -U and -int_0^G y F dy = q (F = du/dy = f(s), odd)
 * numerically (nested Brent root finding on P and s0, relative tolerance ~1e-13). */
PETSC_EXTERN PetscErrorCode SlurryCouettePoiseuille(const SlurryRheology *r, PetscReal U, PetscReal G, PetscReal q,
                                                    PetscReal *dpdx);
/* The Newton solve on (s0, P) alone: its = the Newton steps it took, or -1 when it failed (SlurryCouettePoiseuille
 * then falls back on the nested solve). Converges in a few steps from the Newtonian guess; the tests hold that. */
PETSC_EXTERN PetscErrorCode SlurryCouettePoiseuilleNewton(const SlurryRheology *r, PetscReal U, PetscReal G,
                                                          PetscReal q, PetscReal *dpdx, PetscInt *its);
/* The same by nested Brent root finding (s0 for each P, then P): the fallback when Newton on (s0, P) fails. */
PETSC_EXTERN PetscErrorCode SlurryCouettePoiseuilleNested(const SlurryRheology *r, PetscReal U, PetscReal G,
                                                          PetscReal q, PetscReal *dpdx);
