/* Pure physics of electrostatic powder deposition (SI units throughout). Every function is a pure function of
 * its arguments so that the unit tests call them with hand-computed numbers. Sources in docs/deposition.md,
 * /work/shared/reference/data_dry_calendering.md (sections 1.1-1.8) and data_dry_physics.md (sections 1-7). */
#pragma once
#include <petscsys.h>

#define DEP_EPS0       8.8541878128e-12 /* F/m, vacuum permittivity, CODATA 2018 */
#define DEP_BOLTZMANN  1.380649e-23     /* J/K, exact (SI 2019) */
#define DEP_ELEMENTARY 1.602176634e-19  /* C, exact (SI 2019) */
#define DEP_GRAVITY    9.80665          /* m/s2, standard gravity */
#define DEP_KARMAN     0.41             /* -, von Karman constant (log law of the wall) */
#define DEP_PEEK_T_REF 298.15           /* K, Peek's reference temperature (25 C, data_dry_physics.md 1.1) */
#define DEP_PEEK_P_REF 101325.0         /* Pa, Peek's reference pressure (76 cmHg) */
#define DEP_WOOD_CAP   0.13             /* -, cap of Wood's dimensionless deposition velocity (UNCONFIRMED, data 6) */
#define DEP_AIR_MEAN_FREE_PATH                                                                                         \
  0.066e-6 /* m, air at STP (UFL aerosol notes; data_dry_calendering.md 1.3, CONFIRMED)                                \
            */

/* ---- particle charging and motion ---- */
/* Pauthenier factor p: 3 for a conductor, 3 er/(er + 2) for a dielectric sphere of relative permittivity er. */
PETSC_EXTERN PetscReal DepPauthenierFactor(PetscReal relative_permittivity, PetscBool conductor);
/* Saturation field charge q_s = 4 pi eps0 r^2 E p (C, magnitude), r particle radius (m), E charging field (V/m). */
PETSC_EXTERN PetscReal DepPauthenierCharge(PetscReal radius, PetscReal field, PetscReal p);
/* Field-charging time constant tau = 4 eps0/(rho_ion Z_ion) (s), rho_ion ion charge density (C/m3, magnitude). */
PETSC_EXTERN PetscReal DepChargingTime(PetscReal ion_charge_density, PetscReal ion_mobility);
/* Pauthenier charging rate dq/dt = (q_s/tau)(1 - q/q_s)^2 (C/s), zero at and above saturation. */
PETSC_EXTERN PetscReal DepPauthenierRate(PetscReal q, PetscReal q_s, PetscReal tau);
/* Ion capture coefficient A = pi r^2 p Z_ion E (m3/s): dq/dt = A rho_ion (1 - q/q_s)^2, the same rate. */
PETSC_EXTERN PetscReal DepCaptureCoefficient(PetscReal radius, PetscReal p, PetscReal ion_mobility, PetscReal field);
/* Cunningham slip correction, Davies constants: Cc = 1 + (lambda/r) [1.257 + 0.400 exp(-1.1 r/lambda)]. */
PETSC_EXTERN PetscReal DepCunninghamFactor(PetscReal radius, PetscReal mean_free_path);
/* Electrical mobility Z = q Cc / (6 pi mu r) (m2/(V s)), q charge magnitude (C), mu gas viscosity (Pa s). */
PETSC_EXTERN PetscReal DepElectricalMobility(PetscReal charge, PetscReal radius, PetscReal Cc, PetscReal viscosity);
/* Stokes settling velocity v = rho_p (2r)^2 g Cc / (18 mu) (m/s). */
PETSC_EXTERN PetscReal DepSettlingVelocity(PetscReal particle_density, PetscReal radius, PetscReal Cc,
                                           PetscReal viscosity);

/* ---- corona emitter ---- */
/* Relative air density delta = (p/p_ref)(T_ref/T), Peek's reference 25 C and 76 cmHg. */
PETSC_EXTERN PetscReal DepRelativeAirDensity(PetscReal pressure, PetscReal temperature);
/* Peek's onset field E_on = g0 delta (1 + c/sqrt(delta r)) (V/m): g0 in V/m, c in m^(1/2), r emitter radius (m)
 * (wire form with g0 = 30-32 kV/cm, c = 0.301 cm^(1/2): data_dry_physics.md 1.1, CONFIRMED). */
PETSC_EXTERN PetscReal DepPeekOnsetField(PetscReal radius, PetscReal delta, PetscReal g0, PetscReal c);
/* Laplace field at the tip of a hyperboloid point of tip radius r at distance d from a grounded plane, per volt:
 * 2/(r ln(4d/r)) (1/m). The onset voltage is E_on over it. */
