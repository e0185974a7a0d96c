/* Stage calendering: the dry coating passes the nip of two rolls and is compacted to a target porosity (or by
 * a given line load) with the compaction law of its active material (Meyer et al. 2017). Across the web the
 * rolls bend apart as Timoshenko beams on their bearings, loaded by the electrode's own nonlinear response
 * (SNES): an uncompensated pair leaves the web thicker in the centre; a crown or bending compensation
 * evens it. The incoming cross-web profile is carried through. Books the compaction work, the drive losses
 * and, with heated rolls, the roll heating and its surface losses. Model and verification:
 * docs/calendering.md. */
#include "stageimpl.h"
#include "stages.h"
#include "calender_model.h"
#include "lamination_model.h"
#include "../postproc/h5io.h"
#include <string.h>

#define CAL "calendering"

typedef struct {
  /* case (SI) */
  PetscBool  by_target, rigid, heated;
  PetscReal  eps_target, q_set, D, d_bore, face, span, E, G_mod, kappa, crown, F_bend, a_bend;
  PetscReal  springback, q_max, sigma_allow, eta_drive, T_roll, h_c, k_fixed, emissivity, h_conv, eta_heat;
  EnergyKind heating_kind;
  PetscInt   nroll, roll_heating; /* roll_heating: position in RollHeating */
  PetscReal  eps_min, gamma_c;    /* compaction law of the active material */
  PetscReal  eps_in_pred;         /* incoming porosity predicted from the case (0: unknown) */
  /* set up */
  CalRoll       roll;
  PetscInt      ny;
  CalenderCell *cells;
  PetscInt     *ovl_start, *ovl_cell; /* web cells under each roll node (CSR) */
  PetscReal    *ovl_len;
  PetscReal     W, U, y0, T_amb, T_in, EI, kGA, Z, C_web, rho_s, cp_s, k_air, phi[3], k_s[3];
  /* results, per web cell */
  PetscReal *h_in, *h_out, *h_rigid, *eps_out, *q_cell, *gap_cell, *work_cell;
  /* results, scalars */
  PetscReal    q_mean, G, G_rigid, w_def, crown_needed, centre_minus_edge, cv_in, cv_rigid, cv_out, sigma;
  PetscReal    W_c, Q_web, P_loss, T_out, t_contact, mean_h_in, mean_h_out, mean_eps_in, mean_eps_out;
  CalenderBite bite;
  PetscInt     its, reason;
  PetscReal    fnorm;
  PetscBool    ran;
} Calendering;

static const char *const RollHeating[] = {"electric", "thermal", NULL};

