/* Stage electrostatic_deposition: corona guns across the web spray powder onto the grounded foil.
 * A 2D section (x across the web, z from the foil to the gun plane) carries the electric potential with ion and
 * powder space charge, the corona ions, the powder mass and the powder charge per size class (upwind finite volumes).
 * Each gun is a sub-grid corona emitter: Peek's onset field and Kaptzov's condition make its current an output of the
 * space-charge potential; the particles charge by capturing ions at the Pauthenier rate, the ions they take leave the
 * ion equation (charge conserved exactly). The carrier air is the booked flow and leaves along the machine direction
 * near the foil; particles reach the foil by drift, settling and turbulent deposition and stick by a criterion.
 * Steady coupling by relaxed fixed-point sweeps (a coupling that does not converge is an error), then the layer
 * charge and back-ionisation over the time a foil element spends under the spray. Model, assumptions and
 * verification: docs/deposition.md; ledger: docs/energy_dry.md. */
#include "stageimpl.h"
#include "stages.h"
#include "electrostatics_model.h"
#include "deposition_potential.h"
#include "deposition_transport.h"
#include "deposition_anderson.h"
#include "../postproc/h5io.h"

#define SEC         "electrostatic_deposition."
#define MAX_CLASSES 16
#define MAX_GUNS    64
/* Peek's wire constants g0 = 30-32 kV/cm (31 used) and c = 0.301 cm^(1/2) (data_dry_physics.md 1.1, CONFIRMED) */
#define PEEK_G0 3.1e6
#define PEEK_C  0.0301 /* m^(1/2) = 0.301 cm^(1/2) */

typedef struct {
  /* guns and corona (SI) */
  PetscInt  ngun, nrow;
  PetscReal gun_spacing, gun_offset, voltage, gap, nozzle_width, feed, emitter_radius, ion_mobility, booth_distance;
  /* air and ledger */
  PetscReal carrier_air, fluidising_air, supply_pressure, shop_air_kwh, shop_air_energy, corona_supply_efficiency;
  PetscReal dust_limit, recovery_dp, fan_efficiency, recovery_efficiency, conveying_loading, premixing_energy;
  /* spray zone and transport */
  PetscReal spray_length, spreading_rate, stagnation_length, turbulent_diffusivity, md_escape_velocity;
  PetscReal friction_velocity, critical_velocity;
  PetscBool conducting;
  PetscReal particle_er;
  PetscInt  nclass;
  PetscReal diameter[MAX_CLASSES], mass_fraction[MAX_CLASSES];
  /* layer */
  PetscReal porosity, breakdown_field, layer_resistivity_key, layer_er, percolation_threshold;
  PetscBool back_ionisation;
  /* numerics */
  PetscInt  nx, nz, nsteps, npicard;
  PetscReal stretching, relaxation, picard_tol;
  PetscInt  anderson_depth;
  PetscBool spin_up;

  /* run objects */
  StretchedGrid grid;
  DepPotential  pot;
  DepTransport  mtr, charge; /* powder mass per class; ions (component 0) and powder charge per class */
  Vec           phi, phi_unit, work_a, rho, ion_lag, *green;
  Vec           c, qc, qpart, mob_mass, mob_charge;
  PetscReal    *xgun, *ux_air, *uz_air, *sticking, *K;
  PetscReal     patch_half, p_factor;
  /* corona */
  PetscReal onset_field, onset_voltage, e_unit[MAX_GUNS], current[MAX_GUNS], current0[MAX_GUNS];
  PetscReal emitter_field[MAX_GUNS], veff[MAX_GUNS];
  /* particle properties */
  PetscReal radius[MAX_CLASSES], mass[MAX_CLASSES], settling[MAX_CLASSES], cunningham[MAX_CLASSES];
  PetscReal wall_velocity[MAX_CLASSES];
  /* results */
  PetscReal *areal_mass, *layer_field, *ion_current_density;
  PetscReal  layer_resistivity, efficiency, overspray_fraction, feed_used, feed_for_target, charge_to_mass;
  PetscReal  fed, deposited, overspray, stored, picard_change, current_change, max_field_ratio, feed_correction;
  PetscReal  phi_min, powder_current_fraction, free_ion_foil_fraction, total_current;
  PetscInt   potential_its, picard_sweeps;
} DepCtx;

