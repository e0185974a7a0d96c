/* Stage electrostatic_deposition: corona guns across the web spray charged powder onto the grounded foil.
 * A 2D section (x across the web, z from the foil to the gun plane) carries the electric potential with ion and
 * powder space charge (KSP + multigrid), the corona ions and the powder size classes (upwind finite volumes,
 * steady Picard start-up, then a linear TS over the time a foil element spends under the spray), and the charge
 * of the growing layer with back-ionisation. Model, assumptions and verification: docs/deposition.md. */
#include "stageimpl.h"
#include "stages.h"
#include "electrostatics_model.h"
#include "deposition_potential.h"
#include "deposition_transport.h"
#include "../postproc/h5io.h"

#define SEC         "electrostatic_deposition."
#define MAX_CLASSES 16

typedef struct {
  /* guns (SI) */
  PetscInt  ngun;
  PetscReal gun_spacing, gun_offset, voltage, gap, current, nozzle_width, feed, carrier_velocity;
  PetscReal carrier_air, fluidising_air, supply_pressure, compressor_efficiency, corona_supply_efficiency;
  PetscReal exhaust_air, recovery_dp, fan_efficiency;
  /* spray zone and transport */
  PetscReal spray_length, spreading_rate, stagnation_length, turbulent_diffusivity, md_escape_velocity, ion_mobility;
  PetscReal charging_field_key, charging_current_fraction;
  PetscBool conducting;
  PetscReal particle_er;
  PetscInt  nclass;
  PetscReal diameter[MAX_CLASSES], mass_fraction[MAX_CLASSES];
  /* layer */
  PetscReal porosity, breakdown_field, layer_resistivity_key, layer_er, percolation_threshold, contact_factor;
  PetscBool back_ionisation;
  /* numerics */
  PetscInt  nx, nz, nsteps, npicard;
  PetscReal stretching, relaxation, picard_tol;
  PetscInt  picard_sweeps; /* sweeps actually run */
  PetscBool spin_up;

  /* run objects */
  StretchedGrid grid;
  DepPotential  pot;
  DepTransport  ions, powder;
  Vec           phi, rho, cion, c;
  PetscReal    *xgun, *psi;
  PetscReal     patch_half;
  /* particle properties */
  PetscReal radius[MAX_CLASSES], mass[MAX_CLASSES], charge[MAX_CLASSES], mobility[MAX_CLASSES], settling[MAX_CLASSES];
  /* results (replicated, nx) */
  PetscReal *areal_mass, *layer_field, *ion_current_density;
  PetscReal  charge_limit; /* -, charge over the Pauthenier saturation charge (current-limited charging) */
  PetscReal  charging_field, layer_resistivity, efficiency, overspray_fraction, feed_used, feed_for_target;
  PetscReal  fed, deposited, overspray, stored, picard_change, max_field_ratio;
  PetscReal  feed_correction;    /* last rescale of the feed to the target, relative */
  PetscReal  gun_field, phi_min; /* signed mean field on the electrodes, lowest potential in the gap (last iterate) */
  PetscInt   potential_its;
} DepCtx;