PETSC_EXTERN PetscReal DepPointTipFieldPerVolt(PetscReal radius, PetscReal distance);
/* Sigmond's unipolar saturation current of a point-to-plane corona, 2 eps0 Z V^2/d (A). */
PETSC_EXTERN PetscReal DepSigmondSaturationCurrent(PetscReal ion_mobility, PetscReal voltage, PetscReal distance);
/* Sub-grid point-to-plane corona with Kaptzov's condition (the emitter field stays at onset): the current of a
 * unipolar space-charge-dominated point-to-plane corona, I = C V (V - V_on) (Townsend's form) with C = 2 eps0 Z/d so
 * that it approaches Sigmond's saturation current 2 eps0 Z V^2/d for V >> V_on and stays below it; 0 at and below
 * onset. V is the effective voltage of the emitter: the gun voltage less the share of its field that the space charge
 * around it (powder cloud, neighbouring guns' ions) takes away (DepEffectiveEmitterVoltage). */
PETSC_EXTERN PetscReal DepPointCoronaCurrent(PetscReal ion_mobility, PetscReal voltage, PetscReal onset_voltage,
                                             PetscReal distance);
/* Effective emitter voltage V + E_ext/e_L: E_ext (V/m, < 0 when the space charge lowers the emitter field) is the field
 * of the external space charge on the emitter patch, e_L the field the bare gun puts there per volt. */
PETSC_EXTERN PetscReal DepEffectiveEmitterVoltage(PetscReal voltage, PetscReal external_field,
                                                  PetscReal field_per_volt);
/* The current that is consistent with its own effect on the external space charge when that charge grows in
 * proportion to the current: I = DepPointCoronaCurrent(V + s I) with s = dV/dI <= 0 (V per A, from the last sweep:
 * the voltage drop of the external charge over the current that made it). Unique root (the right side falls as I
 * grows), found by bisection on [0, I(V)]. s >= 0 gives the current at V. */
PETSC_EXTERN PetscReal DepSelfConsistentCoronaCurrent(PetscReal ion_mobility, PetscReal voltage,
                                                      PetscReal onset_voltage, PetscReal distance,
                                                      PetscReal drop_per_ampere);

/* ---- carrier air and the foil ---- */
/* Stream function (m2/s) of one gun's plane jet carrying the volume flux Q (m2/s per metre of machine direction)
 * from the nozzle (centre x_gun, width nozzle_width) at z = gap towards the foil at z = 0: Gaussian profile of
 * half-width b = nozzle_width/2 + spreading_rate (gap - z), psi = Q/2 erf((x - x_gun)/b); u_x = dpsi/dz,
 * u_z = -dpsi/dx, so the jet carries Q at every height (no entrainment). */
PETSC_EXTERN PetscReal DepJetStreamFunction(PetscReal x, PetscReal z, PetscReal x_gun, PetscReal gap,
                                            PetscReal nozzle_width, PetscReal Q, PetscReal spreading_rate);
/* Share of the jet air still in the section plane at height z: 1 - exp(-z/stagnation_length). The rest has turned
 * along the machine direction and leaves the spray zone there (the machine-direction exit of the air). */
PETSC_EXTERN PetscReal DepAirRetained(PetscReal z, PetscReal stagnation_length);
/* Turbulent diffusivity damping towards the wall: min(1, kappa u* z / D_t) (mixing length kappa z). */
PETSC_EXTERN PetscReal DepWallDamping(PetscReal z, PetscReal friction_velocity, PetscReal turbulent_diffusivity);
/* Particle relaxation time tau_p = rho_p (2r)^2 Cc/(18 mu) (s). */
PETSC_EXTERN PetscReal DepRelaxationTime(PetscReal particle_density, PetscReal radius, PetscReal Cc,
                                         PetscReal viscosity);
/* Brownian diffusivity D_B = kT Cc/(6 pi mu r) (m2/s). */
PETSC_EXTERN PetscReal DepBrownianDiffusivity(PetscReal temperature, PetscReal radius, PetscReal Cc,
                                              PetscReal viscosity);
/* Turbulent deposition velocity (m/s) of Wood's form: V+ = 0.057 Sc^(-2/3) + 4.5e-4 tau+^2, capped at 0.13,
 * V_d = V+ u*; Sc = nu/D_B, tau+ = tau_p u*^2/nu (data_dry_physics.md 6: form CONFIRMED in code, cap and attribution
 * to Wood 1981 UNCONFIRMED). Gravity is not included (settling is a separate velocity). */
PETSC_EXTERN PetscReal DepWoodDepositionVelocity(PetscReal friction_velocity, PetscReal kinematic_viscosity,
                                                 PetscReal brownian_diffusivity, PetscReal relaxation_time);