const CaseKeySpec ElectrostaticDepositionKeys[] = {
    {SEC "gun_count", CASE_INT, "-", 1, MAX_GUNS, PETSC_FALSE, 3, NULL,
     "one gun to a few dozen across a production web", "corona guns across the web", CASE_FIELD(DepCtx, ngun)},
    {SEC "gun_rows", CASE_INT, "-", 1, 100, PETSC_FALSE, 1, NULL,
     "lines put several rows of guns along the machine to reach their powder throughput",
     "rows of guns along the machine direction in the spray zone (each row the same guns across the web)",
     CASE_FIELD(DepCtx, nrow)},
    {SEC "gun_spacing_mm", CASE_REAL, "mm", 10, 2500, PETSC_FALSE, 200, NULL,
     "guns sit centimetres to decimetres apart", "distance between neighbouring guns across the web",
     CASE_FIELD(DepCtx, gun_spacing)},
    {SEC "gun_offset_mm", CASE_REAL, "mm", -1250, 1250, PETSC_FALSE, 0, NULL, "the gun row lies over the web",
     "shift of the centre of the gun row from the web centre", CASE_FIELD(DepCtx, gun_offset)},
    {SEC "gun_voltage_kV", CASE_REAL, "kV", 1, 150, PETSC_FALSE, 25, NULL,
     "corona guns run at 30-100 kV; 25 kV in battery work (Wang 2019)",
     "magnitude of the (negative) gun voltage; below the corona onset the gun emits no ions",
     CASE_FIELD(DepCtx, voltage)},
    {SEC "gun_distance_mm", CASE_REAL, "mm", 20, 600, PETSC_FALSE, 200, NULL,
     "below 100 mm back-ionisation, above 300 mm poor transfer (trade)", "gun tip to foil distance",
     CASE_FIELD(DepCtx, gap)},
    {SEC "emitter_radius_mm", CASE_REAL, "mm", 0.01, 5, PETSC_FALSE, 0.25, NULL,
     "needle electrodes of powder guns are sharp: tenths of a mm (UNCONFIRMED)",
     "tip radius of the corona needle (Peek onset field and voltage)", CASE_FIELD(DepCtx, emitter_radius)},
    {SEC "ion_mobility_m2_per_Vs", CASE_REAL, "m2_per_Vs", 1e-5, 1e-3, PETSC_FALSE, 1.87e-4, NULL,
     "negative air ions 1.87 cm2/Vs (handbook, CONFIRMED)", "mobility of the corona ions",
     CASE_FIELD(DepCtx, ion_mobility)},
    {SEC "booth_distance_mm", CASE_REAL, "mm", 0, 5000, PETSC_FALSE, 1000, NULL,
     "gun mounts and booth structure behind the gun plane (UNCONFIRMED); 0: grounded gun bodies at the gun plane",
     "distance from the gun plane to the grounded booth behind it (Robin condition)",
     CASE_FIELD(DepCtx, booth_distance)},
    {SEC "nozzle_width_mm", CASE_REAL, "mm", 1, 300, PETSC_FALSE, 20, NULL,
     "gun nozzles and deflectors are 1-30 cm wide", "width of the spray exit and corona emitter patch",
     CASE_FIELD(DepCtx, nozzle_width)},
    {SEC "powder_feed_g_per_min", CASE_REAL, "g_per_min", 0, 5000, PETSC_FALSE, 0, NULL,
     "gun feeds reach a few hundred g/min",
     "powder feed per gun; 0: choose it so that the mean loading meets electrode.areal_loading",
     CASE_FIELD(DepCtx, feed)},
    {SEC "carrier_air_Nm3_per_h", CASE_REAL, "Nm3_per_h", 0.1, 20, PETSC_FALSE, 4, NULL,
     "Gema CG06 total gun air 0-6.5 m3/h (CONFIRMED); 4 m3/h optimum in an epoxy trial",
     "conveying + dosing air through each gun: the jet that carries the powder, and compressed air",
     CASE_FIELD(DepCtx, carrier_air)},
    {SEC "fluidising_air_Nm3_per_h", CASE_REAL, "Nm3_per_h", 0, 100, PETSC_FALSE, 2, NULL,
     "a few Nm3/h per hopper (UNCONFIRMED)", "fluidising air per gun (compressed air only)",
     CASE_FIELD(DepCtx, fluidising_air)},
    {SEC "air_supply_pressure_bar", CASE_REAL, "bar", 0.05, 10, PETSC_FALSE, 0.5, NULL, "7 psi = 0.48 bar in Wang 2019",
     "gauge pressure the guns need (thermodynamic minimum of the air)", CASE_FIELD(DepCtx, supply_pressure)},
    {SEC "compressed_air_kWh_per_Nm3", CASE_REAL, "-", 0.02, 1, PETSC_FALSE, 0.12, NULL,
     "plant compressed air 0.10-0.12 kWh/Nm3 for good systems (CAGI, DERIVED), 0.1-0.3 typical",
     "electricity per normal m3 of shop air (kWh/Nm3)", CASE_FIELD(DepCtx, shop_air_kwh)},
    {SEC "corona_supply_efficiency", CASE_REAL, "-", 0.2, 1.0, PETSC_FALSE, 0.85, NULL, "HV cascade supplies",
     "electric efficiency of the high-voltage supply", CASE_FIELD(DepCtx, corona_supply_efficiency)},
    {SEC "booth_dust_limit_kg_per_m3", CASE_REAL, "kg_per_m3", 1e-4, 0.05, PETSC_FALSE, 0.01, NULL,
     "powder booths stay below 10 g/m3 and below 50 % of the MEC, 20-70 g/m3 (CONFIRMED)",
     "design concentration of overspray in the extraction air (sizes the booth extraction)",
     CASE_FIELD(DepCtx, dust_limit)},
    {SEC "recovery_pressure_drop_kPa", CASE_REAL, "kPa", 0, 20, PETSC_FALSE, 1.5, NULL,
     "cyclone 0.5-2.5 kPa (DERIVED) plus cartridge filter", "pressure drop of the overspray recovery",
     CASE_FIELD(DepCtx, recovery_dp)},
    {SEC "fan_efficiency", CASE_REAL, "-", 0.2, 0.95, PETSC_FALSE, 0.6, NULL, "industrial fans 0.5-0.8",
     "fan plus motor efficiency of the extraction", CASE_FIELD(DepCtx, fan_efficiency)},
    {SEC "recovery_efficiency", CASE_REAL, "-", 0, 1, PETSC_FALSE, 0.95, NULL,
     "cyclones recover > 95 % of powder above 15 um (CONFIRMED)", "share of the overspray recovered and sprayed again",
     CASE_FIELD(DepCtx, recovery_efficiency)},
    {SEC "recirculation_solids_loading", CASE_REAL, "-", 0.1, 100, PETSC_FALSE, 5, NULL,
     "dilute-phase pneumatic conveying carries 1-15 kg of powder per kg of air (UNCONFIRMED)",
     "kg of recovered powder per kg of compressed air that conveys it back to the hopper",
     CASE_FIELD(DepCtx, conveying_loading)},
    {SEC "premixing_kJ_per_kg", CASE_REAL, "kJ_per_kg", 0, 20000, PETSC_FALSE, 180, NULL,
     "intensive dry mixing 0.01-0.1 kWh/kg = 36-360 kJ/kg (UNCONFIRMED, data_dry_physics.md 7.4)",
     "electricity to premix (dry-coat) one kg of fresh powder", CASE_FIELD(DepCtx, premixing_energy)},
    {SEC "spray_zone_length_mm", CASE_REAL, "mm", 10, 50000, PETSC_FALSE, 300, NULL,
     "spray cloud of a gun row along the machine", "length of the spray zone along the machine direction",
     CASE_FIELD(DepCtx, spray_length)},
    {SEC "jet_spreading_rate", CASE_REAL, "-", 0.01, 0.5, PETSC_FALSE, 0.1, NULL,
     "plane turbulent jets spread at about 0.1", "growth of the jet half-width per distance",
     CASE_FIELD(DepCtx, spreading_rate)},
    {SEC "stagnation_length_mm", CASE_REAL, "mm", 1, 300, PETSC_FALSE, 20, NULL,
     "the jet turns within about a nozzle width of the wall",
     "height over the foil in which the jet air turns along the machine direction and leaves the section",
     CASE_FIELD(DepCtx, stagnation_length)},
    {SEC "turbulent_diffusivity_m2_per_s", CASE_REAL, "m2_per_s", 1e-7, 0.1, PETSC_FALSE, 1e-3, NULL,
     "turbulent dispersion of a spray cloud (UNCONFIRMED)", "powder dispersion coefficient away from the foil",
     CASE_FIELD(DepCtx, turbulent_diffusivity)},
    {SEC "wall_friction_velocity_m_per_s", CASE_REAL, "m_per_s", 1e-3, 2, PETSC_FALSE, 0.1, NULL,
     "wall jets of a few m/s (UNCONFIRMED)",
     "friction velocity at the foil: turbulent deposition velocity and the damping of the diffusivity",
     CASE_FIELD(DepCtx, friction_velocity)},
    {SEC "critical_sticking_velocity_m_per_s", CASE_REAL, "m_per_s", 1e-4, 10, PETSC_FALSE, 0.05, NULL,
     "JKR/Thornton-Ning critical velocities of um particles 0.01-0.1 m/s (UNCONFIRMED estimate)",
     "fastest arrival by settling or turbulence at which a particle sticks (the field holds charged particles)",
     CASE_FIELD(DepCtx, critical_velocity)},
    {SEC "md_escape_velocity_m_per_s", CASE_REAL, "m_per_s", 0, 20, PETSC_FALSE, 0.25, NULL,
     "booth draught: 0.25 m/s minimum for automated electrostatic booths (IMC, CONFIRMED)",
     "air velocity that carries powder out of the ends of the spray zone along the machine",
     CASE_FIELD(DepCtx, md_escape_velocity)},
    {SEC "conducting_particles", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1, NULL, "NMC, graphite and carbon conduct: p = 3",
     "field-charge the powder as conductors (p = 3) or as dielectrics", CASE_FIELD(DepCtx, conducting)},
    {SEC "particle_relative_permittivity", CASE_REAL, "-", 1, 1000, PETSC_FALSE, 3, NULL, "polymer powders 2-10",
     "relative permittivity for dielectric charging", CASE_FIELD(DepCtx, particle_er)},
    {SEC "size_classes.[].diameter_um", CASE_REAL, "um", 0.5, 500, PETSC_TRUE, 0, NULL, "battery powders are 1-50 um",
     "particle diameter of a size class (default classes: 5/10/20 um, 25/50/25 %)", CASE_FIELD(DepCtx, diameter)},
    {SEC "size_classes.[].mass_fraction", CASE_REAL, "-", 0, 1, PETSC_TRUE, 0, NULL, "the fractions must sum to 1",
     "mass fraction of the size class", CASE_FIELD(DepCtx, mass_fraction)},
    {SEC "as_deposited_porosity", CASE_REAL, "-", 0.2, 0.9, PETSC_FALSE, 0.6, NULL,
     "loose sprayed powder layers are 50-70 % void", "porosity of the layer as deposited",
     CASE_FIELD(DepCtx, porosity)},
    {SEC "back_ionisation", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1, NULL, "",
     "let the layer field limit deposition (back corona)", CASE_FIELD(DepCtx, back_ionisation)},
    {SEC "breakdown_field_MV_per_m", CASE_REAL, "MV_per_m", 0.5, 30, PETSC_FALSE, 3, NULL,
     "air breaks down at ~3 MV/m (cm gaps), higher in um pores",
     "field across the layer at which back-ionisation starts", CASE_FIELD(DepCtx, breakdown_field)},
    {SEC "layer_resistivity_Ohm_m", CASE_REAL, "Ohm_m", 0, 1e18, PETSC_FALSE, 0, NULL, "1e-3 (carbon) to 1e16 (PTFE)",
     "resistivity of the deposited layer; 0: from the composition (percolation of the materials' resistivities)",
     CASE_FIELD(DepCtx, layer_resistivity_key)},
    {SEC "layer_relative_permittivity", CASE_REAL, "-", 1, 100, PETSC_FALSE, 3, NULL,
     "porous powder layers (UNCONFIRMED)", "relative permittivity of the layer (its charge relaxation time)",
     CASE_FIELD(DepCtx, layer_er)},
    {SEC "percolation_threshold", CASE_REAL, "-", 0.02, 0.6, PETSC_FALSE, 0.16, NULL,
     "Scher-Zallen critical volume fraction ~0.16 for random spheres",
     "volume fraction at which a conducting network percolates", CASE_FIELD(DepCtx, percolation_threshold)},
    {SEC "cells_across", CASE_INT, "-", 16, 8192, PETSC_FALSE, 128, NULL, "several cells per gun spacing",
     "cells across the web in the deposition section", CASE_FIELD(DepCtx, nx)},
    {SEC "cells_gap", CASE_INT, "-", 16, 8192, PETSC_FALSE, 128, NULL, "several cells per stagnation layer",
     "cells across the gun-to-foil gap", CASE_FIELD(DepCtx, nz)},
    {SEC "grid_stretching", CASE_REAL, "-", 0, 6, PETSC_FALSE, 2, NULL, "0: uniform; 2-3 cluster cells at the foil",
     "tanh clustering of the gap cells towards the foil", CASE_FIELD(DepCtx, stretching)},
    {SEC "time_steps", CASE_INT, "-", 1, 100000, PETSC_FALSE, 20, NULL, "resolve the layer charging time",
     "time steps while a foil element crosses the spray zone", CASE_FIELD(DepCtx, nsteps)},
    {SEC "picard_iterations", CASE_INT, "-", 2, 500, PETSC_FALSE, 150, NULL,
     "the space-charge coupling settles in 10-40 sweeps",
     "most potential/transport coupling sweeps; not converged by then is an error", CASE_FIELD(DepCtx, npicard)},
    {SEC "picard_tolerance", CASE_REAL, "-", 1e-13, 1e-2, PETSC_FALSE, 1e-8, NULL,
     "1e-8 keeps 1 and 2 ranks within 1e-8 of each other",
     "the coupling has converged when space charge and gun currents change by less than this",
     CASE_FIELD(DepCtx, picard_tol)},
    {SEC "picard_relaxation", CASE_REAL, "-", 0.05, 1, PETSC_FALSE, 0.5, NULL,
     "under-relaxation keeps corona space charge stable", "damping of the coupling sweeps (Anderson beta)",
     CASE_FIELD(DepCtx, relaxation)},
    {SEC "anderson_depth", CASE_INT, "-", 0, 20, PETSC_FALSE, 3, NULL,
     "a few past sweeps accelerate the coupling; 0: plain relaxed fixed point",
     "sweeps kept by the Anderson acceleration of the coupling", CASE_FIELD(DepCtx, anderson_depth)},
    {SEC "spin_up", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1, NULL, "",
     "start the foil element under the steady spray (false: from an empty gap)", CASE_FIELD(DepCtx, spin_up)},
};
const PetscInt ElectrostaticDepositionNumKeys =
    (PetscInt) (sizeof(ElectrostaticDepositionKeys) / sizeof(ElectrostaticDepositionKeys[0]));

static PetscInt GunAt(const DepCtx *d, PetscReal x)
{
  for (PetscInt g = 0; g < d->ngun; g++)
    if (PetscAbsReal(x - d->xgun[g]) <= d->patch_half) return g;
  return -1;
}

/* Foil grounded; corona emitters at -V over their patch of the gun plane; elsewhere the gun plane sees the grounded
 * booth at booth_distance behind it (Robin; 0: grounded gun bodies); the sides are open (no normal field). */
static PetscErrorCode PotentialBC(PetscInt b, PetscReal x, PetscReal z, void *ctx, DepBCType *type, PetscReal *value)
{
  const DepCtx *d = (const DepCtx *) ctx;
  PetscFunctionBeginUser;
  *type  = DEP_BC_NEUMANN;
  *value = 0.0;
  if (b == DEP_FOIL)
    *type = DEP_BC_DIRICHLET;
  else if (b == DEP_GUN_PLANE) {
    if (GunAt(d, x) >= 0) {
      *type  = DEP_BC_DIRICHLET;
      *value = -d->voltage;
    } else {
      *type  = DEP_BC_ROBIN;
      *value = d->booth_distance;
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode SetFromCase_Dep(Stage st, EprocCase c, Materials m)
{
  DepCtx   *d   = (DepCtx *) st->data;
  PetscReal sum = 0.0;
  PetscFunctionBeginUser;
  /* every key of the section, in SI, into d */
  PetscCall(CaseReadSection(c, ElectrostaticDepositionKeys, ElectrostaticDepositionNumKeys, d));
  d->shop_air_energy = d->shop_air_kwh * 3.6e6; /* J/Nm3 */
  PetscCall(CaseGetListLength(c, SEC "size_classes", &d->nclass));
  if (d->nclass > MAX_CLASSES) PetscCall(CaseInputError(c, SEC "size_classes", "at most %d size classes", MAX_CLASSES));
  /* the size classes: item k of the list goes to diameter[k] and mass_fraction[k] (d->diameter + k: the items are
     PetscReals apart) */
  PetscCall(CaseReadList(c, SEC "size_classes", ElectrostaticDepositionKeys, ElectrostaticDepositionNumKeys, d,
                         sizeof(PetscReal), MAX_CLASSES, &d->nclass));
  /* the list is required (CaseSetUp refuses a case without it), so nclass >= 1 here */
  for (PetscInt k = 0; k < d->nclass; k++) sum += d->mass_fraction[k];
  if (PetscAbsReal(sum - 1.0) > 1e-6)
    PetscCall(CaseInputError(c, SEC "size_classes",
                             "the mass fractions of the size classes sum to %g; they must sum to 1", (double) sum));
  if (d->emitter_radius >= 0.1 * d->gap)
    PetscCall(
        CaseInputError(c, SEC "emitter_radius_mm",
                       "the emitter radius %g mm must be below a tenth of gun_distance_mm (%g mm): the emitter is "
                       "a point seen from the foil",
                       (double) (1e3 * d->emitter_radius), (double) (1e3 * d->gap)));
  if (d->stagnation_length >= d->gap)
    PetscCall(CaseInputError(c, SEC "stagnation_length_mm",
                             "the stagnation layer (%g mm) must be thinner than the gun distance (%g mm)",
                             (double) (1e3 * d->stagnation_length), (double) (1e3 * d->gap)));
  PetscFunctionReturn(0);
}

/* Mean normal field (V/m) on each gun's emitter patch from a potential v whose patch value is patch_value: positive
 * when it drives negative carriers away from the emitter towards the foil. */
static PetscErrorCode PatchField(DepCtx *d, Vec v, PetscReal patch_value, PetscReal field[])
{
  StretchedGrid       g = d->grid;
  PetscInt            xs, ys, xm, ym;
  const PetscScalar **p;
  PetscReal           s[2 * MAX_GUNS] = {0};
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayRead(g->da, v, &p));
  if (ys + ym == g->nz)
    for (PetscInt i = xs; i < xs + xm; i++) {
      const PetscInt k = GunAt(d, g->xc[i]);
      if (k < 0) continue;
      s[2 * k] += (p[g->nz - 1][i] - patch_value) / (0.5 * g->dz[g->nz - 1]) * g->dx[i];
      s[2 * k + 1] += g->dx[i];
    }
  PetscCall(DMDAVecRestoreArrayRead(g->da, v, &p));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, s, 2 * d->ngun, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject) g->da)));
  for (PetscInt k = 0; k < d->ngun; k++) field[k] = s[2 * k] / s[2 * k + 1];
  PetscFunctionReturn(0);
}