const CaseKeySpec ElectrostaticDepositionKeys[] = {
    {SEC "gun_count", CASE_INT, "-", 1, 64, PETSC_FALSE, 3, NULL, "one gun to a few dozen across a production web",
     "corona guns across the web"},
    {SEC "gun_spacing_mm", CASE_REAL, "mm", 10, 2500, PETSC_FALSE, 200, NULL,
     "guns sit centimetres to decimetres apart", "distance between neighbouring guns across the web"},
    {SEC "gun_offset_mm", CASE_REAL, "mm", -1250, 1250, PETSC_FALSE, 0, NULL, "the gun row lies over the web",
     "shift of the centre of the gun row from the web centre"},
    {SEC "gun_voltage_kV", CASE_REAL, "kV", 5, 150, PETSC_FALSE, 25, NULL,
     "corona guns run at 30-100 kV; 25 kV in battery work (Wang 2019)", "magnitude of the (negative) gun voltage"},
    {SEC "gun_distance_mm", CASE_REAL, "mm", 20, 600, PETSC_FALSE, 200, NULL,
     "below 100 mm back-ionisation, above 300 mm poor transfer (trade)", "gun tip to foil distance"},
    {SEC "corona_current_uA", CASE_REAL, "uA", 0, 500, PETSC_FALSE, 20, NULL,
     "corona guns deliver tens of uA (current limiters 10-100 uA)", "corona (ion) current per gun"},
    {SEC "nozzle_width_mm", CASE_REAL, "mm", 1, 300, PETSC_FALSE, 20, NULL,
     "gun nozzles and deflectors are 1-30 cm wide", "width of the spray exit and corona electrode patch"},
    {SEC "powder_feed_g_per_min", CASE_REAL, "g_per_min", 0, 5000, PETSC_FALSE, 0, NULL,
     "gun feeds reach a few hundred g/min",
     "powder feed per gun; 0: choose it so that the mean loading meets electrode.areal_loading"},
    {SEC "carrier_air_velocity_m_per_s", CASE_REAL, "m_per_s", 0, 40, PETSC_FALSE, 3, NULL, "gun exit air of a few m/s",
     "carrier-air velocity at the nozzle exit"},
    {SEC "carrier_air_Nm3_per_h", CASE_REAL, "Nm3_per_h", 0, 100, PETSC_FALSE, 3, NULL,
     "a few Nm3/h per gun (UNCONFIRMED)", "carrier (flow + atomising) air per gun, for the compressor"},
    {SEC "fluidising_air_Nm3_per_h", CASE_REAL, "Nm3_per_h", 0, 100, PETSC_FALSE, 2, NULL,
     "a few Nm3/h per hopper (UNCONFIRMED)", "fluidising air per gun, for the compressor"},
    {SEC "air_supply_pressure_bar", CASE_REAL, "bar", 0.05, 10, PETSC_FALSE, 0.5, NULL,
     "7 psi = 0.48 bar in Wang 2019; shop air is 6-7 bar", "gauge pressure at which the air is delivered"},
    {SEC "compressor_efficiency", CASE_REAL, "-", 0.2, 1.0, PETSC_FALSE, 0.65, NULL,
     "adiabatic x motor efficiency of plant compressors", "efficiency against adiabatic compression"},
    {SEC "corona_supply_efficiency", CASE_REAL, "-", 0.2, 1.0, PETSC_FALSE, 0.85, NULL, "HV cascade supplies",
     "electric efficiency of the high-voltage supply"},
    {SEC "exhaust_air_Nm3_per_h", CASE_REAL, "Nm3_per_h", 0, 1e5, PETSC_FALSE, 600, NULL,
     "booth extraction keeps powder below its explosion limit (UNCONFIRMED)",
     "booth extraction air through the overspray recovery"},
    {SEC "recovery_pressure_drop_kPa", CASE_REAL, "kPa", 0, 20, PETSC_FALSE, 1.5, NULL,
     "cyclone plus cartridge filter, 1-3 kPa", "pressure drop of the overspray recovery (cyclone/filter)"},
    {SEC "fan_efficiency", CASE_REAL, "-", 0.2, 0.95, PETSC_FALSE, 0.6, NULL, "industrial fans 0.5-0.8",
     "fan plus motor efficiency of the extraction"},
    {SEC "spray_zone_length_mm", CASE_REAL, "mm", 10, 5000, PETSC_FALSE, 300, NULL,
     "spray cloud of a gun row along the machine", "length of the spray zone along the machine direction"},
    {SEC "jet_spreading_rate", CASE_REAL, "-", 0.01, 0.5, PETSC_FALSE, 0.1, NULL,
     "plane turbulent jets spread at about 0.1", "growth of the jet half-width per distance"},
    {SEC "stagnation_length_mm", CASE_REAL, "mm", 1, 300, PETSC_FALSE, 20, NULL,
     "the jet turns within about a nozzle width of the wall",
     "height over the foil in which the jet turns into a wall jet"},
    {SEC "turbulent_diffusivity_m2_per_s", CASE_REAL, "m2_per_s", 1e-7, 0.1, PETSC_FALSE, 1e-3, NULL,
     "turbulent dispersion of a spray cloud (UNCONFIRMED)", "powder dispersion coefficient"},
    {SEC "md_escape_velocity_m_per_s", CASE_REAL, "m_per_s", 0, 20, PETSC_FALSE, 0.3, NULL,
     "air leaving the spray zone along the machine (UNCONFIRMED)",
     "velocity at which powder leaves the spray zone along the machine direction"},
    {SEC "ion_mobility_m2_per_Vs", CASE_REAL, "m2_per_Vs", 1e-5, 1e-3, PETSC_FALSE, 1.87e-4, NULL,
     "negative air ions 1.87 cm2/Vs (handbook)", "mobility of the corona ions"},
    {SEC "charging_field_MV_per_m", CASE_REAL, "MV_per_m", 0, 10, PETSC_FALSE, 0, NULL,
     "field charging saturates near the air breakdown field, ~3 MV/m",
     "charging field; 0: the mean field at the gun electrode from the solution"},
    {SEC "charging_current_fraction", CASE_REAL, "-", 1e-3, 1, PETSC_FALSE, 0.5, NULL,
     "most corona ions reach the foil without meeting a particle (UNCONFIRMED)",
     "largest share of the corona current the powder can carry as charge"},
    {SEC "conducting_particles", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1, NULL, "NMC, graphite and carbon conduct: p = 3",
     "field-charge the powder as conductors (p = 3) or as dielectrics"},
    {SEC "particle_relative_permittivity", CASE_REAL, "-", 1, 1000, PETSC_FALSE, 3, NULL, "polymer powders 2-10",
     "relative permittivity for dielectric charging"},
    {SEC "size_classes.[].diameter_um", CASE_REAL, "um", 0.5, 500, PETSC_TRUE, 0, NULL, "battery powders are 1-50 um",
     "particle diameter of a size class (default classes: 5/10/20 um, 25/50/25 %)"},
    {SEC "size_classes.[].mass_fraction", CASE_REAL, "-", 0, 1, PETSC_TRUE, 0, NULL, "the fractions must sum to 1",
     "mass fraction of the size class"},
    {SEC "as_deposited_porosity", CASE_REAL, "-", 0.2, 0.9, PETSC_FALSE, 0.6, NULL,
     "loose sprayed powder layers are 50-70 % void", "porosity of the layer as deposited"},
    {SEC "back_ionisation", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1, NULL, "",
     "let the layer field limit deposition (back corona)"},
    {SEC "breakdown_field_MV_per_m", CASE_REAL, "MV_per_m", 0.5, 30, PETSC_FALSE, 3, NULL,
     "air breaks down at ~3 MV/m (cm gaps), higher in um pores",
     "field across the layer at which back-ionisation starts"},
    {SEC "layer_resistivity_Ohm_m", CASE_REAL, "Ohm_m", 0, 1e18, PETSC_FALSE, 0, NULL, "1e-3 (carbon) to 1e16 (PTFE)",
     "resistivity of the deposited layer; 0: from the composition (percolation)"},
    {SEC "layer_relative_permittivity", CASE_REAL, "-", 1, 100, PETSC_FALSE, 3, NULL,
     "porous powder layers (UNCONFIRMED)", "relative permittivity of the layer (its charge relaxation time)"},
    {SEC "percolation_threshold", CASE_REAL, "-", 0.02, 0.6, PETSC_FALSE, 0.16, NULL,
     "Scher-Zallen critical volume fraction ~0.16 for random spheres",
     "volume fraction at which a conducting network percolates"},
    {SEC "powder_contact_factor", CASE_REAL, "-", 1e-12, 1, PETSC_FALSE, 1e-3, NULL,
     "loose point contacts conduct far less than dense material (UNCONFIRMED)",
     "network conductance of loose powder over that of the dense material"},
    {SEC "cells_across", CASE_INT, "-", 16, 8192, PETSC_FALSE, 128, NULL, "several cells per gun spacing",
     "cells across the web in the deposition section"},
    {SEC "cells_gap", CASE_INT, "-", 16, 8192, PETSC_FALSE, 128, NULL, "several cells per stagnation layer",
     "cells across the gun-to-foil gap"},
    {SEC "grid_stretching", CASE_REAL, "-", 0, 6, PETSC_FALSE, 2, NULL, "0: uniform; 2-3 cluster cells at the foil",
     "tanh clustering of the gap cells towards the foil"},
    {SEC "time_steps", CASE_INT, "-", 1, 100000, PETSC_FALSE, 20, NULL, "resolve the layer charging time",
     "time steps while a foil element crosses the spray zone"},
    {SEC "picard_iterations", CASE_INT, "-", 1, 200, PETSC_FALSE, 40, NULL,
     "space-charge coupling converges in 10-20 sweeps", "most potential/transport coupling iterations"},
    {SEC "picard_tolerance", CASE_REAL, "-", 0, 1, PETSC_FALSE, 1e-8, NULL,
     "0 runs every sweep; 1e-8 keeps 1 and 2 ranks within 1e-8 of each other",
     "stop the coupling once the relative space-charge change falls below this"},
    {SEC "picard_relaxation", CASE_REAL, "-", 0.05, 1, PETSC_FALSE, 0.7, NULL,
     "under-relaxation keeps corona space charge stable", "relaxation of the space charge between iterations"},
    {SEC "spin_up", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1, NULL, "",
     "start the foil element under the steady spray (false: from an empty gap)"},
};
const PetscInt ElectrostaticDepositionNumKeys =
    (PetscInt) (sizeof(ElectrostaticDepositionKeys) / sizeof(ElectrostaticDepositionKeys[0]));

