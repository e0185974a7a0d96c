/* Stage hot_lamination: the second stage of the dry route. The as-deposited powder layer on the foil
 * (optionally pre-heated on a heated wrap roll through the foil) passes the nip of a hot roll: heat
 * conducts through the layer towards the foil while the line load gives the first densification.
 * The stage tells whether the binder reaches its melting point at the foil (where it has to bond)
 * during contact, which regime the case is in (nip only / substrate heated), and books the heat, the
 * roll losses, the compaction work and the drive losses. Model and verification: docs/lamination.md. */
#include "stageimpl.h"
#include "stages.h"
#include "lamination_model.h"
#include "../postproc/h5io.h"
#include <string.h>

#define HL "hot_lamination"

#define NSNAP_MAX 12

/* One through-thickness solve: a cross-web cell (or the web mean) taken through the phases. */
typedef struct {
  PetscInt   column;                            /* cross-web cell, -1 for the web mean */
  PetscReal  m, eps_in, eps_nip, eps_out;       /* kg/m2, - */
  PetscReal  h_in, h_nip, h_out;                /* m */
  PetscReal  k_in, k_nip, k_out;                /* W/(m K) of the layer */
  PetscReal  t_pre, t_nip, t_relax;             /* s, phase durations */
  PetscReal  Q_pre, Q_top, Q_bot_nip, stored;   /* J/m2 */
  PetscReal  foil_side_peak, surface_peak;      /* K, during contact */
  PetscReal  foil_side_end, time_above_melt;    /* K at the end of the nip, s */
  PetscReal  molten_fraction, exit_temperature; /* -, K (mass-weighted after relaxation) */
  PetscReal  fourier;                           /* alpha t_nip / h_nip^2 */
  PetscBool  activated;
  PetscInt   nrec, nsnap;
  PetscReal *t, *T_surface, *T_foil_side, *T_foil; /* history, nrec each */
  PetscReal  snap_t[NSNAP_MAX];
  PetscReal *snap_x, *snap_T; /* NSNAP_MAX x n */
} Probe;

typedef struct {
  /* case (SI) */
  PetscReal  roll_d, T_roll, q_L, h_c, b_el, T_foil_roll, foil_roll_d, h_foil;
  PetscBool  foil_roll, preheat;
  PetscReal  T_pre, wrap, pre_d, h_pre, t_relax, margin, L_fus, gamma_c, eps_min, k_fixed;
  PetscReal  face, emissivity, h_conv, eta_heat, eta_drive;
  EnergyKind heating_kind;
  PetscInt   nf, nl, foil_side, roll_heating; /* foil_side, roll_heating: positions in FoilSides, RollHeating */
  /* set up */
  LamConduction lc;
  PetscReal     T0, T_melt, T_amb, U, W, k_air, dh_mean, R;
  PetscReal     phi[3], k_s[3], C_foil, cp_s, rho_s;
  Probe         mean, slow;
  PetscBool     have_slow;
  /* results */
  PetscReal contact_length, contact_time, W_c, regime_code;
  PetscReal P_loss_roll, P_loss_foil_roll, P_loss_pre; /* W */
} HotLamination;

static const char *const FoilSides[]   = {"roll", "adiabatic", NULL};
static const char *const RollHeating[] = {"electric", "thermal", NULL};