static PetscErrorCode SetUp_Dep(Stage st, Web web)
{
  DepCtx        *d = (DepCtx *) st->data;
  StretchedGrid  g;
  const PetscInt nc = d->nclass, ns = 1 + nc, nv = d->nx + 1;
  PetscInt       coupling[(1 + MAX_CLASSES) * (1 + MAX_CLASSES)] = {0}, xm, ym;
  PetscReal     *psi;
  PetscFunctionBeginUser;
  PetscCall(
      PetscCalloc4(d->ngun, &d->xgun, d->nx, &d->areal_mass, d->nx, &d->layer_field, d->nx, &d->ion_current_density));
  for (PetscInt k = 0; k < d->ngun; k++) {
    d->xgun[k] = 0.5 * web->width + d->gun_offset + (k - 0.5 * (d->ngun - 1)) * d->gun_spacing;
    PetscCheck(d->xgun[k] >= 0 && d->xgun[k] <= web->width, st->comm, PETSC_ERR_USER_INPUT,
               "electrostatic_deposition: gun %" PetscInt_FMT
               " sits at %g mm, off the %g mm web: reduce gun_count or gun_spacing_mm",
               k + 1, (double) (1e3 * d->xgun[k]), (double) (1e3 * web->width));
  }
  {
    /* ranks split the web across x only: the drift and the jets run along z, so every rank holds whole columns of
     * the flow and the additive-Schwarz blocks of the transport see little cross-block coupling */
    PetscMPIInt size;
    PetscCallMPI(MPI_Comm_size(st->comm, &size));
    PetscCall(StretchedGridCreateLayout(st->comm, d->nx, d->nz, size, 1, web->width, d->gap, d->stretching, &d->grid));
  }
  g             = d->grid;
  d->patch_half = PetscMax(0.5 * d->nozzle_width, 0.5001 * web->width / d->nx);
  {
    /* one options prefix per solver object, behind the instance's prefix ("" for the default instance) */
    const char *ip;
    char        pre[3][128];
    PetscCall(StageGetOptionsPrefix(st, &ip));
    PetscCall(PetscSNPrintf(pre[0], sizeof(pre[0]), "%sdep_potential_", ip));
    PetscCall(PetscSNPrintf(pre[1], sizeof(pre[1]), "%sdep_transport_mass_", ip));
    PetscCall(PetscSNPrintf(pre[2], sizeof(pre[2]), "%sdep_transport_charge_", ip));
    PetscCall(DepPotentialCreate(g, pre[0], &d->pot));
    PetscCall(DepPotentialSetBoundary(d->pot, PotentialBC, d));
    /* the ions (component 0) are captured by the particles of every class (components 1..nc) */
    for (PetscInt k = 1; k < ns; k++) coupling[k] = coupling[k * ns] = 1;
    PetscCall(DepTransportCreate(g, nc, pre[1], NULL, &d->mtr));
    PetscCall(DepTransportCreate(g, ns, pre[2], coupling, &d->charge));
  }
  PetscCall(DMCreateGlobalVector(g->da, &d->phi));
  PetscCall(VecDuplicate(d->phi, &d->phi_unit));
  PetscCall(VecDuplicate(d->phi, &d->work_a));
  PetscCall(VecDuplicate(d->phi, &d->rho));
  PetscCall(VecDuplicate(d->phi, &d->ion_lag));
  {
    DM dm;
    PetscCall(DepTransportGetDM(d->mtr, &dm));
    PetscCall(DMCreateGlobalVector(dm, &d->c));
    PetscCall(VecDuplicate(d->c, &d->qpart));
    PetscCall(VecDuplicate(d->c, &d->mob_mass));
    PetscCall(DepTransportGetDM(d->charge, &dm));
    PetscCall(DMCreateGlobalVector(dm, &d->qc));
    PetscCall(VecDuplicate(d->qc, &d->mob_charge));
  }
  PetscCall(DepTransportGetCorners(d->charge, NULL, NULL, &xm, &ym));
  PetscCall(PetscCalloc4((d->nx + 1) * d->nz, &d->ux_air, d->nx * (d->nz + 1), &d->uz_air, ns * d->nx, &d->sticking,
                         xm * ym * ns * ns, &d->K));
  /* carrier air: each gun's jet is a round jet of exit radius b0 = nozzle/2 carrying its booked air Q (m3/s at the
   * ambient state): exit velocity Q/(pi b0^2). The section cuts the jets through their axes: per metre of machine
   * direction a jet carries Q/(sqrt(pi) b0) (its booked air over its own machine-direction width sqrt(pi) b0), spreads
   * at jet_spreading_rate with the centreline velocity falling as b0/b (round jet). The jets are superposed in one
   * stream function at the vertices; the share 1 - f(z) of the air has turned along the machine direction near the foil
   * and left the section (DepAirRetained), so the face fluxes are f times the stream-function differences */
  {
    const PetscReal T = web->ambient_temperature, b0 = 0.5 * d->nozzle_width;
    const PetscReal Q = d->carrier_air * (T / 273.15) / (PetscSqrtReal(PETSC_PI) * b0); /* m2/s per gun */
    PetscCall(PetscCalloc1((d->nx + 1) * (d->nz + 1), &psi));
    for (PetscInt j = 0; j <= d->nz; j++)
      for (PetscInt i = 0; i <= d->nx; i++)
        for (PetscInt k = 0; k < d->ngun; k++)
          psi[j * nv + i] +=
              DepJetStreamFunction(g->xf[i], g->zf[j], d->xgun[k], d->gap, d->nozzle_width, Q, d->spreading_rate);
    for (PetscInt j = 0; j < d->nz; j++)
      for (PetscInt i = 0; i <= d->nx; i++)
        d->ux_air[j * nv + i] =
            DepAirRetained(g->zc[j], d->stagnation_length) * (psi[(j + 1) * nv + i] - psi[j * nv + i]) / g->dz[j];
    for (PetscInt j = 0; j <= d->nz; j++)
      for (PetscInt i = 0; i < d->nx; i++)
        d->uz_air[j * d->nx + i] =
            -DepAirRetained(g->zf[j], d->stagnation_length) * (psi[j * nv + i + 1] - psi[j * nv + i]) / g->dx[i];
    /* the air that has turned near the foil runs along the machine direction as a wall jet at about the velocity with
     * which the jet arrives at the stagnation layer and leaves the spray zone after L/2 on average: in the section it
     * takes the powder it carries out at 2 U_w/L, weighted by the share of the air that has turned */
    {
      PetscInt   xs, ys, xm2, ym2, jl = 0;
      PetscReal *rate;
      for (PetscInt j = 0; j <= d->nz; j++)
        if (PetscAbsReal(g->zf[j] - d->stagnation_length) < PetscAbsReal(g->zf[jl] - d->stagnation_length)) jl = j;
      PetscCall(DepTransportGetCorners(d->mtr, &xs, &ys, &xm2, &ym2));
      PetscCall(PetscMalloc1(xm2 * ym2, &rate));
      for (PetscInt j = ys; j < ys + ym2; j++)
        for (PetscInt i = xs; i < xs + xm2; i++) {
          const PetscReal Uw = PetscAbsReal(psi[jl * nv + i + 1] - psi[jl * nv + i]) / g->dx[i];
          rate[(j - ys) * xm2 + (i - xs)] =
              (1.0 - DepAirRetained(g->zc[j], d->stagnation_length)) * 2.0 * Uw / d->spray_length;
        }
      PetscCall(DepTransportSetAirExit(d->mtr, rate));
      PetscCall(DepTransportSetAirExit(d->charge, rate));
      PetscCall(PetscFree(rate));
    }
    PetscCall(PetscFree(psi));
  }
  /* turbulent diffusivity falls to zero at the foil (mixing length kappa z) */
  {
    PetscReal *ff, *fr;
    PetscCall(PetscMalloc2(d->nz + 1, &ff, d->nz, &fr));
    for (PetscInt j = 0; j <= d->nz; j++)
      ff[j] = DepWallDamping(g->zf[j], d->friction_velocity, d->turbulent_diffusivity);
    for (PetscInt j = 0; j < d->nz; j++)
      fr[j] = DepWallDamping(g->zc[j], d->friction_velocity, d->turbulent_diffusivity);
    PetscCall(DepTransportSetDiffusivityProfile(d->mtr, ff, fr));
    PetscCall(DepTransportSetDiffusivityProfile(d->charge, ff, fr));
    PetscCall(PetscFree2(ff, fr));
  }
  /* corona onset (Peek) of the emitter and the field each gun puts on its patch per volt (Laplace) */
  {
    const PetscReal delta = DepRelativeAirDensity(ATMOSPHERIC_PRESSURE, web->ambient_temperature);
    d->onset_field        = DepPeekOnsetField(d->emitter_radius, delta, PEEK_G0, PEEK_C);
    d->onset_voltage      = d->onset_field / DepPointTipFieldPerVolt(d->emitter_radius, d->gap);
    PetscCall(DepPotentialSolve(d->pot, NULL, 1.0 / d->voltage, d->phi_unit, NULL));
    PetscCall(PatchField(d, d->phi_unit, -1.0, d->e_unit));
  }
  /* Green's vector of each emitter's mean patch field: the field a space charge rho puts on gun g's patch is
   * green_g . rho dx dz/eps0 (the FV operator is symmetric) */
  {
    PetscInt xs, ys, xm2, ym2;
    Vec      w;
    PetscCall(VecDuplicateVecs(d->phi, d->ngun, &d->green));
    PetscCall(VecDuplicate(d->phi, &w));
    PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm2, &ym2, NULL));
    for (PetscInt k = 0; k < d->ngun; k++) {
      PetscScalar **a;
      PetscReal     width = 0.0;
      for (PetscInt i = 0; i < d->nx; i++)
        if (GunAt(d, g->xc[i]) == k) width += g->dx[i];
      PetscCall(VecZeroEntries(w));
      PetscCall(DMDAVecGetArray(g->da, w, &a));
      if (ys + ym2 == g->nz)
        for (PetscInt i = xs; i < xs + xm2; i++)
          if (GunAt(d, g->xc[i]) == k) a[g->nz - 1][i] = g->dx[i] / (0.5 * g->dz[g->nz - 1] * width);
      PetscCall(DMDAVecRestoreArray(g->da, w, &a));
      PetscCall(DepPotentialApplyInverse(d->pot, w, d->green[k]));
    }
    PetscCall(VecDestroy(&w));
  }
  PetscFunctionReturn(0);
}

