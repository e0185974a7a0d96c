/* Stage slot_die_coating: the first stage of the wet route. A premetered slot die lays the slurry on the
 * empty web; the pump sets the flow, the die distributes it across the width (manifold loss, slot-gap
 * bowing, edge beads) and capillary levelling between the die and the dryer entry smooths it.
 * Model, sources and verification: docs/slot_die.md. */
#include "stageimpl.h"
#include "stages.h"
#include "slot_die_model.h"
#include "web.h"
#include "../mesh/cross_web_grid.h"
#include "../postproc/h5io.h"
#include <string.h>

#define SD "slot_die_coating"

/* die pressures beyond which the die model is questioned (warning) or impossible (input error); UNCONFIRMED
 * engineering limits of coating dies and slurry pumps (docs/slot_die.md section 4) */
#define DIE_PRESSURE_WARN     1.0e6
#define DIE_PRESSURE_MAX      1.0e7
#define DIE_BOWING_WARN       0.05
#define DIE_BOWING_MAX        0.25
#define STANDARD_GRAVITY      9.80665 /* m/s2, CONFIRMED (CGPM 1901) */
#define SPEED_WINDOW_SCAN_MIN 1e-4    /* m/s */

typedef struct {
  /* case (SI) */
  PetscReal      w_s, mu_level, sigma_key, gap, slot_gap, slot_length, lip_length, manifold_d, bowing_ref, bowing_p_ref;
  PetscReal      pump_eff, bead_height, bead_width, distance, ratio_high_ca, upstream_lip, vacuum, trim, ca_ae, wet_len;
  PetscReal      mix_energy, visc, flow_index, relax_time, eta0, eta_inf, tau_y; /* rheology keys, by law */
  PetscInt       levelling_cells, rheology_type, mixing_basis;
  PetscBool      has_mu_level, mix_per_solids;
  SlurryRheology rheology;
  /* set up */
  ThinFilm  tf;
  PetscInt  ny, nf;
  PetscReal sigma, eta_level, k_level;
  /* results */
  PetscReal *y, *h_die, *h_level, *solids, *solvent;
  PetscReal  rho_slurry, h_wet, q, Q_lpm, beta, dp_slot, p_feed, p_end, p_die, bowing, dp_pump, mixed_mass;
  PetscReal  level_length, level_change, hydraulic, electric, mixing, t_level, cv_die, cv_level, cv_trim, mean_level;
  PetscReal  fed, coated, speed_lo, speed_hi, gap_lo, gap_hi;
  SlotDieBeadState bead;
  PetscInt         level_steps, trim_cells;
  PetscBool        ran, die_warning;
} SlotDie;

static const char *const MixingBases[] = {"slurry", "solids", NULL};