static PetscInt GunAt(const DepCtx *d, PetscReal x)
{
  for (PetscInt g = 0; g < d->ngun; g++)
    if (PetscAbsReal(x - d->xgun[g]) <= d->patch_half) return g;
  return -1;
}

/* Foil grounded; gun electrodes at -V over their patch of the gun plane; elsewhere no normal field. */
static PetscErrorCode PotentialBC(PetscInt b, PetscReal x, PetscReal z, void *ctx, DepBCType *type, PetscReal *value)
{
  const DepCtx *d = (const DepCtx *) ctx;
  PetscFunctionBeginUser;
  *type  = DEP_BC_NEUMANN;
  *value = 0.0;
  if (b == DEP_FOIL)
    *type = DEP_BC_DIRICHLET;
  else if (b == DEP_GUN_PLANE && GunAt(d, x) >= 0) {
    *type  = DEP_BC_DIRICHLET;
    *value = -d->voltage;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode SetFromCase_Dep(Stage st, EprocCase c, Materials m)
{
  DepCtx   *d   = (DepCtx *) st->data;
  PetscReal sum = 0.0;
  PetscFunctionBeginUser;
  PetscCall(CaseGetInt(c, SEC "gun_count", &d->ngun));
  PetscCall(CaseGetReal(c, SEC "gun_spacing_mm", &d->gun_spacing));
  PetscCall(CaseGetReal(c, SEC "gun_offset_mm", &d->gun_offset));
  PetscCall(CaseGetReal(c, SEC "gun_voltage_kV", &d->voltage));
  PetscCall(CaseGetReal(c, SEC "gun_distance_mm", &d->gap));
  PetscCall(CaseGetReal(c, SEC "corona_current_uA", &d->current));
  PetscCall(CaseGetReal(c, SEC "nozzle_width_mm", &d->nozzle_width));
  PetscCall(CaseGetReal(c, SEC "powder_feed_g_per_min", &d->feed));
  PetscCall(CaseGetReal(c, SEC "carrier_air_velocity_m_per_s", &d->carrier_velocity));
  PetscCall(CaseGetReal(c, SEC "carrier_air_Nm3_per_h", &d->carrier_air));
  PetscCall(CaseGetReal(c, SEC "fluidising_air_Nm3_per_h", &d->fluidising_air));
  PetscCall(CaseGetReal(c, SEC "air_supply_pressure_bar", &d->supply_pressure));
  PetscCall(CaseGetReal(c, SEC "compressor_efficiency", &d->compressor_efficiency));
  PetscCall(CaseGetReal(c, SEC "corona_supply_efficiency", &d->corona_supply_efficiency));
  PetscCall(CaseGetReal(c, SEC "exhaust_air_Nm3_per_h", &d->exhaust_air));
  PetscCall(CaseGetReal(c, SEC "recovery_pressure_drop_kPa", &d->recovery_dp));
  PetscCall(CaseGetReal(c, SEC "fan_efficiency", &d->fan_efficiency));
  PetscCall(CaseGetReal(c, SEC "spray_zone_length_mm", &d->spray_length));
  PetscCall(CaseGetReal(c, SEC "jet_spreading_rate", &d->spreading_rate));
  PetscCall(CaseGetReal(c, SEC "stagnation_length_mm", &d->stagnation_length));
  PetscCall(CaseGetReal(c, SEC "turbulent_diffusivity_m2_per_s", &d->turbulent_diffusivity));
  PetscCall(CaseGetReal(c, SEC "md_escape_velocity_m_per_s", &d->md_escape_velocity));
  PetscCall(CaseGetReal(c, SEC "ion_mobility_m2_per_Vs", &d->ion_mobility));
  PetscCall(CaseGetReal(c, SEC "charging_field_MV_per_m", &d->charging_field_key));
  PetscCall(CaseGetReal(c, SEC "charging_current_fraction", &d->charging_current_fraction));
  PetscCall(CaseGetBool(c, SEC "conducting_particles", &d->conducting));
  PetscCall(CaseGetReal(c, SEC "particle_relative_permittivity", &d->particle_er));
  PetscCall(CaseGetReal(c, SEC "as_deposited_porosity", &d->porosity));
  PetscCall(CaseGetBool(c, SEC "back_ionisation", &d->back_ionisation));
  PetscCall(CaseGetReal(c, SEC "breakdown_field_MV_per_m", &d->breakdown_field));
  PetscCall(CaseGetReal(c, SEC "layer_resistivity_Ohm_m", &d->layer_resistivity_key));
  PetscCall(CaseGetReal(c, SEC "layer_relative_permittivity", &d->layer_er));
  PetscCall(CaseGetReal(c, SEC "percolation_threshold", &d->percolation_threshold));
  PetscCall(CaseGetReal(c, SEC "powder_contact_factor", &d->contact_factor));
  PetscCall(CaseGetInt(c, SEC "cells_across", &d->nx));
  PetscCall(CaseGetInt(c, SEC "cells_gap", &d->nz));
  PetscCall(CaseGetReal(c, SEC "grid_stretching", &d->stretching));
  PetscCall(CaseGetInt(c, SEC "time_steps", &d->nsteps));
  PetscCall(CaseGetInt(c, SEC "picard_iterations", &d->npicard));
  PetscCall(CaseGetReal(c, SEC "picard_relaxation", &d->relaxation));
  PetscCall(CaseGetReal(c, SEC "picard_tolerance", &d->picard_tol));
  PetscCall(CaseGetBool(c, SEC "spin_up", &d->spin_up));
  PetscCall(CaseGetListLength(c, SEC "size_classes", &d->nclass));
  if (d->nclass == 0) {
    /* default powder: three classes around the NMC d50 of 10 um (UNCONFIRMED distribution) */
    d->nclass      = 3;
    d->diameter[0] = 5e-6, d->diameter[1] = 10e-6, d->diameter[2] = 20e-6;
    d->mass_fraction[0] = 0.25, d->mass_fraction[1] = 0.5, d->mass_fraction[2] = 0.25;
  } else {
    if (d->nclass > MAX_CLASSES)
      PetscCall(CaseInputError(c, SEC "size_classes", "at most %d size classes", MAX_CLASSES));
    for (PetscInt k = 0; k < d->nclass; k++) {
      char path[128];
      PetscCall(PetscSNPrintf(path, sizeof(path), SEC "size_classes.[%" PetscInt_FMT "].diameter_um", k));
      PetscCall(CaseGetReal(c, path, &d->diameter[k]));
      PetscCall(PetscSNPrintf(path, sizeof(path), SEC "size_classes.[%" PetscInt_FMT "].mass_fraction", k));
      PetscCall(CaseGetReal(c, path, &d->mass_fraction[k]));
    }
  }
  for (PetscInt k = 0; k < d->nclass; k++) sum += d->mass_fraction[k];
  if (PetscAbsReal(sum - 1.0) > 1e-6)
    PetscCall(CaseInputError(c, SEC "size_classes",
                             "the mass fractions of the size classes sum to %g; they must sum to 1", (double) sum));
  PetscFunctionReturn(0);
}

static PetscErrorCode SetUp_Dep(Stage st, Web web)
{
  DepCtx        *d = (DepCtx *) st->data;
  StretchedGrid  g;
  const PetscInt nv = d->nx + 1;
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
  PetscCall(StretchedGridCreate(st->comm, d->nx, d->nz, web->width, d->gap, d->stretching, &d->grid));
  g             = d->grid;
  d->patch_half = PetscMax(0.5 * d->nozzle_width, 0.5001 * web->width / d->nx);
  PetscCall(DepPotentialCreate(g, "dep_potential_", &d->pot));
  PetscCall(DepPotentialSetBoundary(d->pot, PotentialBC, d));
  PetscCall(DepTransportCreate(g, 1, "dep_ion_", &d->ions));
  PetscCall(DepTransportCreate(g, d->nclass, "dep_powder_", &d->powder));
  PetscCall(DMCreateGlobalVector(g->da, &d->phi));
  PetscCall(VecDuplicate(d->phi, &d->rho));
  {
    DM dm;
    PetscCall(DepTransportGetDM(d->ions, &dm));
    PetscCall(DMCreateGlobalVector(dm, &d->cion));
    PetscCall(DepTransportGetDM(d->powder, &dm));
    PetscCall(DMCreateGlobalVector(dm, &d->c));
  }
  /* carrier air: the jets of all guns superposed in one stream function at the grid vertices */
  PetscCall(PetscCalloc1((d->nx + 1) * (d->nz + 1), &d->psi));
  for (PetscInt j = 0; j <= d->nz; j++)
    for (PetscInt i = 0; i <= d->nx; i++)
      for (PetscInt k = 0; k < d->ngun; k++)
        d->psi[j * nv + i] += DepJetStreamFunction(g->xf[i], g->zf[j], d->xgun[k], d->gap, d->nozzle_width,
                                                   d->carrier_velocity, d->spreading_rate, d->stagnation_length);
  PetscFunctionReturn(0);
}

/* Mean field on the gun electrodes (V/m) from the potential next to them: magnitude and signed value (positive when
 * it drives the negative carriers away from the electrode, towards the foil; negative when the space charge of the
 * cloud under the gun has pulled the potential below -V and the field at the electrode is reversed). Also the lowest
 * potential in the gap. */
static PetscErrorCode GunField(DepCtx *d, PetscReal *E, PetscReal *E_signed, PetscReal *phi_min)
{
  StretchedGrid       g = d->grid;
  PetscInt            xs, ys, xm, ym;
  const PetscScalar **p;
  PetscReal           s[3] = {0, 0, 0}, pmin = 0.0;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayRead(g->da, d->phi, &p));
  if (ys + ym == g->nz)
    for (PetscInt i = xs; i < xs + xm; i++)
      if (GunAt(d, g->xc[i]) >= 0) {
        const PetscReal e = (p[g->nz - 1][i] + d->voltage) / (0.5 * g->dz[g->nz - 1]);
        s[0] += PetscAbsReal(e) * g->dx[i];
        s[1] += g->dx[i];
        s[2] += e * g->dx[i];
      }
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) pmin = PetscMin(pmin, p[j][i]);
  PetscCall(DMDAVecRestoreArrayRead(g->da, d->phi, &p));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, s, 3, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject) g->da)));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &pmin, 1, MPIU_REAL, MPIU_MIN, PetscObjectComm((PetscObject) g->da)));
  *E        = s[0] / s[1];
  *E_signed = s[2] / s[1];
  *phi_min  = pmin;
  PetscFunctionReturn(0);
}