/* inflow[k*nx + i] per m2 of gun-plane face: per-gun rates (per metre of machine direction) spread over the patch;
 * per_gun[k*ngun + g] for species k and gun g. */
static void PatchInflow(const DepCtx *d, PetscInt nspecies, const PetscReal per_gun[], PetscReal inflow[])
{
  StretchedGrid g               = d->grid;
  PetscReal     width[MAX_GUNS] = {0};
  for (PetscInt i = 0; i < g->nx; i++) {
    const PetscInt k = GunAt(d, g->xc[i]);
    if (k >= 0) width[k] += g->dx[i];
  }
  for (PetscInt s = 0; s < nspecies; s++)
    for (PetscInt i = 0; i < g->nx; i++) {
      const PetscInt k      = GunAt(d, g->xc[i]);
      inflow[s * g->nx + i] = k >= 0 ? per_gun[s * d->ngun + k] / width[k] : 0.0;
    }
}

static PetscErrorCode SetPowderInflow(DepCtx *d, PetscReal feed_per_gun)
{
  PetscReal per_gun[MAX_CLASSES * MAX_GUNS], *inflow;
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < d->nclass; k++)
    for (PetscInt g = 0; g < d->ngun; g++)
      per_gun[k * d->ngun + g] = d->nrow * feed_per_gun * d->mass_fraction[k] / d->spray_length;
  PetscCall(PetscMalloc1(d->nclass * d->nx, &inflow));
  PatchInflow(d, d->nclass, per_gun, inflow);
  PetscCall(DepTransportSetInflow(d->mtr, inflow));
  PetscCall(PetscFree(inflow));
  PetscFunctionReturn(0);
}

/* Corona ions enter at each emitter with its current; the powder enters uncharged. */
static PetscErrorCode SetChargeInflow(DepCtx *d)
{
  const PetscInt ns                                    = 1 + d->nclass;
  PetscReal      per_gun[(1 + MAX_CLASSES) * MAX_GUNS] = {0}, *inflow;
  PetscFunctionBeginUser;
  for (PetscInt g = 0; g < d->ngun; g++) per_gun[g] = d->nrow * d->current[g] / d->spray_length;
  PetscCall(PetscMalloc1(ns * d->nx, &inflow));
  PatchInflow(d, ns, per_gun, inflow);
  PetscCall(DepTransportSetInflow(d->charge, inflow));
  PetscCall(PetscFree(inflow));
  PetscFunctionReturn(0);
}

static PetscReal SumRates(const PetscReal *a, PetscInt n)
{
  PetscReal s = 0.0;
  for (PetscInt k = 0; k < n; k++) s += a[k];
  return s;
}

/* Particle mobility from its own (relaxed) charge; the ions keep theirs. */
static PetscErrorCode UpdateMobility(DepCtx *d, PetscReal mu)
{
  DM                   dmm, dmc;
  PetscInt             xs, ys, xm, ym;
  const PetscScalar ***q;
  PetscScalar       ***mm, ***mc;
  PetscFunctionBeginUser;
  PetscCall(DepTransportGetDM(d->mtr, &dmm));
  PetscCall(DepTransportGetDM(d->charge, &dmc));
  PetscCall(DMDAGetCorners(dmm, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(dmm, d->qpart, &q));
  PetscCall(DMDAVecGetArrayDOF(dmm, d->mob_mass, &mm));
  PetscCall(DMDAVecGetArrayDOF(dmc, d->mob_charge, &mc));
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) {
      mc[j][i][0] = d->ion_mobility;
      for (PetscInt k = 0; k < d->nclass; k++) {
        mm[j][i][k]     = DepElectricalMobility(q[j][i][k], d->radius[k], d->cunningham[k], mu);
        mc[j][i][1 + k] = mm[j][i][k];
      }
    }
  PetscCall(DMDAVecRestoreArrayDOF(dmc, d->mob_charge, &mc));
  PetscCall(DMDAVecRestoreArrayDOF(dmm, d->mob_mass, &mm));
  PetscCall(DMDAVecRestoreArrayDOFRead(dmm, d->qpart, &q));
  PetscFunctionReturn(0);
}

/* Sticking at the foil face of every column: the field-driven arrival stays, the arrival by settling and turbulent
 * deposition stays below the critical sticking velocity (DepStickingFraction). */
static PetscErrorCode UpdateSticking(DepCtx *d)
{
  StretchedGrid        g  = d->grid;
  const PetscInt       nc = d->nclass, ns = 1 + nc, nx = g->nx;
  DM                   dmm;
  PetscInt             xs, ys, xm, ym;
  const PetscScalar  **p;
  const PetscScalar ***mob;
  PetscReal           *stick_mass;
  PetscFunctionBeginUser;
  PetscCall(PetscArrayzero(d->sticking, ns * nx));
  PetscCall(DepTransportGetDM(d->mtr, &dmm));
  PetscCall(DMDAGetCorners(dmm, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayRead(g->da, d->phi, &p));
  PetscCall(DMDAVecGetArrayDOFRead(dmm, d->mob_mass, &mob));
  if (ys == 0)
    for (PetscInt i = xs; i < xs + xm; i++) {
      const PetscReal Ez = -p[0][i] / (0.5 * g->dz[0]); /* field towards the foil on the foil face */
      d->sticking[i]     = 1.0;                         /* ions */
      for (PetscInt k = 0; k < nc; k++)
        d->sticking[(1 + k) * nx + i] =
            DepStickingFraction(mob[0][i][k] * Ez, d->settling[k] + d->wall_velocity[k], d->critical_velocity);
    }
  PetscCall(DMDAVecRestoreArrayDOFRead(dmm, d->mob_mass, &mob));
  PetscCall(DMDAVecRestoreArrayRead(g->da, d->phi, &p));
  PetscCall(
      MPIU_Allreduce(MPI_IN_PLACE, d->sticking, ns * nx, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject) dmm)));
  PetscCall(DepTransportSetSticking(d->charge, d->sticking));
  stick_mass = d->sticking + nx; /* the classes' entries, in the same order */
  PetscCall(DepTransportSetSticking(d->mtr, stick_mass));
  PetscFunctionReturn(0);
}

/* Ion capture by the particles, linearised about the last charge q0 and ion density rho0 of each cell:
 *   T_k = a_k (n_k rho_ion - rho0 Q_k/q_s,k),  a_k = pi r_k^2 p Z_ion |E| (1 - q0_k/q_s,k)_+
 * which is A_k n_k rho_ion (1 - q_k/q_s,k)^2 (the Pauthenier rate) once q = q0, rho = rho0. The same T_k leaves the
 * ion equation and enters the charge of class k, so the columns of K sum to zero: charge is conserved exactly. */
static PetscErrorCode AssembleCapture(DepCtx *d)
{
  const PetscInt       nc = d->nclass, ns = 1 + nc;
  DM                   dmm;
  PetscInt             xs, ys, xm, ym;
  const PetscScalar ***c, ***q, **ion;
  const PetscReal     *E;
  PetscFunctionBeginUser;
  PetscCall(DepTransportGetDM(d->mtr, &dmm));
  PetscCall(DMDAGetCorners(dmm, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DepTransportGetFieldMagnitude(d->mtr, &E));
  PetscCall(DMDAVecGetArrayDOFRead(dmm, d->c, &c));
  PetscCall(DMDAVecGetArrayDOFRead(dmm, d->qpart, &q));
  PetscCall(DMDAVecGetArrayRead(d->grid->da, d->ion_lag, &ion));
  PetscCall(PetscArrayzero(d->K, xm * ym * ns * ns));
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) {
      const PetscInt  cell = (j - ys) * xm + (i - xs);
      const PetscReal Ec = E[cell], rho0 = PetscMax(ion[j][i], 0.0);
      PetscReal      *K = &d->K[cell * ns * ns];
      for (PetscInt k = 0; k < nc; k++) {
        const PetscReal qs = DepPauthenierCharge(d->radius[k], Ec, d->p_factor);
        const PetscReal n  = PetscMax(c[j][i][k], 0.0) / d->mass[k];
        PetscReal       a;
        if (qs <= 0.0) continue;
        a = DepCaptureCoefficient(d->radius[k], d->p_factor, d->ion_mobility, Ec) *
            PetscMax(1.0 - q[j][i][k] / qs, 0.0);
        K[0] -= a * n;             /* ions captured */
        K[1 + k] += a * rho0 / qs; /* ion row, charge column */
        K[(1 + k) * ns] += a * n;  /* charge row, ion column */
        K[(1 + k) * ns + 1 + k] -= a * rho0 / qs;
      }
    }
  PetscCall(DMDAVecRestoreArrayRead(d->grid->da, d->ion_lag, &ion));
  PetscCall(DMDAVecRestoreArrayDOFRead(dmm, d->qpart, &q));
  PetscCall(DMDAVecRestoreArrayDOFRead(dmm, d->c, &c));
  PetscCall(DepTransportSetReaction(d->charge, d->K));
  PetscFunctionReturn(0);
}

/* From the transported charge and mass: the space charge of the ions and of the powder (C/m3, negative carriers),
 * the charge per particle q = Q m/c (0 where a class has practically no powder) and the ion density. */