const CaseKeySpec HotLaminationKeys[] = {
    {HL ".roll_diameter_mm", CASE_REAL, "mm", 20.0, 2000.0, PETSC_FALSE, 300.0, NULL,
     "lab roll laminators use 50-100 mm rolls, production calenders and laminators 300-1000 mm",
     "diameter of the hot roll on the powder side (sets the bite length sqrt(R dh) and the losing surface)",
     CASE_FIELD(HotLamination, roll_d)},
    {HL ".roll_temperature_C", CASE_REAL, "C", 20.0, 400.0, PETSC_FALSE, 200.0, NULL,
     "from room temperature to above the PTFE melting point (327 C); heated rolls rarely exceed ~400 C",
     "surface temperature of the hot roll", CASE_FIELD(HotLamination, T_roll)},
    {HL ".line_load_N_per_mm", CASE_REAL, "N_per_mm", 0.0, 3000.0, PETSC_FALSE, 50.0, NULL,
     "0 is a kiss contact; electrode calenders reach about 2000-3000 N/mm",
     "roll force per unit face width (compaction law and compaction work)", CASE_FIELD(HotLamination, q_L)},
    {HL ".contact_conductance_W_per_m2K", CASE_REAL, "W_per_m2K", 100.0, 1.0e6, PETSC_FALSE, 1.0e4, NULL,
     "pressed metal-powder contacts lie around 1e3-1e5 W/(m2 K); 1e6 is near-perfect contact",
     "thermal contact conductance between the hot roll and the powder surface (UNCONFIRMED default)",
     CASE_FIELD(HotLamination, h_c)},
    {HL ".elastic_contact_width_mm", CASE_REAL, "mm", 0.0, 30.0, PETSC_FALSE, 0.0, NULL,
     "elastic flattening of steel rolls on a thin layer adds at most a few mm; rubber-covered rolls up to ~30 mm",
     "contact width added to the geometric bite sqrt(R dh)", CASE_FIELD(HotLamination, b_el)},
    {HL ".foil_side", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "adiabatic", NULL,
     "foil side in the nip: \"adiabatic\" (no heat through the foil: the best case of a nip-only pass) or \"roll\" "
     "(a counter roll at foil_roll_temperature_C: heated, or a cold heat sink)",
     CASE_FIELD(HotLamination, foil_side), FoilSides},
    {HL ".foil_roll_temperature_C", CASE_REAL, "C", 0.0, 400.0, PETSC_FALSE, 25.0, NULL,
     "the counter roll runs unheated (near room temperature) or heated like the top roll",
     "surface temperature of the counter roll on the foil side", CASE_FIELD(HotLamination, T_foil_roll)},
    {HL ".foil_roll_diameter_mm", CASE_REAL, "mm", 20.0, 2000.0, PETSC_FALSE, 300.0, NULL, "as the hot roll",
     "diameter of the counter roll (losses when it is heated)", CASE_FIELD(HotLamination, foil_roll_d)},
    {HL ".foil_contact_conductance_W_per_m2K", CASE_REAL, "W_per_m2K", 100.0, 1.0e6, PETSC_FALSE, 2.0e4, NULL,
     "metal-metal contacts under nip pressure: 1e4-1e5 W/(m2 K)", "contact conductance roll-foil in the nip",
     CASE_FIELD(HotLamination, h_foil)},
    {HL ".preheat", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 0.0, NULL, "true/false",
     "heat the foil on a heated wrap roll before the nip (as in US 11,967,696: the substrate is heated)",
     CASE_FIELD(HotLamination, preheat)},
    {HL ".preheat_roll_temperature_C", CASE_REAL, "C", 20.0, 400.0, PETSC_FALSE, 200.0, NULL, "as the hot roll",
     "surface temperature of the pre-heat wrap roll", CASE_FIELD(HotLamination, T_pre)},
    {HL ".preheat_wrap_length_mm", CASE_REAL, "mm", 1.0, 5000.0, PETSC_FALSE, 300.0, NULL,
     "a wrap of 90-270 degrees on a 0.1-1 m roll is 0.1-2 m of contact",
     "length of foil in contact with the pre-heat roll (contact time = length / line speed)",
     CASE_FIELD(HotLamination, wrap)},
    {HL ".preheat_roll_diameter_mm", CASE_REAL, "mm", 20.0, 2000.0, PETSC_FALSE, 400.0, NULL, "as the hot roll",
     "diameter of the pre-heat roll (its free surface loses heat)", CASE_FIELD(HotLamination, pre_d)},
    {HL ".preheat_contact_conductance_W_per_m2K", CASE_REAL, "W_per_m2K", 50.0, 1.0e5, PETSC_FALSE, 3000.0, NULL,
     "a foil wrapped under web tension touches less well than in a nip (entrained air): ~1e3-1e4 W/(m2 K)",
     "contact conductance between the pre-heat roll and the foil (UNCONFIRMED default)",
     CASE_FIELD(HotLamination, h_pre)},
    {HL ".relaxation_time_ms", CASE_REAL, "ms", 0.0, 10000.0, PETSC_FALSE, 50.0, NULL,
     "the free span after the nip, of the order of the through-thickness diffusion time (10-100 ms)",
     "time after the nip over which the web temperature is followed (adiabatic); output only",
     CASE_FIELD(HotLamination, t_relax)},
    {HL ".activation_margin_K", CASE_REAL, "K", 0.0, 100.0, PETSC_FALSE, 0.0, NULL,
     "a few K to tens of K above the DSC melting peak make sure the whole melting range is passed",
     "the foil-side layer must exceed the binder melting point by this much to count as activated",
     CASE_FIELD(HotLamination, margin)},
    {HL ".binder_latent_heat_kJ_per_kg", CASE_REAL, "kJ_per_kg", 0.0, 300.0, PETSC_FALSE, 50.0, NULL,
     "heat of fusion of semicrystalline fluoropolymers: up to ~100 kJ/kg for fully crystalline PVDF",
     "heat of fusion of the binder as used (UNCONFIRMED default ~50 % crystalline PVDF); minimum energy only",
     CASE_FIELD(HotLamination, L_fus)},
    {HL ".compaction_resistance_N_per_mm", CASE_REAL, "N_per_mm", 1.0, 1.0e5, PETSC_FALSE, 300.0, NULL,
     "the line load over which the porosity excess decays by 1/e; calendering of cathodes needs 100s-1000s N/mm",
     "gamma_c of eps(q_L) = eps_min + (eps_0 - eps_min) exp(-q_L/gamma_c) (Meyer 2017 form; UNCONFIRMED value)",
     CASE_FIELD(HotLamination, gamma_c)},
    {HL ".minimum_porosity", CASE_REAL, "-", 0.0, 0.6, PETSC_FALSE, 0.2, NULL,
     "dense-packed electrodes keep 10-25 % porosity (closed pores in NMC)",
     "eps_min of the compaction law (UNCONFIRMED value)", CASE_FIELD(HotLamination, eps_min)},
    {HL ".layer_conductivity_W_per_mK", CASE_REAL, "W_per_mK", 0.0, 10.0, PETSC_FALSE, 0.0, NULL,
     "dry electrode layers measure 0.13-0.61 W/(m K) (Richter et al. 2017); 0 selects the porosity model",
     "effective conductivity of the powder layer (0: Lichtenecker mix of solids and air at the local porosity)",
     CASE_FIELD(HotLamination, k_fixed)},
    {HL ".roll_face_width_mm", CASE_REAL, "mm", 0.0, 3000.0, PETSC_FALSE, 0.0, NULL,
     "roll faces are a little wider than the coated width", "heated face width of every roll (0: the coated width)",
     CASE_FIELD(HotLamination, face)},
    {HL ".roll_emissivity", CASE_REAL, "-", 0.02, 1.0, PETSC_FALSE, 0.2, NULL,
     "polished chromed rolls 0.05-0.1, ground steel 0.2-0.4, oxidised steel 0.6-0.8",
     "emissivity of the free roll surfaces (radiation loss)", CASE_FIELD(HotLamination, emissivity)},
    {HL ".roll_convection_W_per_m2K", CASE_REAL, "W_per_m2K", 1.0, 200.0, PETSC_FALSE, 10.0, NULL,
     "natural convection from a hot cylinder is 5-15 W/(m2 K); fast rotation or drafts raise it",
     "convection coefficient of the free roll surfaces (UNCONFIRMED default)", CASE_FIELD(HotLamination, h_conv)},
    {HL ".roll_heating", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "electric", NULL,
     "how the rolls are heated: electric (induction, cartridges) or thermal (oil/steam from fuel)",
     CASE_FIELD(HotLamination, roll_heating), RollHeating},
    {HL ".heater_efficiency", CASE_REAL, "-", 0.3, 1.0, PETSC_FALSE, 1.0, NULL,
     "electric heaters deliver ~all of their power to the roll; fuel-fired oil heaters 0.8-0.9",
     "heat reaching the roll per energy bought", CASE_FIELD(HotLamination, eta_heat)},
    {HL ".drive_efficiency", CASE_REAL, "-", 0.3, 1.0, PETSC_FALSE, 0.85, NULL,
     "motor + gearbox + bearings of roll drives: 0.7-0.95", "mechanical work delivered per electric energy",
     CASE_FIELD(HotLamination, eta_drive)},
    {HL ".foil_cells", CASE_INT, "-", 1, 100, PETSC_FALSE, 4, NULL,
     "the foil is thermally thin (Biot << 1): a few cells suffice", "cells through the foil thickness",
     CASE_FIELD(HotLamination, nf)},
    {HL ".layer_cells", CASE_INT, "-", 8, 5000, PETSC_FALSE, 40, NULL,
     "second-order FV: 40 cells give ~0.1 % temperature error; more gives nothing new",
     "cells through the powder layer thickness", CASE_FIELD(HotLamination, nl)},
};
const PetscInt HotLaminationNumKeys = PETSC_STATIC_ARRAY_LENGTH(HotLaminationKeys);

