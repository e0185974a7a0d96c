/* Pure physics of electrostatic powder deposition (SI units throughout). Every function is a pure function of
 * its arguments so that the unit tests call them with hand-computed numbers. Sources in docs/deposition.md and
 * /work/shared/reference/data_dry_calendering.md (sections 1.1-1.8). */
#pragma once
#include <petscsys.h>

#define DEP_EPS0      8.8541878128e-12 /* F/m, vacuum permittivity, CODATA 2018 */
#define DEP_BOLTZMANN 1.380649e-23     /* J/K, exact (SI 2019) */
#define DEP_GRAVITY   9.80665          /* m/s2, standard gravity */
#define DEP_AIR_MEAN_FREE_PATH                                                                                         \
  0.066e-6 /* m, air at STP (UFL aerosol notes; data_dry_calendering.md 1.3, CONFIRMED)                                \
            */

/* Pauthenier factor p: 3 for a conductor, 3 er/(er + 2) for a dielectric sphere of relative permittivity er. */
PETSC_EXTERN PetscReal DepPauthenierFactor(PetscReal relative_permittivity, PetscBool conductor);
/* Saturation field charge q_s = 4 pi eps0 r^2 E p (C, magnitude), r particle radius (m), E charging field (V/m). */
PETSC_EXTERN PetscReal DepPauthenierCharge(PetscReal radius, PetscReal field, PetscReal p);
/* Cunningham slip correction, Davies constants: Cc = 1 + (lambda/r) [1.257 + 0.400 exp(-1.1 r/lambda)]. */
PETSC_EXTERN PetscReal DepCunninghamFactor(PetscReal radius, PetscReal mean_free_path);
/* Electrical mobility Z = q Cc / (6 pi mu r) (m2/(V s)), q charge magnitude (C), mu gas viscosity (Pa s). */
PETSC_EXTERN PetscReal DepElectricalMobility(PetscReal charge, PetscReal radius, PetscReal Cc, PetscReal viscosity);
/* Stokes settling velocity v = rho_p (2r)^2 g Cc / (18 mu) (m/s). */
PETSC_EXTERN PetscReal DepSettlingVelocity(PetscReal particle_density, PetscReal radius, PetscReal Cc,
                                           PetscReal viscosity);

/* Carrier-air jet of one gun (plane jet in the gap x width section, see docs/deposition.md): stream function
 * psi (m2/s) at (x, z); z = 0 is the foil, the gun nozzle (centre x_gun, exit width nozzle_width, exit velocity
 * u0 toward the foil) sits at z = gap. Jet half-width b = nozzle_width/2 + spreading_rate * (gap - z), centreline
 * velocity u0 sqrt(b0/b) (momentum flux conserved), Gaussian profile; the factor 1 - exp(-z/stagnation) turns the
 * jet into a wall jet at the foil. u_x = dpsi/dz, u_z = -dpsi/dx, so face fluxes from psi differences are exactly
 * divergence free. */
PETSC_EXTERN PetscReal DepJetStreamFunction(PetscReal x, PetscReal z, PetscReal x_gun, PetscReal gap,
                                            PetscReal nozzle_width, PetscReal u0, PetscReal spreading_rate,
                                            PetscReal stagnation_length);

/* Composition of the as-deposited powder layer for its resistivity. Volume fractions are of the whole layer
 * (solids fraction = 1 - porosity). */
typedef struct {
  PetscReal v_active, v_carbon, v_binder;       /* -, volume fractions in the layer */
  PetscReal rho_active, rho_carbon, rho_binder; /* Ohm m, dense-material resistivities */
  PetscReal percolation_threshold;              /* -, critical volume fraction of a conducting network */
  PetscReal contact_factor;                     /* -, loose-powder contact conductance over dense contact */
} DepLayerComposition;
/* Layer resistivity (Ohm m) from composition: each conducting network (active, carbon) above the percolation
 * threshold conducts sigma_i f ((v_i - v_c)/(1 - v_c))^2 (3D percolation exponent t = 2), f the contact factor;
 * below threshold it adds nothing; the binder matrix adds sigma_b v_b in parallel. */
PETSC_EXTERN PetscReal DepLayerResistivity(const DepLayerComposition *comp);

/* Back-ionisation: fraction of the arriving powder that the layer accepts, a smooth step that is 1 well below
 * the breakdown field, 1/2 at E_layer = E_bd and falls to 0 above it (width: relative width of the step). */
PETSC_EXTERN PetscReal DepBackIonisationAcceptance(PetscReal layer_field, PetscReal breakdown_field, PetscReal width);
/* Field across an ohmic layer charged by current density J (A/m2): leaky capacitor
 * dE/dt = J/(eps0 er) - E/tau, tau = eps0 er rho, integrated exactly over dt with J constant. */
PETSC_EXTERN PetscReal DepLayerFieldAdvance(PetscReal E_old, PetscReal current_density, PetscReal relative_permittivity,
                                            PetscReal resistivity, PetscReal dt);

/* Compressor work per unit volume of free air (J/m3 at p_in) to deliver it at p_out:
 * isothermal p_in ln(p_out/p_in) (the thermodynamic minimum) and adiabatic
 * gamma/(gamma-1) p_in [(p_out/p_in)^((gamma-1)/gamma) - 1]. */
PETSC_EXTERN PetscReal DepIsothermalCompressionWork(PetscReal p_in, PetscReal p_out);
PETSC_EXTERN PetscReal DepAdiabaticCompressionWork(PetscReal p_in, PetscReal p_out, PetscReal gamma);