static PetscErrorCode SplitCharge(DepCtx *d, Vec rho_ion, Vec rho_pow, Vec qnew, Vec ion_new)
{
  const PetscInt       nc = d->nclass;
  DM                   dmm, dmc, da = d->grid->da;
  PetscInt             xs, ys, xm, ym;
  const PetscScalar ***c, ***Q;
  PetscScalar       ***q, **ri, **rp, **io;
  PetscReal            cmax[MAX_CLASSES];
  PetscFunctionBeginUser;
  PetscCall(DepTransportGetDM(d->mtr, &dmm));
  PetscCall(DepTransportGetDM(d->charge, &dmc));
  for (PetscInt k = 0; k < nc; k++) PetscCall(VecStrideMax(d->c, k, NULL, &cmax[k]));
  PetscCall(DMDAGetCorners(dmm, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(dmm, d->c, &c));
  PetscCall(DMDAVecGetArrayDOFRead(dmc, d->qc, &Q));
  PetscCall(DMDAVecGetArrayDOF(dmm, qnew, &q));
  PetscCall(DMDAVecGetArray(da, rho_ion, &ri));
  PetscCall(DMDAVecGetArray(da, rho_pow, &rp));
  PetscCall(DMDAVecGetArray(da, ion_new, &io));
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscReal sq = 0.0;
      for (PetscInt k = 0; k < nc; k++) {
        const PetscReal ck = c[j][i][k];
        sq += Q[j][i][1 + k];
        q[j][i][k] = ck > 1e-6 * cmax[k] ? PetscMax(Q[j][i][1 + k], 0.0) * d->mass[k] / ck : 0.0;
      }
      ri[j][i] = -Q[j][i][0];
      rp[j][i] = -sq;
      io[j][i] = Q[j][i][0];
    }
  PetscCall(DMDAVecRestoreArray(da, ion_new, &io));
  PetscCall(DMDAVecRestoreArray(da, rho_pow, &rp));
  PetscCall(DMDAVecRestoreArray(da, rho_ion, &ri));
  PetscCall(DMDAVecRestoreArrayDOF(dmm, qnew, &q));
  PetscCall(DMDAVecRestoreArrayDOFRead(dmc, d->qc, &Q));
  PetscCall(DMDAVecRestoreArrayDOFRead(dmm, d->c, &c));
  PetscFunctionReturn(0);
}

/* The field the external space charge puts on each emitter patch (V/m, < 0 lowers it): all of the powder's and the
 * ions outside the gun's own strip of the web (x nearer to another gun); the gun's own ion cone is in the sub-grid
 * corona model (DepPointCoronaCurrent). */
static PetscErrorCode ExternalFields(DepCtx *d, Vec rho_ion, Vec rho_pow, PetscReal Eext[])
{
  StretchedGrid       g = d->grid;
  PetscInt            xs, ys, xm, ym;
  const PetscScalar **ri, **rp, **G;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayRead(g->da, rho_ion, &ri));
  PetscCall(DMDAVecGetArrayRead(g->da, rho_pow, &rp));
  for (PetscInt k = 0; k < d->ngun; k++) {
    PetscReal e = 0.0;
    PetscCall(DMDAVecGetArrayRead(g->da, d->green[k], &G));
    for (PetscInt i = xs; i < xs + xm; i++) {
      /* own strip: the guns are ordered across the web, so the nearest gun decides */
      PetscInt near = 0;
      for (PetscInt m = 1; m < d->ngun; m++)
        if (PetscAbsReal(g->xc[i] - d->xgun[m]) < PetscAbsReal(g->xc[i] - d->xgun[near])) near = m;
      for (PetscInt j = ys; j < ys + ym; j++)
        e += G[j][i] * (rp[j][i] + (near == k ? 0.0 : ri[j][i])) * g->dx[i] * g->dz[j];
    }
    PetscCall(DMDAVecRestoreArrayRead(g->da, d->green[k], &G));
    Eext[k] = e / DEP_EPS0;
  }
  PetscCall(DMDAVecRestoreArrayRead(g->da, rho_pow, &rp));
  PetscCall(DMDAVecRestoreArrayRead(g->da, rho_ion, &ri));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, Eext, d->ngun, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject) g->da)));
  PetscFunctionReturn(0);
}

/* The coupling state packed for the accelerator: space charge, charge per particle (per class), ion density, each
 * scaled by its size in the first sweep, then (on rank 0) the gun currents over their scale and ln feed. */
static PetscErrorCode StateCreate(DepCtx *d, Vec *X)
{
  PetscInt    n;
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(PetscObjectComm((PetscObject) d->rho), &rank));
  PetscCall(VecGetLocalSize(d->rho, &n));
  PetscCall(VecCreateMPI(PetscObjectComm((PetscObject) d->rho), (2 + d->nclass) * n + (rank ? 0 : d->ngun + 1),
                         PETSC_DETERMINE, X));
  PetscFunctionReturn(0);
}

/* scale = {space charge, ion density, current, charge per particle of each class} */
static PetscErrorCode StateScales(DepCtx *d, Vec rho, Vec q, Vec ion, const PetscReal cur[], PetscReal scale[])
{
  PetscFunctionBeginUser;
  PetscCall(VecNorm(rho, NORM_INFINITY, &scale[0]));
  PetscCall(VecNorm(ion, NORM_INFINITY, &scale[1]));
  scale[2] = 0.0;
  for (PetscInt k = 0; k < d->ngun; k++) scale[2] = PetscMax(scale[2], cur[k]);
  for (PetscInt k = 0; k < d->nclass; k++) PetscCall(VecStrideMax(q, k, NULL, &scale[3 + k]));
  for (PetscInt k = 0; k < 3 + d->nclass; k++)
    if (!(scale[k] > 0.0)) scale[k] = 1.0;
  PetscFunctionReturn(0);
}

static PetscErrorCode StatePack(DepCtx *d, Vec X, const PetscReal scale[], Vec rho, Vec q, Vec ion,
                                const PetscReal cur[], PetscReal lnF)
{
  const PetscInt     nc = d->nclass;
  PetscInt           n;
  PetscMPIInt        rank;
  PetscScalar       *x;
  const PetscScalar *r, *qq, *io;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(PetscObjectComm((PetscObject) X), &rank));
  PetscCall(VecGetLocalSize(rho, &n));
  PetscCall(VecGetArray(X, &x));
  PetscCall(VecGetArrayRead(rho, &r));
  PetscCall(VecGetArrayRead(q, &qq));
  PetscCall(VecGetArrayRead(ion, &io));
  for (PetscInt c = 0; c < n; c++) {
    x[c]     = r[c] / scale[0];
    x[n + c] = io[c] / scale[1];
    for (PetscInt k = 0; k < nc; k++) x[2 * n + c * nc + k] = qq[c * nc + k] / scale[3 + k];
  }
  if (!rank) {
    for (PetscInt k = 0; k < d->ngun; k++) x[(2 + nc) * n + k] = cur[k] / scale[2];
    x[(2 + nc) * n + d->ngun] = lnF;
  }
  PetscCall(VecRestoreArrayRead(ion, &io));
  PetscCall(VecRestoreArrayRead(q, &qq));
  PetscCall(VecRestoreArrayRead(rho, &r));
  PetscCall(VecRestoreArray(X, &x));
  PetscFunctionReturn(0);
}

/* Unpack, clipping the charge per particle, the ion density and the currents at zero. */
static PetscErrorCode StateUnpack(DepCtx *d, Vec X, const PetscReal scale[], Vec rho, Vec q, Vec ion, PetscReal cur[],
                                  PetscReal *lnF)
{
  const PetscInt     nc = d->nclass;
  PetscInt           n;
  PetscMPIInt        rank;
  const PetscScalar *x;
  PetscScalar       *r, *qq, *io;
  PetscReal          buf[MAX_GUNS + 1];
  MPI_Comm           comm = PetscObjectComm((PetscObject) X);
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(VecGetLocalSize(rho, &n));
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArray(rho, &r));
  PetscCall(VecGetArray(q, &qq));
  PetscCall(VecGetArray(ion, &io));
  for (PetscInt c = 0; c < n; c++) {
    r[c]  = x[c] * scale[0];
    io[c] = PetscMax(x[n + c], 0.0) * scale[1];
    for (PetscInt k = 0; k < nc; k++) qq[c * nc + k] = PetscMax(x[2 * n + c * nc + k], 0.0) * scale[3 + k];
  }
  if (!rank)
    for (PetscInt k = 0; k <= d->ngun; k++) buf[k] = x[(2 + nc) * n + k];
  PetscCall(VecRestoreArray(ion, &io));
  PetscCall(VecRestoreArray(q, &qq));
  PetscCall(VecRestoreArray(rho, &r));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCallMPI(MPI_Bcast(buf, (PetscMPIInt) (d->ngun + 1), MPIU_REAL, 0, comm));
  for (PetscInt k = 0; k < d->ngun; k++) cur[k] = PetscMax(buf[k], 0.0) * scale[2];
  *lnF = buf[d->ngun];
  PetscFunctionReturn(0);
}

static PetscErrorCode RelativeChange(Vec new_, Vec old, Vec work, PetscReal *change)
{
  PetscReal nrm, dn;
  PetscFunctionBeginUser;
  PetscCall(VecNorm(new_, NORM_2, &nrm));
  PetscCall(VecWAXPY(work, -1.0, old, new_));
  PetscCall(VecNorm(work, NORM_2, &dn));
  *change = nrm > 0 ? dn / nrm : 0.0;
  PetscFunctionReturn(0);
}