static const char *RegimeText(PetscInt code)
{
  switch (code) {
  case 0:
    return "nip only: contact too short, the binder at the foil does not melt";
  case 1:
    return "nip only: the binder at the foil melts in the nip";
  case 2:
    return "substrate heated: the binder at the foil still does not melt";
  default:
    return "substrate heated: the binder at the foil melts";
  }
}

static PetscErrorCode SetFromCase_HotLamination(Stage st, EprocCase c, Materials m)
{
  HotLamination *hl = (HotLamination *) st->data;
  const char    *s;
  PetscFunctionBeginUser;
  {
    const Solid *binder;
    PetscBool    has;
    PetscCall(CaseGetString(c, "electrode.binder", &s));
    PetscCall(MaterialsHasSolid(m, s, &has));
    if (has) {
      PetscCall(MaterialsGetSolid(m, s, &binder));
      if (binder->melting_point <= 0)
        PetscCall(CaseInputError(c, "electrode.binder",
                                 "hot_lamination needs a thermoplastic binder: '%s' has no melting point in the "
                                 "materials file",
                                 s));
    }
  }
  /* every key of the section, in SI, into hl */
  PetscCall(CaseReadSection(c, HotLaminationKeys, HotLaminationNumKeys, hl));
  hl->foil_roll    = hl->foil_side == 0 ? PETSC_TRUE : PETSC_FALSE;
  hl->heating_kind = hl->roll_heating == 0 ? ENERGY_ELECTRIC : ENERGY_THERMAL;
  if (hl->preheat && hl->wrap > PETSC_PI * hl->pre_d)
    PetscCall(CaseInputError(c, HL ".preheat_wrap_length_mm",
                             "a wrap of %g mm is longer than the circumference of the %g mm pre-heat roll",
                             (double) (hl->wrap * 1e3), (double) (hl->pre_d * 1e3)));
  PetscFunctionReturn(0);
}

static PetscReal LayerConductivity(HotLamination *hl, PetscReal eps)
{
  if (hl->k_fixed > 0) return hl->k_fixed;
  return LaminationLayerConductivity(eps, 3, hl->phi, hl->k_s, hl->k_air);
}

static PetscErrorCode SetUp_HotLamination(Stage st, Web web)
{
  HotLamination     *hl = (HotLamination *) st->data;
  const Formulation *f  = &web->formulation;
  const Solid       *sol[3];
  PetscReal          vsum = 0.0, mean_m, mean_eps, eps_out;
  PetscFunctionBeginUser;
  PetscCheck(f->binder && f->foil && f->active && f->carbon, st->comm, PETSC_ERR_ARG_WRONGSTATE,
             "hot_lamination: the web carries no formulation");
  PetscCheck(f->binder->melting_point > 0, st->comm, PETSC_ERR_USER_INPUT,
             "hot_lamination needs a thermoplastic binder: '%s' has no melting point in the materials file",
             f->binder->name);
  for (PetscInt j = 0; j < web->ny; j++)
    PetscCheck(web->solids_mass[j] > 0 && web->porosity[j] > 0 && web->porosity[j] < 1, st->comm,
               PETSC_ERR_ARG_WRONGSTATE,
               "hot_lamination needs a powder layer on the foil (cell %" PetscInt_FMT
               " has %g kg/m2 at porosity %g): put electrostatic_deposition before it in process.stages",
               j, (double) web->solids_mass[j], (double) web->porosity[j]);
  hl->T_amb  = web->ambient_temperature;
  hl->T0     = web->temperature > 0 ? web->temperature : web->ambient_temperature;
  hl->T_melt = f->binder->melting_point;
  hl->U      = web->line_speed;
  hl->W      = web->width;
  hl->R      = 0.5 * hl->roll_d;
  if (hl->face <= 0) hl->face = web->width;
  hl->rho_s = f->solids_density;
  hl->cp_s  = f->solids_cp;
  sol[0]    = f->active;
  sol[1]    = f->carbon;
  sol[2]    = f->binder;
  {
    const PetscReal w[3] = {f->w_active, f->w_carbon, f->w_binder};
    for (PetscInt i = 0; i < 3; i++) vsum += w[i] / sol[i]->density;
    for (PetscInt i = 0; i < 3; i++) {
      hl->phi[i] = w[i] / sol[i]->density / vsum;
      hl->k_s[i] = sol[i]->thermal_conductivity;
    }
  }
  /* air in the pores at the mean of web and roll temperatures (physics/air.c) */
  hl->k_air  = AirThermalConductivity(0.5 * (hl->T0 + hl->T_roll));
  hl->C_foil = f->foil->density * f->foil->cp * f->foil_thickness; /* J/(m2 K) */
  /* bite from the mean thickness reduction of the web */
  PetscCall(WebMean(web, web->solids_mass, &mean_m));
  PetscCall(WebMean(web, web->porosity, &mean_eps));
  eps_out = LaminationCompactedPorosity(mean_eps, hl->eps_min, hl->q_L, hl->gamma_c);
  hl->dh_mean =
      LaminationLayerThickness(mean_m, hl->rho_s, mean_eps) - LaminationLayerThickness(mean_m, hl->rho_s, eps_out);
  hl->contact_length = LaminationBiteLength(hl->R, hl->dh_mean) + hl->b_el;
  PetscCheck(hl->contact_length > 0, st->comm, PETSC_ERR_USER_INPUT,
             "hot_lamination: the nip has no contact length: the line load compacts nothing (porosity %g at or below "
             "minimum_porosity %g, or line_load_N_per_mm = 0) and elastic_contact_width_mm is 0",
             (double) mean_eps, (double) hl->eps_min);
  hl->contact_time = hl->contact_length / hl->U;
  PetscCall(LamConductionDestroy(&hl->lc));
  PetscCall(LamConductionCreate(st->comm, hl->nf + hl->nl, "lam_", &hl->lc));
  PetscFunctionReturn(0);
}