/* inflow[k*nx + i] per m2 of gun-plane face: per-gun rate (per metre of machine direction) spread over its patch. */
static void PatchInflow(const DepCtx *d, PetscInt nspecies, const PetscReal per_gun[], PetscReal inflow[])
{
  StretchedGrid g         = d->grid;
  PetscReal     width[64] = {0};
  for (PetscInt i = 0; i < g->nx; i++) {
    const PetscInt k = GunAt(d, g->xc[i]);
    if (k >= 0) width[k] += g->dx[i];
  }
  for (PetscInt s = 0; s < nspecies; s++)
    for (PetscInt i = 0; i < g->nx; i++) {
      const PetscInt k      = GunAt(d, g->xc[i]);
      inflow[s * g->nx + i] = k >= 0 ? per_gun[s] / width[k] : 0.0;
    }
}

static PetscErrorCode SetPowderInflow(DepCtx *d, PetscReal feed_per_gun)
{
  PetscReal per_gun[MAX_CLASSES], *inflow;
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < d->nclass; k++) per_gun[k] = feed_per_gun * d->mass_fraction[k] / d->spray_length;
  PetscCall(PetscMalloc1(d->nclass * d->nx, &inflow));
  PatchInflow(d, d->nclass, per_gun, inflow);
  PetscCall(DepTransportSetInflow(d->powder, inflow));
  PetscCall(PetscFree(inflow));
  PetscFunctionReturn(0);
}