const CaseKeySpec CalenderingKeys[] = {
    {CAL ".target_porosity", CASE_REAL, "-", 0.05, 0.8, PETSC_FALSE, 0.0, NULL,
     "calendered electrodes are 20-40 % porous; give it or line_load_N_per_mm, not both",
     "porosity the calender is set to reach (mean across the web); the line load follows from the compaction law",
     CASE_FIELD(Calendering, eps_target)},
    {CAL ".line_load_N_per_mm", CASE_REAL, "N_per_mm", 1.0, 10000.0, PETSC_FALSE, 0.0, NULL,
     "electrode calenders run at 100s to about 3000 N/mm; give it or target_porosity, not both",
     "roll force per coated width (mean); the porosity follows from the compaction law",
     CASE_FIELD(Calendering, q_set)},
    {CAL ".roll_diameter_mm", CASE_REAL, "mm", 50.0, 2000.0, PETSC_FALSE, 600.0, NULL,
     "lab calenders 100-300 mm, production calenders 500-1000 mm",
     "diameter of both rolls (bite length, bending stiffness, surface losses)", CASE_FIELD(Calendering, D)},
    {CAL ".roll_bore_diameter_mm", CASE_REAL, "mm", 0.0, 1900.0, PETSC_FALSE, 0.0, NULL,
     "0 for a solid roll; cored rolls for heating keep a wall of at least a few cm",
     "inner diameter of a hollow roll body", CASE_FIELD(Calendering, d_bore)},
    {CAL ".roll_face_length_mm", CASE_REAL, "mm", 0.0, 5000.0, PETSC_FALSE, 0.0, NULL,
     "the face must be at least as wide as the coating; 0 picks the coated width + 100 mm",
     "length of the roll body (the crown spans it)", CASE_FIELD(Calendering, face)},
    {CAL ".bearing_span_mm", CASE_REAL, "mm", 0.0, 6000.0, PETSC_FALSE, 0.0, NULL,
     "bearings sit outboard of the face; 0 picks the face length + 300 mm",
     "distance between the bearing centres of a roll", CASE_FIELD(Calendering, span)},
    {CAL ".roll_youngs_modulus_GPa", CASE_REAL, "GPa", 50.0, 700.0, PETSC_FALSE, 210.0, NULL,
     "cast iron ~170, forged steel ~210, tungsten-carbide sleeves up to ~600 GPa",
     "Young's modulus of the roll body (bending)", CASE_FIELD(Calendering, E)},
    {CAL ".roll_shear_modulus_GPa", CASE_REAL, "GPa", 20.0, 300.0, PETSC_FALSE, 81.0, NULL,
     "steel ~80 GPa (E / 2(1 + nu), nu = 0.3)", "shear modulus of the roll body (shear deflection)",
     CASE_FIELD(Calendering, G_mod)},
    {CAL ".roll_shear_factor", CASE_REAL, "-", 0.3, 1.0, PETSC_FALSE, 0.886, NULL,
     "Timoshenko shear coefficient: 0.886 solid circular (Cowper 1966, nu = 0.3), ~0.53 thin-walled tube",
     "shear coefficient kappa of the roll cross-section", CASE_FIELD(Calendering, kappa)},
    {CAL ".crown_um", CASE_REAL, "um", 0.0, 2000.0, PETSC_FALSE, 0.0, NULL,
     "crowns are a few um to some 100 um on the diameter",
     "diameter crown of both rolls, parabolic over the face (twice the deflection it compensates)",
     CASE_FIELD(Calendering, crown)},
    {CAL ".bending_force_kN", CASE_REAL, "kN", 0.0, 5000.0, PETSC_FALSE, 0.0, NULL,
     "hydraulic roll bending: up to some 10 % of the roll force",
     "positive roll-bending force at each journal, bends the roll towards the web in the middle",
     CASE_FIELD(Calendering, F_bend)},
    {CAL ".bending_arm_mm", CASE_REAL, "mm", 10.0, 2000.0, PETSC_FALSE, 200.0, NULL,
     "the bending cylinders act on the journals a few 100 mm outside the bearings",
     "distance from the bearing to the bending cylinder (moment = force x arm)", CASE_FIELD(Calendering, a_bend)},
    {CAL ".rigid_rolls", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 0.0, NULL, "true/false",
     "ideal rolls that do not bend (the reference of what roll bending adds)", CASE_FIELD(Calendering, rigid)},
    {CAL ".springback_percent", CASE_REAL, "percent", 0.0, 20.0, PETSC_FALSE, 2.0, NULL,
     "electrodes recover a few % of their nip thickness after the nip (UNCONFIRMED default)",
     "elastic recovery of the coating after the nip, % of its thickness in the nip",
     CASE_FIELD(Calendering, springback)},
    {CAL ".max_line_load_N_per_mm", CASE_REAL, "N_per_mm", 10.0, 20000.0, PETSC_FALSE, 3000.0, NULL,
     "production electrode calenders are rated to about 2000-3000 N/mm (UNCONFIRMED)",
     "rated line load of the calender: a case needing more is rejected", CASE_FIELD(Calendering, q_max)},
    {CAL ".roll_allowable_stress_MPa", CASE_REAL, "MPa", 10.0, 1000.0, PETSC_FALSE, 150.0, NULL,
     "rotating-bending fatigue of forged roll steel with a safety factor: ~100-200 MPa (UNCONFIRMED default)",
     "largest bending stress the roll body may carry", CASE_FIELD(Calendering, sigma_allow)},
    {CAL ".drive_efficiency", CASE_REAL, "-", 0.3, 1.0, PETSC_FALSE, 0.85, NULL,
     "motor + gearbox + bearings of roll drives: 0.7-0.95", "mechanical work delivered per electric energy",
     CASE_FIELD(Calendering, eta_drive)},
    {CAL ".heated_rolls", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 0.0, NULL, "true/false",
     "both rolls heated to roll_temperature_C (warm calendering)", CASE_FIELD(Calendering, heated)},
    {CAL ".roll_temperature_C", CASE_REAL, "C", 20.0, 250.0, PETSC_FALSE, 80.0, NULL,
     "warm calendering runs at 50-150 C, below the binder melting point",
     "surface temperature of heated rolls (used when heated_rolls = true)", CASE_FIELD(Calendering, T_roll)},
    {CAL ".contact_conductance_W_per_m2K", CASE_REAL, "W_per_m2K", 100.0, 1.0e6, PETSC_FALSE, 1.0e4, NULL,
     "pressed contacts: 1e3-1e5 W/(m2 K)", "roll-web contact conductance in the nip (UNCONFIRMED default)",
     CASE_FIELD(Calendering, h_c)},
    {CAL ".layer_conductivity_W_per_mK", CASE_REAL, "W_per_mK", 0.0, 10.0, PETSC_FALSE, 0.0, NULL,
     "dry electrode layers measure 0.13-0.61 W/(m K) (Richter et al. 2017); 0 selects the porosity model",
     "effective conductivity of the coating (0: Lichtenecker mix of solids and air at the exit porosity)",
     CASE_FIELD(Calendering, k_fixed)},
    {CAL ".roll_emissivity", CASE_REAL, "-", 0.02, 1.0, PETSC_FALSE, 0.2, NULL,
     "polished chromed rolls 0.05-0.1, ground steel 0.2-0.4", "emissivity of the free roll surfaces",
     CASE_FIELD(Calendering, emissivity)},
    {CAL ".roll_convection_W_per_m2K", CASE_REAL, "W_per_m2K", 1.0, 200.0, PETSC_FALSE, 10.0, NULL,
     "natural convection from a warm cylinder 5-15 W/(m2 K)", "convection coefficient of the free roll surfaces",
     CASE_FIELD(Calendering, h_conv)},
    {CAL ".roll_heating", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "electric", NULL,
     "how heated rolls are heated: electric (induction, cartridges) or thermal (hot oil from fuel)",
     CASE_FIELD(Calendering, roll_heating), RollHeating},
    {CAL ".heater_efficiency", CASE_REAL, "-", 0.3, 1.0, PETSC_FALSE, 1.0, NULL,
     "electric heaters ~1; fuel-fired oil heaters 0.8-0.9", "heat reaching the rolls per energy bought",
     CASE_FIELD(Calendering, eta_heat)},
    {CAL ".roll_cells", CASE_INT, "-", 20, 100000, PETSC_FALSE, 400, NULL,
     "second-order beam elements: 400 give the deflection to ~1e-5", "beam elements along the bearing span",
     CASE_FIELD(Calendering, nroll)},
};
const PetscInt CalenderingNumKeys = PETSC_STATIC_ARRAY_LENGTH(CalenderingKeys);

/* The stage before this one in process.stages, by type ("instance:type" or "type"); NULL if none. */
static PetscErrorCode PreviousStageType(EprocCase c, const char *type, PetscInt *index, const char **prev)
{
  PetscInt n;
  PetscFunctionBeginUser;
  *prev  = NULL;
  *index = -1;
  PetscCall(CaseGetListLength(c, "process.stages", &n));
  for (PetscInt i = 0; i < n && *index < 0; i++) {
    const char *s, *colon;
    PetscCall(CaseGetStringArrayItem(c, "process.stages", i, &s));
    colon = strchr(s, ':');
    if (!strcmp(colon ? colon + 1 : s, type)) *index = i;
  }
  if (*index > 0) {
    const char *colon;
    PetscCall(CaseGetStringArrayItem(c, "process.stages", *index - 1, prev));
    colon = strchr(*prev, ':');
    if (colon) *prev = colon + 1;
  }
  PetscFunctionReturn(0);
}

/* The porosity the web will have when it reaches the calender, from the keys of the stages before it, so
 * that an impossible target is an input error before anything runs. *eps = 0 when it cannot be told. */
static PetscErrorCode PredictIncomingPorosity(EprocCase c, PetscReal *eps, const char **from)
{
  PetscInt    idx;
  const char *prev;
  PetscFunctionBeginUser;
  *eps  = 0.0;
  *from = NULL;
  PetscCall(PreviousStageType(c, CAL, &idx, &prev));
  if (!prev) PetscFunctionReturn(0); /* a web made elsewhere (tests): checked when it arrives */
  if (!strcmp(prev, "slot_die_coating"))
    PetscCall(CaseInputError(c, "process.stages",
                             "calendering needs a dry coating on the foil: put convective_drying (wet route) or "
                             "electrostatic_deposition / hot_lamination (dry route) before it"));
  if (!strcmp(prev, "convective_drying")) {
    *from = "convective_drying.dry_porosity";
    PetscCall(CaseGetReal(c, *from, eps));
  } else if (!strcmp(prev, "electrostatic_deposition")) {
    *from = "electrostatic_deposition.as_deposited_porosity";
    PetscCall(CaseGetReal(c, *from, eps));
  } else if (!strcmp(prev, "hot_lamination")) {
    PetscReal eps_dep, em, q, gamma;
    *from = "electrostatic_deposition.as_deposited_porosity compacted by hot_lamination.line_load_N_per_mm";
    PetscCall(CaseGetReal(c, "electrostatic_deposition.as_deposited_porosity", &eps_dep));
    PetscCall(CaseGetReal(c, "hot_lamination.minimum_porosity", &em));
    PetscCall(CaseGetReal(c, "hot_lamination.line_load_N_per_mm", &q));
    PetscCall(CaseGetReal(c, "hot_lamination.compaction_resistance_N_per_mm", &gamma));
    *eps = LaminationCompactedPorosity(eps_dep, em, q, gamma);
  }
  PetscFunctionReturn(0);
}