static PetscErrorCode ProbeFree(Probe *p)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree4(p->t, p->T_surface, p->T_foil_side, p->T_foil));
  PetscCall(PetscFree2(p->snap_x, p->snap_T));
  PetscFunctionReturn(0);
}

/* Cell widths and conductivities (foil cells, then layer cells) at layer porosity eps. */
static void PhaseCells(HotLamination *hl, const Web web, PetscReal h_layer, PetscReal k_layer, PetscReal dx[],
                       PetscReal k[])
{
  for (PetscInt i = 0; i < hl->nf; i++) {
    dx[i] = web->formulation.foil_thickness / hl->nf;
    k[i]  = web->formulation.foil->thermal_conductivity;
  }
  for (PetscInt i = hl->nf; i < hl->nf + hl->nl; i++) {
    dx[i] = h_layer / hl->nl;
    k[i]  = k_layer;
  }
}

static PetscErrorCode Snapshot(HotLamination *hl, Probe *p, const PetscReal dx[], PetscReal *T)
{
  PetscInt  n = hl->nf + hl->nl;
  PetscReal x = 0.0;
  PetscFunctionBeginUser;
  if (p->nsnap >= NSNAP_MAX) PetscFunctionReturn(0);
  PetscCall(LamConductionGetState(hl->lc, &p->snap_t[p->nsnap], T, NULL, NULL));
  for (PetscInt i = 0; i < n; i++) {
    p->snap_x[p->nsnap * n + i] = x + 0.5 * dx[i];
    p->snap_T[p->nsnap * n + i] = T[i];
    x += dx[i];
  }
  p->nsnap++;
  PetscFunctionReturn(0);
}

/* Length fraction of [x_0, x_end] where the piecewise-linear profile through (x_j, T_j) is >= Tm. */
static PetscReal MoltenFraction(PetscInt np, const PetscReal x[], const PetscReal T[], PetscReal Tm)
{
  PetscReal len = 0.0;
  for (PetscInt j = 0; j + 1 < np; j++) {
    PetscReal a = x[j], b = x[j + 1], Ta = T[j], Tb = T[j + 1];
    if (Ta >= Tm && Tb >= Tm)
      len += b - a;
    else if (Ta >= Tm || Tb >= Tm) {
      PetscReal s = (Tm - Ta) / (Tb - Ta); /* crossing at a + s (b - a) */
      len += (Ta >= Tm) ? s * (b - a) : (1.0 - s) * (b - a);
    }
  }
  return len / (x[np - 1] - x[0]);
}