/* Free corona ions: the ion current of each gun (A) that the powder does not take up, over its patch. */
static PetscErrorCode SetIonInflow(DepCtx *d, PetscReal ion_current_per_gun)
{
  PetscReal per_gun = ion_current_per_gun / d->spray_length, *inflow;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(d->nx, &inflow));
  PatchInflow(d, 1, &per_gun, inflow);
  PetscCall(DepTransportSetInflow(d->ions, inflow));
  PetscCall(PetscFree(inflow));
  PetscFunctionReturn(0);
}

/* Space charge (C/m3, negative carriers): rho = -(rho_ion + sum_k c_k q_k/m_k). */
static PetscErrorCode SpaceCharge(DepCtx *d, Vec rho_new)
{
  StretchedGrid        g = d->grid;
  DM                   dmi, dmp;
  PetscInt             xs, ys, xm, ym;
  PetscScalar        **r;
  const PetscScalar  **ci;
  const PetscScalar ***cp;
  PetscFunctionBeginUser;
  PetscCall(DepTransportGetDM(d->ions, &dmi));
  PetscCall(DepTransportGetDM(d->powder, &dmp));
  PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArray(g->da, rho_new, &r));
  PetscCall(DMDAVecGetArrayRead(dmi, d->cion, &ci));
  PetscCall(DMDAVecGetArrayDOFRead(dmp, d->c, &cp));
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscReal q = ci[j][i];
      for (PetscInt k = 0; k < d->nclass; k++) q += cp[j][i][k] * d->charge[k] / d->mass[k];
      r[j][i] = -q;
    }
  PetscCall(DMDAVecRestoreArrayDOFRead(dmp, d->c, &cp));
  PetscCall(DMDAVecRestoreArrayRead(dmi, d->cion, &ci));
  PetscCall(DMDAVecRestoreArray(g->da, rho_new, &r));
  PetscFunctionReturn(0);
}

static PetscReal SumRates(const PetscReal *a, PetscInt n)
{
  PetscReal s = 0.0;
  for (PetscInt k = 0; k < n; k++) s += a[k];
  return s;
}