/* Roll body geometry from the case: face and bearing span default from the coated width. */
static PetscErrorCode RollGeometry(Calendering *cl, EprocCase c, PetscReal width)
{
  PetscReal area, Imom;
  PetscFunctionBeginUser;
  if (cl->face <= 0) cl->face = width + 0.1;
  if (cl->span <= 0) cl->span = cl->face + 0.3;
  if (width > cl->face * (1 + 1e-12))
    PetscCall(
        CaseInputError(c, CAL ".roll_face_length_mm",
                       "the coated web (%g mm) is wider than the roll face (%g mm)%s: the rolls cannot calender it",
                       (double) (width * 1e3), (double) (cl->face * 1e3),
                       cl->crown > 0 ? "; a crown over the face would leave the web edges off it" : ""));
  if (cl->face > cl->span * (1 + 1e-12))
    PetscCall(CaseInputError(c, CAL ".bearing_span_mm", "the bearings (%g mm apart) must lie outside the face (%g mm)",
                             (double) (cl->span * 1e3), (double) (cl->face * 1e3)));
  if (cl->d_bore >= cl->D)
    PetscCall(CaseInputError(c, CAL ".roll_bore_diameter_mm", "the bore (%g mm) must be smaller than the roll (%g mm)",
                             (double) (cl->d_bore * 1e3), (double) (cl->D * 1e3)));
  CalenderRollSection(cl->D, cl->d_bore, &area, &Imom, &cl->Z);
  cl->EI  = cl->E * Imom;
  cl->kGA = cl->kappa * cl->G_mod * area;
  PetscFunctionReturn(0);
}

/* The line load (N/m) must be one the calender is rated for and the roll body can carry. */
static PetscErrorCode CheckLineLoad(Calendering *cl, EprocCase c, const char *key, PetscReal q, PetscReal width,
                                    const char *why)
{
  PetscReal sigma = CalenderRollBendingStress(q * width, cl->span, width, cl->Z);
  PetscFunctionBeginUser;
  if (q > cl->q_max)
    PetscCall(CaseInputError(c, key, "%s %g N/mm: more than the calender's rated %g N/mm (max_line_load_N_per_mm)", why,
                             (double) (q * 1e-3), (double) (cl->q_max * 1e-3)));
  if (sigma > cl->sigma_allow)
    PetscCall(CaseInputError(c, key,
                             "%s %g N/mm: the rolls cannot carry it, the %g mm roll body would see %g MPa of bending "
                             "stress (roll_allowable_stress_MPa = %g)",
                             why, (double) (q * 1e-3), (double) (cl->D * 1e3), (double) (sigma * 1e-6),
                             (double) (cl->sigma_allow * 1e-6)));
  PetscFunctionReturn(0);
}

static PetscErrorCode SetFromCase_Calendering(Stage st, EprocCase c, Materials m)
{
  Calendering *cl = (Calendering *) st->data;
  PetscBool    has_t, has_q;
  PetscReal    width;
  const char  *s, *from;
  PetscFunctionBeginUser;
  PetscCall(CaseHas(c, CAL ".target_porosity", &has_t));
  PetscCall(CaseHas(c, CAL ".line_load_N_per_mm", &has_q));
  if (has_t == has_q)
    PetscCall(CaseInputError(c, has_t ? CAL ".line_load_N_per_mm" : CAL,
                             "give one of calendering.target_porosity and calendering.line_load_N_per_mm (%s)",
                             has_t ? "not both" : "neither is set"));
  cl->by_target = has_t;
  /* every key of the section, in SI, into cl (the absent one of target_porosity and line_load_N_per_mm: 0) */
  PetscCall(CaseReadSection(c, CalenderingKeys, CalenderingNumKeys, cl));
  cl->heating_kind = cl->roll_heating == 0 ? ENERGY_ELECTRIC : ENERGY_THERMAL;
  PetscCall(CaseGetReal(c, "process.coating_width_mm", &width));
  PetscCall(RollGeometry(cl, c, width));
  if (cl->heated) {
    PetscReal T_amb;
    PetscCall(CaseGetReal(c, "process.ambient_temperature_C", &T_amb));
    if (cl->T_roll <= T_amb)
      PetscCall(CaseInputError(c, CAL ".roll_temperature_C", "heated rolls at %g C are not above the hall (%g C)",
                               (double) (cl->T_roll - 273.15), (double) (T_amb - 273.15)));
  }
  /* the compaction law of the active material */
  {
    const Solid *active;
    PetscCall(CaseGetString(c, "electrode.active_material", &s));
    PetscCall(MaterialsGetSolid(m, s, &active));
    if (active->calender_resistance <= 0)
      PetscCall(CaseInputError(c, "electrode.active_material",
                               "'%s' has no calendering law in the materials file (calender_minimum_porosity, "
                               "calender_compaction_resistance_N_per_mm)",
                               s));
    cl->eps_min = active->calender_min_porosity;
    cl->gamma_c = active->calender_resistance;
  }
  /* what the web will bring, and whether the target or load is possible: before anything runs */
  PetscCall(PredictIncomingPorosity(c, &cl->eps_in_pred, &from));
  if (cl->by_target) {
    if (cl->eps_target <= cl->eps_min)
      PetscCall(CaseInputError(c, CAL ".target_porosity",
                               "%g is at or below the minimum porosity %g the compaction law of '%s' can reach "
                               "(calender_minimum_porosity in the materials file)",
                               (double) cl->eps_target, (double) cl->eps_min, s));
    if (cl->eps_in_pred > 0 && cl->eps_target >= cl->eps_in_pred)
      PetscCall(CaseInputError(c, CAL ".target_porosity",
                               "%g is not below the incoming porosity %g (%s): calendering only compacts",
                               (double) cl->eps_target, (double) cl->eps_in_pred, from));
    if (cl->eps_in_pred > 0)
      PetscCall(CheckLineLoad(cl, c, CAL ".target_porosity",
                              CalenderLineLoad(cl->eps_in_pred, cl->eps_min, cl->gamma_c, cl->eps_target), width,
                              "this porosity needs a line load of"));
  } else
    PetscCall(CheckLineLoad(cl, c, CAL ".line_load_N_per_mm", cl->q_set, width, "a line load of"));
  if (cl->eps_in_pred > 0 && cl->eps_in_pred <= cl->eps_min)
    PetscCall(CaseInputError(c, "electrode.active_material",
                             "the web comes in at porosity %g (%s), already at or below the minimum porosity %g of "
                             "the compaction law of '%s'",
                             (double) cl->eps_in_pred, from, (double) cl->eps_min, s));
  PetscFunctionReturn(0);
}