const CaseKeySpec SlotDieCoatingKeys[] = {
    {SD ".solids_mass_fraction", CASE_REAL, "-", 0.2, 0.9, PETSC_TRUE, 0, NULL,
     "coatable electrode slurries carry 40-80 wt% solids (NMP cathodes 65-75, aqueous anodes 45-55); outside "
     "20-90 % it is a suspension that settles or a paste",
     "solids mass fraction of the slurry", CASE_FIELD(SlotDie, w_s)},
    {SD ".rheology", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "newtonian", NULL,
     "slurry flow law: newtonian (viscosity_mPas), power_law (viscosity_mPas at the shear rate 1/relaxation_time_s, "
     "flow_index) or carreau (zero/infinite_shear_viscosity_mPas, relaxation_time_s, flow_index); all + "
     "yield_stress_Pa",
     CASE_FIELD(SlotDie, rheology_type), SlurryRheologyTypes},
    {SD ".viscosity_mPas", CASE_REAL, "mPas", 10.0, 1.0e5, PETSC_FALSE, 0, NULL,
     "electrode slurries are 0.1-20 Pa s at coating shear rates; below 10 mPa s they are no slurry",
     "newtonian: the viscosity; power_law: the viscosity at the shear rate 1/relaxation_time_s",
     CASE_FIELD(SlotDie, visc)},
    {SD ".flow_index", CASE_REAL, "-", 0.1, 1.0, PETSC_FALSE, 1.0, NULL,
     "electrode slurries shear-thin (n about 0.2-0.8); n = 1 is Newtonian, n > 1 (shear thickening) is not modelled",
     "power-law index n of power_law and carreau (required for them)", CASE_FIELD(SlotDie, flow_index)},
    {SD ".relaxation_time_s", CASE_REAL, "s", 1.0e-6, 1.0e3, PETSC_FALSE, 0, NULL,
     "the onset of shear thinning of suspensions lies between about 1e-3 and 1e3 1/s",
     "carreau: time constant lambda (thinning sets in at 1/lambda); power_law: 1/lambda is the shear rate of "
     "viscosity_mPas",
     CASE_FIELD(SlotDie, relax_time)},
    {SD ".zero_shear_viscosity_mPas", CASE_REAL, "mPas", 10.0, 1.0e8, PETSC_FALSE, 0, NULL,
     "slurries at rest are 0.1 to 1e5 Pa s (pastes); below 10 mPa s they are no slurry",
     "carreau: viscosity at vanishing shear rate eta0 (required for carreau)", CASE_FIELD(SlotDie, eta0)},
    {SD ".infinite_shear_viscosity_mPas", CASE_REAL, "mPas", 0.0, 1.0e5, PETSC_FALSE, 0.0, NULL,
     "the high-shear plateau lies between the solvent viscosity and the zero-shear viscosity",
     "carreau: viscosity plateau at high shear rate eta_inf (below zero_shear_viscosity_mPas)",
     CASE_FIELD(SlotDie, eta_inf)},
    {SD ".yield_stress_Pa", CASE_REAL, "Pa", 0.0, 1000.0, PETSC_FALSE, 0.0, NULL,
     "electrode slurries have yield stresses from 0 to some 10-100 Pa; above 1 kPa they are pastes",
     "yield stress added to the flow law (Bingham, Herschel-Bulkley, Carreau + yield); it stops levelling",
     CASE_FIELD(SlotDie, tau_y)},
    {SD ".levelling_viscosity_mPas", CASE_REAL, "mPas", 10.0, 1.0e8, PETSC_FALSE, 0, NULL,
     "shear-thinning slurries are up to 1000x more viscous at the tiny shear rates of levelling",
     "viscosity for capillary levelling (default: the zero-shear viscosity; required for power_law, which has none)",
     CASE_FIELD(SlotDie, mu_level)},
    {SD ".surface_tension_mN_per_m", CASE_REAL, "mN_per_m", 15.0, 80.0, PETSC_FALSE, 0, NULL,
     "liquids at room temperature lie between about 15 (fluorocarbons) and 73 mN/m (water)",
     "slurry surface tension (default: that of the solvent in materials.cfg)", CASE_FIELD(SlotDie, sigma_key)},
    {SD ".coating_gap_um", CASE_REAL, "um", 20.0, 2000.0, PETSC_TRUE, 0, NULL,
     "die lips run 20 um to 2 mm from the foil; the gap must be of the order of the wet film",
     "gap between the die lips and the foil", CASE_FIELD(SlotDie, gap)},
    {SD ".slot_gap_um", CASE_REAL, "um", 50.0, 3000.0, PETSC_FALSE, 500.0, NULL,
     "slot (shim) gaps of coating dies are 0.05-3 mm", "gap of the feed slot inside the die",
     CASE_FIELD(SlotDie, slot_gap)},
    {SD ".slot_length_mm", CASE_REAL, "mm", 5.0, 300.0, PETSC_FALSE, 50.0, NULL,
     "land length from the manifold to the lip exit, a few mm to a few cm in coat-hanger and T dies",
     "length of the slot (land) between manifold and lip exit", CASE_FIELD(SlotDie, slot_length)},
    {SD ".downstream_lip_length_mm", CASE_REAL, "mm", 0.05, 20.0, PETSC_FALSE, 1.0, NULL,
     "die lips are 0.1-5 mm long in the direction of web travel", "length of the downstream die lip",
     CASE_FIELD(SlotDie, lip_length)},
    {SD ".manifold_diameter_mm", CASE_REAL, "mm", 3.0, 200.0, PETSC_FALSE, 25.0, NULL,
     "manifold bores of coating dies are a few mm to several cm", "diameter of the centre-fed distribution manifold",
     CASE_FIELD(SlotDie, manifold_d)},
    {SD ".slot_gap_bowing_percent", CASE_REAL, "percent", 0.0, 20.0, PETSC_FALSE, 0.5, NULL,
     "die halves deflect under the internal pressure: fractions of a percent to a few percent of the slot gap",
     "opening of the slot gap at mid-width relative to the ends at bowing_reference_pressure_MPa (it scales with the "
     "die pressure; flow goes as gap^3 for a Newtonian slurry)",
     CASE_FIELD(SlotDie, bowing_ref)},
    {SD ".bowing_reference_pressure_MPa", CASE_REAL, "MPa", 0.01, 10.0, PETSC_FALSE, 0.25, NULL,
     "coating dies are rated for internal pressures of about 0.1 to 10 MPa",
     "die pressure at which the slot opens by slot_gap_bowing_percent (die compliance)",
     CASE_FIELD(SlotDie, bowing_p_ref)},
    {SD ".pump_efficiency", CASE_REAL, "-", 0.05, 1.0, PETSC_FALSE, 0.5, NULL,
     "wire-to-fluid efficiency of small gear or progressive-cavity pumps with their drives, 0.05-1",
     "electric-to-hydraulic efficiency of the slurry pump", CASE_FIELD(SlotDie, pump_eff)},
    {SD ".edge_bead_height_percent", CASE_REAL, "percent", -50.0, 100.0, PETSC_FALSE, 8.0, NULL,
     "heavy edges are several % to a few 10 % above the mid-web film; negative values give thin edges",
     "peak height of the edge bead over the film at the edge", CASE_FIELD(SlotDie, bead_height)},
    {SD ".edge_bead_width_mm", CASE_REAL, "mm", 0.1, 50.0, PETSC_FALSE, 4.0, NULL,
     "edge beads are a few mm wide (of the order of the capillary length and the lip geometry)",
     "width over which the edge bead decays to the film", CASE_FIELD(SlotDie, bead_width)},
    {SD ".edge_trim_mm", CASE_REAL, "mm", 0.0, 500.0, PETSC_FALSE, 10.0, NULL,
     "coated edges trimmed off in slitting are 0 to a few cm per side",
     "width cut off each edge for the trimmed cross-web CV (less than half the coated width)",
     CASE_FIELD(SlotDie, trim)},
    {SD ".dryer_entry_distance_m", CASE_REAL, "m", 0.0, 20.0, PETSC_FALSE, 1.0, NULL,
     "the free span from the die to the dryer entry is 0.2-5 m on coating lines",
     "web path from the die to the dryer entry (levelling time = distance / line speed)",
     CASE_FIELD(SlotDie, distance)},
    {SD ".high_ca_max_gap_ratio", CASE_REAL, "-", 1.2, 10.0, PETSC_FALSE, 3.0, NULL,
     "at high capillary number the largest coating-gap/wet-thickness ratio tends to about 3 (UNCONFIRMED)",
     "largest gap/wet-thickness ratio at high Ca (low-flow limit of the coating window)",
     CASE_FIELD(SlotDie, ratio_high_ca)},
    {SD ".upstream_lip_length_mm", CASE_REAL, "mm", 0.05, 20.0, PETSC_FALSE, 1.0, NULL,
     "die lips are 0.1-5 mm long in the direction of web travel",
     "length of the upstream die lip (the upstream meniscus must stay under it)", CASE_FIELD(SlotDie, upstream_lip)},
    {SD ".bead_vacuum_kPa", CASE_REAL, "kPa", 0.0, 5.0, PETSC_FALSE, 0.0, NULL,
     "vacuum boxes pull 0-5 kPa below ambient under the upstream lip; more lifts the web off the backing roll",
     "vacuum applied upstream of the coating bead (0: none)", CASE_FIELD(SlotDie, vacuum)},
    {SD ".air_entrainment_capillary_number", CASE_REAL, "-", 0.1, 10.0, PETSC_FALSE, 1.0, NULL,
     "wetting lines entrain air at capillary numbers 0.2-1.3 (Burley & Jolly 1984; Gutoff & Kendrick 1982)",
     "capillary number at which the web entrains air under the upstream meniscus (maximum speed)",
     CASE_FIELD(SlotDie, ca_ae)},
    {SD ".wetting_shear_length_um", CASE_REAL, "um", 0.01, 1000.0, PETSC_FALSE, 1.0, NULL,
     "the viscous bending of a moving meniscus happens between about 10 nm and 1 mm from the wetting line",
     "length l that sets the shear rate U/l at which a shear-thinning slurry wets the web (no effect if Newtonian)",
     CASE_FIELD(SlotDie, wet_len)},
    {SD ".mixing_energy_kJ_per_kg", CASE_REAL, "kJ_per_kg", 0.0, 3600.0, PETSC_FALSE, 119.0, NULL,
     "slurry mixing takes about 0.01-0.1 kWh (36-360 kJ) per kg; 1 kWh/kg (3600 kJ/kg) is far beyond any mixer",
     "electricity of slurry mixing per kg of mixing_energy_basis (default 119 kJ/kg = 0.033 kWh/kg: 0.12 kWh per kWh "
     "of cell, Degen & Schuette 2022 via data_wet_calender_plant.md section 5, over the 3.6 kg of slurry per kWh of "
     "the shipped cathode + anode; DERIVED)",
     CASE_FIELD(SlotDie, mix_energy)},
    {SD ".mixing_energy_basis", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "slurry", NULL,
     "what mixing_energy_kJ_per_kg is per: kg of slurry or kg of solids", CASE_FIELD(SlotDie, mixing_basis),
     MixingBases},
    {SD ".levelling_cells", CASE_INT, "-", 0, 200000, PETSC_FALSE, 0, NULL,
     "the levelling grid must resolve the edge bead; more than 2e5 cells gives nothing new",
     "cells of the levelling grid (0: automatic, >= 10 per edge-bead width, a multiple of the web cells)",
     CASE_FIELD(SlotDie, levelling_cells)},
};
const PetscInt SlotDieCoatingNumKeys = sizeof(SlotDieCoatingKeys) / sizeof(SlotDieCoatingKeys[0]);