static PetscErrorCode Run_Dep(Stage st, Web web, Ledger ledger, Summary summary)
{
  DepCtx            *d = (DepCtx *) st->data;
  StretchedGrid      g = d->grid;
  const Formulation *f = &web->formulation;
  const PetscReal    U = web->line_speed, W = web->width, L = d->spray_length, t_res = L / U;
  const PetscReal    T = web->ambient_temperature, mu = AirViscosity(T), kT = DEP_BOLTZMANN * T;
  const PetscReal    nu = mu / AirDensity(T, ATMOSPHERIC_PRESSURE), rho_s = f->solids_density;
  const PetscInt     nx = g->nx, nc = d->nclass, ns = 1 + nc;
  const DepAir       air = {d->ux_air, d->uz_air};
  DepSpecies         sp[1 + MAX_CLASSES];
  DepRates           rates, qrates;
  Vec                rho_ion, rho_pow, ion_new, qnew, rho_new;
  PetscReal          feed = d->feed, fed = 0, deposited = 0, oversprayed = 0, rejected = 0, in0, in1;
  PetscBool          auto_feed = (PetscBool) (d->feed <= 0.0), converged = PETSC_FALSE;
  PetscReal          charging_energy = 0.0, Eext[MAX_GUNS];
  PetscFunctionBeginUser;
  PetscCheck(f->active && f->carbon && f->binder, st->comm, PETSC_ERR_ARG_WRONGSTATE,
             "electrostatic_deposition needs the formulation");
  /* layer resistivity from the composition of the as-deposited layer (docs/deposition.md) */
  {
    const PetscReal va = f->w_active / f->active->density, vcb = f->w_carbon / f->carbon->density,
                    vb         = f->w_binder / f->binder->density;
    const PetscReal     solids = (1.0 - d->porosity) / (va + vcb + vb);
    DepLayerComposition comp   = {va * solids,
                                  vcb * solids,
                                  vb * solids,
                                  f->active->electronic_resistivity,
                                  f->carbon->electronic_resistivity,
                                  f->binder->electronic_resistivity,
                                  d->percolation_threshold};
    d->layer_resistivity       = d->layer_resistivity_key > 0 ? d->layer_resistivity_key : DepLayerResistivity(&comp);
  }
  d->p_factor = DepPauthenierFactor(d->particle_er, d->conducting);
  for (PetscInt k = 0; k < nc; k++) {
    d->radius[k]        = 0.5 * d->diameter[k];
    d->mass[k]          = rho_s * 4.0 / 3.0 * PETSC_PI * PetscPowReal(d->radius[k], 3);
    d->cunningham[k]    = DepCunninghamFactor(d->radius[k], DEP_AIR_MEAN_FREE_PATH);
    d->settling[k]      = DepSettlingVelocity(rho_s, d->radius[k], d->cunningham[k], mu);
    d->wall_velocity[k] = DepWoodDepositionVelocity(d->friction_velocity, nu,
                                                    DepBrownianDiffusivity(T, d->radius[k], d->cunningham[k], mu),
                                                    DepRelaxationTime(rho_s, d->radius[k], d->cunningham[k], mu));
  }
  /* species: powder classes carried by the air, drifting with their own charge, settling, turbulent dispersion damped
   * at the foil, escaping along the machine; the ions drift only (~100 m/s >> air), Einstein diffusivity kT Z/e */
  sp[0] =
      (DepSpecies){d->ion_mobility, 0.0, 0.0, kT * d->ion_mobility / DEP_ELEMENTARY, PETSC_FALSE, 0.0, 0.0, PETSC_TRUE};
  for (PetscInt k = 0; k < nc; k++)
    sp[1 + k] = (DepSpecies){0.0,
                             d->settling[k],
                             1.0,
                             d->turbulent_diffusivity,
                             PETSC_TRUE,
                             2.0 * d->md_escape_velocity / L,
                             d->wall_velocity[k],
                             PETSC_FALSE};
  PetscCall(DepTransportSetTolerance(d->mtr, 1e-11)); /* coupling sweeps; polished to 1e-13 at the end */
  PetscCall(DepTransportSetTolerance(d->charge, 1e-11));
  PetscCall(DepTransportSetSpecies(d->mtr, sp + 1));
  PetscCall(DepTransportSetSpecies(d->charge, sp));
  PetscCall(DepRatesCreate(d->mtr, &rates));
  PetscCall(DepRatesCreate(d->charge, &qrates));
  PetscCall(VecDuplicate(d->rho, &rho_ion));
  PetscCall(VecDuplicate(d->rho, &rho_pow));
  PetscCall(VecDuplicate(d->rho, &ion_new));
  PetscCall(VecDuplicate(d->rho, &rho_new));
  PetscCall(VecDuplicate(d->qpart, &qnew));
  /* start: the bare guns, no space charge */
  for (PetscInt k = 0; k < d->ngun; k++) {
    d->veff[k]    = d->voltage;
    d->current[k] = DepPointCoronaCurrent(d->ion_mobility, d->voltage, d->onset_voltage, d->gap);
  }
  PetscCall(VecZeroEntries(d->rho));
  PetscCall(VecZeroEntries(d->ion_lag));
  PetscCall(VecZeroEntries(d->qpart));
  PetscCall(VecZeroEntries(d->c));
  PetscCall(VecZeroEntries(d->qc));
  if (auto_feed) feed = f->areal_loading * U * W / (0.5 * d->ngun * d->nrow);

  /* steady spray: fixed-point sweeps between the potential, the carriers, the gun currents (and the feed), the
   * state x = (space charge, charge per particle, ion density, gun currents, ln feed) accelerated by Anderson mixing
   * (depth anderson_depth, damping picard_relaxation; depth 0: the relaxed fixed point) */
  {
    const PetscReal target = f->areal_loading * U * W / (d->ngun * d->nrow), ln2 = PetscLogReal(2.0);
    PetscReal       lnF        = PetscLogReal(feed), scale[3 + MAX_CLASSES], hist[10];
    PetscBool       accelerate = (PetscBool) (d->anderson_depth > 0);
    Vec             X, G;
    DepAnderson     acc;
    PetscCall(StateCreate(d, &X));
    PetscCall(VecDuplicate(X, &G));
    PetscCall(DepAndersonCreate(X, d->anderson_depth, d->relaxation, &acc));
    for (PetscInt it = 0; it < d->npicard; it++) {
      PetscReal Inew[MAX_GUNS] = {0}, dI = 0.0, Imax = 0.0, lnF_new = lnF;
      if (it > 0) {
        /* the next iterate from the accelerator (clipped to the physical range) */
        PetscReal feed_new;
        PetscCall(StateUnpack(d, X, scale, d->rho, d->qpart, d->ion_lag, d->current, &lnF));
        feed_new = PetscExpReal(lnF);
        if (auto_feed) PetscCall(VecScale(d->c, feed_new / feed)); /* warm start: mass transport linear in the feed */
        feed = feed_new;
      }
      if (it > 0) {
        /* the transport solves need only be as accurate as the coupling is settled: a thousandth of the last change
         * (1e-11 at the end, where the coupling stops; the final state is polished to 1e-13 below) */
        const PetscReal rtol = PetscMin(1e-4, PetscMax(1e-11, 1e-3 * PetscMax(d->picard_change, d->current_change)));
        PetscCall(DepTransportSetTolerance(d->mtr, rtol));
        PetscCall(DepTransportSetTolerance(d->charge, rtol));
      }
      PetscCall(DepPotentialSolve(d->pot, d->rho, 1.0, d->phi, &d->potential_its));
      PetscCall(PatchField(d, d->phi, -d->voltage, d->emitter_field));
      PetscCall(UpdateMobility(d, mu));
      PetscCall(UpdateSticking(d));
      /* powder mass */
      PetscCall(DepTransportSetFields(d->mtr, d->phi, PotentialBC, d, &air, d->mob_mass));
      PetscCall(SetPowderInflow(d, feed));
      PetscCall(DepTransportSolveSteady(d->mtr, d->c));
      PetscCall(DepTransportGetRates(d->mtr, d->c, &rates));
      {
        PetscReal dep = 0.0;
        for (PetscInt k = 0; k < nc; k++)
          for (PetscInt i = 0; i < nx; i++) dep += rates.foil_flux[k * nx + i] * g->dx[i];
        d->efficiency = dep / SumRates(rates.fed, nc);
      }
      /* ions and powder charge, coupled by the capture */
      PetscCall(SetChargeInflow(d));
      for (PetscInt pass = 0; pass < (it == 0 ? 2 : 1); pass++) {
        /* the first sweep has no ion density to linearise the capture about: a second pass with that of the first */
        PetscCall(AssembleCapture(d));
        PetscCall(DepTransportSetFields(d->charge, d->phi, PotentialBC, d, &air, d->mob_charge));
        PetscCall(DepTransportSolveSteady(d->charge, d->qc));
        PetscCall(SplitCharge(d, rho_ion, rho_pow, qnew, ion_new));
        if (it == 0 && pass == 0) PetscCall(VecCopy(ion_new, d->ion_lag));
      }
      /* the gun currents: the sub-grid point corona at the voltage the external space charge leaves the emitter */
      PetscCall(ExternalFields(d, rho_ion, rho_pow, Eext));
      for (PetscInt k = 0; k < d->ngun; k++) {
        const PetscReal V = DepEffectiveEmitterVoltage(d->voltage, Eext[k], d->e_unit[k]);
        /* the external charge grows with the currents that charge it: take that into the update (damps the coupling) */
        const PetscReal sl = d->current[k] > 0.0 ? (V - d->voltage) / d->current[k] : 0.0;
        Inew[k]            = DepSelfConsistentCoronaCurrent(d->ion_mobility, d->voltage, d->onset_voltage, d->gap, sl);
        d->veff[k]         = V;
        dI                 = PetscMax(dI, PetscAbsReal(Inew[k] - d->current[k]));
        Imax               = PetscMax(Imax, PetscMax(Inew[k], d->current[k]));
      }
      d->current_change = Imax > 0.0 ? dI / Imax : 0.0;
      {
        /* the ions and, while the current limits the charging, the powder charge follow the new currents: carry the
         * ratio into the next state (the fixed point is unchanged, ratio 1 there; far from it this keeps a first
         * sweep with the bare-gun current from charging the cloud tenfold) */
        PetscReal sum = 0.0, sum_new = 0.0, ratio;
        for (PetscInt k = 0; k < d->ngun; k++) sum += d->current[k], sum_new += Inew[k];
        ratio = sum > 0.0 ? sum_new / sum : 1.0;
        if (ratio != 1.0) {
          PetscCall(VecScale(rho_ion, ratio));
          PetscCall(VecScale(rho_pow, ratio));
          PetscCall(VecScale(ion_new, ratio));
          PetscCall(VecScale(qnew, ratio));
        }
      }
      /* the feed for the target loading: D(F) = F eff(F) = target, a step in ln F limited to a factor 2 */
      if (auto_feed)
        lnF_new = lnF + PetscMin(ln2, PetscMax(-ln2, PetscLogReal(target) - PetscLogReal(feed * d->efficiency)));
      PetscCall(VecWAXPY(rho_new, 1.0, rho_ion, rho_pow));
      PetscCall(RelativeChange(rho_new, d->rho, d->work_a, &d->picard_change));
      d->picard_sweeps = it + 1;
      converged = (PetscBool) (it >= 2 && d->picard_change < d->picard_tol && d->current_change < d->picard_tol &&
                               PetscAbsReal(lnF_new - lnF) < d->picard_tol);
      PetscCall(PetscInfo(NULL,
                          "sweep %" PetscInt_FMT ": space-charge change %g, current change %g, current of gun 1 %g uA, "
                          "efficiency %g, feed %g kg/s per gun; gun 1: effective voltage %g V (onset %g V)\n",
                          it, (double) d->picard_change, (double) d->current_change, (double) (1e6 * d->current[0]),
                          (double) d->efficiency, (double) feed, (double) d->veff[0], (double) d->onset_voltage));
      if (converged) break;
      if (it == 0) PetscCall(StateScales(d, rho_new, qnew, ion_new, Inew, scale));
      PetscCall(StatePack(d, X, scale, d->rho, d->qpart, d->ion_lag, d->current, lnF));
      PetscCall(StatePack(d, G, scale, rho_new, qnew, ion_new, Inew, lnF_new));
      {
        /* stagnation guard: if the largest change has not halved over the last 10 sweeps, the accelerator is cycling
         * on noise; the rest of the run takes the plain damped steps, which contract steadily */
        const PetscReal change = PetscMax(d->picard_change, d->current_change);
        hist[it % 10]          = change;
        if (accelerate && it >= 10 && change > 0.5 * hist[(it + 1) % 10]) {
          accelerate = PETSC_FALSE;
          PetscCall(PetscInfo(NULL,
                              "coupling: Anderson acceleration stalled at sweep %" PetscInt_FMT
                              ", plain damped steps from here\n",
                              it));
        }
      }
      if (accelerate)
        PetscCall(DepAndersonUpdate(acc, X, G));
      else {
        PetscCall(VecAXPBY(X, d->relaxation, 1.0 - d->relaxation, G));
      }
    }
    PetscCall(DepAndersonDestroy(&acc));
    PetscCall(VecDestroy(&X));
    PetscCall(VecDestroy(&G));
  }
  PetscCheck(converged, st->comm, PETSC_ERR_NOT_CONVERGED,
             "electrostatic_deposition: the space-charge coupling did not converge in %" PetscInt_FMT
             " sweeps (last change: space charge %.2e, gun currents %.2e; picard_tolerance %.1e): raise "
             "picard_iterations or lower picard_relaxation",
             d->npicard, (double) d->picard_change, (double) d->current_change, (double) d->picard_tol);
  /* the charge state of the converged sweep, polished to a tighter tolerance so that the balances close near
   * round-off (the coupling does not need it: the state changes by less than the coupling tolerance) */
  PetscCall(DepTransportSetTolerance(d->charge, 1e-13));
  PetscCall(DepTransportSolveSteady(d->charge, d->qc));
  PetscCall(DepTransportGetRates(d->charge, d->qc, &qrates));
  PetscCall(PetscArraycpy(d->ion_current_density, qrates.foil_flux, nx));
  d->feed_correction = 0.0;
  if (auto_feed) {
    /* close the last sweep: with the fields and charges held the deposit is linear in the feed, so one rescale meets
     * the target loading; the charges then belong to a feed that differs by feed_correction (in the results file) */
    const PetscReal feed_new = f->areal_loading * U * W / (d->efficiency * d->ngun * d->nrow);
    d->feed_correction       = feed_new / feed - 1.0;
    PetscCall(VecScale(d->c, feed_new / feed));
    feed = feed_new;
    PetscCall(SetPowderInflow(d, feed));
  }
  d->feed_used = feed;
  PetscCall(DepTransportSetTolerance(d->mtr, 1e-13));
  PetscCall(DepTransportSolveSteady(d->mtr, d->c));
  PetscCall(DepTransportGetRates(d->mtr, d->c, &rates));
  PetscCall(PetscInfo(NULL, "powder fed %g: to the foil %g, out of the sides and gun plane %g, along the machine %g\n",
                      (double) SumRates(rates.fed, nc), (double) (SumRates(rates.fed, nc) * d->efficiency),
                      (double) SumRates(rates.outflow, nc), (double) SumRates(rates.lost, nc)));
  {
    PetscReal sQ = 0.0, sm = 0.0, cur = 0.0;
    /* charge-to-mass of the powder arriving at the foil; charge per particle over saturation at the emitter field */
    for (PetscInt k = 0; k < nc; k++)
      for (PetscInt i = 0; i < nx; i++) {
        sQ += qrates.foil_flux[(1 + k) * nx + i] * g->dx[i];
        sm += rates.foil_flux[k * nx + i] * g->dx[i];
      }
    d->charge_to_mass = sm > 0 ? sQ / sm * (1.0 + d->feed_correction) : 0.0;
    for (PetscInt k = 0; k < d->ngun; k++) cur += d->current[k];
    d->total_current           = cur;
    d->powder_current_fraction = qrates.fed[0] > 0 ? -qrates.reacted[0] / qrates.fed[0] : 0.0;
    d->free_ion_foil_fraction  = 0.0;
    for (PetscInt i = 0; i < nx; i++) d->free_ion_foil_fraction += qrates.foil_flux[i] * g->dx[i];
    d->free_ion_foil_fraction = qrates.fed[0] > 0 ? d->free_ion_foil_fraction / qrates.fed[0] : 0.0;
  }
  {
    PetscReal pmin;
    PetscCall(VecMin(d->phi, NULL, &pmin));
    d->phi_min = pmin;
  }

  /* a foil element crossing the spray zone: the layer charge per column (free ions and the charge of the accepted
   * powder), back-ionisation, and the powder in flight (a linear TS from an empty gap unless spin_up) */
  {
    TS        ts = NULL;
    PetscReal dt = t_res / d->nsteps, t = 0.0;
    PetscReal deposited_class[MAX_CLASSES] = {0}, *qm;
    /* charge per mass of each class arriving in each column, from the steady fluxes (the charges belong to the feed
     * before the last rescale, hence the factor) */
    PetscCall(PetscMalloc1(nc * nx, &qm));
    for (PetscInt k = 0; k < nc; k++)
      for (PetscInt i = 0; i < nx; i++) {
        const PetscReal Fk = rates.foil_flux[k * nx + i];
        qm[k * nx + i]     = Fk > 0 ? qrates.foil_flux[(1 + k) * nx + i] * (1.0 + d->feed_correction) / Fk : 0.0;
      }
    if (!d->spin_up) {
      PetscCall(VecZeroEntries(d->c));
      PetscCall(DepTransportCreateTS(d->mtr, &ts));
      PetscCall(TSSetTimeStep(ts, dt));
      PetscCall(TSSetMaxTime(ts, t_res));
      PetscCall(TSSetFromOptions(ts));
      PetscCall(TSSetSolution(ts, d->c));
      PetscCall(TSSetUp(ts));
    }
    PetscCall(DepTransportGetRates(d->mtr, d->c, &rates));
    in0 = SumRates(rates.in_flight, nc);
    PetscCall(PetscArrayzero(d->areal_mass, nx));
    PetscCall(PetscArrayzero(d->layer_field, nx));
    while (t < t_res * (1.0 - 1e-12)) {
      if (ts) {
        PetscReal tnew;
        PetscCall(TSGetTimeStep(ts, &dt));
        if (t + dt > t_res) PetscCall(TSSetTimeStep(ts, t_res - t));
        PetscCall(TSStep(ts));
        PetscCall(TSGetTime(ts, &tnew));
        dt = tnew - t;
        t  = tnew;
        PetscCall(DepTransportGetRates(d->mtr, d->c, &rates));
      } else
        t += dt;
      fed += dt * SumRates(rates.fed, nc);
      oversprayed += dt * (SumRates(rates.outflow, nc) + SumRates(rates.lost, nc));
      for (PetscInt i = 0; i < nx; i++) {
        const PetscReal accept =
            d->back_ionisation ? DepBackIonisationAcceptance(d->layer_field[i], d->breakdown_field, 0.05) : 1.0;
        PetscReal arrive = 0.0, Jp = 0.0;
        for (PetscInt k = 0; k < nc; k++) {
          const PetscReal Fk = rates.foil_flux[k * nx + i];
          arrive += Fk;
          Jp += accept * Fk * qm[k * nx + i];
          deposited_class[k] += accept * Fk * dt * g->dx[i];
        }
        d->areal_mass[i] += accept * arrive * dt;
        deposited += accept * arrive * dt * g->dx[i];
        rejected += (1.0 - accept) * arrive * dt * g->dx[i];
        d->layer_field[i] = DepLayerFieldAdvance(d->layer_field[i], d->ion_current_density[i] + Jp, d->layer_er,
                                                 d->layer_resistivity, dt);
      }
    }
    if (ts) PetscCall(TSDestroy(&ts));
    in1 = SumRates(rates.in_flight, nc);
    /* charging energy of the deposited particles: q^2/(8 pi eps0 r) each, q from the class's mean arriving q/m */
    for (PetscInt k = 0; k < nc; k++) {
      PetscReal Fs = 0.0, Fk = 0.0;
      for (PetscInt i = 0; i < nx; i++) {
        Fs += qrates.foil_flux[(1 + k) * nx + i] * g->dx[i];
        Fk += rates.foil_flux[k * nx + i] * g->dx[i];
      }
      if (Fk > 0) {
        const PetscReal q = Fs * (1.0 + d->feed_correction) / Fk * d->mass[k];
        charging_energy += deposited_class[k] / d->mass[k] * q * q / (8.0 * PETSC_PI * DEP_EPS0 * d->radius[k]);
      }
    }
    PetscCall(PetscFree(qm));
  }
  oversprayed += rejected;

  /* per m2 of electrode (the section is per metre of machine direction; it spans the web width) */
  d->fed                = fed / W;
  d->deposited          = deposited / W;
  d->overspray          = oversprayed / W;
  d->stored             = (in1 - in0) / W;
  d->efficiency         = deposited / fed;
  d->overspray_fraction = oversprayed / fed;
  d->feed_for_target    = d->feed_used * f->areal_loading / d->deposited;
  d->max_field_ratio    = 0.0;
  for (PetscInt i = 0; i < nx; i++)
    d->max_field_ratio = PetscMax(d->max_field_ratio, d->layer_field[i] / d->breakdown_field);

  /* the web: conservative remap of the section columns onto the web cells */
  for (PetscInt j = 0; j < web->ny; j++) {
    const PetscReal a = j * W / web->ny, b = (j + 1) * W / web->ny;
    PetscReal       m = 0.0;
    for (PetscInt i = 0; i < nx; i++) {
      const PetscReal lo = PetscMax(a, g->xf[i]), hi = PetscMin(b, g->xf[i + 1]);
      if (hi > lo) m += d->areal_mass[i] * (hi - lo);
    }
    web->solids_mass[j]  = m / (b - a);
    web->solvent_mass[j] = 0.0;
    web->porosity[j]     = d->porosity;
    web->thickness[j]    = web->solids_mass[j] / (rho_s * (1.0 - d->porosity));
  }
  web->temperature      = web->ambient_temperature;
  web->binder_activated = PETSC_FALSE;

  /* energy per m2 of electrode: the powers of the whole gun row over the area coated per second */
  {
    const PetscReal area_rate = U * W;
    DepLedgerInput  in        = {0};
    DepLedgerPower  P;
    in.guns                      = d->ngun * d->nrow;
    in.voltage                   = d->voltage;
    in.current_per_gun           = d->total_current / d->ngun;
    in.supply_efficiency         = d->corona_supply_efficiency;
    in.air_per_gun               = d->carrier_air + d->fluidising_air;
    in.shop_air_specific_energy  = d->shop_air_energy;
    in.air_supply_gauge          = d->supply_pressure;
    in.fed                       = d->feed_used * d->ngun * d->nrow;
    in.deposited                 = in.fed * d->efficiency;
    in.recovery_efficiency       = d->recovery_efficiency;
    in.dust_limit                = d->dust_limit;
    in.recovery_pressure_drop    = d->recovery_dp;
    in.fan_efficiency            = d->fan_efficiency;
    in.conveying_loading         = d->conveying_loading;
    in.air_normal_density        = AirDensity(273.15, ATMOSPHERIC_PRESSURE);
    in.premixing_specific_energy = d->premixing_energy;
    in.charging_energy           = charging_energy / t_res * L;
    DepLedgerCompute(&in, &P);
    PetscCall(LedgerAdd(ledger, st->name, "corona", ENERGY_ELECTRIC, P.corona / area_rate, P.corona_min / area_rate,
                        "n V I of the guns over the supply efficiency; minimum: charging energy of the deposit"));
    PetscCall(LedgerAdd(ledger, st->name, "compressed_air", ENERGY_ELECTRIC, P.compressed_air / area_rate,
                        P.compressed_air_min / area_rate,
                        "gun + fluidising air x shop-air kWh/Nm3; minimum: isothermal work to the gun pressure"));
    PetscCall(LedgerAdd(ledger, st->name, "booth_extraction", ENERGY_ELECTRIC, P.extraction / area_rate, 0.0,
                        "extraction sized by overspray / dust limit (at least the gun air) x recovery dp / fan eff."));
    PetscCall(LedgerAdd(ledger, st->name, "overspray_recirculation", ENERGY_ELECTRIC, P.recirculation / area_rate, 0.0,
                        "recovered overspray conveyed back to the hopper with shop air"));
    PetscCall(LedgerAdd(ledger, st->name, "powder_premixing", ENERGY_ELECTRIC, P.premixing / area_rate, 0.0,
                        "dry mixing of the fresh powder (deposited + unrecovered overspray)"));
    PetscCall(SummarySet(summary, "booth_extraction_Nm3_per_h", P.extraction_air * 3600.0, "Nm3/h",
                         "extraction air through the overspray recovery (dust limit or gun air)"));
  }
  {
    PetscReal Imin = PETSC_MAX_REAL, Imax = 0.0, dV = 0.0;
    for (PetscInt k = 0; k < d->ngun; k++) {
      Imin = PetscMin(Imin, d->current[k]);
      Imax = PetscMax(Imax, d->current[k]);
      dV += (d->voltage - d->veff[k]) / d->ngun;
    }
    PetscCall(SummarySet(summary, "deposition_efficiency", d->efficiency, "-",
                         "powder deposited on the foil over powder fed"));
    PetscCall(SummarySet(summary, "overspray_fraction", d->overspray_fraction, "-",
                         "powder fed that misses the foil or is rejected by the layer (recovered)"));
    PetscCall(SummarySet(summary, "powder_feed_g_per_min", d->feed_used * 6e4, "g/min",
                         "powder feed per gun used in the run"));
    PetscCall(SummarySet(summary, "powder_feed_for_target_g_per_min", d->feed_for_target * 6e4, "g/min",
                         "powder feed per gun that gives electrode.areal_loading"));
    PetscCall(SummarySet(summary, "corona_current_uA", 1e6 * d->total_current / d->ngun, "uA",
                         "corona current per gun (mean), from the onset condition at the emitter"));
    PetscCall(SummarySet(summary, "corona_current_min_uA", 1e6 * Imin, "uA", "smallest corona current of a gun"));
    PetscCall(SummarySet(summary, "corona_current_max_uA", 1e6 * Imax, "uA", "largest corona current of a gun"));
    PetscCall(SummarySet(summary, "corona_onset_voltage_kV", 1e-3 * d->onset_voltage, "kV",
                         "Peek onset voltage of the emitter (point to plane)"));
    PetscCall(SummarySet(summary, "space_charge_voltage_drop_kV", 1e-3 * dV, "kV",
                         "gun voltage taken from the emitters by the powder cloud and the other guns' ions (mean)"));
    PetscCall(
        SummarySet(summary, "gun_voltage_kV", d->voltage * 1e-3, "kV", "gun voltage (magnitude, negative corona)"));
    PetscCall(SummarySet(summary, "charge_to_mass_uC_per_g", d->charge_to_mass * 1e3, "uC/g",
                         "charge over mass of the powder arriving at the foil"));
    PetscCall(SummarySet(summary, "powder_current_fraction", d->powder_current_fraction, "-",
                         "corona ions captured by the powder over the gun current"));
    PetscCall(SummarySet(summary, "free_ion_foil_fraction", d->free_ion_foil_fraction, "-",
                         "free corona ions reaching the foil over the gun current"));
    PetscCall(SummarySet(summary, "cloud_potential_to_gun_voltage", -d->phi_min / d->voltage, "-",
                         "lowest potential in the gap over the gun potential; > 1: the space charge dominates"));
    PetscCall(SummarySet(summary, "layer_resistivity_Ohm_m", d->layer_resistivity, "Ohm m",
                         "resistivity of the deposited layer"));
    PetscCall(SummarySet(summary, "layer_field_to_breakdown_ratio", d->max_field_ratio, "-",
                         "largest field across the layer over the breakdown field"));
    PetscCall(SummarySet(summary, "self_limiting", d->back_ionisation && d->max_field_ratio > 1.0 ? 1.0 : 0.0, "-",
                         "1 if back-ionisation limits the layer"));
    PetscCall(SummarySet(summary, "deposition_time_s", t_res, "s", "time a foil element spends under the spray"));
  }
  PetscCall(SummaryAddBalance(summary, st->name, "powder_mass", d->fed, d->deposited + d->overspray, d->stored));
  {
    /* corona charge of the steady spray over the crossing time, C per m2 of electrode: the ions injected leave as
     * free ions or as powder charge through the foil, the walls and the machine-direction exit */
    PetscReal out = 0.0;
    for (PetscInt s = 0; s < ns; s++) {
      out += qrates.outflow[s] + qrates.lost[s];
      for (PetscInt i = 0; i < nx; i++) out += qrates.foil_flux[s * nx + i] * g->dx[i];
    }
    PetscCall(SummaryAddBalance(summary, st->name, "charge", qrates.fed[0] * t_res / W, out * t_res / W, 0.0));
  }
  PetscCall(VecDestroy(&rho_ion));
  PetscCall(VecDestroy(&rho_pow));
  PetscCall(VecDestroy(&ion_new));
  PetscCall(VecDestroy(&rho_new));
  PetscCall(VecDestroy(&qnew));
  PetscCall(DepRatesDestroy(&rates));
  PetscCall(DepRatesDestroy(&qrates));
  PetscFunctionReturn(0);
}