static PetscErrorCode Run_Dep(Stage st, Web web, Ledger ledger, Summary summary)
{
  DepCtx            *d = (DepCtx *) st->data;
  StretchedGrid      g = d->grid;
  const Formulation *f = &web->formulation;
  const PetscReal    U = web->line_speed, W = web->width, t_res = d->spray_length / U;
  const PetscReal    mu = AirViscosity(web->ambient_temperature), kT = DEP_BOLTZMANN * web->ambient_temperature;
  const PetscReal    p_factor = DepPauthenierFactor(d->particle_er, d->conducting);
  const PetscReal    rho_s    = f->solids_density;
  const PetscInt     nx = g->nx, nc = d->nclass;
  DepSpecies         ion, sp[MAX_CLASSES];
  DepRates           rates, irates;
  Vec                rho_new;
  PetscReal          feed      = d->feed;
  PetscBool          auto_feed = (PetscBool) (d->feed <= 0.0);
  TS                 ts;
  PetscReal          fed = 0, deposited = 0, oversprayed = 0, rejected = 0, in0, in1, charge_min = 0.0;
  PetscReal          deposited_class[MAX_CLASSES] = {0};
  PetscReal          lnF_prev, lnD_prev, slope = 1.0; /* previous feed iterate (log space), d ln D/d ln F */
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
                                  d->percolation_threshold,
                                  d->contact_factor};
    d->layer_resistivity       = d->layer_resistivity_key > 0 ? d->layer_resistivity_key : DepLayerResistivity(&comp);
  }
  for (PetscInt k = 0; k < nc; k++) {
    d->radius[k] = 0.5 * d->diameter[k];
    d->mass[k]   = rho_s * 4.0 / 3.0 * PETSC_PI * PetscPowReal(d->radius[k], 3);
    d->settling[k] =
        DepSettlingVelocity(rho_s, d->radius[k], DepCunninghamFactor(d->radius[k], DEP_AIR_MEAN_FREE_PATH), mu);
  }
  /* ions: drift in the field only (ion drift ~100 m/s >> air), Einstein diffusivity D = kT Z/e */
  ion = (DepSpecies){d->ion_mobility, 0.0, 0.0, kT * d->ion_mobility / 1.602176634e-19, 0.0};
  PetscCall(DepTransportSetSpecies(d->ions, &ion));
  PetscCall(DepRatesCreate(d->powder, &rates));
  PetscCall(DepRatesCreate(d->ions, &irates));
  PetscCall(VecDuplicate(d->rho, &rho_new));
  if (auto_feed) feed = f->areal_loading * U * W / (0.8 * d->ngun);
  lnF_prev = lnD_prev = 0.0;
  PetscCall(VecZeroEntries(d->rho));

  /* steady spray: Picard iterations between the potential and the carriers */
  for (PetscInt it = 0; it < d->npicard; it++) {
    PetscReal nrm, dn;
    PetscBool last;
    PetscCall(DepPotentialSolve(d->pot, d->rho, 1.0, d->phi, &d->potential_its));
    PetscCall(GunField(d, &d->charging_field, &d->gun_field, &d->phi_min));
    if (d->charging_field_key > 0)
      d->charging_field = d->charging_field_key;
    else
      d->charging_field = PetscMin(d->charging_field, d->breakdown_field); /* air cannot hold more */
    {
      /* charge conservation: the powder cannot carry more current than the corona delivers to it */
      PetscReal current_carried = 0.0;
      for (PetscInt k = 0; k < nc; k++)
        current_carried +=
            feed * d->mass_fraction[k] * DepPauthenierCharge(d->radius[k], d->charging_field, p_factor) / d->mass[k];
      d->charge_limit = PetscMin(1.0, d->charging_current_fraction * d->current / current_carried);
      /* the charge the powder carries comes out of the corona current: the free ions carry the rest */
      PetscCall(SetIonInflow(d, d->current - d->charge_limit * current_carried));
    }
    for (PetscInt k = 0; k < nc; k++) {
      const PetscReal Cc = DepCunninghamFactor(d->radius[k], DEP_AIR_MEAN_FREE_PATH);
      d->charge[k]       = d->charge_limit * DepPauthenierCharge(d->radius[k], d->charging_field, p_factor);
      d->mobility[k]     = DepElectricalMobility(d->charge[k], d->radius[k], Cc, mu);
      sp[k]              = (DepSpecies){d->mobility[k], d->settling[k], 1.0, d->turbulent_diffusivity,
                                        2.0 * d->md_escape_velocity / d->spray_length};
    }
    PetscCall(DepTransportSetFields(d->ions, d->phi, PotentialBC, d, NULL));
    PetscCall(DepTransportSolveSteady(d->ions, d->cion));
    PetscCall(DepTransportSetSpecies(d->powder, sp));
    PetscCall(DepTransportSetFields(d->powder, d->phi, PotentialBC, d, d->psi));
    PetscCall(SetPowderInflow(d, feed));
    PetscCall(DepTransportSolveSteady(d->powder, d->c));
    PetscCall(DepTransportGetRates(d->powder, d->c, &rates));
    {
      PetscReal dep = 0.0;
      for (PetscInt k = 0; k < nc; k++)
        for (PetscInt i = 0; i < nx; i++) dep += rates.foil_flux[k * nx + i] * g->dx[i];
      d->efficiency = dep / SumRates(rates.fed, nc);
    }
    /* the space charge of this iterate: concentrations and charges that belong to the same feed */
    PetscCall(SpaceCharge(d, rho_new));
    PetscCall(VecNorm(rho_new, NORM_2, &nrm));
    PetscCall(VecAXPY(rho_new, -1.0, d->rho));
    PetscCall(VecNorm(rho_new, NORM_2, &dn));
    d->picard_change = nrm > 0 ? dn / nrm : 0.0;
    PetscCall(VecAXPY(d->rho, d->relaxation, rho_new));
    d->picard_sweeps = it + 1;
    last = (it == d->npicard - 1 || (it >= 2 && d->picard_change < d->picard_tol)) ? PETSC_TRUE : PETSC_FALSE;
    if (auto_feed && !last) {
      /* Solve D(F) = F eff(F) = target for the feed per gun F by secant steps in log space. The plain update
       * F <- target/eff(F) oscillates when eff falls faster than 1/F (current-limited charge q ~ 1/F: a smaller feed
       * carries more charge and more of it is driven back by the space charge); with 12 guns at 50 mm it locked into
       * a 2-cycle between the step limits. Steps are limited to a factor 2. The last sweep is closed below. */
      const PetscReal target = f->areal_loading * U * W / d->ngun, lnF = PetscLogReal(feed),
                      lnD = PetscLogReal(feed * d->efficiency);
      const PetscReal ln2 = PetscLogReal(2.0);
      PetscReal       step, feed_new;
      if (it > 0 && PetscAbsReal(lnF - lnF_prev) > 1e-2) { /* small steps: keep the last slope (noise) */
        const PetscReal s_est = (lnD - lnD_prev) / (lnF - lnF_prev);
        if (s_est > 0.1) slope = PetscMin(s_est, 10.0);
      }
      step     = PetscMin(ln2, PetscMax(-ln2, (PetscLogReal(target) - lnD) / slope));
      feed_new = feed * PetscExpReal(step);
      lnF_prev = lnF, lnD_prev = lnD;
      PetscCall(VecScale(d->c, feed_new / feed)); /* warm start: the transport is linear in the feed */
      feed = feed_new;
    }
    PetscCall(PetscInfo(NULL,
                        "Picard %" PetscInt_FMT
                        ": space-charge change %g, efficiency %g, charge limit %g, next feed %g kg/s per "
                        "gun, KSP its %" PetscInt_FMT "\n",
                        it, (double) d->picard_change, (double) d->efficiency, (double) d->charge_limit, (double) feed,
                        d->potential_its));
    if (last) break;
  }
  d->feed_correction = 0.0;
  if (auto_feed) {
    /* close the last sweep: with the fields and charges held, the deposit is linear in the feed (while the layer
     * accepts all powder), so one rescale meets the target loading. The charges then belong to a feed that differs
     * by feed_correction (~1e-5 when the coupling has settled; in the results file) */
    const PetscReal feed_new = f->areal_loading * U * W / (d->efficiency * d->ngun);
    d->feed_correction       = feed_new / feed - 1.0;
    PetscCall(PetscInfo(NULL, "feed rescaled after the last coupling iteration by %g\n", (double) d->feed_correction));
    PetscCall(VecScale(d->c, feed_new / feed));
    feed = feed_new;
  }
  PetscCall(SetPowderInflow(d, feed));
  d->feed_used = feed;
  PetscCall(DepTransportGetRates(d->ions, d->cion, &irates));
  PetscCall(PetscArraycpy(d->ion_current_density, irates.foil_flux, nx));

  /* a foil element crossing the spray zone: linear TS (backward Euler) for the powder, the layer charge per column */
  if (!d->spin_up) PetscCall(VecZeroEntries(d->c));
  PetscCall(DepTransportGetRates(d->powder, d->c, &rates));
  in0 = SumRates(rates.in_flight, nc);
  PetscCall(DepTransportCreateTS(d->powder, "dep_", &ts));
  PetscCall(TSSetTimeStep(ts, t_res / d->nsteps));
  PetscCall(TSSetMaxTime(ts, t_res));
  PetscCall(TSSetFromOptions(ts));
  PetscCall(TSSetSolution(ts, d->c));
  PetscCall(TSSetUp(ts));
  PetscCall(PetscArrayzero(d->areal_mass, nx));
  PetscCall(PetscArrayzero(d->layer_field, nx));
  for (PetscReal t = 0.0; t < t_res * (1.0 - 1e-12);) {
    PetscReal dt, tnew;
    PetscCall(TSGetTimeStep(ts, &dt));
    if (t + dt > t_res) PetscCall(TSSetTimeStep(ts, t_res - t));
    PetscCall(TSStep(ts));
    PetscCall(TSGetTime(ts, &tnew));
    dt = tnew - t;
    t  = tnew;
    PetscCall(DepTransportGetRates(d->powder, d->c, &rates));
    fed += dt * SumRates(rates.fed, nc);
    oversprayed += dt * (SumRates(rates.outflow, nc) + SumRates(rates.lost, nc));
    PetscCall(PetscInfo(NULL, "t %g: fed %g out %g lost %g in flight %g\n", (double) t,
                        (double) SumRates(rates.fed, nc), (double) SumRates(rates.outflow, nc),
                        (double) SumRates(rates.lost, nc), (double) SumRates(rates.in_flight, nc)));
    for (PetscInt i = 0; i < nx; i++) {
      const PetscReal accept =
          d->back_ionisation ? DepBackIonisationAcceptance(d->layer_field[i], d->breakdown_field, 0.05) : 1.0;
      PetscReal arrive = 0.0, Jp = 0.0;
      for (PetscInt k = 0; k < nc; k++) {
        const PetscReal Fk = rates.foil_flux[k * nx + i];
        arrive += Fk;
        Jp += accept * Fk * d->charge[k] / d->mass[k];
        deposited_class[k] += accept * Fk * dt * g->dx[i];
      }
      d->areal_mass[i] += accept * arrive * dt;
      deposited += accept * arrive * dt * g->dx[i];
      rejected += (1.0 - accept) * arrive * dt * g->dx[i];
      d->layer_field[i] = DepLayerFieldAdvance(d->layer_field[i], d->ion_current_density[i] + Jp, d->layer_er,
                                               d->layer_resistivity, dt);
    }
  }
  PetscCall(TSDestroy(&ts));
  {
    PetscReal cmin, cmax;
    PetscCall(VecMin(d->c, NULL, &cmin));
    PetscCall(VecMax(d->c, NULL, &cmax));
    PetscCall(PetscInfo(NULL, "powder concentration %g .. %g kg/m3; charging field %g; q0 %g Z0 %g vs0 %g\n",
                        (double) cmin, (double) cmax, (double) d->charging_field, (double) d->charge[0],
                        (double) d->mobility[0], (double) d->settling[0]));
  }
  in1 = SumRates(rates.in_flight, nc);
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
  for (PetscInt k = 0; k < nc; k++)
    charge_min +=
        deposited_class[k] / W / d->mass[k] * PetscSqr(d->charge[k]) / (8.0 * PETSC_PI * DEP_EPS0 * d->radius[k]);

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

  /* energy per m2 of electrode */
  {
    const PetscReal area_rate = U * W; /* m2/s */
    const PetscReal p0 = ATMOSPHERIC_PRESSURE, p1 = p0 + d->supply_pressure;
    const PetscReal air    = d->ngun * (d->carrier_air + d->fluidising_air);
    const PetscReal corona = d->ngun * d->voltage * d->current;
    PetscCall(LedgerAdd(
        ledger, st->name, "corona", ENERGY_ELECTRIC, corona / d->corona_supply_efficiency / area_rate, charge_min,
        "V x I of the guns over the supply efficiency; minimum: charging energy of the deposited particles"));
    PetscCall(LedgerAdd(ledger, st->name, "compressed_air", ENERGY_ELECTRIC,
                        air * DepAdiabaticCompressionWork(p0, p1, 1.4) / d->compressor_efficiency / area_rate,
                        air * DepIsothermalCompressionWork(p0, p1) / area_rate,
                        "carrier + fluidising air: adiabatic work over efficiency; minimum: isothermal work"));
    PetscCall(LedgerAdd(ledger, st->name, "overspray_recovery", ENERGY_ELECTRIC,
                        d->exhaust_air * d->recovery_dp / d->fan_efficiency / area_rate, 0.0,
                        "extraction fan through cyclone/filter; the powder is reused; separation has no thermodynamic "
                        "minimum of note"));
  }
  {
    PetscReal cm = 0.0, mm = 0.0;
    for (PetscInt k = 0; k < nc; k++) {
      cm += d->mass_fraction[k] * d->charge[k] / d->mass[k];
      mm += d->mass_fraction[k];
    }
    PetscCall(SummarySet(summary, "deposition_efficiency", d->efficiency, "-",
                         "powder deposited on the foil over powder fed"));
    PetscCall(SummarySet(summary, "overspray_fraction", d->overspray_fraction, "-",
                         "powder fed that misses the foil or is rejected by the layer (recovered)"));
    PetscCall(SummarySet(summary, "powder_feed_g_per_min", d->feed_used * 6e4, "g/min",
                         "powder feed per gun used in the run"));
    PetscCall(SummarySet(summary, "powder_feed_for_target_g_per_min", d->feed_for_target * 6e4, "g/min",
                         "powder feed per gun that gives electrode.areal_loading"));
    PetscCall(SummarySet(summary, "corona_current_uA", d->current * 1e6, "uA", "corona current per gun"));
    PetscCall(
        SummarySet(summary, "gun_voltage_kV", d->voltage * 1e-3, "kV", "gun voltage (magnitude, negative corona)"));
    PetscCall(SummarySet(
        summary, "charge_limit_fraction", d->charge_limit, "-",
        "powder charge over its Pauthenier saturation charge (1: field-limited, <1: limited by the corona current)"));
    PetscCall(SummarySet(summary, "charging_field_MV_per_m", d->charging_field * 1e-6, "MV/m",
                         "field that charges the powder (Pauthenier)"));
    PetscCall(SummarySet(summary, "gun_electrode_field_MV_per_m", d->gun_field * 1e-6, "MV/m",
                         "signed mean field on the gun electrodes; < 0: the powder space charge reverses it (the "
                         "prescribed corona current could not be sustained, docs/deposition.md)"));
    PetscCall(SummarySet(summary, "cloud_potential_to_gun_voltage", -d->phi_min / d->voltage, "-",
                         "lowest potential in the gap over the gun potential; > 1: the space charge dominates"));
    PetscCall(SummarySet(summary, "charge_to_mass_uC_per_g", cm / mm * 1e3, "uC/g",
                         "mass-weighted charge-to-mass ratio of the powder"));
    PetscCall(SummarySet(summary, "layer_resistivity_Ohm_m", d->layer_resistivity, "Ohm m",
                         "resistivity of the deposited layer"));
    PetscCall(SummarySet(summary, "layer_field_to_breakdown_ratio", d->max_field_ratio, "-",
                         "largest field across the layer over the breakdown field"));
    PetscCall(SummarySet(summary, "self_limiting", d->back_ionisation && d->max_field_ratio > 1.0 ? 1.0 : 0.0, "-",
                         "1 if back-ionisation limits the layer"));
    PetscCall(SummarySet(summary, "deposition_time_s", t_res, "s", "time a foil element spends under the spray"));
  }
  PetscCall(SummaryAddBalance(summary, st->name, "powder_mass", d->fed, d->deposited + d->overspray, d->stored));
  PetscCall(VecDestroy(&rho_new));
  PetscCall(DepRatesDestroy(&rates));
  PetscCall(DepRatesDestroy(&irates));
  PetscFunctionReturn(0);
}