/* the rheology keys that belong to each law (others must be absent); their values are in sd already
 * (CaseReadSection), only their presence is checked here */
static PetscErrorCode CheckRheology(SlotDie *sd, EprocCase c)
{
  static const char *const keys[4] = {SD ".viscosity_mPas", SD ".flow_index", SD ".relaxation_time_s",
                                      SD ".zero_shear_viscosity_mPas"};
  /* which keys each law needs: viscosity, flow index, relaxation time, zero-shear viscosity */
  static const PetscBool needs[3][4] = {
      {PETSC_TRUE, PETSC_FALSE, PETSC_FALSE, PETSC_FALSE}, /* newtonian */
      {PETSC_TRUE, PETSC_TRUE, PETSC_TRUE, PETSC_FALSE},   /* power_law */
      {PETSC_FALSE, PETSC_TRUE, PETSC_TRUE, PETSC_TRUE},   /* carreau */
  };
  PetscBool has;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < 4; i++) {
    PetscCall(CaseHas(c, keys[i], &has));
    if (needs[sd->rheology_type][i] && !has)
      PetscCall(CaseInputError(c, keys[i], "is required for rheology \"%s\"", SlurryRheologyTypes[sd->rheology_type]));
    if (!needs[sd->rheology_type][i] && has)
      PetscCall(
          CaseInputError(c, keys[i], "does not apply to rheology \"%s\"", SlurryRheologyTypes[sd->rheology_type]));
  }
  PetscCall(CaseHas(c, SD ".infinite_shear_viscosity_mPas", &has));
  if (has && sd->rheology_type != SLURRY_CARREAU)
    PetscCall(CaseInputError(c, SD ".infinite_shear_viscosity_mPas", "does not apply to rheology \"%s\"",
                             SlurryRheologyTypes[sd->rheology_type]));
  switch (sd->rheology_type) {
  case SLURRY_NEWTONIAN:
    sd->rheology = SlurryNewtonian(sd->visc, sd->tau_y);
    break;
  case SLURRY_POWER_LAW:
    sd->rheology = SlurryPowerLaw(sd->visc, sd->relax_time, sd->flow_index, sd->tau_y);
    break;
  default:
    if (sd->eta_inf >= sd->eta0)
      PetscCall(CaseInputError(c, SD ".infinite_shear_viscosity_mPas",
                               "= %g mPa s must be below zero_shear_viscosity_mPas = %g mPa s",
                               (double) (sd->eta_inf * 1e3), (double) (sd->eta0 * 1e3)));
    sd->rheology = SlurryCarreau(sd->eta0, sd->eta_inf, sd->relax_time, sd->flow_index, sd->tau_y);
  }
  /* levelling: the zero-shear viscosity, which a power law does not have */
  PetscCall(CaseHas(c, SD ".levelling_viscosity_mPas", &sd->has_mu_level));
  if (sd->has_mu_level) PetscFunctionReturn(0);
  if (sd->rheology_type == SLURRY_POWER_LAW)
    PetscCall(CaseInputError(c, SD ".levelling_viscosity_mPas",
                             "is required for rheology \"power_law\" (it has no zero-shear viscosity)"));
  sd->mu_level = sd->rheology_type == SLURRY_CARREAU ? sd->rheology.eta0 : sd->rheology.K;
  PetscFunctionReturn(0);
}