/* Run one column through pre-heat, nip and relaxation. */
static PetscErrorCode RunProbe(HotLamination *hl, Web web, PetscInt column, PetscReal m, PetscReal eps_in, Probe *p)
{
  PetscInt         n = hl->nf + hl->nl, nrec, nf = hl->nf;
  PetscReal       *C, *dx_pre, *k_pre, *dx_nip, *k_nip, *dx_out, *k_out, *T, Qb, Qt, Qb1 = 0, Qt1 = 0, t1, t2;
  const PetscReal *ht, *hU;
  PetscFunctionBeginUser;
  PetscCall(ProbeFree(p));
  PetscCall(PetscMemzero(p, sizeof(*p)));
  p->column  = column;
  p->m       = m;
  p->eps_in  = eps_in;
  p->eps_out = LaminationCompactedPorosity(eps_in, hl->eps_min, hl->q_L, hl->gamma_c);
  /* in the bite the layer goes from eps_in to eps_out: conduct at the mean porosity */
  p->eps_nip = 0.5 * (p->eps_in + p->eps_out);
  p->h_in    = LaminationLayerThickness(m, hl->rho_s, p->eps_in);
  p->h_nip   = LaminationLayerThickness(m, hl->rho_s, p->eps_nip);
  p->h_out   = LaminationLayerThickness(m, hl->rho_s, p->eps_out);
  p->k_in    = LayerConductivity(hl, p->eps_in);
  p->k_nip   = LayerConductivity(hl, p->eps_nip);
  p->k_out   = LayerConductivity(hl, p->eps_out);
  p->t_pre   = hl->preheat ? hl->wrap / hl->U : 0.0;
  p->t_nip   = hl->contact_time;
  p->t_relax = hl->t_relax;
  p->fourier = p->k_nip / (m * hl->cp_s / p->h_nip) * p->t_nip / PetscSqr(p->h_nip);
  PetscCall(PetscMalloc2(NSNAP_MAX * n, &p->snap_x, NSNAP_MAX * n, &p->snap_T));
  PetscCall(PetscMalloc1(8 * n, &C)); /* one block: C, dx/k of the three phases, T */
  dx_pre = C + n;
  k_pre  = C + 2 * n;
  dx_nip = C + 3 * n;
  k_nip  = C + 4 * n;
  dx_out = C + 5 * n;
  k_out  = C + 6 * n;
  T      = C + 7 * n;
  /* heat capacities per area: fixed masses (mass coordinate), so compaction moves no energy */
  for (PetscInt i = 0; i < nf; i++) C[i] = hl->C_foil / nf;
  for (PetscInt i = nf; i < n; i++) C[i] = m * hl->cp_s / hl->nl;
  PhaseCells(hl, web, p->h_in, p->k_in, dx_pre, k_pre);
  PhaseCells(hl, web, p->h_nip, p->k_nip, dx_nip, k_nip);
  PhaseCells(hl, web, p->h_out, p->k_out, dx_out, k_out);
  for (PetscInt i = 0; i < n; i++) T[i] = hl->T0;
  PetscCall(LamConductionSetHeatCapacities(hl->lc, C));
  PetscCall(LamConductionSetCells(hl->lc, dx_pre, k_pre));
  PetscCall(LamConductionSetInitial(hl->lc, T));
  PetscCall(Snapshot(hl, p, dx_pre, T));
  /* pre-heat: foil on the heated wrap roll, powder surface free (air: neglected, adiabatic) */
  if (hl->preheat) {
    PetscCall(LamConductionSetBoundaries(hl->lc, hl->h_pre, hl->T_pre, 0.0, hl->T_amb));
    for (PetscInt s = 0; s < 3; s++) {
      PetscCall(LamConductionAdvance(hl->lc, p->t_pre / 3, 1e-4 * p->t_pre));
      PetscCall(Snapshot(hl, p, dx_pre, T));
    }
    PetscCall(LamConductionGetState(hl->lc, NULL, NULL, &Qb1, &Qt1));
  }
  p->Q_pre = Qb1;
  t1       = p->t_pre;
  /* nip: hot roll on the powder, counter roll (or nothing) on the foil */
  PetscCall(LamConductionSetCells(hl->lc, dx_nip, k_nip));
  PetscCall(LamConductionSetBoundaries(hl->lc, hl->foil_roll ? hl->h_foil : 0.0, hl->T_foil_roll, hl->h_c, hl->T_roll));
  for (PetscInt s = 0; s < 4; s++) {
    PetscCall(LamConductionAdvance(hl->lc, p->t_nip / 4, 1e-4 * p->t_nip));
    PetscCall(Snapshot(hl, p, dx_nip, T));
  }
  PetscCall(LamConductionGetState(hl->lc, &t2, T, &Qb, &Qt));
  p->Q_top     = Qt - Qt1;
  p->Q_bot_nip = Qb - Qb1;
  {
    /* molten fraction of the layer at the end of contact: interface, cell centres, roll-side surface */
    PetscReal *xs, *Ts, x = 0.0, G_top = 1.0 / (1.0 / hl->h_c + 0.5 * dx_nip[n - 1] / k_nip[n - 1]);
    PetscCall(PetscMalloc2(hl->nl + 2, &xs, hl->nl + 2, &Ts));
    xs[0] = 0.0;
    Ts[0] = LaminationInterfaceTemperature(T[nf - 1], dx_nip[nf - 1], k_nip[nf - 1], T[nf], dx_nip[nf], k_nip[nf]);
    for (PetscInt j = 0; j < hl->nl; j++) {
      xs[j + 1] = x + 0.5 * dx_nip[nf + j];
      Ts[j + 1] = T[nf + j];
      x += dx_nip[nf + j];
    }
    xs[hl->nl + 1]     = x;
    Ts[hl->nl + 1]     = T[n - 1] + G_top * (hl->T_roll - T[n - 1]) * 0.5 * dx_nip[n - 1] / k_nip[n - 1];
    p->molten_fraction = MoltenFraction(hl->nl + 2, xs, Ts, hl->T_melt);
    p->foil_side_end   = Ts[0];
    PetscCall(PetscFree2(xs, Ts));
  }
  /* after the nip: free span, both faces adiabatic (air cooling over ~0.1 s is < 1 % of the heat) */
  PetscCall(LamConductionSetCells(hl->lc, dx_out, k_out));
  PetscCall(LamConductionSetBoundaries(hl->lc, 0.0, hl->T_amb, 0.0, hl->T_amb));
  for (PetscInt s = 0; s < 2; s++) {
    PetscCall(LamConductionAdvance(hl->lc, p->t_relax / 2, 1e-3 * PetscMax(p->t_relax, 1e-9)));
    if (p->t_relax > 0) PetscCall(Snapshot(hl, p, dx_out, T));
  }
  PetscCall(LamConductionGetState(hl->lc, NULL, T, NULL, NULL));
  p->stored = 0.0;
  {
    PetscReal Ctot = 0.0, CT = 0.0;
    for (PetscInt i = 0; i < n; i++) {
      p->stored += C[i] * (T[i] - hl->T0);
      Ctot += C[i];
      CT += C[i] * T[i];
    }
    p->exit_temperature = CT / Ctot;
  }
  /* histories: surface, foil-side layer face, foil; peaks and time above melting during contact */
  PetscCall(LamConductionGetHistory(hl->lc, &nrec, &ht, &hU));
  p->nrec = nrec;
  PetscCall(PetscMalloc4(nrec, &p->t, nrec, &p->T_surface, nrec, &p->T_foil_side, nrec, &p->T_foil));
  p->foil_side_peak = p->surface_peak = hl->T0;
  for (PetscInt r = 0; r < nrec; r++) {
    const PetscReal *u = hU + r * (n + 2), *Tc = u + 1; /* cell temperatures */
    const PetscReal *dx, *k;
    PetscReal        ht_, Ts, Tf = 0.0;
    PetscInt         phase = (ht[r] <= t1 + 1e-15 * t2 && hl->preheat) ? 0 : (ht[r] <= t2 * (1 + 1e-12) ? 1 : 2);
    dx                     = phase == 0 ? dx_pre : (phase == 1 ? dx_nip : dx_out);
    k                      = phase == 0 ? k_pre : (phase == 1 ? k_nip : k_out);
    ht_                    = phase == 1 ? hl->h_c : 0.0;
    Ts                     = Tc[n - 1];
    if (ht_ > 0) Ts += (hl->T_roll - Tc[n - 1]) / (1.0 / ht_ + 0.5 * dx[n - 1] / k[n - 1]) * 0.5 * dx[n - 1] / k[n - 1];
    for (PetscInt i = 0; i < nf; i++) Tf += Tc[i] / nf;
    p->t[r]           = ht[r];
    p->T_surface[r]   = Ts;
    p->T_foil_side[r] = LaminationInterfaceTemperature(Tc[nf - 1], dx[nf - 1], k[nf - 1], Tc[nf], dx[nf], k[nf]);
    p->T_foil[r]      = Tf;
    if (phase < 2) {
      p->foil_side_peak = PetscMax(p->foil_side_peak, p->T_foil_side[r]);
      p->surface_peak   = PetscMax(p->surface_peak, p->T_surface[r]);
      if (r > 0) { /* time above the melting point, crossing times by linear interpolation */
        PetscReal a = p->T_foil_side[r - 1] - hl->T_melt, b = p->T_foil_side[r] - hl->T_melt, dt = ht[r] - ht[r - 1];
        if (a >= 0 && b >= 0)
          p->time_above_melt += dt;
        else if (a >= 0 || b >= 0)
          p->time_above_melt += dt * (a >= 0 ? a / (a - b) : b / (b - a));
      }
    }
  }
  p->activated = (PetscBool) (p->foil_side_peak >= hl->T_melt + hl->margin);
  PetscCall(PetscFree(C));
  PetscFunctionReturn(0);
}