static PetscErrorCode View_Dep(Stage st, PetscViewer v)
{
  DepCtx *d = (DepCtx *) st->data;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "electrostatic_deposition: %" PetscInt_FMT
                                   " guns, %g mm apart, %g kV, %g mm gap; %" PetscInt_FMT " size classes\n",
                                   d->ngun, (double) (1e3 * d->gun_spacing), (double) (1e-3 * d->voltage),
                                   (double) (1e3 * d->gap), d->nclass));
  if (d->grid)
    PetscCall(PetscViewerASCIIPrintf(
        v,
        "  section %" PetscInt_FMT " x %" PetscInt_FMT " cells; corona onset %g kV, %g uA per gun; efficiency %g, "
        "layer field/breakdown %g; %" PetscInt_FMT " coupling sweeps (last change %.1e); last potential solve "
        "%" PetscInt_FMT " iterations\n",
        d->nx, d->nz, (double) (1e-3 * d->onset_voltage), (double) (1e6 * d->total_current / d->ngun),
        (double) d->efficiency, (double) d->max_field_ratio, d->picard_sweeps, (double) d->picard_change,
        d->potential_its));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteFields_Dep(Stage st, PetscViewer h5)
{
  DepCtx   *d = (DepCtx *) st->data;
  char      group[80];
  PetscInt  n = d->nx, nz1 = d->nz + 1, ng = d->ngun;
  PetscReal cur[MAX_GUNS];
  PetscFunctionBeginUser;
  if (!d->grid) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(group, sizeof(group), "/%s", st->name));
  PetscCall(H5WriteArray(h5, group, "x", 1, &n, d->grid->xc, "m", "cell centres across the web"));
  for (PetscInt k = 0; k < ng; k++) cur[k] = 1e6 * d->current[k];
  PetscCall(H5WriteArray(h5, group, "gun_x", 1, &ng, d->xgun, "m", "gun positions across the web"));
  PetscCall(H5WriteArray(h5, group, "gun_current", 1, &ng, cur, "uA", "corona current of each gun (Kaptzov)"));
  /* solver statistics belong here, not in /summary: they depend on the partition */
  PetscCall(H5WriteScalar(h5, group, "potential_ksp_iterations", (PetscReal) d->potential_its, "-",
                          "iterations of the last potential solve"));
  PetscCall(H5WriteScalar(h5, group, "picard_sweeps", (PetscReal) d->picard_sweeps, "-",
                          "potential/transport coupling sweeps run (picard_iterations at most)"));
  PetscCall(H5WriteScalar(h5, group, "picard_relative_change", d->picard_change, "-",
                          "space-charge change of the last coupling iteration"));
  PetscCall(H5WriteScalar(h5, group, "picard_current_change", d->current_change, "-",
                          "relative change of the gun currents in the last coupling iteration"));
  PetscCall(H5WriteScalar(h5, group, "picard_feed_correction", d->feed_correction, "-",
                          "relative rescale of the feed after the last coupling iteration (0 with a fixed feed)"));
  PetscCall(H5WriteArray(h5, group, "z_faces", 1, &nz1, d->grid->zf, "m", "face positions across the gap (foil at 0)"));
  PetscCall(
      H5WriteArray(h5, group, "areal_mass", 1, &n, d->areal_mass, "kg/m2", "deposited powder per area across the web"));
  PetscCall(H5WriteArray(h5, group, "layer_field", 1, &n, d->layer_field, "V/m",
                         "field across the layer leaving the spray zone"));
  PetscCall(H5WriteArray(h5, group, "ion_current_density", 1, &n, d->ion_current_density, "A/m2",
                         "free corona ion current density on the foil"));
  PetscCall(PetscViewerHDF5PushGroup(h5, group));
  PetscCall(PetscObjectSetName((PetscObject) d->phi, "potential"));
  PetscCall(VecView(d->phi, h5));
  PetscCall(PetscObjectSetName((PetscObject) d->rho, "space_charge"));
  PetscCall(VecView(d->rho, h5));
  PetscCall(PetscObjectSetName((PetscObject) d->c, "powder_concentration"));
  PetscCall(VecView(d->c, h5));
  PetscCall(PetscObjectSetName((PetscObject) d->qc, "ion_and_powder_charge_density"));
  PetscCall(VecView(d->qc, h5));
  PetscCall(PetscViewerHDF5PopGroup(h5));
  PetscFunctionReturn(0);
}