/* Sticking criterion at the foil: the flux driven by the field (drift velocity v_e >= 0) stays (the field returns a
 * rebounding charged particle within a hop of micrometres); the flux that arrives by settling and turbulence
 * (v_other) stays if its normal speed does not exceed the critical sticking velocity v_crit and rebounds otherwise.
 * Returns the fraction that stays. */
PETSC_EXTERN PetscReal DepStickingFraction(PetscReal drift_velocity, PetscReal other_velocity,
                                           PetscReal critical_velocity);

/* ---- the layer ---- */
/* Composition of the as-deposited powder layer for its resistivity. Volume fractions are of the whole layer
 * (solids fraction = 1 - porosity). */
typedef struct {
  PetscReal v_active, v_carbon, v_binder;       /* -, volume fractions in the layer */
  PetscReal rho_active, rho_carbon, rho_binder; /* Ohm m, dense-material resistivities */
  PetscReal percolation_threshold;              /* -, critical volume fraction of a conducting network */
} DepLayerComposition;
/* Layer resistivity (Ohm m) from composition: each conducting network (active, carbon) above the percolation
 * threshold conducts sigma_i ((v_i - v_c)/(1 - v_c))^2 (3D percolation exponent t = 2); below threshold it adds
 * nothing; the binder matrix adds sigma_b v_b in parallel. */
PETSC_EXTERN PetscReal DepLayerResistivity(const DepLayerComposition *comp);
/* Back-ionisation: fraction of the arriving powder that the layer accepts, a smooth step that is 1 well below
 * the breakdown field, 1/2 at E_layer = E_bd and falls to 0 above it (width: relative width of the step). */
PETSC_EXTERN PetscReal DepBackIonisationAcceptance(PetscReal layer_field, PetscReal breakdown_field, PetscReal width);
/* Field across an ohmic layer charged by current density J (A/m2): leaky capacitor
 * dE/dt = J/(eps0 er) - E/tau, tau = eps0 er rho, integrated exactly over dt with J constant. */
PETSC_EXTERN PetscReal DepLayerFieldAdvance(PetscReal E_old, PetscReal current_density, PetscReal relative_permittivity,
                                            PetscReal resistivity, PetscReal dt);

/* ---- dry ledger ---- */
/* Compressor work per unit volume of free air (J/m3 at p_in) to deliver it at p_out: isothermal
 * p_in ln(p_out/p_in) (the thermodynamic minimum). */
PETSC_EXTERN PetscReal DepIsothermalCompressionWork(PetscReal p_in, PetscReal p_out);
/* Inputs of the dry ledger, per second of operation of the whole gun row (SI). */
typedef struct {
  PetscInt  guns;
  PetscReal voltage, current_per_gun, supply_efficiency; /* V, A, - */
  PetscReal air_per_gun;                                 /* Nm3/s, carrier + fluidising air of one gun */
  PetscReal shop_air_specific_energy;                    /* J/Nm3 of compressed air at the plant */
  PetscReal air_supply_gauge;                            /* Pa, pressure the guns need (for the minimum) */
  PetscReal fed, deposited;                              /* kg/s of powder through the guns, kg/s on the foil */
  PetscReal recovery_efficiency;                         /* -, overspray recovered and recirculated */
  PetscReal dust_limit;                             /* kg/m3, design concentration of overspray in the extraction air */
  PetscReal recovery_pressure_drop, fan_efficiency; /* Pa, - */
  PetscReal conveying_loading;         /* kg of powder per kg of air in the pneumatic return of the overspray */
  PetscReal air_normal_density;        /* kg/Nm3 */
  PetscReal premixing_specific_energy; /* J/kg of fresh powder */
  PetscReal charging_energy;           /* W, self-energy q^2/(8 pi eps0 r) of the charge deposited per second */
} DepLedgerInput;
typedef struct {
  PetscReal corona, corona_min;                   /* W */
  PetscReal compressed_air, compressed_air_min;   /* W */
  PetscReal extraction_air;                       /* m3/s through the recovery: max(overspray/limit, gun air) */
  PetscReal extraction, recirculation, premixing; /* W */
  PetscReal overspray, recovered, fresh;          /* kg/s */
} DepLedgerPower;
/* The power of each dry-ledger item (docs/energy_dry.md): corona n V I/eta (minimum: the charging energy);
 * compressed air n Q e_air (minimum:
 * isothermal work to the gun pressure); extraction Q_x dp/eta_fan with Q_x = max(overspray/dust limit, n Q);
 * overspray recirculation: the recovered powder conveyed back with recovered/(loading rho_N) of compressed air;
 * premixing e_mix times the fresh powder (deposited + unrecovered overspray). */
PETSC_EXTERN void DepLedgerCompute(const DepLedgerInput *in, DepLedgerPower *out);
