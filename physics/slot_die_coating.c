/* Stage slot_die_coating: the first stage of the wet route. A premetered slot die lays the slurry on the
 * empty web; the pump sets the flow, the die distributes it across the width (manifold loss, slot-gap
 * bowing, edge beads) and capillary levelling between the die and the dryer entry smooths it.
 * Model, sources and verification: docs/slot_die.md. */
#include "stageimpl.h"
#include "stages.h"
#include "slot_die_model.h"
#include "../mesh/cross_web_grid.h"
#include "../postproc/h5io.h"
#include <string.h>

#define SD "slot_die_coating"

const CaseKeySpec SlotDieCoatingKeys[] = {
    {SD ".solids_mass_fraction", CASE_REAL, "-", 0.2, 0.9, PETSC_TRUE, 0, NULL,
     "coatable electrode slurries carry 40-80 wt% solids (NMP cathodes 65-75, aqueous anodes 45-55); outside "
     "20-90 % it is a suspension that settles or a paste",
     "solids mass fraction of the slurry"},
    {SD ".viscosity_mPas", CASE_REAL, "mPas", 10.0, 1.0e5, PETSC_TRUE, 0, NULL,
     "electrode slurries are 0.1-20 Pa s at coating shear rates; below 10 mPa s they are no slurry",
     "slurry viscosity at the shear rate of the slot and the coating gap (sets Ca and the pump pressure)"},
    {SD ".levelling_viscosity_mPas", CASE_REAL, "mPas", 10.0, 1.0e7, PETSC_FALSE, 0, NULL,
     "shear-thinning slurries are up to 100x more viscous at the tiny shear rates of levelling",
     "low-shear viscosity for capillary levelling (default: viscosity_mPas, Newtonian)"},
    {SD ".surface_tension_mN_per_m", CASE_REAL, "mN_per_m", 15.0, 80.0, PETSC_FALSE, 0, NULL,
     "liquids at room temperature lie between about 15 (fluorocarbons) and 73 mN/m (water)",
     "slurry surface tension (default: that of the solvent in materials.cfg)"},
    {SD ".coating_gap_um", CASE_REAL, "um", 20.0, 2000.0, PETSC_TRUE, 0, NULL,
     "die lips run 20 um to 2 mm from the foil; the gap must be of the order of the wet film",
     "gap between the downstream die lip and the foil"},
    {SD ".slot_gap_um", CASE_REAL, "um", 50.0, 3000.0, PETSC_FALSE, 500.0, NULL,
     "slot (shim) gaps of coating dies are 0.05-3 mm", "gap of the feed slot inside the die"},
    {SD ".slot_length_mm", CASE_REAL, "mm", 5.0, 300.0, PETSC_FALSE, 50.0, NULL,
     "land length from the manifold to the lip exit, a few mm to a few cm in coat-hanger and T dies",
     "length of the slot (land) between manifold and lip exit"},
    {SD ".downstream_lip_length_mm", CASE_REAL, "mm", 0.05, 20.0, PETSC_FALSE, 1.0, NULL,
     "die lips are 0.1-5 mm long in the direction of web travel", "length of the downstream die lip"},
    {SD ".manifold_diameter_mm", CASE_REAL, "mm", 3.0, 200.0, PETSC_FALSE, 25.0, NULL,
     "manifold bores of coating dies are a few mm to several cm", "diameter of the centre-fed distribution manifold"},
    {SD ".slot_gap_bowing_percent", CASE_REAL, "percent", 0.0, 20.0, PETSC_FALSE, 0.5, NULL,
     "die halves deflect under the manifold pressure: fractions of a percent to a few percent of the slot gap",
     "opening of the slot gap at mid-width relative to the ends (flow goes as gap^3)"},
    {SD ".pump_efficiency", CASE_REAL, "-", 0.05, 1.0, PETSC_FALSE, 0.5, NULL,
     "wire-to-fluid efficiency of small gear or progressive-cavity pumps with their drives, 0.05-1",
     "electric-to-hydraulic efficiency of the slurry pump"},
    {SD ".edge_bead_height_percent", CASE_REAL, "percent", -50.0, 100.0, PETSC_FALSE, 8.0, NULL,
     "heavy edges are several % to a few 10 % above the mid-web film; negative values give thin edges",
     "peak height of the edge bead over the film at the edge"},
    {SD ".edge_bead_width_mm", CASE_REAL, "mm", 0.1, 50.0, PETSC_FALSE, 4.0, NULL,
     "edge beads are a few mm wide (of the order of the capillary length and the lip geometry)",
     "width over which the edge bead decays to the film"},
    {SD ".dryer_entry_distance_m", CASE_REAL, "m", 0.0, 20.0, PETSC_FALSE, 1.0, NULL,
     "the free span from the die to the dryer entry is 0.2-5 m on coating lines",
     "web path from the die to the dryer entry (levelling time = distance / line speed)"},
    {SD ".high_ca_max_gap_ratio", CASE_REAL, "-", 1.2, 10.0, PETSC_FALSE, 3.0, NULL,
     "at high capillary number the largest coating-gap/wet-thickness ratio tends to about 3 (UNCONFIRMED)",
     "largest gap/wet-thickness ratio at high Ca (upper bound of the coating window)"},
    {SD ".upstream_lip_length_mm", CASE_REAL, "mm", 0.05, 20.0, PETSC_FALSE, 1.0, NULL,
     "die lips are 0.1-5 mm long in the direction of web travel",
     "length of the upstream die lip (the upstream meniscus must stay under it)"},
    {SD ".bead_vacuum_kPa", CASE_REAL, "kPa", 0.0, 20.0, PETSC_FALSE, 0.0, NULL,
     "vacuum boxes pull 0-5 kPa below ambient under the upstream lip; more lifts the web",
     "vacuum applied upstream of the coating bead (0: none)"},
    {SD ".levelling_cells", CASE_INT, "-", 0, 200000, PETSC_FALSE, 0, NULL,
     "the levelling grid must resolve the edge bead; more than 2e5 cells gives nothing new",
     "cells of the levelling grid (0: automatic, >= 10 per edge-bead width, a multiple of the web cells)"},
};
const PetscInt SlotDieCoatingNumKeys = sizeof(SlotDieCoatingKeys) / sizeof(SlotDieCoatingKeys[0]);