static SlotDieBead BeadOf(const SlotDie *sd)
{
  SlotDieBead b;
  b.rheology       = sd->rheology;
  b.sigma          = sd->sigma;
  b.h              = sd->h_wet;
  b.gap            = sd->gap;
  b.lip_down       = sd->lip_length;
  b.lip_up         = sd->upstream_lip;
  b.vacuum         = sd->vacuum;
  b.ratio_high_ca  = sd->ratio_high_ca;
  b.ca_ae          = sd->ca_ae;
  b.wetting_length = sd->wet_len;
  return b;
}

/* the premetered flow, the bead, the slot pressure and the die deflection at the operating point */
static PetscErrorCode Hydraulics(SlotDie *sd, const Formulation *f, PetscReal U, PetscReal W)
{
  SlotDieBead b;
  PetscFunctionBeginUser;
  sd->sigma      = sd->sigma_key > 0 ? sd->sigma_key : f->solvent->surface_tension;
  sd->rho_slurry = SlotDieSlurryDensity(f->solids_density, f->solvent->density, sd->w_s);
  sd->h_wet      = SlotDieWetThickness(f->areal_loading, sd->w_s, sd->rho_slurry);
  sd->q          = sd->h_wet * U;              /* m2/s per width */
  sd->Q_lpm      = sd->q * W * 1e3 * 60.0;     /* l/min per die */
  sd->fed        = sd->rho_slurry * sd->q / U; /* kg of slurry per m2 of web: pump mass flow / (U W) * W */
  b              = BeadOf(sd);
  PetscCall(SlotDieBeadEvaluate(&b, U, &sd->bead));
  PetscCall(SlurrySlotPressureDrop(&sd->rheology, sd->q, sd->slot_gap, sd->slot_length, &sd->dp_slot));
  /* the die halves deflect in proportion to the pressure in the die: slot pressure drop + bead pressure */
  sd->p_die       = PetscMax(0.0, sd->dp_slot + sd->bead.p_bead);
  sd->bowing      = sd->bowing_ref * sd->p_die / sd->bowing_p_ref;
  sd->die_warning = (PetscBool) (sd->p_die > DIE_PRESSURE_WARN || sd->bowing > DIE_BOWING_WARN);
  PetscFunctionReturn(0);
}

static PetscErrorCode SetFromCase_SlotDie(Stage st, EprocCase c, Materials m)
{
  SlotDie    *sd = (SlotDie *) st->data;
  const char *solvent;
  PetscReal   width;
  Web         w;
  PetscFunctionBeginUser;
  PetscCall(CaseGetString(c, "electrode.solvent", &solvent));
  if (!solvent || !strcmp(solvent, "none"))
    PetscCall(
        CaseInputError(c, "electrode.solvent",
                       "slot_die_coating coats a slurry: name its solvent (e.g. \"NMP\", \"water\"), not \"none\""));
  /* every key of the section, in SI, into sd (0 for an absent surface tension: the solvent's) */
  PetscCall(CaseReadSection(c, SlotDieCoatingKeys, SlotDieCoatingNumKeys, sd));
  sd->mix_per_solids = (PetscBool) (sd->mixing_basis == 1);
  PetscCall(CheckRheology(sd, c));
  PetscCall(CaseGetReal(c, "process.coating_width_mm", &width));
  if (2.0 * sd->trim >= width)
    PetscCall(CaseInputError(c, SD ".edge_trim_mm", "= %g mm per side leaves nothing of the %g mm coated width",
                             (double) (sd->trim * 1e3), (double) (width * 1e3)));
  /* the die pressure at the operating point, before any computation: an impossible die is an input error */
  PetscCall(WebCreateFromCase(c, m, &w));
  if (sd->sigma_key <= 0 && w->formulation.solvent->surface_tension <= 0)
    PetscCall(CaseInputError(c, SD ".surface_tension_mN_per_m", "is required: solvent %s has no surface tension",
                             w->formulation.solvent->name));
  PetscCall(Hydraulics(sd, &w->formulation, w->line_speed, w->width));
  PetscCall(WebDestroy(&w));
  if (sd->p_die > DIE_PRESSURE_MAX || sd->bowing > DIE_BOWING_MAX)
    PetscCall(CaseInputError(c, SD ".slot_gap_um",
                             "the die would run at %.3g MPa and open the slot by %.3g %% at mid-width: no premetering "
                             "die does that (limits %.0f MPa, %.0f %%); widen the slot, shorten the land, lower the "
                             "viscosity or the flow",
                             (double) (sd->p_die * 1e-6), (double) (100 * sd->bowing), DIE_PRESSURE_MAX * 1e-6,
                             100 * DIE_BOWING_MAX));
  PetscFunctionReturn(0);
}

static PetscErrorCode SetUp_SlotDie(Stage st, Web web)
{
  SlotDie  *sd = (SlotDie *) st->data;
  PetscReal dy = web->width / web->ny;
  PetscInt  r;
  PetscFunctionBeginUser;
  PetscCheck(web->formulation.solvent, st->comm, PETSC_ERR_USER_INPUT,
             "slot_die_coating needs the slurry solvent (electrode.solvent)");
  sd->sigma = sd->sigma_key > 0 ? sd->sigma_key : web->formulation.solvent->surface_tension;
  PetscCheck(sd->sigma > 0, st->comm, PETSC_ERR_USER_INPUT,
             "no surface tension for solvent %s: set slot_die_coating.surface_tension_mN_per_m",
             web->formulation.solvent->name);
  sd->rho_slurry = SlotDieSlurryDensity(web->formulation.solids_density, web->formulation.solvent->density, sd->w_s);
  sd->eta_level  = sd->mu_level;
  sd->k_level    = sd->sigma / (3.0 * sd->eta_level);
  /* levelling grid: a multiple of the web cells that puts >= 10 cells across an edge bead */
  if (sd->levelling_cells > 0)
    r = (sd->levelling_cells + web->ny - 1) / web->ny;
  else
    r = (PetscInt) PetscCeilReal(10.0 * dy / sd->bead_width);
  r      = PetscMax(r, 1);
  sd->ny = web->ny;
  sd->nf = r * web->ny;
  PetscCall(PetscFree5(sd->y, sd->h_die, sd->h_level, sd->solids, sd->solvent));
  PetscCall(PetscCalloc5(sd->ny, &sd->y, sd->ny, &sd->h_die, sd->ny, &sd->h_level, sd->ny, &sd->solids, sd->ny,
                         &sd->solvent));
  PetscCall(ThinFilmDestroy(&sd->tf));
  /* The levelling problem is 1D and small (a few thousand cells): solve it redundantly on every rank so the
     wet film, and everything downstream, is identical whatever the number of ranks. Gravity flattens the film on
     top of the horizontal span; a yield stress stops the flow where the capillary stress falls below it. */
  {
    char prefix[96]; /* "slotdie_" after the instance's prefix ("" for the default instance) */
    PetscCall(PetscSNPrintf(prefix, sizeof(prefix), "%sslotdie_", st->prefix));
    PetscCall(ThinFilmCreate(PETSC_COMM_SELF, sd->nf, web->width, sd->k_level, prefix, &sd->tf));
  }
  PetscCall(ThinFilmSetGravity(sd->tf, sd->rho_slurry * STANDARD_GRAVITY / sd->sigma));
  PetscCall(ThinFilmSetYieldStress(sd->tf, sd->rheology.tau_y / sd->sigma));
  PetscFunctionReturn(0);
}