static PetscErrorCode Destroy_Dep(Stage st)
{
  DepCtx *d = (DepCtx *) st->data;
  PetscFunctionBeginUser;
  PetscCall(PetscFree4(d->xgun, d->areal_mass, d->layer_field, d->ion_current_density));
  PetscCall(PetscFree4(d->ux_air, d->uz_air, d->sticking, d->K));
  PetscCall(VecDestroy(&d->phi));
  PetscCall(VecDestroy(&d->phi_unit));
  PetscCall(VecDestroy(&d->work_a));
  if (d->green) PetscCall(VecDestroyVecs(d->ngun, &d->green));
  PetscCall(VecDestroy(&d->rho));
  PetscCall(VecDestroy(&d->ion_lag));
  PetscCall(VecDestroy(&d->c));
  PetscCall(VecDestroy(&d->qc));
  PetscCall(VecDestroy(&d->qpart));
  PetscCall(VecDestroy(&d->mob_mass));
  PetscCall(VecDestroy(&d->mob_charge));
  PetscCall(DepTransportDestroy(&d->mtr));
  PetscCall(DepTransportDestroy(&d->charge));
  PetscCall(DepPotentialDestroy(&d->pot));
  PetscCall(StretchedGridDestroy(&d->grid));
  PetscCall(PetscFree(st->data));
  PetscFunctionReturn(0);
}

PetscErrorCode StageCreate_ElectrostaticDeposition(Stage st)
{
  DepCtx *d;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&d));
  st->data            = d;
  st->ops.setfromcase = SetFromCase_Dep;
  st->ops.setup       = SetUp_Dep;
  st->ops.run         = Run_Dep;
  st->ops.view        = View_Dep;
  st->ops.writefields = WriteFields_Dep;
  st->ops.destroy     = Destroy_Dep;
  PetscFunctionReturn(0);
}