static PetscErrorCode Run_HotLamination(Stage st, Web web, Ledger ledger, Summary summary)
{
  HotLamination     *hl = (HotLamination *) st->data;
  const Formulation *f  = &web->formulation;
  PetscReal          mean_m, mean_eps, m_in = 0.0, m_out = 0.0, worst_tau = -1.0, mean_h, mean_eps_out;
  PetscInt           jslow = 0;
  PetscBool          heated_substrate;
  char               note[160];
  PetscFunctionBeginUser;
  /* the web mean, and the cross-web cell slowest to heat through (largest h^2 / alpha) */
  PetscCall(WebMean(web, web->solids_mass, &mean_m));
  PetscCall(WebMean(web, web->porosity, &mean_eps));
  PetscCall(RunProbe(hl, web, -1, mean_m, mean_eps, &hl->mean));
  for (PetscInt j = 0; j < web->ny; j++) {
    PetscReal h   = LaminationLayerThickness(web->solids_mass[j], hl->rho_s, web->porosity[j]);
    PetscReal tau = h * web->solids_mass[j] * hl->cp_s / LayerConductivity(hl, web->porosity[j]);
    if (tau > worst_tau) {
      worst_tau = tau;
      jslow     = j;
    }
  }
  hl->have_slow = (PetscBool) (PetscAbsReal(web->solids_mass[jslow] - mean_m) > 1e-12 * mean_m ||
                               PetscAbsReal(web->porosity[jslow] - mean_eps) > 1e-12);
  if (hl->have_slow) PetscCall(RunProbe(hl, web, jslow, web->solids_mass[jslow], web->porosity[jslow], &hl->slow));

  /* the web: first densification, mass unchanged */
  for (PetscInt j = 0; j < web->ny; j++) {
    PetscReal eps = LaminationCompactedPorosity(web->porosity[j], hl->eps_min, hl->q_L, hl->gamma_c);
    m_in += web->solids_mass[j] / web->ny;
    web->porosity[j]  = eps;
    web->thickness[j] = LaminationLayerThickness(web->solids_mass[j], hl->rho_s, eps);
    m_out += web->solids_mass[j] / web->ny;
  }
  PetscCall(SummaryAddBalance(summary, HL, "powder_mass", m_in, m_out, 0.0));
  {
    const Probe *w        = hl->have_slow ? &hl->slow : &hl->mean;
    web->binder_activated = w->activated;
  }
  web->temperature = hl->mean.exit_temperature;
  heated_substrate = (PetscBool) (hl->preheat || (hl->foil_roll && hl->T_foil_roll > hl->T_amb + 5.0));
  hl->regime_code  = (heated_substrate ? 2 : 0) + (web->binder_activated ? 1 : 0);

  /* energy balance of the web column (mean): heat through both faces = enthalpy stored */
  {
    const Probe *p   = &hl->mean;
    PetscReal    in  = PetscMax(p->Q_top, 0) + PetscMax(p->Q_pre, 0) + PetscMax(p->Q_bot_nip, 0);
    PetscReal    out = PetscMax(-p->Q_top, 0) + PetscMax(-p->Q_pre, 0) + PetscMax(-p->Q_bot_nip, 0);
    PetscCall(SummaryAddBalance(summary, HL, "energy", in, out, p->stored));
  }

  /* ledger, per m2 of coated web: power / (coated width x line speed) */
  {
    const Probe *p      = &hl->mean;
    PetscReal    per_m2 = 1.0 / (hl->W * hl->U);
    PetscReal    m_b    = mean_m * f->w_binder, E_min, dh;
    PetscInt     min_item; /* the melting floor goes with the item that brings most of the heat */
    E_min = LaminationBinderMeltingMinimum(m_b, f->binder->cp, hl->T_melt, hl->T0, hl->L_fus);
    {
      PetscReal q_top = PetscMax(p->Q_top, 0.0), q_bot = hl->foil_roll ? PetscMax(p->Q_bot_nip, 0.0) : 0.0;
      PetscReal q_pre = hl->preheat ? PetscMax(p->Q_pre, 0.0) : 0.0;
      min_item        = (q_pre > q_top && q_pre >= q_bot) ? 2 : (q_bot > q_top ? 1 : 0);
    }
    PetscCall(PetscSNPrintf(note, sizeof(note),
                            "heat conducted into the web in the nip (%.0f J/m2); floor: melting %.1f g/m2 of binder",
                            (double) p->Q_top, (double) (m_b * 1e3)));
    PetscCall(LedgerAdd(ledger, HL, "hot-roll heating", hl->heating_kind, PetscMax(p->Q_top, 0.0) / hl->eta_heat,
                        min_item == 0 ? E_min : 0.0, note));
    /* a roll at or below the hall temperature (unheated) takes heat from the air: no loss to book */
    hl->P_loss_roll = PetscMax(LaminationRollSurfaceLoss(hl->roll_d, hl->face, hl->contact_length, hl->T_roll,
                                                         hl->T_amb, hl->h_conv, hl->emissivity),
                               0.0);
    PetscCall(LedgerAdd(ledger, HL, "hot-roll surface losses", hl->heating_kind,
                        hl->P_loss_roll * per_m2 / hl->eta_heat, 0.0,
                        "convection + radiation from the free surface of the hot roll"));
    hl->P_loss_foil_roll = 0.0;
    if (hl->foil_roll && hl->T_foil_roll > hl->T_amb + 0.5) {
      hl->P_loss_foil_roll = LaminationRollSurfaceLoss(hl->foil_roll_d, hl->face, hl->contact_length, hl->T_foil_roll,
                                                       hl->T_amb, hl->h_conv, hl->emissivity);
      PetscCall(LedgerAdd(ledger, HL, "counter-roll heating", hl->heating_kind,
                          PetscMax(p->Q_bot_nip, 0.0) / hl->eta_heat, min_item == 1 ? E_min : 0.0,
                          "heat into the foil from the heated counter roll"));
      PetscCall(LedgerAdd(ledger, HL, "counter-roll surface losses", hl->heating_kind,
                          hl->P_loss_foil_roll * per_m2 / hl->eta_heat, 0.0,
                          "free surface of the heated counter roll"));
    }
    hl->P_loss_pre = 0.0;
    if (hl->preheat) {
      hl->P_loss_pre = PetscMax(
          LaminationRollSurfaceLoss(hl->pre_d, hl->face, hl->wrap, hl->T_pre, hl->T_amb, hl->h_conv, hl->emissivity),
          0.0);
      PetscCall(LedgerAdd(ledger, HL, "substrate pre-heating", hl->heating_kind, PetscMax(p->Q_pre, 0.0) / hl->eta_heat,
                          min_item == 2 ? E_min : 0.0, "heat into foil and layer on the pre-heat wrap roll"));
      PetscCall(LedgerAdd(ledger, HL, "pre-heat roll surface losses", hl->heating_kind,
                          hl->P_loss_pre * per_m2 / hl->eta_heat, 0.0, "free surface of the pre-heat roll"));
    }
    dh      = p->h_in - p->h_out;
    hl->W_c = LaminationCompactionWork(hl->q_L, dh, hl->R);
    PetscCall(LedgerAdd(ledger, HL, "compaction work", ENERGY_ELECTRIC, hl->W_c, hl->W_c,
                        "rolling work q_L sqrt(dh/R) (DERIVED estimate)"));
    PetscCall(LedgerAdd(ledger, HL, "lamination drive losses", ENERGY_ELECTRIC, hl->W_c * (1.0 / hl->eta_drive - 1.0),
                        0.0, "motor, gearbox and bearing losses on the compaction work"));
  }

  /* summary */
  {
    const Probe *w = hl->have_slow ? &hl->slow : &hl->mean;
    PetscReal    total;
    PetscCall(WebMean(web, web->thickness, &mean_h));
    PetscCall(WebMean(web, web->porosity, &mean_eps_out));
    PetscCall(LedgerGetTotals(ledger, HL, &total, NULL, NULL, NULL));
    PetscCall(SummarySet(summary, "nip_contact_time_ms", hl->contact_time * 1e3, "ms",
                         "time the powder surface touches the hot roll (bite sqrt(R dh) + elastic width) / speed"));
    PetscCall(SummarySet(summary, "nip_contact_length_mm", hl->contact_length * 1e3, "mm",
                         "contact length of the hot-roll nip"));
    PetscCall(SummarySet(summary, "foil_side_peak_temperature_C", w->foil_side_peak - 273.15, "C",
                         "peak temperature of the layer at the foil during contact, slowest cross-web cell"));
    PetscCall(SummarySet(summary, "surface_peak_temperature_C", hl->mean.surface_peak - 273.15, "C",
                         "peak temperature of the powder surface at the roll (web mean)"));
    PetscCall(
        SummarySet(summary, "binder_activated", web->binder_activated ? 1.0 : 0.0, "-",
                   "1 if the binder at the foil reached its melting point (+ margin) during contact, everywhere"));
    PetscCall(SummarySet(summary, "molten_fraction", w->molten_fraction, "-",
                         "fraction of the layer thickness above the binder melting point at the end of the nip"));
    PetscCall(SummarySet(summary, "time_above_melt_ms", w->time_above_melt * 1e3, "ms",
                         "time the layer at the foil spends above the binder melting point during contact"));
    PetscCall(SummarySet(summary, "lamination_regime", hl->regime_code, "-",
                         "0 nip only/not melted, 1 nip only/melted, 2 substrate heated/not melted, 3 heated/melted"));
    PetscCall(SummarySet(summary, "lamination_fourier_number", hl->mean.fourier, "-",
                         "alpha t_nip / h^2 of the layer in the nip: << 1 means the heat cannot reach the foil"));
    PetscCall(SummarySet(summary, "layer_conductivity_W_per_mK", hl->mean.k_nip, "W/(m K)",
                         "effective conductivity of the powder layer in the nip (web mean)"));
    PetscCall(
        SummarySet(summary, "laminated_thickness_um", mean_h * 1e6, "um", "mean layer thickness after the hot nip"));
    PetscCall(SummarySet(summary, "laminated_porosity", mean_eps_out, "-", "mean layer porosity after the hot nip"));
    PetscCall(SummarySet(summary, "web_exit_temperature_C", hl->mean.exit_temperature - 273.15, "C",
                         "mass-weighted web temperature after the nip (adiabatic equilibration)"));
    PetscCall(SummarySet(summary, "lamination_energy_kWh_per_m2", total / J_PER_KWH, "kWh/m2",
                         "energy booked by hot_lamination per m2 of coated web"));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode View_HotLamination(Stage st, PetscViewer v)
{
  HotLamination *hl = (HotLamination *) st->data;
  const Probe   *p  = &hl->mean;
  const Probe   *w  = hl->have_slow ? &hl->slow : &hl->mean;
  PetscInt       steps, rej;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v, "hot_lamination: roll %.0f mm at %.0f C, %.0f N/mm, line %.1f m/min\n",
                                   (double) (hl->roll_d * 1e3), (double) (hl->T_roll - 273.15),
                                   (double) (hl->q_L * 1e-3), (double) (hl->U * 60)));
  if (!hl->lc || p->nrec == 0) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPushTab(v));
  PetscCall(
      PetscViewerASCIIPrintf(v, "regime %d: %s\n", (int) hl->regime_code, RegimeText((PetscInt) hl->regime_code)));
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "nip contact %.2f mm -> %.2f ms; through-layer diffusion time h^2/alpha %.1f ms "
                                   "(Fourier number %.3f)\n",
                                   (double) (hl->contact_length * 1e3), (double) (hl->contact_time * 1e3),
                                   (double) (p->t_nip / p->fourier * 1e3), (double) p->fourier));
  if (hl->preheat)
    PetscCall(PetscViewerASCIIPrintf(v, "pre-heat wrap %.0f mm at %.0f C: %.1f ms, %.0f J/m2 into the web\n",
                                     (double) (hl->wrap * 1e3), (double) (hl->T_pre - 273.15),
                                     (double) (p->t_pre * 1e3), (double) p->Q_pre));
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "layer %.1f -> %.1f um, porosity %.3f -> %.3f; conductivity %.3f W/(m K) in the nip "
                                   "(Richter et al. 2017 measured 0.13-0.61 for dry electrodes)\n",
                                   (double) (p->h_in * 1e6), (double) (p->h_out * 1e6), (double) p->eps_in,
                                   (double) p->eps_out, (double) p->k_nip));
  PetscCall(
      PetscViewerASCIIPrintf(v,
                             "binder melts at %.0f C: foil-side peak %.1f C (%s), molten fraction %.2f at the end "
                             "of the nip, %.2f ms above the melting point\n",
                             (double) (hl->T_melt - 273.15), (double) (w->foil_side_peak - 273.15),
                             w->column < 0 ? "web mean" : "slowest cross-web cell", (double) w->molten_fraction,
                             (double) (w->time_above_melt * 1e3)));
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "heat into the web %.0f J/m2 (hot roll %.0f, counter roll %.0f, pre-heat %.0f); "
                                   "roll losses %.0f W; compaction work %.1f J/m2\n",
                                   (double) (p->stored), (double) p->Q_top, (double) p->Q_bot_nip, (double) p->Q_pre,
                                   (double) (hl->P_loss_roll + hl->P_loss_foil_roll + hl->P_loss_pre),
                                   (double) hl->W_c));
  PetscCall(LamConductionGetStats(hl->lc, &steps, &rej));
  PetscCall(PetscViewerASCIIPrintf(
      v, "conduction: %" PetscInt_FMT " + %" PetscInt_FMT " cells, %" PetscInt_FMT " time steps\n", hl->nf, hl->nl,
      steps));
  PetscCall(PetscViewerASCIIPopTab(v));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteFields_HotLamination(Stage st, PetscViewer h5)
{
  HotLamination *hl = (HotLamination *) st->data;
  PetscInt       n  = hl->nf + hl->nl;
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < (hl->have_slow ? 2 : 1); k++) {
    const Probe *p = k ? &hl->slow : &hl->mean;
    char         g[96];
    PetscReal   *a;
    PetscInt     dims[2] = {p->nsnap, n}, nr = p->nrec, ns = p->nsnap, nmax = PetscMax(nr, ns * n);
    if (!nr) continue;
    PetscCall(PetscSNPrintf(g, sizeof(g), k ? "/%s/slowest_cell" : "/%s", st->name)); /* the instance's group */
    PetscCall(PetscMalloc1(nmax, &a));
    for (PetscInt i = 0; i < nr; i++) a[i] = p->t[i] * 1e3;
    PetscCall(H5WriteArray(h5, g, "time_ms", 1, &nr, a, "ms", "time from the first roll contact (pre-heat or nip)"));
    for (PetscInt i = 0; i < nr; i++) a[i] = p->T_surface[i] - 273.15;
    PetscCall(H5WriteArray(h5, g, "surface_temperature_C", 1, &nr, a, "C", "powder surface (roll side)"));
    for (PetscInt i = 0; i < nr; i++) a[i] = p->T_foil_side[i] - 273.15;
    PetscCall(H5WriteArray(h5, g, "foil_side_temperature_C", 1, &nr, a, "C", "layer at the foil interface"));
    for (PetscInt i = 0; i < nr; i++) a[i] = p->T_foil[i] - 273.15;
    PetscCall(H5WriteArray(h5, g, "foil_temperature_C", 1, &nr, a, "C", "mean foil temperature"));
    for (PetscInt i = 0; i < ns; i++) a[i] = p->snap_t[i] * 1e3;
    PetscCall(H5WriteArray(h5, g, "profile_time_ms", 1, &ns, a, "ms", "times of the through-thickness profiles"));
    for (PetscInt i = 0; i < ns * n; i++) a[i] = p->snap_x[i] * 1e6;
    PetscCall(H5WriteArray(h5, g, "profile_position_um", 2, dims, a, "um",
                           "cell centres from the free face of the foil (foil cells first, then the layer)"));
    for (PetscInt i = 0; i < ns * n; i++) a[i] = p->snap_T[i] - 273.15;
    PetscCall(H5WriteArray(h5, g, "profile_temperature_C", 2, dims, a, "C", "temperature through foil and layer"));
    {
      PetscReal ends[3] = {p->t_pre * 1e3, (p->t_pre + p->t_nip) * 1e3, (p->t_pre + p->t_nip + p->t_relax) * 1e3};
      PetscInt  three   = 3;
      PetscCall(H5WriteArray(h5, g, "phase_end_time_ms", 1, &three, ends, "ms", "end of pre-heat, nip, relaxation"));
    }
    PetscCall(H5WriteScalar(h5, g, "melting_point_C", hl->T_melt - 273.15, "C", "binder melting point"));
    PetscCall(H5WriteScalar(h5, g, "cross_web_cell", (PetscReal) p->column, "-", "cross-web cell (-1: web mean)"));
    PetscCall(PetscFree(a));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Destroy_HotLamination(Stage st)
{
  HotLamination *hl = (HotLamination *) st->data;
  PetscFunctionBeginUser;
  PetscCall(LamConductionDestroy(&hl->lc));
  PetscCall(ProbeFree(&hl->mean));
  PetscCall(ProbeFree(&hl->slow));
  PetscCall(PetscFree(st->data));
  PetscFunctionReturn(0);
}

PetscErrorCode StageCreate_HotLamination(Stage st)
{
  HotLamination *hl;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&hl));
  st->data            = hl;
  st->ops.setfromcase = SetFromCase_HotLamination;
  st->ops.setup       = SetUp_HotLamination;
  st->ops.run         = Run_HotLamination;
  st->ops.view        = View_HotLamination;
  st->ops.writefields = WriteFields_HotLamination;
  st->ops.destroy     = Destroy_HotLamination;
  PetscFunctionReturn(0);
}