/* mean and coefficient of variation of a[i0..i1-1] */
static void Stats(PetscInt i0, PetscInt i1, const PetscReal a[], PetscReal *mean, PetscReal *cv)
{
  PetscReal m = 0.0, v = 0.0;
  PetscInt  n = i1 - i0;
  for (PetscInt i = i0; i < i1; i++) m += a[i];
  m /= n;
  for (PetscInt i = i0; i < i1; i++) v += PetscSqr(a[i] - m);
  *mean = m;
  *cv   = m > 0 ? PetscSqrtReal(v / n) / m : 0.0;
}

static PetscErrorCode Run_SlotDie(Stage st, Web web, Ledger ledger, Summary summary)
{
  SlotDie           *sd = (SlotDie *) st->data;
  const Formulation *f  = &web->formulation;
  PetscReal          U = web->line_speed, W = web->width, rho_l = f->solvent->density, mean, *yf, *zf, *shape, *hf;
  SlotDieBead        b;
  PetscInt           i0;
  PetscFunctionBeginUser;
  /* mass balance of the premetered die, the bead and the die pressure */
  PetscCall(Hydraulics(sd, f, U, W));
  if (sd->bead.margin <= 0)
    PetscCall(PetscInfo(NULL, "slot_die_coating: outside the coating window (%s limit, margin %g)\n",
                        SlotDieBeadLimits[sd->bead.limit], (double) sd->bead.margin));
  /* the window around the operating point: speeds and gaps with the other settings held */
  b = BeadOf(sd);
  PetscCall(SlotDieSpeedWindow(&b, U, &sd->speed_lo, &sd->speed_hi));
  PetscCall(SlotDieGapWindow(&b, U, &sd->gap_lo, &sd->gap_hi));
  /* die: manifold distribution with slot-gap bowing on the levelling grid (z = 0 at the central feed) */
  sd->beta = SlotDieManifoldRatio(W, sd->slot_gap, sd->slot_length, sd->manifold_d);
  PetscCall(PetscMalloc4(sd->nf, &yf, sd->nf, &zf, sd->nf, &shape, sd->nf, &hf));
  for (PetscInt i = 0; i < sd->nf; i++) {
    yf[i] = (i + 0.5) * W / sd->nf;
    zf[i] = PetscAbsReal(2.0 * yf[i] / W - 1.0);
  }
  if (sd->rheology_type == SLURRY_NEWTONIAN && sd->rheology.tau_y == 0) {
    PetscReal a = PetscSqrtReal(2.0 * sd->beta);
    for (PetscInt i = 0; i < sd->nf; i++) {
      PetscReal hb = 1.0 + sd->bowing * (1.0 - zf[i] * zf[i]);
      shape[i]     = SlotDieManifoldNewtonian(sd->beta, zf[i]) * hb * hb * hb;
    }
    /* slot pressure drop linear in the flow: feed at a/tanh(a), end at a/sinh(a) times the mean */
    sd->p_feed = sd->dp_slot * (a > 1e-8 ? a / PetscTanhReal(a) : 1.0);
    sd->p_end  = sd->dp_slot * (a > 1e-8 ? a / PetscSinhReal(a) : 1.0);
  } else {
    PetscCall(SlotDieManifoldSolve(&sd->rheology, sd->q * W, W, 0.5 * sd->manifold_d, sd->slot_gap, sd->slot_length,
                                   sd->bowing, 50, sd->nf, zf, shape, &sd->p_feed, &sd->p_end));
  }
  PetscCall(SlotDieApplyEdgesAndNormalise(sd->nf, yf, W, sd->bead_height, sd->bead_width, shape));
  for (PetscInt i = 0; i < sd->nf; i++) hf[i] = sd->h_wet * shape[i];
  PetscCall(CrossWebRestrict(sd->nf, hf, sd->ny, sd->h_die));
  /* capillary levelling from the die to the dryer entry (pinned, zero-flux edges) */
  sd->t_level = sd->distance / U;
  if (sd->t_level > 0) PetscCall(ThinFilmSolve(sd->tf, hf, sd->t_level, 1e-3 * sd->t_level, hf, &sd->level_steps));
  PetscCall(CrossWebRestrict(sd->nf, hf, sd->ny, sd->h_level));
  /* levelling length (k h^3 t)^(1/4): ripples of wavelength below ~2 pi times it level out in transit */
  sd->level_length = PetscPowReal(sd->k_level * PetscPowReal(sd->h_wet, 3.0) * sd->t_level, 0.25);
  sd->level_change = 0.0;
  for (PetscInt j = 0; j < sd->ny; j++)
    sd->level_change = PetscMax(sd->level_change, PetscAbsReal(sd->h_level[j] - sd->h_die[j]));
  PetscCall(PetscFree4(yf, zf, shape, hf));
  Stats(0, sd->ny, sd->h_die, &mean, &sd->cv_die);
  Stats(0, sd->ny, sd->h_level, &sd->mean_level, &sd->cv_level);
  /* trimmed CV: the web cells whose centres lie more than the trim from both edges */
  sd->trim_cells = 0;
  i0             = -1;
  for (PetscInt j = 0; j < sd->ny; j++)
    if (web->y[j] > sd->trim && web->y[j] < W - sd->trim) {
      if (i0 < 0) i0 = j;
      sd->trim_cells++;
    }
  PetscCheck(sd->trim_cells > 0, st->comm, PETSC_ERR_USER_INPUT, "edge trim leaves no web cell");
  Stats(i0, i0 + sd->trim_cells, sd->h_level, &mean, &sd->cv_trim);
  /* the wet film: same composition everywhere, no air */
  for (PetscInt j = 0; j < sd->ny; j++) {
    sd->y[j]             = web->y[j];
    web->thickness[j]    = sd->h_level[j];
    web->solids_mass[j]  = sd->w_s * sd->rho_slurry * sd->h_level[j];
    web->solvent_mass[j] = (1.0 - sd->w_s) * sd->rho_slurry * sd->h_level[j];
    web->porosity[j]     = (1.0 - sd->w_s) * sd->rho_slurry / rho_l; /* solvent-filled volume fraction */
    sd->solids[j]        = web->solids_mass[j];
    sd->solvent[j]       = web->solvent_mass[j];
  }
  web->temperature = web->ambient_temperature;
  {
    PetscReal s = 0.0;
    for (PetscInt j = 0; j < sd->ny; j++) s += web->solids_mass[j] + web->solvent_mass[j];
    sd->coated = s / sd->ny;
  }
  PetscCall(SummaryAddBalance(summary, st->name, "slurry_mass", sd->fed, sd->coated, 0.0));
  /* energy: the pump delivers the die flow at the feed pressure of the manifold plus the bead pressure at the slot
     exit, per m2 of web p q/U = p h_wet; mixing per kg of slurry (= fed) or of solids */
  sd->dp_pump    = PetscMax(0.0, sd->p_feed + sd->bead.p_bead);
  sd->hydraulic  = sd->dp_pump * sd->q / U;
  sd->electric   = sd->hydraulic / sd->pump_eff;
  sd->mixed_mass = sd->mix_per_solids ? sd->w_s * sd->fed : sd->fed;
  sd->mixing     = sd->mix_energy * sd->mixed_mass;
  PetscCall(LedgerAdd(ledger, st->name, "slurry_pump", ENERGY_ELECTRIC, sd->electric, sd->hydraulic,
                      "(manifold feed pressure + bead pressure) x flow / pump efficiency"));
  PetscCall(LedgerAdd(ledger, st->name, "slurry_mixing", ENERGY_ELECTRIC, sd->mixing, 0.0,
                      sd->mix_per_solids ? "specific mixing energy x solids per m2"
                                         : "specific mixing energy x slurry per m2"));
  PetscCall(SummarySet(summary, "wet_thickness_um", sd->mean_level * 1e6, "um",
                       "mean wet film thickness entering the dryer"));
  PetscCall(SummarySet(summary, "wet_thickness_cv_percent", sd->cv_level * 100.0, "%",
                       "cross-web coefficient of variation of the wet film entering the dryer"));
  PetscCall(SummarySet(summary, "wet_thickness_cv_trimmed_percent", sd->cv_trim * 100.0, "%",
                       "the same without slot_die_coating.edge_trim_mm at each edge"));
  PetscCall(SummarySet(summary, "coating_window_margin", sd->bead.margin, "-",
                       "smallest relative distance to a coating-window limit (low flow, suction, weeping, air "
                       "entrainment); > 0 inside"));
  PetscCall(SummarySet(summary, "slurry_flow_l_per_min", sd->Q_lpm, "l/min", "slurry volume flow of the die"));
  sd->ran = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode View_SlotDie(Stage st, PetscViewer v)
{
  SlotDie              *sd = (SlotDie *) st->data;
  const SlurryRheology *r  = &sd->rheology;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v, "%s\n", st->name));
  PetscCall(PetscViewerASCIIPushTab(v));
  if (!sd->ran) {
    PetscCall(PetscViewerASCIIPrintf(v, "not run: %.1f wt%% solids, %s slurry, coating gap %.0f um\n",
                                     (double) (100 * sd->w_s), SlurryRheologyTypes[sd->rheology_type],
                                     (double) (sd->gap * 1e6)));
    PetscCall(PetscViewerASCIIPopTab(v));
    PetscFunctionReturn(0);
  }
  {
    char      law[160];
    PetscReal g_slot = 6.0 * sd->q / PetscSqr(sd->slot_gap), g_gap = (sd->q / sd->h_wet) / sd->gap;
    if (sd->rheology_type == SLURRY_CARREAU)
      PetscCall(PetscSNPrintf(law, sizeof(law), "eta0 %.3g Pa s, eta_inf %.3g Pa s, lambda %.3g s, n %.2f",
                              (double) r->eta0, (double) r->eta_inf, (double) r->lambda, (double) r->n));
    else
      PetscCall(PetscSNPrintf(law, sizeof(law), "K %.3g Pa s^n, n %.2f", (double) r->K, (double) r->n));
    PetscCall(PetscViewerASCIIPrintf(v,
                                     "slurry: %.1f wt%% solids, %.0f kg/m3, %.1f mN/m, %s (%s), yield stress %.3g Pa; "
                                     "%.3g Pa s in the slot (%.3g 1/s), %.3g Pa s in the gap (%.3g 1/s), %.3g Pa s for "
                                     "levelling\n",
                                     (double) (100 * sd->w_s), (double) sd->rho_slurry, (double) (sd->sigma * 1e3),
                                     SlurryRheologyTypes[sd->rheology_type], law, (double) r->tau_y,
                                     (double) SlurryViscosity(r, g_slot), (double) g_slot,
                                     (double) SlurryViscosity(r, g_gap), (double) g_gap, (double) sd->eta_level));
  }
  PetscCall(PetscViewerASCIIPrintf(
      v,
      "wet film: %.1f um from the die, %.1f um mean at the dryer; cross-web CV %.4f %% -> %.4f %% (%.4f %% without "
      "%.0f mm at each edge)\n",
      (double) (sd->h_wet * 1e6), (double) (sd->mean_level * 1e6), (double) (100 * sd->cv_die),
      (double) (100 * sd->cv_level), (double) (100 * sd->cv_trim), (double) (sd->trim * 1e3)));
  PetscCall(PetscViewerASCIIPrintf(
      v,
      "die: %.3f l/min; slot pressure drop %.3g kPa at the mean flow; manifold feed %.3g kPa, "
      "end %.3g kPa (Newtonian beta %.2g); die pressure %.3g kPa opens the slot by %.3g %%\n",
      (double) sd->Q_lpm, (double) (sd->dp_slot * 1e-3), (double) (sd->p_feed * 1e-3), (double) (sd->p_end * 1e-3),
      (double) sd->beta, (double) (sd->p_die * 1e-3), (double) (100 * sd->bowing)));
  if (sd->die_warning)
    PetscCall(PetscViewerASCIIPrintf(v,
                                     "WARNING: IMPLAUSIBLE DIE PRESSURE: %.3g MPa opening the slot by %.3g %% (coating "
                                     "dies run below about %.0f MPa and %.0f %%): the die model is outside its range\n",
                                     (double) (sd->p_die * 1e-6), (double) (100 * sd->bowing), DIE_PRESSURE_WARN * 1e-6,
                                     100 * DIE_BOWING_WARN));
  PetscCall(PetscViewerASCIIPrintf(
      v,
      "bead: Ca %.3g (downstream meniscus), %.3g (wetting line); gap/wet thickness %.2f (low-flow limit %.2f); bead "
      "pressure %.3g kPa (meniscus %.3g, downstream lip %.3g); upstream meniscus at %.2f of the upstream lip\n",
      (double) sd->bead.Ca, (double) sd->bead.Ca_w, (double) sd->bead.ratio, (double) sd->bead.ratio_max,
      (double) (sd->bead.p_bead * 1e-3), (double) (sd->bead.p_cap_down * 1e-3), (double) (sd->bead.p_lip_down * 1e-3),
      (double) (sd->bead.x_up / sd->upstream_lip)));
  PetscCall(PetscViewerASCIIPrintf(
      v,
      "coating window (other settings held): speed %.3g-%.3g m/min (air entrainment at %.3g m/min), gap %.0f-%.0f um, "
      "vacuum %.3g to %.3g kPa (set %.3g kPa): margin %.3f, nearest limit %s\n",
      (double) (sd->speed_lo * 60), (double) (sd->speed_hi * 60), (double) (sd->bead.speed_ae * 60),
      (double) (sd->gap_lo * 1e6), (double) (sd->gap_hi * 1e6), (double) (sd->bead.vac_min * 1e-3),
      (double) (sd->bead.vac_max * 1e-3), (double) (sd->vacuum * 1e-3), (double) sd->bead.margin,
      SlotDieBeadLimits[sd->bead.limit]));
  if (sd->bead.margin <= 0) {
    const char *why;
    switch (sd->bead.limit) {
    case BEAD_LOW_FLOW:
      why = "the film is too thin for the gap: the downstream meniscus breaks (ribbing, rivulets); close the gap or "
            "coat thicker";
      break;
    case BEAD_SUCTION:
      why = "the bead is under suction and the upstream meniscus retreats into the feed slot (low-flow breakup): close "
            "the gap, coat thicker or apply vacuum";
      break;
    case BEAD_WEEPING:
      why = "the bead pressure pushes the upstream meniscus past the upstream lip (weeping, leaking upstream): open "
            "the gap or reduce the vacuum";
      break;
    default:
      why = "the web entrains air at the upstream wetting line (bubbles, dry streaks): slow down or lower the "
            "viscosity";
    }
    PetscCall(PetscViewerASCIIPrintf(v, "WARNING: OUTSIDE THE COATING WINDOW: %s\n", why));
  }
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "levelling: %.3g s to the dryer on %" PetscInt_FMT " cells (%" PetscInt_FMT
                                   " steps), sigma/(3 eta) = %.3g m/s; levelling length %.3g mm (ripples shorter than "
                                   "%.2g mm level out), largest change %.3g um\n",
                                   (double) sd->t_level, sd->nf, sd->level_steps, (double) sd->k_level,
                                   (double) (sd->level_length * 1e3), (double) (2 * PETSC_PI * sd->level_length * 1e3),
                                   (double) (sd->level_change * 1e6)));
  PetscCall(PetscViewerASCIIPrintf(v, "pump: %.3g kPa, %.4g J/m2 hydraulic, %.4g J/m2 electric; mixing %.4g J/m2\n",
                                   (double) (sd->dp_pump * 1e-3), (double) sd->hydraulic, (double) sd->electric,
                                   (double) sd->mixing));
  PetscCall(PetscViewerASCIIPopTab(v));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteFields_SlotDie(Stage st, PetscViewer h5)
{
  SlotDie   *sd = (SlotDie *) st->data;
  PetscInt   n  = sd->ny;
  PetscReal *t;
  char       g[80];
  PetscFunctionBeginUser;
  if (!sd->ran) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(g, sizeof(g), "/%s", st->name)); /* the instance's group */
  PetscCall(PetscMalloc1(n, &t));
  PetscCall(H5WriteArray(h5, g, "y_m", 1, &n, sd->y, "m", "cross-web cell centres"));
  for (PetscInt j = 0; j < n; j++) t[j] = sd->h_die[j] * 1e6;
  PetscCall(H5WriteArray(h5, g, "wet_thickness_die_um", 1, &n, t, "um", "wet film leaving the die (before levelling)"));
  for (PetscInt j = 0; j < n; j++) t[j] = sd->h_level[j] * 1e6;
  PetscCall(H5WriteArray(h5, g, "wet_thickness_um", 1, &n, t, "um", "wet film at the dryer entry (after levelling)"));
  for (PetscInt j = 0; j < n; j++) t[j] = sd->solids[j] * 1e3;
  PetscCall(H5WriteArray(h5, g, "solids_mass_g_per_m2", 1, &n, t, "g/m2", "dry solids per area"));
  for (PetscInt j = 0; j < n; j++) t[j] = sd->solvent[j] * 1e3;
  PetscCall(H5WriteArray(h5, g, "solvent_mass_g_per_m2", 1, &n, t, "g/m2", "solvent per area"));
  PetscCall(PetscFree(t));
  PetscCall(
      H5WriteScalar(h5, g, "capillary_number", sd->bead.Ca, "-", "eta(U/h) U / sigma at the downstream meniscus"));
  PetscCall(
      H5WriteScalar(h5, g, "wetting_capillary_number", sd->bead.Ca_w, "-", "eta(U/l) U / sigma at the wetting line"));
  PetscCall(H5WriteScalar(h5, g, "gap_to_wet_thickness", sd->bead.ratio, "-", "coating gap over mean wet thickness"));
  PetscCall(H5WriteScalar(h5, g, "max_gap_to_wet_thickness", sd->bead.ratio_max, "-", "low-flow limit of the ratio"));
  PetscCall(H5WriteScalar(h5, g, "coating_window_margin", sd->bead.margin, "-", ">0 inside the coating window"));
  PetscCall(
      H5WriteScalar(h5, g, "margin_low_flow", sd->bead.m_low_flow, "-", "relative distance to the low-flow limit"));
  PetscCall(H5WriteScalar(h5, g, "margin_suction", sd->bead.m_suction, "-", "vacuum above the suction limit / window"));
  PetscCall(H5WriteScalar(h5, g, "margin_weeping", sd->bead.m_weeping, "-", "vacuum below the weeping limit / window"));
  PetscCall(H5WriteScalar(h5, g, "margin_air_entrainment", sd->bead.m_air, "-", "1 - speed / air-entrainment speed"));
  PetscCall(H5WriteScalar(h5, g, "window_speed_min_m_per_min", sd->speed_lo * 60, "m/min",
                          "lowest speed inside the window (loading, gap, vacuum held; 0.006 = scan bound)"));
  PetscCall(H5WriteScalar(h5, g, "window_speed_max_m_per_min", sd->speed_hi * 60, "m/min",
                          "highest speed inside the window (loading, gap, vacuum held; 1200 = scan bound)"));
  PetscCall(H5WriteScalar(h5, g, "air_entrainment_speed_m_per_min", sd->bead.speed_ae * 60, "m/min",
                          "speed at which the wetting line entrains air"));
  PetscCall(
      H5WriteScalar(h5, g, "window_gap_min_um", sd->gap_lo * 1e6, "um", "smallest coating gap inside the window"));
  PetscCall(H5WriteScalar(h5, g, "window_gap_max_um", sd->gap_hi * 1e6, "um", "largest coating gap inside the window"));
  PetscCall(H5WriteScalar(h5, g, "window_vacuum_min_kPa", sd->bead.vac_min * 1e-3, "kPa",
                          "least vacuum that holds the upstream meniscus (suction limit; < 0: none needed)"));
  PetscCall(H5WriteScalar(h5, g, "window_vacuum_max_kPa", sd->bead.vac_max * 1e-3, "kPa",
                          "most vacuum before the bead weeps past the upstream lip"));
  PetscCall(H5WriteScalar(h5, g, "slot_pressure_drop_Pa", sd->dp_slot, "Pa", "slot pressure drop at the mean flow"));
  PetscCall(H5WriteScalar(h5, g, "manifold_feed_pressure_Pa", sd->p_feed, "Pa", "manifold centre over the slot exit"));
  PetscCall(H5WriteScalar(h5, g, "manifold_end_pressure_Pa", sd->p_end, "Pa", "manifold end over the slot exit"));
  PetscCall(H5WriteScalar(h5, g, "die_pressure_Pa", sd->p_die, "Pa", "slot pressure drop + bead pressure (bowing)"));
  PetscCall(H5WriteScalar(h5, g, "slot_gap_bowing", sd->bowing, "-", "relative opening of the slot at mid-width"));
  PetscCall(H5WriteScalar(h5, g, "bead_pressure_Pa", sd->bead.p_bead, "Pa", "coating bead pressure over ambient"));
  PetscCall(H5WriteScalar(h5, g, "upstream_meniscus_position_m", sd->bead.x_up, "m",
                          "free upstream meniscus distance from the slot exit (inside: 0 to the upstream lip length)"));
  PetscCall(H5WriteScalar(h5, g, "levelling_time_s", sd->t_level, "s", "die to dryer entry"));
  PetscCall(H5WriteScalar(h5, g, "levelling_coefficient_m_per_s", sd->k_level, "m/s", "sigma / (3 eta_levelling)"));
  PetscCall(H5WriteScalar(h5, g, "wet_thickness_cv_trimmed", sd->cv_trim, "-", "CV without the edge trim"));
  PetscFunctionReturn(0);
}

static PetscErrorCode Destroy_SlotDie(Stage st)
{
  SlotDie *sd = (SlotDie *) st->data;
  PetscFunctionBeginUser;
  PetscCall(ThinFilmDestroy(&sd->tf));
  PetscCall(PetscFree5(sd->y, sd->h_die, sd->h_level, sd->solids, sd->solvent));
  PetscCall(PetscFree(st->data));
  PetscFunctionReturn(0);
}

PetscErrorCode StageCreate_SlotDieCoating(Stage st)
{
  SlotDie *sd;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&sd));
  st->data            = sd;
  st->ops.setfromcase = SetFromCase_SlotDie;
  st->ops.setup       = SetUp_SlotDie;
  st->ops.run         = Run_SlotDie;
  st->ops.view        = View_SlotDie;
  st->ops.writefields = WriteFields_SlotDie;
  st->ops.destroy     = Destroy_SlotDie;
  PetscFunctionReturn(0);
}