typedef struct {
  /* case (SI) */
  PetscReal w_s, mu, mu_level, sigma_key, gap, slot_gap, slot_length, lip_length, manifold_d, bowing, pump_eff;
  PetscReal bead_height, bead_width, distance, ratio_high_ca, upstream_lip, vacuum;
  PetscInt  levelling_cells;
  PetscBool has_mu_level;
  /* set up */
  ThinFilm  tf;
  PetscInt  ny, nf;
  PetscReal sigma, k_level;
  /* results */
  PetscReal *y, *h_die, *h_level, *solids, *solvent;
  PetscReal  rho_slurry, h_wet, q, Q_lpm, Ca, ratio, ratio_max, margin, h_min_vc, beta, dp_slot, dp_manifold, dp_pump;
  PetscReal  p_bead, x_upstream, level_length, level_change, hydraulic, electric, t_level, cv_die, cv_level, mean_level,
      fed, coated;
  PetscInt  level_steps;
  PetscBool ran;
} SlotDie;

static PetscErrorCode SetFromCase_SlotDie(Stage st, EprocCase c, Materials m)
{
  SlotDie    *sd = (SlotDie *) st->data;
  const char *solvent;
  PetscBool   has;
  PetscFunctionBeginUser;
  (void) m;
  PetscCall(CaseGetString(c, "electrode.solvent", &solvent));
  if (!solvent || !strcmp(solvent, "none"))
    PetscCall(
        CaseInputError(c, "electrode.solvent",
                       "slot_die_coating coats a slurry: name its solvent (e.g. \"NMP\", \"water\"), not \"none\""));
  PetscCall(CaseGetReal(c, SD ".solids_mass_fraction", &sd->w_s));
  PetscCall(CaseGetReal(c, SD ".viscosity_mPas", &sd->mu));
  PetscCall(CaseHas(c, SD ".levelling_viscosity_mPas", &sd->has_mu_level));
  if (sd->has_mu_level)
    PetscCall(CaseGetReal(c, SD ".levelling_viscosity_mPas", &sd->mu_level));
  else
    sd->mu_level = sd->mu;
  PetscCall(CaseHas(c, SD ".surface_tension_mN_per_m", &has));
  sd->sigma_key = 0.0;
  if (has) PetscCall(CaseGetReal(c, SD ".surface_tension_mN_per_m", &sd->sigma_key));
  PetscCall(CaseGetReal(c, SD ".coating_gap_um", &sd->gap));
  PetscCall(CaseGetReal(c, SD ".slot_gap_um", &sd->slot_gap));
  PetscCall(CaseGetReal(c, SD ".slot_length_mm", &sd->slot_length));
  PetscCall(CaseGetReal(c, SD ".downstream_lip_length_mm", &sd->lip_length));
  PetscCall(CaseGetReal(c, SD ".manifold_diameter_mm", &sd->manifold_d));
  PetscCall(CaseGetReal(c, SD ".slot_gap_bowing_percent", &sd->bowing));
  PetscCall(CaseGetReal(c, SD ".pump_efficiency", &sd->pump_eff));
  PetscCall(CaseGetReal(c, SD ".edge_bead_height_percent", &sd->bead_height));
  PetscCall(CaseGetReal(c, SD ".edge_bead_width_mm", &sd->bead_width));
  PetscCall(CaseGetReal(c, SD ".dryer_entry_distance_m", &sd->distance));
  PetscCall(CaseGetReal(c, SD ".high_ca_max_gap_ratio", &sd->ratio_high_ca));
  PetscCall(CaseGetReal(c, SD ".upstream_lip_length_mm", &sd->upstream_lip));
  PetscCall(CaseGetReal(c, SD ".bead_vacuum_kPa", &sd->vacuum));
  PetscCall(CaseGetInt(c, SD ".levelling_cells", &sd->levelling_cells));
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
  sd->k_level = sd->sigma / (3.0 * sd->mu_level);
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
     wet film, and everything downstream, is identical whatever the number of ranks. */
  PetscCall(ThinFilmCreate(PETSC_COMM_SELF, sd->nf, web->width, sd->k_level, "slotdie_", &sd->tf));
  PetscFunctionReturn(0);
}