static PetscErrorCode View_Dep(Stage st, PetscViewer v)
{
  DepCtx *d = (DepCtx *) st->data;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "electrostatic_deposition: %" PetscInt_FMT
                                   " guns, %g mm apart, %g kV, %g mm gap, %g uA; %" PetscInt_FMT " size classes\n",
                                   d->ngun, (double) (1e3 * d->gun_spacing), (double) (1e-3 * d->voltage),
                                   (double) (1e3 * d->gap), (double) (1e6 * d->current), d->nclass));
  if (d->grid)
    PetscCall(PetscViewerASCIIPrintf(
        v,
        "  section %" PetscInt_FMT " x %" PetscInt_FMT " cells; efficiency %g, layer field/breakdown %g; %" PetscInt_FMT
        " coupling sweeps (last change %.1e); last potential solve %" PetscInt_FMT " iterations\n",
        d->nx, d->nz, (double) d->efficiency, (double) d->max_field_ratio, d->picard_sweeps, (double) d->picard_change,
        d->potential_its));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteFields_Dep(Stage st, PetscViewer h5)
{
  DepCtx  *d = (DepCtx *) st->data;
  char     group[80];
  PetscInt n = d->nx, nz1 = d->nz + 1;
  PetscFunctionBeginUser;
  if (!d->grid) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(group, sizeof(group), "/%s", st->name));
  PetscCall(H5WriteArray(h5, group, "x", 1, &n, d->grid->xc, "m", "cell centres across the web"));
  /* solver statistics belong here, not in /summary: they depend on the partition */
  PetscCall(H5WriteScalar(h5, group, "potential_ksp_iterations", (PetscReal) d->potential_its, "-",
                          "iterations of the last potential solve"));
  PetscCall(H5WriteScalar(h5, group, "picard_sweeps", (PetscReal) d->picard_sweeps, "-",
                          "potential/transport coupling sweeps run (picard_iterations at most)"));
  PetscCall(H5WriteScalar(h5, group, "picard_relative_change", d->picard_change, "-",
                          "space-charge change of the last coupling iteration"));
  PetscCall(H5WriteScalar(h5, group, "picard_feed_correction", d->feed_correction, "-",
                          "relative rescale of the feed after the last coupling iteration (0 with a fixed feed)"));
  PetscCall(H5WriteArray(h5, group, "z_faces", 1, &nz1, d->grid->zf, "m", "face positions across the gap (foil at 0)"));
  PetscCall(
      H5WriteArray(h5, group, "areal_mass", 1, &n, d->areal_mass, "kg/m2", "deposited powder per area across the web"));
  PetscCall(H5WriteArray(h5, group, "layer_field", 1, &n, d->layer_field, "V/m",
                         "field across the layer leaving the spray zone"));
  PetscCall(H5WriteArray(h5, group, "ion_current_density", 1, &n, d->ion_current_density, "A/m2",
                         "corona ion current density on the foil"));
  PetscCall(PetscViewerHDF5PushGroup(h5, group));
  PetscCall(PetscObjectSetName((PetscObject) d->phi, "potential"));
  PetscCall(VecView(d->phi, h5));
  PetscCall(PetscObjectSetName((PetscObject) d->rho, "space_charge"));
  PetscCall(VecView(d->rho, h5));
  PetscCall(PetscObjectSetName((PetscObject) d->c, "powder_concentration"));
  PetscCall(VecView(d->c, h5));
  PetscCall(PetscViewerHDF5PopGroup(h5));
  PetscFunctionReturn(0);
}

static PetscErrorCode Destroy_Dep(Stage st)
{
  DepCtx *d = (DepCtx *) st->data;
  PetscFunctionBeginUser;
  PetscCall(PetscFree4(d->xgun, d->areal_mass, d->layer_field, d->ion_current_density));
  PetscCall(PetscFree(d->psi));
  PetscCall(VecDestroy(&d->phi));
  PetscCall(VecDestroy(&d->rho));
  PetscCall(VecDestroy(&d->cion));
  PetscCall(VecDestroy(&d->c));
  PetscCall(DepTransportDestroy(&d->ions));
  PetscCall(DepTransportDestroy(&d->powder));
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