static PetscErrorCode FreeWork(Calendering *cl)
{
  PetscFunctionBeginUser;
  PetscCall(CalRollDestroy(&cl->roll));
  PetscCall(PetscFree(cl->cells));
  PetscCall(PetscFree3(cl->ovl_start, cl->ovl_cell, cl->ovl_len));
  PetscCall(PetscFree7(cl->h_in, cl->h_out, cl->h_rigid, cl->eps_out, cl->q_cell, cl->gap_cell, cl->work_cell));
  cl->ran = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/* Web cells under each roll node's tributary: overlap lengths (m), web centred on the span. */
static PetscErrorCode BuildOverlaps(Calendering *cl)
{
  PetscInt  n = cl->nroll, cap = 0, k = 0;
  PetscReal h = cl->span / n, dy = cl->W / cl->ny;
  PetscFunctionBeginUser;
  for (PetscInt pass = 0; pass < 2; pass++) {
    k = 0;
    for (PetscInt i = 0; i <= n; i++) {
      PetscReal ylo = PetscMax(i * h - 0.5 * h, 0.0) - cl->y0, yhi = PetscMin(i * h + 0.5 * h, cl->span) - cl->y0;
      PetscInt  j0 = (PetscInt) PetscFloorReal(ylo / dy), j1 = (PetscInt) PetscFloorReal(yhi / dy);
      if (pass) cl->ovl_start[i] = k;
      for (PetscInt j = PetscMax(j0, 0); j <= PetscMin(j1, cl->ny - 1); j++) {
        PetscReal len = PetscMin(yhi, (j + 1) * dy) - PetscMax(ylo, j * dy);
        if (len <= 0) continue;
        if (pass) {
          cl->ovl_cell[k] = j;
          cl->ovl_len[k]  = len;
        }
        k++;
      }
    }
    if (!pass) {
      cap = k;
      PetscCall(PetscMalloc3(n + 2, &cl->ovl_start, PetscMax(cap, 1), &cl->ovl_cell, PetscMax(cap, 1), &cl->ovl_len));
    }
  }
  cl->ovl_start[n + 1] = k;
  PetscFunctionReturn(0);
}

/* Foundation of the roll: the web cells under node i at gap g; measure = load (line-load mode) or the
 * porosity integral (target mode). */
static PetscErrorCode RollFoundation(PetscInt i, PetscReal ylo, PetscReal yhi, PetscReal g, PetscReal *P, PetscReal *dP,
                                     PetscReal *T, PetscReal *dT, void *ctx)
{
  Calendering *cl = (Calendering *) ctx;
  PetscFunctionBeginUser;
  for (PetscInt k = cl->ovl_start[i]; k < cl->ovl_start[i + 1]; k++) {
    PetscReal q, dq, e, de, len = cl->ovl_len[k];
    CalenderCellResponse(&cl->cells[cl->ovl_cell[k]], g, &q, &dq, &e, &de, NULL);
    *P += len * q;
    *dP += len * dq;
    *T += len * (cl->by_target ? e : q);
    *dT += len * (cl->by_target ? de : dq);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode SetUp_Calendering(Stage st, Web web)
{
  Calendering       *cl = (Calendering *) st->data;
  const Formulation *f  = &web->formulation;
  PetscFunctionBeginUser;
  PetscCheck(f->active && f->foil, st->comm, PETSC_ERR_ARG_WRONGSTATE, "calendering: the web carries no formulation");
  PetscCall(FreeWork(cl));
  cl->ny    = web->ny;
  cl->W     = web->width;
  cl->U     = web->line_speed;
  cl->y0    = 0.5 * (cl->span - cl->W);
  cl->T_amb = web->ambient_temperature;
  cl->T_in  = web->temperature > 0 ? web->temperature : web->ambient_temperature;
  cl->rho_s = f->solids_density;
  cl->cp_s  = f->solids_cp;
  PetscCall(PetscMalloc1(cl->ny, &cl->cells));
  PetscCall(PetscMalloc7(cl->ny, &cl->h_in, cl->ny, &cl->h_out, cl->ny, &cl->h_rigid, cl->ny, &cl->eps_out, cl->ny,
                         &cl->q_cell, cl->ny, &cl->gap_cell, cl->ny, &cl->work_cell));
  for (PetscInt j = 0; j < cl->ny; j++) {
    CalenderCell *cc = &cl->cells[j];
    PetscCheck(web->solids_mass[j] > 0 && web->porosity[j] > 0 && web->porosity[j] < 1, st->comm,
               PETSC_ERR_ARG_WRONGSTATE,
               "calendering needs a dry coating on the foil (cell %" PetscInt_FMT " has %g kg/m2 at porosity %g)", j,
               (double) web->solids_mass[j], (double) web->porosity[j]);
    PetscCheck(web->porosity[j] > cl->eps_min, st->comm, PETSC_ERR_USER_INPUT,
               "calendering: cross-web cell %" PetscInt_FMT
               " comes in at porosity %g, at or below the minimum porosity %g of the compaction law",
               j, (double) web->porosity[j], (double) cl->eps_min);
    PetscCheck(!cl->by_target || web->porosity[j] > cl->eps_target, st->comm, PETSC_ERR_USER_INPUT,
               "calendering: cross-web cell %" PetscInt_FMT
               " comes in at porosity %g, not above calendering.target_porosity = %g",
               j, (double) web->porosity[j], (double) cl->eps_target);
    cc->s          = web->solids_mass[j] / cl->rho_s;
    cc->eps_in     = web->porosity[j];
    cc->eps_min    = cl->eps_min;
    cc->gamma_c    = cl->gamma_c;
    cc->t_foil     = f->foil_thickness;
    cc->springback = cl->springback;
    cl->h_in[j]    = CalenderCellInletThickness(cc);
  }
  {
    PetscReal m_mean;
    PetscCall(WebMean(web, web->solids_mass, &m_mean));
    cl->C_web = m_mean * cl->cp_s + f->foil->density * f->foil->cp * f->foil_thickness;
  }
  {
    const Solid    *sol[3] = {f->active, f->carbon, f->binder};
    const PetscReal w[3]   = {f->w_active, f->w_carbon, f->w_binder};
    PetscReal       vsum   = 0.0;
    for (PetscInt i = 0; i < 3; i++) vsum += sol[i] ? w[i] / sol[i]->density : 0.0;
    for (PetscInt i = 0; i < 3; i++) {
      cl->phi[i] = sol[i] ? w[i] / sol[i]->density / vsum : 0.0;
      cl->k_s[i] = sol[i] ? sol[i]->thermal_conductivity : 1.0;
    }
    cl->k_air = AirThermalConductivity(cl->heated ? 0.5 * (cl->T_roll + cl->T_in) : cl->T_in);
  }
  PetscCall(BuildOverlaps(cl));
  if (!cl->rigid) {
    char        prefix[96];
    const char *instance_prefix;
    PetscCall(StageGetOptionsPrefix(st, &instance_prefix)); /* "" or "second_pass_": passes get their own options */
    PetscCall(PetscSNPrintf(prefix, sizeof(prefix), "%scal_", instance_prefix));
    PetscCall(CalRollCreate(cl->nroll, cl->span, prefix, &cl->roll));
    PetscCall(CalRollSetSection(cl->roll, cl->EI, cl->kGA));
    PetscCall(CalRollSetEndMoment(cl->roll, cl->F_bend * cl->a_bend));
    PetscCall(CalRollSetCrown(cl->roll, cl->crown, cl->face));
    {
      /* per node: the gap where its thickest cell is first touched, and where its densest reaches eps_min */
      PetscReal *contact, *floor;
      PetscCall(PetscMalloc2(cl->nroll + 1, &contact, cl->nroll + 1, &floor));
      for (PetscInt i = 0; i <= cl->nroll; i++) {
        contact[i] = floor[i] = PETSC_NINFINITY;
        for (PetscInt k = cl->ovl_start[i]; k < cl->ovl_start[i + 1]; k++) {
          const CalenderCell *cc = &cl->cells[cl->ovl_cell[k]];
          contact[i] =
              PetscMax(contact[i], CalenderGapForThickness(CalenderCellInletThickness(cc), cc->t_foil, cc->springback));
          floor[i] =
              PetscMax(floor[i], CalenderGapForThickness(cc->s / (1.0 - cc->eps_min), cc->t_foil, cc->springback));
        }
      }
      PetscCall(CalRollSetFoundation(cl->roll, RollFoundation, contact, floor, cl));
      PetscCall(PetscFree2(contact, floor));
    }
  }
  PetscFunctionReturn(0);
}

static PetscReal CV(PetscInt n, const PetscReal x[])
{
  PetscReal m = 0.0, v = 0.0;
  for (PetscInt j = 0; j < n; j++) m += x[j] / n;
  for (PetscInt j = 0; j < n; j++) v += PetscSqr(x[j] - m) / n;
  return m > 0 ? PetscSqrtReal(v) / m : 0.0;
}

static PetscReal Mean(PetscInt n, const PetscReal x[])
{
  PetscReal m = 0.0;
  for (PetscInt j = 0; j < n; j++) m += x[j] / n;
  return m;
}

/* Linear interpolation of a nodal roll field at y (m from the left bearing). */
static PetscReal AtRoll(Calendering *cl, const PetscReal *v, PetscReal y)
{
  PetscReal h = cl->span / cl->nroll, t;
  PetscInt  i = (PetscInt) PetscFloorReal(y / h);
  i           = PetscMax(0, PetscMin(i, cl->nroll - 1));
  t           = (y - i * h) / h;
  return (1.0 - t) * v[i] + t * v[i + 1];
}

static PetscReal MeanInletPorosity(Calendering *cl)
{
  PetscReal e = 0.0;
  for (PetscInt j = 0; j < cl->ny; j++) e += cl->cells[j].eps_in / cl->ny;
  return e;
}

/* Rigid-roll gap for the target (or the line load); an unreachable one is an input error in the case's words. */
static PetscErrorCode RigidGap(Calendering *cl, const PetscReal offset[], PetscReal *gap)
{
  PetscBool ok;
  PetscReal limit;
  PetscFunctionBeginUser;
  PetscCall(CalenderRigidGap(cl->ny, cl->cells, offset, cl->by_target ? 1 : 0,
                             cl->by_target ? cl->eps_target : cl->q_set, gap, &ok, &limit, NULL));
  if (!ok && cl->by_target)
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
            "calendering.target_porosity = %g cannot be reached: the densest part of the incoming web reaches the "
            "minimum porosity %g of the compaction law first (mean porosity then %g)",
            (double) cl->eps_target, (double) cl->eps_min, (double) limit);
  if (!ok)
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
            "calendering.line_load_N_per_mm = %g is more than this web can take: its densest part reaches the minimum "
            "porosity %g of the compaction law at a mean line load of %g N/mm",
            (double) (cl->q_set * 1e-3), (double) cl->eps_min, (double) (limit * 1e-3));
  PetscFunctionReturn(0);
}

/* Cell results from the gaps at the roll nodes: each cell takes the length-weighted mean of its response at
 * the gaps of the nodes whose tributaries cover it, so that the cells carry exactly the nodal loads. */
static PetscErrorCode CellsFromNodalGaps(Calendering *cl, const PetscReal gap[])
{
  PetscReal dy = cl->W / cl->ny;
  PetscFunctionBeginUser;
  for (PetscInt j = 0; j < cl->ny; j++) cl->q_cell[j] = cl->eps_out[j] = cl->gap_cell[j] = 0.0;
  for (PetscInt i = 0; i <= cl->nroll; i++) {
    for (PetscInt k = cl->ovl_start[i]; k < cl->ovl_start[i + 1]; k++) {
      PetscInt  j = cl->ovl_cell[k];
      PetscReal q, e, wgt = cl->ovl_len[k] / dy;
      PetscBool valid;
      CalenderCellResponse(&cl->cells[j], gap[i], &q, NULL, &e, NULL, &valid);
      PetscCheck(valid, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
                 "calendering: the web at %.1f mm from its edge is pressed to the minimum porosity %g of the "
                 "compaction law (local line load beyond %.0f N/mm): the rolls bend too much for this load; add a "
                 "crown (calendering.crown_um) or roll bending, or lower the load",
                 (double) ((j + 0.5) * dy * 1e3), (double) cl->eps_min, (double) (q * 1e-3));
      cl->q_cell[j] += wgt * q;
      cl->eps_out[j] += wgt * e;
      cl->gap_cell[j] += wgt * gap[i];
    }
  }
  for (PetscInt j = 0; j < cl->ny; j++) cl->h_out[j] = cl->cells[j].s / (1.0 - cl->eps_out[j]);
  PetscFunctionReturn(0);
}

/* The cross-web solve: rigid rolls (the reference and the first guess), then the bending rolls. */
static PetscErrorCode CrossWeb(Calendering *cl)
{
  PetscReal target = cl->by_target ? cl->eps_target : cl->q_set, *offset;
  PetscFunctionBeginUser;
  PetscCall(RigidGap(cl, NULL, &cl->G_rigid));
  for (PetscInt j = 0; j < cl->ny; j++) {
    PetscReal e;
    CalenderCellResponse(&cl->cells[j], cl->G_rigid, NULL, NULL, &e, NULL, NULL);
    cl->h_rigid[j] = cl->cells[j].s / (1.0 - e);
  }
  if (cl->rigid) {
    PetscReal *gap;
    PetscCall(PetscMalloc1(cl->nroll + 1, &gap));
    for (PetscInt i = 0; i <= cl->nroll; i++) gap[i] = cl->G_rigid;
    cl->G   = cl->G_rigid;
    cl->its = cl->reason = 0;
    cl->fnorm            = 0.0;
    PetscCall(CellsFromNodalGaps(cl, gap));
    PetscCall(PetscFree(gap));
    PetscFunctionReturn(0);
  }
  /* first guess: rigid rolls with the crown */
  PetscCall(PetscMalloc1(cl->ny, &offset));
  for (PetscInt j = 0; j < cl->ny; j++)
    offset[j] = -cl->crown * CalenderCrownShape(cl->y0 + (j + 0.5) * cl->W / cl->ny, cl->span, cl->face);
  PetscCall(RigidGap(cl, offset, &cl->G));
  PetscCall(PetscFree(offset));
  {
    /* scales: the coating thickness, and the line load rigid rolls would need */
    PetscReal q_ref =
        cl->by_target ? CalenderLineLoad(MeanInletPorosity(cl), cl->eps_min, cl->gamma_c, cl->eps_target) : cl->q_set;
    q_ref = PetscMax(q_ref, 1e-3 * cl->gamma_c);
    PetscCall(CalRollSetScales(cl->roll, Mean(cl->ny, cl->h_in), q_ref, cl->by_target ? 1.0 : q_ref));
  }
  PetscCall(CalRollSetMode(cl->roll, CALROLL_MEASURE, target * cl->W));
  if (cl->by_target) {
    /* no state may have the target mean porosity: say why in the case's words */
    PetscErrorCode ierr;
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = CalRollSolve(cl->roll, cl->G);
    PetscCall(PetscPopErrorHandler());
    if (ierr == PETSC_ERR_NOT_CONVERGED) {
      PetscReal q  = CalenderLineLoad(MeanInletPorosity(cl), cl->eps_min, cl->gamma_c, cl->eps_target);
      PetscReal dw = CalenderRollDeflectionUniform(cl->span, cl->W, q, cl->EI, cl->kGA, 0.5 * cl->span) -
                     CalenderRollDeflectionUniform(cl->span, cl->W, q, cl->EI, cl->kGA, 0.5 * (cl->span - cl->face));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
              "calendering.target_porosity = %g is out of reach of these rolls: at the ~%.0f N/mm it needs they bend "
              "apart by ~%.1f um each (mid-face against the face ends), so the web edges reach the minimum porosity %g "
              "before the middle is pressed enough. A crown of about %.0f um (calendering.crown_um) or roll bending "
              "evens the nip",
              (double) cl->eps_target, (double) (q * 1e-3), (double) (dw * 1e6), (double) cl->eps_min,
              (double) (2e6 * dw));
    }
    PetscCall(ierr);
  } else
    PetscCall(CalRollSolve(cl->roll, cl->G));
  PetscCall(CalRollGetStats(cl->roll, &cl->its, &cl->fnorm, &cl->reason));
  {
    const PetscReal *gap;
    PetscCall(CalRollGetSolution(cl->roll, NULL, NULL, NULL, &gap, NULL, &cl->G));
    PetscCall(CellsFromNodalGaps(cl, gap));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Run_Calendering(Stage st, Web web, Ledger ledger, Summary summary)
{
  Calendering *cl = (Calendering *) st->data;
  PetscReal    m_in, m_out, per_m2, e_sum = 0.0;
  char         note[160];
  PetscFunctionBeginUser;
  PetscCall(WebMean(web, web->solids_mass, &m_in));
  PetscCall(CrossWeb(cl));
  /* the web leaves at the local gap, sprung back; compaction work cell by cell */
  cl->W_c = 0.0;
  for (PetscInt j = 0; j < cl->ny; j++) {
    CalenderBite b;
    CalenderBiteEvaluate(0.5 * cl->D, cl->h_in[j], cl->h_out[j] / (1.0 + cl->springback), cl->cells[j].eps_in,
                         cl->eps_out[j], cl->eps_min, cl->q_cell[j], &b);
    cl->work_cell[j] = b.work;
    cl->W_c += b.work / cl->ny;
    web->porosity[j]  = cl->eps_out[j];
    web->thickness[j] = cl->h_out[j];
    e_sum += cl->eps_out[j];
  }
  PetscCall(WebMean(web, web->solids_mass, &m_out));
  PetscCall(SummaryAddBalance(summary, st->name, "solids_mass", m_in, m_out, 0.0));
  cl->q_mean       = Mean(cl->ny, cl->q_cell);
  cl->mean_h_in    = Mean(cl->ny, cl->h_in);
  cl->mean_h_out   = Mean(cl->ny, cl->h_out);
  cl->mean_eps_out = e_sum / cl->ny;
  cl->mean_eps_in  = 0.0;
  for (PetscInt j = 0; j < cl->ny; j++) cl->mean_eps_in += cl->cells[j].eps_in / cl->ny;
  CalenderBiteEvaluate(0.5 * cl->D, cl->mean_h_in, cl->mean_h_out / (1.0 + cl->springback), cl->mean_eps_in,
                       cl->mean_eps_out, cl->eps_min, cl->q_mean, &cl->bite);
  cl->t_contact = cl->bite.length / cl->U;
  cl->cv_in     = CV(cl->ny, cl->h_in);
  cl->cv_rigid  = CV(cl->ny, cl->h_rigid);
  cl->cv_out    = CV(cl->ny, cl->h_out);
  {
    PetscInt  jc          = cl->ny / 2;
    PetscReal hc          = cl->ny % 2 ? cl->h_out[jc] : 0.5 * (cl->h_out[jc - 1] + cl->h_out[jc]);
    cl->centre_minus_edge = hc - 0.5 * (cl->h_out[0] + cl->h_out[cl->ny - 1]);
  }
  cl->w_def = 0.0;
  if (cl->roll) {
    const PetscReal *w;
    PetscCall(CalRollGetSolution(cl->roll, NULL, &w, NULL, NULL, NULL, NULL));
    cl->w_def = AtRoll(cl, w, 0.5 * cl->span) - AtRoll(cl, w, 0.5 * (cl->span - cl->face));
  }
  cl->crown_needed = 2.0 * cl->w_def;
  cl->sigma        = CalenderRollBendingStress(cl->q_mean * cl->W, cl->span, cl->W, cl->Z);

  /* heat: both rolls heated; the coating side takes heat as a semi-infinite layer, the foil side through the
   * contact conductance; at most what brings the web to the roll temperature */
  cl->Q_web = cl->P_loss = 0.0;
  if (cl->heated && cl->T_roll > cl->T_in) {
    PetscReal dT = cl->T_roll - cl->T_in, k, rho_cp = (1.0 - cl->mean_eps_out) * cl->rho_s * cl->cp_s;
    k = cl->k_fixed > 0 ? cl->k_fixed : LaminationLayerConductivity(cl->mean_eps_out, 3, cl->phi, cl->k_s, cl->k_air);
    cl->Q_web = CalenderContactHeat(cl->h_c, k, rho_cp, cl->t_contact, dT) + cl->h_c * dT * cl->t_contact;
    cl->Q_web = PetscMin(cl->Q_web, cl->C_web * dT);
  }
  if (cl->heated)
    cl->P_loss = 2.0 * LaminationRollSurfaceLoss(cl->D, cl->face, cl->bite.length, cl->T_roll, cl->T_amb, cl->h_conv,
                                                 cl->emissivity);
  cl->T_out        = cl->T_in + (cl->W_c + cl->Q_web) / cl->C_web;
  web->temperature = cl->T_out;

  /* ledger, per m2 of coated web */
  per_m2 = 1.0 / (cl->W * cl->U);
  PetscCall(PetscSNPrintf(note, sizeof(note), "int p dh over the bite at %.0f N/mm, %.1f -> %.1f um (DERIVED)",
                          (double) (cl->q_mean * 1e-3), (double) (cl->mean_h_in * 1e6),
                          (double) (cl->mean_h_out * 1e6)));
  PetscCall(LedgerAdd(ledger, st->name, "compaction work", ENERGY_ELECTRIC, cl->W_c, cl->W_c, note));
  PetscCall(LedgerAdd(ledger, st->name, "calender drive losses", ENERGY_ELECTRIC, cl->W_c * (1.0 / cl->eta_drive - 1.0),
                      0.0, "motor, gearbox and bearing losses on the compaction work"));
  if (cl->heated) {
    PetscCall(LedgerAdd(ledger, st->name, "calender roll heating", cl->heating_kind, cl->Q_web / cl->eta_heat, 0.0,
                        "heat the two rolls give the web in the nip"));
    PetscCall(LedgerAdd(ledger, st->name, "calender roll surface losses", cl->heating_kind,
                        cl->P_loss * per_m2 / cl->eta_heat, 0.0, "convection + radiation from the two heated rolls"));
  }
  {
    PetscReal in = 0.0, out, stored = cl->C_web * (cl->T_out - cl->T_in);
    PetscInt  n;
    PetscCall(LedgerGetSize(ledger, &n));
    for (PetscInt i = 0; i < n; i++) {
      const LedgerEntry *e;
      PetscCall(LedgerGetEntry(ledger, i, &e));
      if (!strcmp(e->stage, st->name)) in += e->energy;
    }
    out = cl->W_c * (1.0 / cl->eta_drive - 1.0) + (cl->Q_web + cl->P_loss * per_m2) * (1.0 / cl->eta_heat - 1.0) +
          cl->P_loss * per_m2;
    PetscCall(SummaryAddBalance(summary, st->name, "energy", in, out, stored));
  }
  cl->ran = PETSC_TRUE;

  /* summary */
  {
    PetscReal total;
    PetscCall(LedgerGetTotals(ledger, st->name, &total, NULL, NULL, NULL));
    PetscCall(SummarySet(summary, "calendered_thickness_um", cl->mean_h_out * 1e6, "um",
                         "mean coating thickness after the calender (sprung back)"));
    PetscCall(
        SummarySet(summary, "calendered_porosity", cl->mean_eps_out, "-", "mean coating porosity after the calender"));
    PetscCall(SummarySet(summary, "calender_line_load_N_per_mm", cl->q_mean * 1e-3, "N/mm",
                         "mean line load of the nip (roll force per coated width)"));
    PetscCall(SummarySet(summary, "calender_gap_um", cl->G * 1e6, "um",
                         "roll gap the rigid roll bodies would leave (set at the bearings), foil included"));
    PetscCall(SummarySet(summary, "calender_contact_length_mm", cl->bite.length * 1e3, "mm",
                         "bite length sqrt(R dh) of the mean cross-web cell"));
    PetscCall(SummarySet(summary, "calender_peak_pressure_MPa", cl->bite.peak_pressure * 1e-6, "MPa",
                         "pressure at the nip of the mean cross-web cell"));
    PetscCall(SummarySet(summary, "roll_deflection_um", cl->w_def * 1e6, "um",
                         "deflection of each roll at mid-face relative to the face ends (away from the web)"));
    PetscCall(
        SummarySet(summary, "crown_for_load_um", cl->crown_needed * 1e6, "um",
                   "twice roll_deflection_um: the diameter crown for this load (mid-face against the face ends)"));
    PetscCall(SummarySet(summary, "roll_bending_stress_MPa", cl->sigma * 1e-6, "MPa",
                         "largest bending stress of the roll body"));
    PetscCall(
        SummarySet(summary, "centre_minus_edge_thickness_um", cl->centre_minus_edge * 1e6, "um",
                   "coating thickness at the web centre minus the mean of the two edge cells, after the calender"));
    PetscCall(SummarySet(summary, "thickness_cv_in_percent", cl->cv_in * 100, "%",
                         "cross-web thickness CV of the coating entering the calender"));
    PetscCall(SummarySet(summary, "thickness_cv_rigid_rolls_percent", cl->cv_rigid * 100, "%",
                         "thickness CV rigid rolls would leave: what calendering evens out"));
    PetscCall(SummarySet(
        summary, "calendered_thickness_cv_percent", cl->cv_out * 100, "%",
        "thickness CV after the calender with bending rolls: the difference to the rigid rolls is what bending adds"));
    PetscCall(SummarySet(summary, "calender_exit_temperature_C", cl->T_out - 273.15, "C",
                         "web temperature after the nip (compaction work and roll heat kept in the web)"));
    PetscCall(SummarySet(summary, "calendering_energy_kWh_per_m2", total / J_PER_KWH, "kWh/m2",
                         "energy booked by calendering per m2 of coated web"));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode View_Calendering(Stage st, PetscViewer v)
{
  Calendering *cl = (Calendering *) st->data;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "calendering: rolls %.0f mm (face %.0f mm, bearings %.0f mm apart), %s, law "
                                   "eps_min %.3f, gamma_c %.0f N/mm\n",
                                   (double) (cl->D * 1e3), (double) (cl->face * 1e3), (double) (cl->span * 1e3),
                                   cl->by_target ? "target porosity" : "given line load", (double) cl->eps_min,
                                   (double) (cl->gamma_c * 1e-3)));
  if (!cl->ran) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPushTab(v));
  PetscCall(PetscViewerASCIIPrintf(
      v, "%.1f -> %.1f um, porosity %.3f -> %.3f at %.0f N/mm (gap %.1f um, spring-back %.1f %%)\n",
      (double) (cl->mean_h_in * 1e6), (double) (cl->mean_h_out * 1e6), (double) cl->mean_eps_in,
      (double) cl->mean_eps_out, (double) (cl->q_mean * 1e-3), (double) (cl->G * 1e6),
      (double) (cl->springback * 100)));
  PetscCall(PetscViewerASCIIPrintf(v, "bite %.2f mm, peak pressure %.0f MPa (mean %.0f), work %.0f J/m2\n",
                                   (double) (cl->bite.length * 1e3), (double) (cl->bite.peak_pressure * 1e-6),
                                   (double) (cl->bite.mean_pressure * 1e-6), (double) cl->W_c));
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "thickness CV: in %.2f %%, rigid rolls %.2f %%, bending rolls %.2f %%; roll "
                                   "deflection %.2f um (crown %.1f um, to compensate %.1f um)\n",
                                   (double) (cl->cv_in * 100), (double) (cl->cv_rigid * 100),
                                   (double) (cl->cv_out * 100), (double) (cl->w_def * 1e6), (double) (cl->crown * 1e6),
                                   (double) (cl->crown_needed * 1e6)));
  if (cl->roll)
    PetscCall(PetscViewerASCIIPrintf(v, "roll solve: %" PetscInt_FMT " Newton iterations, residual %.2e\n", cl->its,
                                     (double) cl->fnorm));
  PetscCall(PetscViewerASCIIPopTab(v));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteFields_Calendering(Stage st, PetscViewer h5)
{
  Calendering *cl = (Calendering *) st->data;
  char         g[80];
  PetscInt     ny = cl->ny, nb = 101;
  PetscReal   *a;
  PetscFunctionBeginUser;
  if (!cl->ran) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(g, sizeof(g), "/%s", st->name));
  PetscCall(PetscMalloc1(PetscMax(PetscMax(ny, cl->nroll + 1), nb), &a));
  for (PetscInt j = 0; j < ny; j++) a[j] = (j + 0.5) * cl->W / ny * 1e3;
  PetscCall(H5WriteArray(h5, g, "y_mm", 1, &ny, a, "mm", "cross-web cell centres on the coated width"));
  for (PetscInt j = 0; j < ny; j++) a[j] = cl->h_in[j] * 1e6;
  PetscCall(H5WriteArray(h5, g, "thickness_in_um", 1, &ny, a, "um", "coating thickness entering the calender"));
  for (PetscInt j = 0; j < ny; j++) a[j] = cl->h_rigid[j] * 1e6;
  PetscCall(
      H5WriteArray(h5, g, "thickness_rigid_rolls_um", 1, &ny, a, "um", "coating thickness rigid rolls would leave"));
  for (PetscInt j = 0; j < ny; j++) a[j] = cl->h_out[j] * 1e6;
  PetscCall(H5WriteArray(h5, g, "thickness_out_um", 1, &ny, a, "um", "coating thickness after the calender"));
  PetscCall(H5WriteArray(h5, g, "porosity_out", 1, &ny, cl->eps_out, "-", "coating porosity after the calender"));
  for (PetscInt j = 0; j < ny; j++) a[j] = cl->q_cell[j] * 1e-3;
  PetscCall(H5WriteArray(h5, g, "line_load_N_per_mm", 1, &ny, a, "N/mm", "local line load the web carries"));
  for (PetscInt j = 0; j < ny; j++) a[j] = cl->gap_cell[j] * 1e6;
  PetscCall(H5WriteArray(h5, g, "gap_um", 1, &ny, a, "um", "local roll gap (foil included)"));
  PetscCall(H5WriteArray(h5, g, "work_J_per_m2", 1, &ny, cl->work_cell, "J/m2", "compaction work per cross-web cell"));
  for (PetscInt i = 0; i < nb; i++) a[i] = CalenderBitePressure(&cl->bite, cl->bite.length * i / (nb - 1)) * 1e-6;
  PetscCall(H5WriteArray(
      h5, g, "bite_pressure_MPa", 1, &nb, a, "MPa",
      "pressure of the mean cell from the nip (x = 0) to the bite entry (x = contact length), 101 points"));
  PetscCall(H5WriteScalar(h5, g, "contact_length_mm", cl->bite.length * 1e3, "mm", "bite length of the mean cell"));
  PetscCall(H5WriteScalar(h5, g, "compaction_work_J_per_m2", cl->W_c, "J/m2", "mean compaction work"));
  PetscCall(H5WriteScalar(h5, g, "rigid_gap_um", cl->G_rigid * 1e6, "um", "gap of rigid rolls, no crown"));
  if (cl->roll) {
    const PetscReal *y, *w, *gap;
    PetscInt         nn = cl->nroll + 1;
    PetscCall(CalRollGetSolution(cl->roll, &y, &w, NULL, &gap, NULL, NULL));
    for (PetscInt i = 0; i < nn; i++) a[i] = y[i] * 1e3;
    PetscCall(H5WriteArray(h5, g, "roll_y_mm", 1, &nn, a, "mm", "roll nodes from the left bearing"));
    for (PetscInt i = 0; i < nn; i++) a[i] = w[i] * 1e6;
    PetscCall(H5WriteArray(h5, g, "roll_deflection_um", 1, &nn, a, "um", "deflection of each roll away from the web"));
    for (PetscInt i = 0; i < nn; i++) a[i] = gap[i] * 1e6;
    PetscCall(H5WriteArray(h5, g, "roll_gap_um", 1, &nn, a, "um", "roll gap along the span"));
    PetscCall(H5WriteScalar(h5, g, "snes_iterations", (PetscReal) cl->its, "-", "Newton iterations of the roll solve"));
    PetscCall(
        H5WriteScalar(h5, g, "snes_residual_norm", cl->fnorm, "-", "final scaled residual norm of the roll solve"));
    PetscCall(H5WriteScalar(h5, g, "snes_converged_reason", (PetscReal) cl->reason, "-",
                            "SNESConvergedReason (> 0: converged)"));
  }
  PetscCall(PetscFree(a));
  PetscFunctionReturn(0);
}

static PetscErrorCode Destroy_Calendering(Stage st)
{
  Calendering *cl = (Calendering *) st->data;
  PetscFunctionBeginUser;
  PetscCall(FreeWork(cl));
  PetscCall(PetscFree(st->data));
  PetscFunctionReturn(0);
}

PetscErrorCode StageCreate_Calendering(Stage st)
{
  Calendering *cl;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&cl));
  st->data            = cl;
  st->ops.setfromcase = SetFromCase_Calendering;
  st->ops.setup       = SetUp_Calendering;
  st->ops.run         = Run_Calendering;
  st->ops.view        = View_Calendering;
  st->ops.writefields = WriteFields_Calendering;
  st->ops.destroy     = Destroy_Calendering;
  PetscFunctionReturn(0);
}