static PetscErrorCode Stats(PetscInt n, const PetscReal a[], PetscReal *mean, PetscReal *cv)
{
  PetscReal m = 0.0, v = 0.0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) m += a[i];
  m /= n;
  for (PetscInt i = 0; i < n; i++) v += PetscSqr(a[i] - m);
  *mean = m;
  *cv   = m > 0 ? PetscSqrtReal(v / n) / m : 0.0;
  PetscFunctionReturn(0);
}

static PetscErrorCode Run_SlotDie(Stage st, Web web, Ledger ledger, Summary summary)
{
  SlotDie           *sd = (SlotDie *) st->data;
  const Formulation *f  = &web->formulation;
  PetscReal          U = web->line_speed, W = web->width, rho_l = f->solvent->density, mean, *yf, *shape, *hf;
  PetscFunctionBeginUser;
  /* mass balance of the premetered die: the pump delivers exactly the target loading */
  sd->rho_slurry = SlotDieSlurryDensity(f->solids_density, rho_l, sd->w_s);
  sd->h_wet      = SlotDieWetThickness(f->areal_loading, sd->w_s, sd->rho_slurry);
  sd->q          = sd->h_wet * U;              /* m2/s per width */
  sd->Q_lpm      = sd->q * W * 1e3 * 60.0;     /* l/min per die */
  sd->fed        = sd->rho_slurry * sd->q / U; /* kg of slurry per m2 of web: pump mass flow / (U W) * W */
  /* coating window */
  sd->Ca         = SlotDieCapillaryNumber(sd->mu, U, sd->sigma);
  sd->h_min_vc   = SlotDieViscocapillaryMinThickness(sd->Ca, sd->gap);
  sd->ratio      = sd->gap / sd->h_wet;
  sd->ratio_max  = SlotDieMaxGapRatio(sd->Ca, sd->ratio_high_ca);
  sd->p_bead     = SlotDieBeadPressure(sd->mu, sd->sigma, sd->q, U, sd->gap, sd->lip_length);
  sd->x_upstream = SlotDieUpstreamMeniscusPosition(sd->p_bead, sd->vacuum, sd->mu, U, sd->gap);
  sd->margin     = SlotDieWindowMargin(sd->ratio, sd->ratio_max, sd->x_upstream, sd->upstream_lip);
  if (sd->margin <= 0)
    PetscCall(PetscInfo(NULL,
                        "slot_die_coating: outside the coating window (gap/wet thickness %g, max %g; upstream meniscus "
                        "at %g of the lip)\n",
                        (double) sd->ratio, (double) sd->ratio_max, (double) (sd->x_upstream / sd->upstream_lip)));
  /* die: pressure drops and the cross-web flow distribution on the levelling grid */
  sd->dp_slot     = SlotDieSlotPressureDrop(sd->mu, sd->q, sd->slot_gap, sd->slot_length);
  sd->beta        = SlotDieManifoldRatio(W, sd->slot_gap, sd->slot_length, sd->manifold_d);
  sd->dp_manifold = sd->beta * sd->dp_slot; /* centre to die end */
  PetscCall(PetscMalloc3(sd->nf, &yf, sd->nf, &shape, sd->nf, &hf));
  for (PetscInt i = 0; i < sd->nf; i++) yf[i] = (i + 0.5) * W / sd->nf;
  PetscCall(SlotDieFlowDistribution(sd->nf, yf, W, sd->beta, sd->bowing, sd->bead_height, sd->bead_width, shape));
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
  PetscCall(PetscFree3(yf, shape, hf));
  PetscCall(Stats(sd->ny, sd->h_die, &mean, &sd->cv_die));
  PetscCall(Stats(sd->ny, sd->h_level, &sd->mean_level, &sd->cv_level));
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
  PetscCall(SummaryAddBalance(summary, SD, "slurry_mass", sd->fed, sd->coated, 0.0));
  /* energy: hydraulic work of pushing the slurry through manifold and slot, per m2 of web */
  /* the pump pushes against manifold, slot and the bead pressure at the slot exit */
  sd->dp_pump   = PetscMax(0.0, sd->dp_manifold + sd->dp_slot + sd->p_bead);
  sd->hydraulic = sd->dp_pump * sd->q / U;
  sd->electric  = sd->hydraulic / sd->pump_eff;
  PetscCall(LedgerAdd(ledger, SD, "slurry_pump", ENERGY_ELECTRIC, sd->electric, sd->hydraulic,
                      "(manifold + slot Poiseuille losses + bead pressure) x flow / pump efficiency"));
  PetscCall(SummarySet(summary, "wet_thickness_um", sd->mean_level * 1e6, "um",
                       "mean wet film thickness entering the dryer"));
  PetscCall(SummarySet(summary, "wet_thickness_cv_percent", sd->cv_level * 100.0, "%",
                       "cross-web coefficient of variation of the wet film entering the dryer"));
  PetscCall(SummarySet(
      summary, "coating_window_margin", sd->margin, "-",
      "smallest relative distance to a coating-window limit (downstream and upstream meniscus); > 0 inside"));
  PetscCall(SummarySet(summary, "slurry_flow_l_per_min", sd->Q_lpm, "l/min", "slurry volume flow of the die"));
  sd->ran = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode View_SlotDie(Stage st, PetscViewer v)
{
  SlotDie *sd = (SlotDie *) st->data;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v, "slot_die_coating\n"));
  PetscCall(PetscViewerASCIIPushTab(v));
  if (!sd->ran) {
    PetscCall(PetscViewerASCIIPrintf(v, "not run: %.1f wt%% solids, %.0f mPa s, coating gap %.0f um\n",
                                     (double) (100 * sd->w_s), (double) (sd->mu * 1e3), (double) (sd->gap * 1e6)));
    PetscCall(PetscViewerASCIIPopTab(v));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscViewerASCIIPrintf(v, "slurry: %.1f wt%% solids, %.0f kg/m3, %.0f mPa s, %.1f mN/m\n",
                                   (double) (100 * sd->w_s), (double) sd->rho_slurry, (double) (sd->mu * 1e3),
                                   (double) (sd->sigma * 1e3)));
  PetscCall(PetscViewerASCIIPrintf(
      v, "wet film: %.1f um from the die, %.1f um mean at the dryer; cross-web CV %.4f %% -> %.4f %%\n",
      (double) (sd->h_wet * 1e6), (double) (sd->mean_level * 1e6), (double) (100 * sd->cv_die),
      (double) (100 * sd->cv_level)));
  PetscCall(PetscViewerASCIIPrintf(
      v, "flow: %.3f l/min; slot pressure drop %.3g kPa (manifold %.2g kPa, beta %.2g); bead pressure %.3g kPa\n",
      (double) sd->Q_lpm, (double) (sd->dp_slot * 1e-3), (double) (sd->dp_manifold * 1e-3), (double) sd->beta,
      (double) (sd->p_bead * 1e-3)));
  PetscCall(PetscViewerASCIIPrintf(
      v,
      "coating window: Ca %.3g; gap/wet thickness %.2f (downstream meniscus holds up to %.2f; viscocapillary t_min "
      "%.1f um); upstream meniscus at %.2f of the upstream lip (vacuum %.2g kPa): margin %.3f\n",
      (double) sd->Ca, (double) sd->ratio, (double) sd->ratio_max, (double) (sd->h_min_vc * 1e6),
      (double) (sd->x_upstream / sd->upstream_lip), (double) (sd->vacuum * 1e-3), (double) sd->margin));
  if (sd->margin <= 0) {
    const char *why;
    if (sd->ratio > sd->ratio_max)
      why = "the film is too thin for the gap: the downstream meniscus breaks (ribbing, rivulets); close the gap or "
            "coat thicker";
    else if (sd->x_upstream < 0)
      why = "the bead is under suction and the upstream meniscus retreats into the feed slot (low-flow breakup): close "
            "the gap, coat thicker or apply vacuum";
    else
      why = "the bead pressure pushes the upstream meniscus past the upstream lip (weeping, leaking upstream): open "
            "the gap or reduce the vacuum";
    PetscCall(PetscViewerASCIIPrintf(v, "WARNING: OUTSIDE THE COATING WINDOW: %s\n", why));
  }
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "levelling: %.3g s to the dryer on %" PetscInt_FMT " cells (%" PetscInt_FMT
                                   " steps), sigma/(3 mu) = %.3g m/s; levelling length %.3g mm (ripples shorter than "
                                   "%.2g mm level out), largest change %.3g um\n",
                                   (double) sd->t_level, sd->nf, sd->level_steps, (double) sd->k_level,
                                   (double) (sd->level_length * 1e3), (double) (2 * PETSC_PI * sd->level_length * 1e3),
                                   (double) (sd->level_change * 1e6)));
  PetscCall(PetscViewerASCIIPrintf(v, "pump: %.3g kPa, %.4g J/m2 hydraulic, %.4g J/m2 electric\n",
                                   (double) (sd->dp_pump * 1e-3), (double) sd->hydraulic, (double) sd->electric));
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
  PetscCall(H5WriteScalar(h5, g, "capillary_number", sd->Ca, "-", "mu U / sigma at the coating gap"));
  PetscCall(H5WriteScalar(h5, g, "gap_to_wet_thickness", sd->ratio, "-", "coating gap over mean wet thickness"));
  PetscCall(H5WriteScalar(h5, g, "max_gap_to_wet_thickness", sd->ratio_max, "-", "upper window limit"));
  PetscCall(H5WriteScalar(h5, g, "coating_window_margin", sd->margin, "-", ">0 inside the coating window"));
  PetscCall(H5WriteScalar(h5, g, "slot_pressure_drop_Pa", sd->dp_slot, "Pa", "Poiseuille pressure drop of the slot"));
  PetscCall(H5WriteScalar(h5, g, "bead_pressure_Pa", sd->p_bead, "Pa", "coating bead pressure over ambient"));
  PetscCall(H5WriteScalar(h5, g, "upstream_meniscus_position_m", sd->x_upstream, "m",
                          "upstream meniscus distance from the slot exit (window: 0 to the upstream lip length)"));
  PetscCall(H5WriteScalar(h5, g, "levelling_time_s", sd->t_level, "s", "die to dryer entry"));
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
