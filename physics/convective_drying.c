/* Stage convective_drying: multi-zone impingement dryer for a wet electrode film (docs/drying.md), with
 * its energy ledger (docs/energy_wet.md). One representative cross-web point is integrated in time
 * (t = distance / line speed) with a TS on PETSC_COMM_SELF; the through-thickness problem is tiny and
 * every rank solves the same problem, so -n 1 and -n 2 give identical results.
 *
 * State vector (size NSCALAR + N):
 *   [0] solvent mass per area m_s (kg/m2)          [1] film enthalpy H_f (J/m2)   [2] foil enthalpy H_b (J/m2)
 *   [3] Q_top = int q_top dt (J/m2)  [4] Q_bot  [5] M_evap = int m'' dt (kg/m2)  [6] Q_evap = int m''(dHv + cp_l (T_f -
 * T_ref)) dt [7] Q_latent = int m'' dHv dt                    [8 ..] binder B_i on the Landau grid (kg/m2 per unit xi)
 * Solvent mass, energy and binder are linear invariants of this system (see docs/drying.md). */
#include "stageimpl.h"
#include "stages.h"
#include "drying_model.h"
#include "drying_ledger.h"
#include "convective_drying.h"
#include "../mesh/landau_grid.h"
#include "../postproc/h5io.h"
#include <petscts.h>
#include <math.h>

enum { IS_SOLVENT, IH_FILM, IH_FOIL, IQ_TOP, IQ_BOT, IM_EVAP, IQ_EVAP, IQ_LATENT, NSCALAR };
#define CURVE_COLS 7 /* t, m_s, T_f, T_b, m'', h, zone */
#define ZONE_COLS  18

typedef struct {
  PetscReal length, air_temperature, nozzle_velocity; /* m, K, m/s */
  PetscReal y_fixed;                                  /* fixed vapour mole fraction of the zone air (fixed rule) */
  PetscReal X_set;                /* vapour ratio the fresh air holds: limit (balance rule) or fixed value */
  PetscReal y_inf;                /* vapour mole fraction of the zone air the film sees (balance rule: solved for) */
  PetscReal alpha_top, alpha_bot; /* W/(m2 K) */
  PetscBool top_nozzles, bottom_nozzles;
  PetscReal alpha_key;      /* heat_transfer_coefficient_W_per_m2K when given (overrides the nozzle correlation) */
  PetscReal circulated;     /* m3 of nozzle air per m2 of electrode */
  PetscReal t_start, t_end; /* s */
  /* results at the zone exit (J/m2, kg/m2 per m2 of electrode) */
  PetscReal evaporated, heat_in, T_film_exit, T_foil_exit, residual_ppm_exit;
  PetscInt  solves; /* integrations of the zone (> 1: its air balance was iterated) */
  PetscBool recorded;
} DryingZone;

/* what an integration of one zone changes besides the state (restored when the zone is integrated again) */
typedef struct {
  PetscInt  ncurve;
  PetscReal peak_flux, Pe_max, Pe_cell_max, drying_time, dryer_length, dt;
  PetscBool dried;
} DryingSnapshot;

typedef struct {
  /* case keys (SI) */
  PetscInt         nzones;
  DryingZone       zone[DRYING_MAX_ZONES];
  DryingFilmParams film;
  PetscReal        k_film, D_b, S_gel, c_gel, end_ppm, stretch;
  PetscInt         ncells;
  PetscReal        nozzle_D, nozzle_pitch, nozzle_H, alpha_nat;
  PetscInt         correlation, exhaust_rule; /* positions in NozzleCorrelations, ExhaustAirRules */
  PetscBool        array_correlation;
  PetscBool        fixed_rule; /* exhaust_air_rule = "fixed_vapour_fraction" */
  PetscReal        recirculation, cascade, lel_fraction, lel_override, heat_recovery, fan_dp, fan_eff, wall_U,
      wall_area_per_length;
  PetscReal ambient_rh, T_amb_case, dew_T, rh; /* dew_T, rh: zone-air humidity limits, 0 when not given */
  PetscBool recovery;
  PetscReal condenser_T, chiller_cop, distillation_heat, cw_T, cw_electricity;
  PetscReal pressure;
  /* from the incoming web */
  const Solvent *solvent;
  PetscReal      rho_l, cp_l, m_solids, cp_solids, C_foil, T_ref, T0, m_solvent0, m_binder, line_speed, width, h_wet0;
  PetscReal      X_amb; /* vapour ratio of the ambient (fresh) air: water from the ambient humidity, else 0 */
  PetscReal      U0[NSCALAR];
  /* solver */
  LandauGrid grid;
  TS         ts;
  Vec        U, Uentry;
  Mat        J;
  PetscInt   izone;
  /* air system and ledger */
  DryingAirSystem air;
  DryingAirLedger led;
  /* results */
  PetscBool dried;
  PetscReal drying_time, dryer_length, peak_flux, t_final, T_wb1, binder_index, binder0, binder_final, Pe_max,
      Pe_cell_max;
  PetscReal  binder_min;
  PetscInt   ncurve, capcurve;
  PetscReal *curve;
  PetscReal *binder_profile; /* final B_i / mean */
  PetscReal  Ufinal[NSCALAR];
  PetscBool  ran, verbose, monitor_air;
  PetscBool  viewers;     /* the options ask for a solver viewer: keep PETSc's viewer look-ups on while solving */
  char       prefix[136]; /* options prefix of the solvers: instance prefix + "drying_" */
  /* the TS works on scaled states u_i = x_i / scale_i, all O(1): norms in SNES and the error
     controller then weigh every state alike */
  PetscReal    *scale, *work, *rate, *wmon;
  PetscReal    *jx, *jG0, *jGp, *jcol, *jlo, *jdi, *jup; /* Jacobian work arrays */
  MatFDColoring fdcoloring; /* colored finite differences of the right-hand side (-drying_jacobian_fd only) */
} ConvectiveDrying;

/* Everything the right-hand side needs at one state. */
typedef struct {
  DryingFilmState film;
  PetscReal       V, T_f, T_b, C_f, beta, g, flux, dHv, q_top, q_bot, q_fb;
} DryingPoint;

static void DryingEvaluatePoint(const ConvectiveDrying *cd, const DryingZone *z, const PetscReal *u, DryingPoint *pt)
{
  PetscReal m_s = u[IS_SOLVENT];
  pt->V         = m_s / cd->rho_l;
  DryingFilmGeometry(&cd->film, pt->V, &pt->film);
  pt->C_f  = cd->m_solids * cd->cp_solids + m_s * cd->cp_l;
  pt->T_f  = cd->T_ref + u[IH_FILM] / pt->C_f;
  pt->T_b  = cd->T_ref + u[IH_FOIL] / cd->C_foil;
  pt->beta = DryingMassTransferCoefficient(z->alpha_top, cd->solvent->lewis_number,
                                           0.5 * (pt->T_f + z->air_temperature), cd->pressure);
  pt->g    = DryingVapourConductance(pt->beta, pt->film.dry_layer, cd->film.tortuosity, cd->film.dry_porosity,
                                     SolventDiffusivityInAir(cd->solvent, pt->T_f));
  pt->flux =
      DryingEvaporationFlux(cd->solvent, pt->g, pt->T_f, z->air_temperature, cd->pressure, z->y_inf, pt->film.activity);
  pt->dHv   = SolventLatentHeat(cd->solvent, pt->T_f);
  pt->q_top = z->alpha_top * (z->air_temperature - pt->T_f);
  pt->q_bot = z->alpha_bot * (z->air_temperature - pt->T_b);
  /* conduction from the foil to the film middle, resistance h / (2 k_film) */
  pt->q_fb = (pt->T_b - pt->T_f) * 2.0 * cd->k_film / pt->film.h;
}

static PetscErrorCode DryingRHS(const ConvectiveDrying *cd, const PetscReal *u, PetscReal *G)
{
  DryingPoint      pt;
  PetscReal        e_out;
  const PetscReal *B;
  PetscReal       *GB;
  PetscInt         n = cd->grid->n;
  PetscFunctionBeginUser;
  DryingEvaluatePoint(cd, &cd->zone[cd->izone], u, &pt);
  e_out         = pt.flux * (pt.dHv + cd->cp_l * (pt.T_f - cd->T_ref)); /* latent + sensible enthalpy leaving */
  G[IS_SOLVENT] = -pt.flux;
  G[IH_FILM]    = pt.q_top + pt.q_fb - e_out;
  G[IH_FOIL]    = pt.q_bot - pt.q_fb;
  G[IQ_TOP]     = pt.q_top;
  G[IQ_BOT]     = pt.q_bot;
  G[IM_EVAP]    = pt.flux;
  G[IQ_EVAP]    = e_out;
  G[IQ_LATENT]  = pt.flux * pt.dHv;
  B             = (PetscReal *) (u + NSCALAR);
  GB            = G + NSCALAR;
  DryingBinderRHS(n, cd->grid->xc, cd->grid->xf, cd->grid->dx, B, pt.V, -pt.flux / cd->rho_l, pt.film.h, cd->D_b,
                  cd->S_gel * cd->film.dry_porosity * pt.film.dry_thickness, cd->c_gel, GB);
  PetscFunctionReturn(0);
}

static const PetscReal *DryingUnscale(const ConvectiveDrying *cd, const PetscScalar *u, PetscReal *w)
{
  for (PetscInt i = 0; i < NSCALAR + cd->ncells; i++) w[i] = PetscRealPart(u[i]) * cd->scale[i];
  return w;
}

/* F(t, U, Udot) = Udot - G(U) / scale */
static PetscErrorCode DryingIFunction(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void *ctx)
{
  ConvectiveDrying  *cd = (ConvectiveDrying *) ctx;
  const PetscScalar *u, *ud;
  PetscScalar       *f;
  PetscInt           N;
  PetscFunctionBeginUser;
  (void) ts;
  (void) t;
  PetscCall(VecGetLocalSize(U, &N));
  PetscCall(VecGetArrayRead(U, &u));
  PetscCall(VecGetArrayRead(Udot, &ud));
  PetscCall(VecGetArray(F, &f));
  PetscCall(DryingRHS(cd, DryingUnscale(cd, u, cd->work), cd->rate));
  for (PetscInt i = 0; i < N; i++) f[i] = ud[i] - cd->rate[i] / cd->scale[i];
  PetscCall(VecRestoreArrayRead(U, &u));
  PetscCall(VecRestoreArrayRead(Udot, &ud));
  PetscCall(VecRestoreArray(F, &f));
  PetscFunctionReturn(0);
}

/* -G(U)/scale for the colored finite-difference Jacobian of the right-hand side */
static PetscErrorCode DryingFDFunction(void *unused, Vec U, Vec F, void *ctx)
{
  ConvectiveDrying  *cd = (ConvectiveDrying *) ctx;
  const PetscScalar *u;
  PetscScalar       *f;
  PetscFunctionBeginUser;
  (void) unused;
  PetscCall(VecGetArrayRead(U, &u));
  PetscCall(VecGetArray(F, &f));
  PetscCall(DryingRHS(cd, DryingUnscale(cd, u, cd->work), cd->rate));
  for (PetscInt i = 0; i < NSCALAR + cd->ncells; i++) f[i] = -cd->rate[i] / cd->scale[i];
  PetscCall(VecRestoreArrayRead(U, &u));
  PetscCall(VecRestoreArray(F, &f));
  PetscFunctionReturn(0);
}

/* dF/dU + shift dF/dUdot = -dG/dU + shift I, on the scaled states; works for every implicit TS type (BDF,
   ARKIMEX, ROSW). The right-hand side depends on the quadrature states not at all, on the three physical
   states (m_s, H_f, H_b) in every row, and on the binder only in the binder rows, tridiagonally and linearly
   but for the gel mobility. So: the three physical columns by one-sided differences of the whole right-hand
   side (step as MatFDColoring: sqrt(eps) max(|u|, 100 sqrt(eps))), the binder block exactly
   (DryingBinderJacobian). 4 right-hand sides instead of the 7 of the coloured differences (option
   -drying_jacobian_fd: those, on the same matrix). */
static PetscErrorCode DryingIJacobian(TS ts, PetscReal t, Vec U, Vec Udot, PetscReal shift, Mat A, Mat B, void *ctx)
{
  ConvectiveDrying  *cd = (ConvectiveDrying *) ctx;
  const PetscScalar *u;
  PetscInt           n = cd->ncells, N = NSCALAR + n;
  PetscReal         *x = cd->jx, *G0 = cd->jG0, *Gp = cd->jGp, *col = cd->jcol, err = PETSC_SQRT_MACHINE_EPSILON;
  PetscFunctionBeginUser;
  (void) ts;
  (void) t;
  (void) Udot;
  if (cd->fdcoloring) {
    PetscCall(MatFDColoringApply(B, cd->fdcoloring, U, NULL));
    PetscCall(MatShift(B, shift));
  } else {
    DryingPoint pt;
    PetscCall(VecGetArrayRead(U, &u));
    for (PetscInt i = 0; i < N; i++) x[i] = PetscRealPart(u[i]) * cd->scale[i];
    PetscCall(DryingRHS(cd, x, G0));
    for (PetscInt j = 0; j < 3; j++) {
      PetscReal uj = PetscRealPart(u[j]), h = err * PetscMax(PetscAbsReal(uj), 100.0 * err), xj = x[j];
      x[j] = (uj + h) * cd->scale[j];
      PetscCall(DryingRHS(cd, x, Gp));
      x[j] = xj;
      /* column j of -dG/du, row i scaled by 1/scale_i */
      for (PetscInt i = 0; i < N; i++) col[j * N + i] = -(Gp[i] - G0[i]) / (h * cd->scale[i]);
    }
    PetscCall(VecRestoreArrayRead(U, &u));
    DryingEvaluatePoint(cd, &cd->zone[cd->izone], x, &pt);
    DryingBinderJacobian(n, cd->grid->xc, cd->grid->xf, cd->grid->dx, x + NSCALAR, pt.V, -pt.flux / cd->rho_l,
                         pt.film.h, cd->D_b, cd->S_gel * cd->film.dry_porosity * pt.film.dry_thickness, cd->c_gel,
                         cd->jlo, cd->jdi, cd->jup);
    for (PetscInt i = 0; i < N; i++) {
      PetscInt    cols[6], nc = 0;
      PetscScalar vals[6];
      for (PetscInt j = 0; j < 3; j++) {
        cols[nc]   = j;
        vals[nc++] = col[j * N + i] + (i == j ? shift : 0.0);
      }
      if (i >= 3 && i < NSCALAR) {
        cols[nc]   = i;
        vals[nc++] = shift;
      }
      if (i >= NSCALAR) { /* binder block: the scales of the binder states are all the same */
        PetscInt k = i - NSCALAR;
        if (k > 0) {
          cols[nc]   = i - 1;
          vals[nc++] = -cd->jlo[k];
        }
        cols[nc]   = i;
        vals[nc++] = shift - cd->jdi[k];
        if (k < n - 1) {
          cols[nc]   = i + 1;
          vals[nc++] = -cd->jup[k];
        }
      }
      PetscCall(MatSetValues(B, 1, &i, nc, cols, vals, INSERT_VALUES));
    }
    PetscCall(MatAssemblyBegin(B, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(B, MAT_FINAL_ASSEMBLY));
  }
  if (A != B) {
    PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode DryingRecordCurve(ConvectiveDrying *cd, PetscReal t, const PetscReal *u)
{
  DryingPoint pt;
  PetscReal  *row;
  PetscFunctionBeginUser;
  DryingEvaluatePoint(cd, &cd->zone[cd->izone], u, &pt);
  if (cd->ncurve == cd->capcurve) {
    cd->capcurve = cd->capcurve ? 2 * cd->capcurve : 256;
    PetscCall(PetscRealloc(sizeof(PetscReal) * CURVE_COLS * cd->capcurve, &cd->curve));
  }
  row    = cd->curve + CURVE_COLS * cd->ncurve++;
  row[0] = t;
  row[1] = u[IS_SOLVENT];
  row[2] = pt.T_f;
  row[3] = pt.T_b;
  row[4] = pt.flux;
  row[5] = pt.film.h;
  row[6] = (PetscReal) cd->izone;
  if (cd->verbose)
    PetscCall(PetscPrintf(
        PETSC_COMM_SELF, "drying t %.4f zone %d m_s %.6e S %.5f h %.3e delta %.3e a %.4f T_f %.2f T_b %.2f flux %.4e\n",
        (double) t, (int) cd->izone, (double) row[1], (double) pt.film.saturation, (double) pt.film.h,
        (double) pt.film.dry_layer, (double) pt.film.activity, (double) (pt.T_f - 273.15), (double) (pt.T_b - 273.15),
        (double) pt.flux));
  cd->peak_flux = PetscMax(cd->peak_flux, pt.flux);
  {
    PetscReal  Pe = pt.flux * pt.film.h / (cd->rho_l * cd->D_b);
    PetscReal  Vg = cd->S_gel * cd->film.dry_porosity * pt.film.dry_thickness;
    LandauGrid g  = cd->grid;
    cd->Pe_max    = PetscMax(cd->Pe_max, Pe);
    /* cell Peclet number |advection| dxi / diffusion of the discrete binder equation, on faces where the
       binder still moves (gel mobility > 1/2) */
    for (PetscInt i = 0; i + 1 < g->n && pt.film.saturation > 0.0; i++) {
      PetscReal dc = g->xc[i + 1] - g->xc[i], Bf = 0.5 * (u[NSCALAR + i] + u[NSCALAR + i + 1]);
      PetscReal r = cd->c_gel > 0 ? Bf / ((pt.V + Vg) * cd->c_gel) : 0.0;
      if (r > 1.0) continue;
      cd->Pe_cell_max =
          PetscMax(cd->Pe_cell_max, pt.flux / cd->rho_l * g->xf[i + 1] * dc * pt.film.h * pt.film.h / (cd->D_b * pt.V));
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode DryingMonitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ctx)
{
  ConvectiveDrying  *cd = (ConvectiveDrying *) ctx;
  const PetscScalar *u;
  PetscFunctionBeginUser;
  (void) ts;
  (void) step;
  PetscCall(VecGetArrayRead(U, &u));
  PetscCall(DryingRecordCurve(cd, t, DryingUnscale(cd, u, cd->wmon)));
  PetscCall(VecRestoreArrayRead(U, &u));
  PetscFunctionReturn(0);
}

/* Event: the end of drying (residual solvent per dry coating mass falls below the criterion). Zones are
   integrated one TSSolve each (DryingIntegrateZone), so zone boundaries need no event. */
static PetscErrorCode DryingEventFunction(TS ts, PetscReal t, Vec U, PetscScalar *fvalue, void *ctx)
{
  ConvectiveDrying  *cd = (ConvectiveDrying *) ctx;
  const PetscScalar *u;
  PetscFunctionBeginUser;
  (void) ts;
  (void) t;
  PetscCall(VecGetArrayRead(U, &u));
  {
    PetscReal ppm = PetscRealPart(u[IS_SOLVENT]) * cd->scale[IS_SOLVENT] / cd->m_solids * 1e6;
    fvalue[0]     = cd->dried ? -1.0 : (ppm - cd->end_ppm) / cd->end_ppm;
  }
  PetscCall(VecRestoreArrayRead(U, &u));
  PetscFunctionReturn(0);
}

static PetscErrorCode DryingPostEvent(TS ts, PetscInt nevents, PetscInt event_list[], PetscReal t, Vec U,
                                      PetscBool forward, void *ctx)
{
  ConvectiveDrying *cd = (ConvectiveDrying *) ctx;
  PetscFunctionBeginUser;
  (void) forward;
  (void) U;
  (void) event_list;
  if (nevents > 0 && !cd->dried) {
    cd->dried        = PETSC_TRUE;
    cd->drying_time  = t;
    cd->dryer_length = t * cd->line_speed;
  }
  /* the falling-rate period changes character here: start the multistep history afresh */
  PetscCall(TSRestartStep(ts));
  PetscFunctionReturn(0);
}

static void DryingTakeSnapshot(const ConvectiveDrying *cd, PetscReal dt, DryingSnapshot *s)
{
  s->ncurve       = cd->ncurve;
  s->peak_flux    = cd->peak_flux;
  s->Pe_max       = cd->Pe_max;
  s->Pe_cell_max  = cd->Pe_cell_max;
  s->drying_time  = cd->drying_time;
  s->dryer_length = cd->dryer_length;
  s->dried        = cd->dried;
  s->dt           = dt;
}

static void DryingRestoreSnapshot(ConvectiveDrying *cd, const DryingSnapshot *s)
{
  cd->ncurve       = s->ncurve;
  cd->peak_flux    = s->peak_flux;
  cd->Pe_max       = s->Pe_max;
  cd->Pe_cell_max  = s->Pe_cell_max;
  cd->drying_time  = s->drying_time;
  cd->dryer_length = s->dryer_length;
  cd->dried        = s->dried;
}

/* Integrate zone k from its entry state (cd->Uentry, snapshot s) with zone air of vapour mole fraction y;
   on return cd->U holds the exit state and the zone's results are recorded. */
static PetscErrorCode DryingIntegrateZone(ConvectiveDrying *cd, PetscInt k, PetscReal y, const DryingSnapshot *s)
{
  DryingZone        *z = &cd->zone[k];
  TSConvergedReason  reason;
  const PetscScalar *u, *u0;
  PetscReal         *x, *x0;
  DryingPoint        pt;
  PetscFunctionBeginUser;
  DryingRestoreSnapshot(cd, s);
  z->y_inf  = y;
  cd->izone = k;
  PetscCall(VecCopy(cd->Uentry, cd->U));
  PetscCall(TSSetTime(cd->ts, z->t_start));
  PetscCall(TSSetMaxTime(cd->ts, z->t_end));
  PetscCall(TSSetTimeStep(cd->ts, s->dt));
  PetscCall(TSRestartStep(cd->ts));
  {
    /* about 900 small Newton solves per run: their viewer look-ups were 12 % of the stage's time (callgrind) */
    PetscErrorCode ierr;
    if (!cd->viewers) PetscCall(PetscOptionsPushGetViewerOff(PETSC_TRUE));
    ierr = TSSolve(cd->ts, cd->U);
    if (!cd->viewers) PetscCall(PetscOptionsPopGetViewerOff());
    PetscCall(ierr);
  }
  PetscCall(TSGetConvergedReason(cd->ts, &reason));
  PetscCheck(reason > 0, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
             "convective_drying: the time integration of zone %" PetscInt_FMT " failed (%s)", k + 1,
             TSConvergedReasons[reason]);
  z->solves++;
  /* zone results: differences of the integrated states between zone entry and exit */
  PetscCall(VecGetArrayRead(cd->U, &u));
  PetscCall(VecGetArrayRead(cd->Uentry, &u0));
  x  = (PetscReal *) DryingUnscale(cd, u, cd->wmon);
  x0 = (PetscReal *) DryingUnscale(cd, u0, cd->work);
  DryingEvaluatePoint(cd, z, x, &pt);
  z->evaporated        = x[IM_EVAP] - x0[IM_EVAP];
  z->heat_in           = x[IQ_TOP] + x[IQ_BOT] - x0[IQ_TOP] - x0[IQ_BOT];
  z->T_film_exit       = pt.T_f;
  z->T_foil_exit       = pt.T_b;
  z->residual_ppm_exit = x[IS_SOLVENT] / cd->m_solids * 1e6;
  z->recorded          = PETSC_TRUE;
  PetscCall(VecRestoreArrayRead(cd->Uentry, &u0));
  PetscCall(VecRestoreArrayRead(cd->U, &u));
  PetscFunctionReturn(0);
}

/* Vapour ratio of zone k for an evaporation N (kg/m2), zones before k as integrated: X from the air
   balance, X_floor with the make-up air at its floor. */
static PetscErrorCode DryingZoneBalanceRatio(ConvectiveDrying *cd, PetscInt k, PetscReal N, PetscReal *X,
                                             PetscReal *X_floor)
{
  DryingAirSystem sys = cd->air;
  PetscFunctionBeginUser;
  sys.nzones   = k + 1;
  sys.recovery = PETSC_FALSE;
  for (PetscInt j = 0; j < k; j++) sys.zone[j].evaporated = cd->zone[j].evaporated;
  sys.zone[k].evaporated = N;
  PetscCall(DryingAirLedgerCompute(&sys, &cd->led));
  *X       = cd->led.zone[k].X;
  *X_floor = cd->led.zone[k].X_floor;
  if (cd->monitor_air)
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "drying zone %d air: y %.10e -> N %.10e kg/m2 -> y_bal %.10e\n", (int) k + 1,
                          (double) cd->zone[k].y_inf, (double) N, (double) DryingVapourFraction(*X)));
  PetscFunctionReturn(0);
}

/* Zone k with the balance rule: find the zone-air vapour fraction y that the air balance returns for the
   evaporation it causes. If the set limit holds at y_set (the fresh air needed exceeds the floor), y = y_set
   after one integration. Otherwise the make-up floor binds and y solves h(y) = y_floor(N(y)) - y = 0, where
   y_floor is the balance with the make-up at its floor: smooth and falling in y (richer air, less
   evaporation). h(y_set) < 0 and h(lo) >= 0 at lo = max(y_floor(N(y_set)), y_amb) bracket the root;
   regula falsi (Illinois) on it, to |y_floor - y| <= 1e-5 y_set (N(y) itself carries the TS error, ~1e-6
   relative). The converged y has y_floor <= y_set, i.e. the floor really binds. A zone the web enters
   dry starts from the fresh air's vapour instead (two integrations instead of three). */
static PetscErrorCode DryingSolveZoneAir(ConvectiveDrying *cd, PetscInt k, const DryingSnapshot *s)
{
  DryingZone *z     = &cd->zone[k];
  PetscReal   y_set = DryingVapourFraction(z->X_set), y_amb = DryingVapourFraction(cd->X_amb);
  PetscReal   X, Xf, lo, hi, glo, ghi, y, g, tol = 1e-5 * y_set; /* N(y) carries the ~1e-6 TS error */
  PetscInt    side = 0;
  PetscFunctionBeginUser;
  if (s->dried) {
    /* the film entering is already dry and evaporates next to nothing: the make-up floor binds; try the
       fixed-point step from the fresh air's vapour first */
    PetscCall(DryingIntegrateZone(cd, k, y_amb, s));
    PetscCall(DryingZoneBalanceRatio(cd, k, z->evaporated, &X, &Xf));
    if (X != z->X_set) {
      y = DryingVapourFraction(Xf);
      if (PetscAbsReal(y - y_amb) <= tol) PetscFunctionReturn(0);
      PetscCall(DryingIntegrateZone(cd, k, y, s));
      PetscCall(DryingZoneBalanceRatio(cd, k, z->evaporated, &X, &Xf));
      if (X != z->X_set && PetscAbsReal(DryingVapourFraction(Xf) - y) <= tol) PetscFunctionReturn(0);
    }
  }
  PetscCall(DryingIntegrateZone(cd, k, y_set, s));
  PetscCall(DryingZoneBalanceRatio(cd, k, z->evaporated, &X, &Xf));
  if (X == z->X_set) PetscFunctionReturn(0); /* the balance returns X_set exactly where the limit holds */
  hi  = y_set;
  ghi = DryingVapourFraction(Xf) - y_set;
  lo  = PetscMax(DryingVapourFraction(Xf), y_amb);
  PetscCall(DryingIntegrateZone(cd, k, lo, s));
  PetscCall(DryingZoneBalanceRatio(cd, k, z->evaporated, &X, &Xf));
  glo = DryingVapourFraction(Xf) - lo;
  if (PetscAbsReal(glo) <= tol) PetscFunctionReturn(0);
  PetscCheck(glo > 0.0 && ghi < 0.0, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
             "convective_drying: zone %" PetscInt_FMT ": the air balance has no root in [%g, %g] (h = %g, %g)", k + 1,
             (double) lo, (double) hi, (double) glo, (double) ghi);
  for (PetscInt it = 0; it < 60; it++) {
    y = (lo * ghi - hi * glo) / (ghi - glo);
    PetscCall(DryingIntegrateZone(cd, k, y, s));
    PetscCall(DryingZoneBalanceRatio(cd, k, z->evaporated, &X, &Xf));
    g = DryingVapourFraction(Xf) - y;
    if (PetscAbsReal(g) <= tol || hi - lo <= tol) PetscFunctionReturn(0);
    if (g > 0.0) {
      lo  = y;
      glo = g;
      if (side == -1) ghi *= 0.5;
      side = -1;
    } else {
      hi  = y;
      ghi = g;
      if (side == 1) glo *= 0.5;
      side = 1;
    }
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
          "convective_drying: the air balance of zone %" PetscInt_FMT " did not converge (y in [%g, %g])", k + 1,
          (double) lo, (double) hi);
}

/* ---------------------------------------------------------------------------------------------- */
/* Vapour ratio of the ambient (fresh) air: the case's ambient humidity when the solvent is water (the only
   solvent ambient air carries), else 0. */
static PetscReal DryingAmbientRatio(const ConvectiveDrying *cd, const Solvent *s)
{
  PetscReal ps;
  if (strcmp(s->name, "water")) return 0.0;
  ps = cd->ambient_rh * SolventVapourPressure(s, cd->T_amb_case);
  return ps / (cd->pressure - ps);
}

/* Vapour ratio the fresh air holds in zone k (balance rule): the least of the LEL bound (flammable
   solvents), the dew-point or relative-humidity limit (when given) and saturation at the zone air
   temperature (zone air cannot be supersaturated). */
static PetscReal DryingZoneLimit(const ConvectiveDrying *cd, const Solvent *s, PetscInt k)
{
  PetscReal T = cd->zone[k].air_temperature, p = cd->pressure, X = DryingSaturationRatio(s, T, p);
  PetscReal lel = cd->lel_override > 0 ? cd->lel_override : s->lel_vol_fraction;
  if (lel > 0.0) X = PetscMin(X, DryingVapourRatio(cd->lel_fraction * lel));
  if (cd->dew_T > 0.0) X = PetscMin(X, DryingSaturationRatio(s, cd->dew_T, p));
  if (cd->rh > 0.0) {
    PetscReal ps = cd->rh * SolventVapourPressure(s, T);
    X            = PetscMin(X, ps / (p - ps));
  }
  return X;
}

static PetscErrorCode ConvectiveDryingSetFromCase(Stage stage, EprocCase c, Materials m)
{
  ConvectiveDrying *cd = (ConvectiveDrying *) stage->data;
  char              path[256];
  const Solvent    *solvent;
  PetscReal         lel, X_amb;
  PetscBool         has;
  PetscFunctionBeginUser;
  PetscCall(CaseGetListLength(c, "convective_drying.zones", &cd->nzones));
  if (cd->nzones < 1) PetscCall(CaseInputError(c, "convective_drying.zones", "the dryer needs at least one zone"));
  if (cd->nzones > DRYING_MAX_ZONES)
    PetscCall(CaseInputError(c, "convective_drying.zones", "at most %d zones are supported", DRYING_MAX_ZONES));
  {
    const char *name;
    PetscCall(CaseGetString(c, "electrode.solvent", &name));
    PetscCall(MaterialsHasSolvent(m, name, &has));
    if (!has)
      PetscCall(
          CaseInputError(c, "electrode.solvent", "convective_drying dries a wet film: the solvent is '%s'", name));
    PetscCall(MaterialsGetSolvent(m, name, &solvent));
  }
  /* every key of the section and of its zones, in SI (absent air_dew_point_C: nan, air_relative_humidity_percent:
     0, air_solvent_mole_fraction: 0, heat_transfer_coefficient_W_per_m2K: 0) */
  PetscCall(CaseReadSection(c, ConvectiveDryingKeys, ConvectiveDryingNumKeys, cd));
  PetscCall(CaseReadList(c, "convective_drying.zones", ConvectiveDryingKeys, ConvectiveDryingNumKeys, cd->zone,
                         sizeof(DryingZone), DRYING_MAX_ZONES, &cd->nzones));
  cd->end_ppm *= 1e6; /* the unit converter gives a fraction */
  cd->array_correlation = cd->correlation == 1 ? PETSC_TRUE : PETSC_FALSE;
  cd->fixed_rule        = cd->exhaust_rule == 1 ? PETSC_TRUE : PETSC_FALSE;
  if (PetscIsNanReal(cd->dew_T)) cd->dew_T = 0.0; /* not given: no dew-point limit */
  if (cd->nozzle_pitch < 1.2 * cd->nozzle_D)
    PetscCall(
        CaseInputError(c, "convective_drying.nozzle_pitch_mm", "the nozzle pitch must exceed 1.2 nozzle diameters"));
  PetscCall(CaseGetReal(c, "process.ambient_temperature_C", &cd->T_amb_case));
  if (cd->dew_T > 0.0 && cd->rh > 0.0)
    PetscCall(
        CaseInputError(c, "convective_drying.air_relative_humidity_percent",
                       "give the zone-air humidity either as air_dew_point_C or as air_relative_humidity_percent"));
  cd->pressure = ATMOSPHERIC_PRESSURE;
  lel          = cd->lel_override > 0 ? cd->lel_override : solvent->lel_vol_fraction;
  X_amb        = DryingAmbientRatio(cd, solvent);
  if (!cd->fixed_rule && lel <= 0.0 && cd->dew_T <= 0.0 && cd->rh <= 0.0)
    PetscCall(CaseInputError(c, "convective_drying.exhaust_air_rule",
                             "'%s' is not flammable: the \"balance\" rule needs the zone-air humidity "
                             "(air_dew_point_C or air_relative_humidity_percent)",
                             solvent->name));
  if (cd->fixed_rule && (cd->dew_T > 0.0 || cd->rh > 0.0))
    PetscCall(CaseInputError(
        c, cd->dew_T > 0.0 ? "convective_drying.air_dew_point_C" : "convective_drying.air_relative_humidity_percent",
        "the zone-air humidity is only used with exhaust_air_rule = \"balance\""));
  if (cd->recovery && cd->condenser_T > cd->cw_T)
    PetscCall(CaseInputError(c, "convective_drying.condenser_temperature_C",
                             "the chiller stage ends colder than the cooling-water stage (%g C): at most %g C",
                             (double) (cd->cw_T - 273.15), (double) (cd->cw_T - 273.15)));
  for (PetscInt k = 0; k < cd->nzones; k++) {
    DryingZone *z = &cd->zone[k];
    PetscBool   has_htc, has_y;
    PetscReal   alpha, T;
#define ZKEY(name) (snprintf(path, sizeof(path), "convective_drying.zones.[%d].%s", (int) k, name), path)
    PetscCall(CaseHas(c, ZKEY("air_solvent_mole_fraction"), &has_y));
    PetscCall(CaseHas(c, ZKEY("heat_transfer_coefficient_W_per_m2K"), &has_htc));
    T = z->air_temperature;
    if (T < cd->T_amb_case)
      PetscCall(CaseInputError(c, ZKEY("air_temperature_C"),
                               "zone air colder than the ambient air (%g C): the ledger books the heating of fresh "
                               "air, not its cooling",
                               (double) (cd->T_amb_case - 273.15)));
    if (cd->cascade > 0.0 && k > 0 && T < cd->zone[k - 1].air_temperature)
      PetscCall(CaseInputError(c, ZKEY("air_temperature_C"),
                               "with air_cascade_fraction > 0 the air passed on from zone %d (%g C) would need "
                               "cooling: zone temperatures must not fall along the dryer",
                               (int) k, (double) (cd->zone[k - 1].air_temperature - 273.15)));
    if (has_htc)
      alpha = z->alpha_key;
    else {
      alpha = DryingNozzleHeatTransfer(z->nozzle_velocity, cd->nozzle_D, cd->nozzle_pitch, cd->nozzle_H, T,
                                       cd->array_correlation);
      if (z->top_nozzles || z->bottom_nozzles) {
        /* Martin's correlations hold for 2000 <= Re <= 4e5, 2 <= H/D <= 12, 0.004 <= A_r <= 0.04 (data_wet.md 2.1) */
        PetscReal Re = DryingNozzleReynolds(z->nozzle_velocity, cd->nozzle_D, T);
        PetscReal Ar = DryingNozzleOpenArea(cd->nozzle_D, cd->nozzle_pitch), HD = cd->nozzle_H / cd->nozzle_D;
        if (Re < DRYING_MARTIN_RE_MIN || Re > DRYING_MARTIN_RE_MAX)
          PetscCall(CaseInputError(
              c, ZKEY("nozzle_velocity_m_per_s"),
              "nozzle Reynolds number %.0f is outside Martin's range [%g, %g] at %g C (raise or lower the jet "
              "velocity to %.3g-%.3g m/s, or give heat_transfer_coefficient_W_per_m2K)",
              (double) Re, (double) DRYING_MARTIN_RE_MIN, (double) DRYING_MARTIN_RE_MAX, (double) (T - 273.15),
              (double) (z->nozzle_velocity * DRYING_MARTIN_RE_MIN / Re),
              (double) (z->nozzle_velocity * DRYING_MARTIN_RE_MAX / Re)));
        if (HD < DRYING_MARTIN_HD_MIN || HD > DRYING_MARTIN_HD_MAX)
          PetscCall(CaseInputError(c, "convective_drying.nozzle_height_mm",
                                   "nozzle height over diameter %g is outside Martin's range [%g, %g]", (double) HD,
                                   (double) DRYING_MARTIN_HD_MIN, (double) DRYING_MARTIN_HD_MAX));
        if (Ar < DRYING_MARTIN_AR_MIN || Ar > DRYING_MARTIN_AR_MAX)
          PetscCall(CaseInputError(c, "convective_drying.nozzle_pitch_mm",
                                   "nozzle open area %.4f is outside Martin's range [%g, %g]", (double) Ar,
                                   (double) DRYING_MARTIN_AR_MIN, (double) DRYING_MARTIN_AR_MAX));
      }
    }
    z->alpha_top = z->top_nozzles ? alpha : cd->alpha_nat;
    z->alpha_bot = z->bottom_nozzles ? alpha : cd->alpha_nat;
    if (!z->top_nozzles && z->alpha_top <= 0.0)
      PetscCall(CaseInputError(c, ZKEY("top_nozzles"),
                               "no heat reaches the coating: the natural-convection coefficient is 0"));
    if (cd->recovery) {
      PetscReal T_stack = T - cd->heat_recovery * (T - cd->T_amb_case);
      if (cd->cw_T > T_stack)
        PetscCall(CaseInputError(c, "convective_drying.cooling_water_temperature_C",
                                 "above the stack gas of zone %d after heat recovery (%g C): the cooling-water stage "
                                 "cannot cool it",
                                 (int) k + 1, (double) (T_stack - 273.15)));
    }
    if (cd->fixed_rule) {
      PetscReal y = z->y_fixed, y_sat = SolventVapourPressure(solvent, T) / cd->pressure;
      if (!(y > DryingVapourFraction(X_amb)))
        PetscCall(CaseInputError(c, ZKEY("air_solvent_mole_fraction"),
                                 "the zone air must hold more %s vapour than the fresh air (mole fraction %g): "
                                 "otherwise no exhaust can carry the solvent away",
                                 solvent->name, (double) DryingVapourFraction(X_amb)));
      if (y >= y_sat)
        PetscCall(CaseInputError(c, ZKEY("air_solvent_mole_fraction"),
                                 "supersaturated: %s vapour saturates air at %g C at a mole fraction of %g",
                                 solvent->name, (double) (T - 273.15), (double) y_sat));
      if (lel > 0.0 && y > cd->lel_fraction * lel)
        PetscCall(CaseInputError(c, ZKEY("air_solvent_mole_fraction"),
                                 "above lel_fraction x LEL = %g x %g = %g: the exhaust would exceed its LEL limit",
                                 (double) cd->lel_fraction, (double) lel, (double) (cd->lel_fraction * lel)));
    } else {
      PetscReal X_set = DryingZoneLimit(cd, solvent, k);
      if (has_y)
        PetscCall(CaseInputError(c, ZKEY("air_solvent_mole_fraction"),
                                 "a fixed zone-air vapour fraction is only used with exhaust_air_rule = "
                                 "\"fixed_vapour_fraction\" (the \"balance\" rule derives it)"));
      if (cd->dew_T > 0.0 && cd->dew_T >= T)
        PetscCall(CaseInputError(c, "convective_drying.air_dew_point_C",
                                 "at or above the air temperature of zone %d (%g C): the zone air would be "
                                 "supersaturated",
                                 (int) k + 1, (double) (T - 273.15)));
      if (!(X_set > X_amb))
        PetscCall(CaseInputError(c,
                                 cd->dew_T > 0.0 ? "convective_drying.air_dew_point_C"
                                 : cd->rh > 0.0  ? "convective_drying.air_relative_humidity_percent"
                                                 : "convective_drying.lel_fraction",
                                 "zone %d would hold less %s vapour (mole fraction %g) than the ambient air (%g): no "
                                 "fresh air could carry the solvent away",
                                 (int) k + 1, solvent->name, (double) DryingVapourFraction(X_set),
                                 (double) DryingVapourFraction(X_amb)));
    }
#undef ZKEY
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ConvectiveDryingSetUp(Stage stage, Web web)
{
  ConvectiveDrying  *cd = (ConvectiveDrying *) stage->data;
  const Formulation *f  = &web->formulation;
  PetscInt           N, *nnz;
  PetscReal          t = 0.0;
  PetscFunctionBeginUser;
  PetscCheck(f->solvent, stage->comm, PETSC_ERR_USER_INPUT,
             "convective_drying needs a wet route: electrode.solvent is \"none\"");
  PetscCheck(web->line_speed > 0, stage->comm, PETSC_ERR_ARG_WRONGSTATE, "The web has no line speed");
  cd->solvent    = f->solvent;
  cd->rho_l      = f->solvent->density;
  cd->cp_l       = f->solvent->cp_liquid;
  cd->cp_solids  = f->solids_cp;
  cd->C_foil     = f->foil->density * f->foil->cp * f->foil_thickness;
  cd->line_speed = web->line_speed;
  cd->width      = web->width;
  cd->T_ref      = web->ambient_temperature;
  cd->T0         = web->temperature > 0.0 ? web->temperature : web->ambient_temperature;
  PetscCall(WebMean(web, web->solids_mass, &cd->m_solids));
  PetscCall(WebMean(web, web->solvent_mass, &cd->m_solvent0));
  PetscCall(WebMean(web, web->thickness, &cd->h_wet0));
  PetscCheck(cd->m_solids > 0 && cd->m_solvent0 > 0, stage->comm, PETSC_ERR_ARG_WRONGSTATE,
             "convective_drying: the incoming web carries no wet coating (solids %g, solvent %g kg/m2)",
             (double) cd->m_solids, (double) cd->m_solvent0);
  cd->m_binder           = f->w_binder * cd->m_solids;
  cd->film.solids_volume = cd->m_solids / f->solids_density;
  for (PetscInt k = 0; k < cd->nzones; k++) {
    cd->zone[k].t_start = t;
    t += cd->zone[k].length / cd->line_speed;
    cd->zone[k].t_end = t;
  }
  cd->t_final = t;
  /* the air system: nozzle air per m2 of electrode and the vapour each zone's fresh air holds */
  cd->X_amb = DryingAmbientRatio(cd, cd->solvent);
  {
    DryingAirSystem *a  = &cd->air;
    PetscReal        Ar = DryingNozzleOpenArea(cd->nozzle_D, cd->nozzle_pitch);
    PetscCall(PetscMemzero(a, sizeof(*a)));
    a->nzones = cd->nzones;
    for (PetscInt k = 0; k < cd->nzones; k++) {
      DryingZone *z         = &cd->zone[k];
      PetscReal   sides     = (z->top_nozzles ? 1.0 : 0.0) + (z->bottom_nozzles ? 1.0 : 0.0);
      z->circulated         = z->nozzle_velocity * Ar * sides * z->length / cd->line_speed;
      z->X_set              = cd->fixed_rule ? DryingVapourRatio(z->y_fixed) : DryingZoneLimit(cd, cd->solvent, k);
      z->y_inf              = cd->fixed_rule ? z->y_fixed : DryingVapourFraction(z->X_set);
      z->solves             = 0;
      a->zone[k].length     = z->length;
      a->zone[k].T_air      = z->air_temperature;
      a->zone[k].circulated = z->circulated;
      a->zone[k].X_set      = z->X_set;
    }
    a->solvent           = cd->solvent;
    a->pressure          = cd->pressure;
    a->T_amb             = cd->T_ref;
    a->X_amb             = cd->X_amb;
    a->line_speed        = cd->line_speed;
    a->width             = cd->width;
    a->recirculation     = cd->recirculation;
    a->cascade           = cd->cascade;
    a->heat_recovery     = cd->heat_recovery;
    a->fan_dp            = cd->fan_dp;
    a->fan_eff           = cd->fan_eff;
    a->wall_U            = cd->wall_U;
    a->wall_area         = cd->wall_area_per_length;
    a->recovery          = cd->recovery;
    a->T_cw              = cd->cw_T;
    a->cw_electricity    = cd->cw_electricity;
    a->T_cond            = cd->condenser_T;
    a->chiller_cop       = cd->chiller_cop;
    a->distillation_heat = cd->distillation_heat;
  }

  PetscCall(LandauGridCreate(cd->ncells, cd->stretch, &cd->grid));
  N = NSCALAR + cd->ncells;
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, N, &cd->U));
  PetscCall(VecDuplicate(cd->U, &cd->Uentry));
  PetscCall(PetscMalloc4(N, &cd->scale, N, &cd->work, N, &cd->rate, N, &cd->wmon));
  {
    PetscReal Cf0         = cd->m_solids * cd->cp_solids + cd->m_solvent0 * cd->cp_l;
    cd->scale[IS_SOLVENT] = cd->scale[IM_EVAP] = cd->m_solvent0;
    cd->scale[IH_FILM] = cd->scale[IH_FOIL] = 100.0 * (Cf0 + cd->C_foil); /* 100 K worth of enthalpy */
    cd->scale[IQ_TOP] = cd->scale[IQ_BOT] = cd->scale[IQ_EVAP] = cd->scale[IQ_LATENT] =
        cd->m_solvent0 * SolventLatentHeat(cd->solvent, cd->T_ref);
    for (PetscInt i = NSCALAR; i < N; i++) cd->scale[i] = cd->m_binder;
  }
  /* true sparsity: scalar rows see the three physical states; binder rows the same plus a tridiagonal block */
  PetscCall(PetscMalloc1(N, &nnz));
  for (PetscInt i = 0; i < N; i++) nnz[i] = i < NSCALAR ? 4 : 6;
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, N, N, 0, nnz, &cd->J));
  PetscCall(PetscFree(nnz));
  for (PetscInt i = 0; i < N; i++) {
    PetscInt    cols[6], nc = 0;
    PetscScalar zeros[6] = {0, 0, 0, 0, 0, 0};
    for (PetscInt j = 0; j < 3; j++) cols[nc++] = j;
    if (i >= 3 && i < NSCALAR) cols[nc++] = i;
    if (i >= NSCALAR) {
      for (PetscInt j = PetscMax(i - 1, NSCALAR); j <= PetscMin(i + 1, N - 1); j++) cols[nc++] = j;
    }
    PetscCall(MatSetValues(cd->J, 1, &i, nc, cols, zeros, INSERT_VALUES));
  }
  PetscCall(MatAssemblyBegin(cd->J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(cd->J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatSetOption(cd->J, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_TRUE));

  PetscCall(TSCreate(PETSC_COMM_SELF, &cd->ts));
  /* solver options: "drying_" after the instance's prefix ("" for the default instance, "<name>_" else) */
  PetscCall(PetscSNPrintf(cd->prefix, sizeof(cd->prefix), "%sdrying_", stage->prefix));
  PetscCall(TSSetOptionsPrefix(cd->ts, cd->prefix));
  PetscCall(TSSetType(cd->ts, TSBDF));
  /* third order: at the same error tolerance 30 % fewer steps than BDF2 on the shipped cases (NMP 763 against 1113)
     with results as close to a tolerance-1e-10 reference (drying time 5e-6, binder index 2e-5 relative); BDF4 is
     faster on the NMP case but slower on the water cases (docs/drying.md, "Time integration") */
  PetscCall(TSBDFSetOrder(cd->ts, 3));
  PetscCall(TSSetIFunction(cd->ts, NULL, DryingIFunction, cd));
  PetscCall(PetscMalloc7(N, &cd->jx, N, &cd->jG0, N, &cd->jGp, 3 * N, &cd->jcol, cd->ncells, &cd->jlo, cd->ncells,
                         &cd->jdi, cd->ncells, &cd->jup));
  {
    PetscBool fd = PETSC_FALSE;
    PetscCall(PetscOptionsGetBool(NULL, cd->prefix, "-jacobian_fd", &fd, NULL));
    if (fd) {
      MatColoring mc;
      ISColoring  iscoloring;
      PetscCall(MatColoringCreate(cd->J, &mc));
      PetscCall(MatColoringSetDistance(mc, 2));
      PetscCall(MatColoringSetType(mc, MATCOLORINGSL));
      PetscCall(MatColoringApply(mc, &iscoloring));
      PetscCall(MatColoringDestroy(&mc));
      PetscCall(MatFDColoringCreate(cd->J, iscoloring, &cd->fdcoloring));
      PetscCall(
          MatFDColoringSetFunction(cd->fdcoloring, (PetscErrorCode(*)(void))(void (*)(void)) DryingFDFunction, cd));
      PetscCall(PetscObjectSetOptionsPrefix((PetscObject) cd->fdcoloring, cd->prefix));
      PetscCall(MatFDColoringSetFromOptions(cd->fdcoloring));
      PetscCall(MatFDColoringSetUp(cd->J, iscoloring, cd->fdcoloring));
      PetscCall(ISColoringDestroy(&iscoloring));
    }
  }
  PetscCall(TSSetIJacobian(cd->ts, cd->J, cd->J, DryingIJacobian, cd));
  PetscCall(TSMonitorSet(cd->ts, DryingMonitor, cd, NULL));
  PetscCall(TSSetMaxTime(cd->ts, cd->t_final));
  PetscCall(TSSetMaxSteps(cd->ts, 1000000));
  PetscCall(TSSetExactFinalTime(cd->ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscCall(TSSetTimeStep(cd->ts, 1e-3));
  {
    PetscInt  dir  = -1;
    PetscBool term = PETSC_FALSE;
    PetscReal tol  = 1e-7;
    PetscCall(TSSetEventHandler(cd->ts, 1, &dir, &term, DryingEventFunction, DryingPostEvent, cd));
    PetscCall(TSSetEventTolerances(cd->ts, 0.0, &tol));
  }
  {
    /* exact (LU) linear solves keep the linear invariants (solvent, energy, binder) to round-off */
    SNES snes;
    KSP  ksp;
    PC   pc;
    PetscCall(TSGetSNES(cd->ts, &snes));
    PetscCall(SNESGetKSP(snes, &ksp));
    /* one Jacobian per time step (modified Newton): the lagged Jacobian is still a Jacobian of the same
       right-hand side, so the linear invariants are kept; it halves the Jacobian evaluations */
    PetscCall(SNESSetLagJacobian(snes, 2));
    /* the Newton iteration starts from the BDF predictor, whose error is the step's local error: reducing the
       residual by 1e-4 leaves a nonlinear error 1e-4 of the error the step controller accepts (the default 1e-8
       took a second Newton iteration in most steps). Each Newton step keeps the linear invariants exactly, so the
       balances still close to round-off. */
    PetscCall(SNESSetTolerances(snes, PETSC_DEFAULT, 1e-4, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT));
    PetscCall(KSPSetType(ksp, KSPPREONLY));
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PCSetType(pc, PCLU));
  }
  {
    /* absolute tolerances of the scaled states */
    Vec          vatol;
    PetscScalar *a;
    PetscCall(VecDuplicate(cd->U, &vatol));
    PetscCall(VecGetArray(vatol, &a));
    for (PetscInt i = 0; i < N; i++) a[i] = 1e-6;
    a[IS_SOLVENT] = 1e-9 * cd->m_solids / cd->m_solvent0; /* 1e-3 ppm of residual solvent */
    a[IH_FILM] = a[IH_FOIL] = 1e-6;                       /* 1e-4 K */
    PetscCall(VecRestoreArray(vatol, &a));
    PetscCall(TSSetTolerances(cd->ts, 0.0, vatol, 1e-6, NULL));
    PetscCall(VecDestroy(&vatol));
  }
  PetscCall(TSSetMaxSNESFailures(cd->ts, -1));
  PetscCall(TSSetFromOptions(cd->ts));
  {
    PetscOptions options;
    PetscCall(PetscObjectGetOptions((PetscObject) cd->ts, &options));
    PetscCall(StageSolverViewersRequested(options, &cd->viewers));
  }
  PetscCall(PetscOptionsGetBool(NULL, cd->prefix, "-monitor_states", &cd->verbose, NULL));
  PetscCall(PetscOptionsGetBool(NULL, cd->prefix, "-monitor_air", &cd->monitor_air, NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode DryingLedger(ConvectiveDrying *cd, const char *sname, Ledger ledger, Summary summary,
                                   PetscReal *tot_heat, PetscReal *tot_el)
{
  DryingAirLedger *l     = &cd->led;
  PetscReal        T_amb = cd->T_ref, M_total = cd->Ufinal[IM_EVAP];
  char             note[160];
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < cd->nzones; k++) cd->air.zone[k].evaporated = cd->zone[k].evaporated;
  PetscCall(DryingAirLedgerCompute(&cd->air, l));
  {
    PetscReal latent = cd->Ufinal[IQ_LATENT];
    PetscReal evap =
        cd->Ufinal[IQ_EVAP]; /* latent + sensible enthalpy of the evaporated liquid (relative to ambient) */
    PetscReal sens_web = cd->Ufinal[IH_FILM] + cd->Ufinal[IH_FOIL] - (cd->U0[IH_FILM] + cd->U0[IH_FOIL]);
    PetscReal evap_min = M_total * SolventLatentHeat(cd->solvent, T_amb);
    PetscReal per_kg   = M_total > 0.0 ? 1.0 / M_total : (PetscReal) NAN;
    PetscCall(PetscSNPrintf(note, sizeof(note),
                            "%.1f g/m2 evaporated; latent part %.3g kJ/m2; minimum = m dHv(T_ambient)",
                            (double) (M_total * 1e3), (double) (latent * 1e-3)));
    PetscCall(LedgerAdd(ledger, sname, "evaporation", ENERGY_THERMAL, evap, PetscMin(evap_min, evap), note));
    PetscCall(LedgerAdd(ledger, sname, "web sensible heat", ENERGY_THERMAL, PetscMax(sens_web, 0.0), 0.0,
                        "coating and foil heated to the exit temperature (recoverable in principle)"));
    PetscCall(
        PetscSNPrintf(note, sizeof(note), "%.3g kg fresh air per m2 (%.0f kg per kg solvent), heat recovery %.0f %%",
                      (double) l->fresh_air, (double) (l->fresh_air * per_kg), (double) (100 * cd->heat_recovery)));
    PetscCall(LedgerAdd(ledger, sname, "exhaust air heating", ENERGY_THERMAL, l->air_heating, 0.0, note));
    PetscCall(LedgerAdd(ledger, sname, "oven wall losses", ENERGY_THERMAL, l->walls, 0.0,
                        "U_wall * wall area * (T_air - T_ambient)"));
    PetscCall(LedgerAdd(ledger, sname, "circulation fans", ENERGY_ELECTRIC, l->fans, 0.0,
                        "nozzle air flow * pressure rise / fan efficiency"));
    *tot_heat = evap + PetscMax(sens_web, 0.0) + l->air_heating + l->walls;
    *tot_el   = l->fans;
    if (cd->recovery) {
      PetscCall(PetscSNPrintf(note, sizeof(note), "%.3g kJ/m2 taken out to %.0f C (%.1f g/m2 condensed)",
                              (double) (l->heat_cw * 1e-3), (double) (cd->cw_T - 273.15),
                              (double) (l->condensed_cw * 1e3)));
      PetscCall(LedgerAdd(ledger, sname, "condenser cooling water", ENERGY_ELECTRIC, l->cw_electricity, 0.0, note));
      PetscCall(PetscSNPrintf(note, sizeof(note), "%.3g kJ/m2 taken out to %.0f C (%.1f g/m2 condensed), COP %.1f",
                              (double) (l->heat_chiller * 1e-3), (double) (cd->condenser_T - 273.15),
                              (double) (l->condensed_chiller * 1e3), (double) cd->chiller_cop));
      PetscCall(LedgerAdd(ledger, sname, "condenser chiller", ENERGY_ELECTRIC, l->chiller_electricity, 0.0, note));
      PetscCall(LedgerAdd(ledger, sname, "solvent distillation", ENERGY_THERMAL, l->distillation, 0.0,
                          "heat per kg of recovered solvent to return it to slurry grade"));
      *tot_heat += l->distillation;
      *tot_el += l->cw_electricity + l->chiller_electricity;
    }
    PetscCall(SummarySet(summary, "dryer_exhaust_air_kg_per_m2", l->stack_air, "kg/m2",
                         "exhaust (= fresh) dry air per m2 of electrode"));
    PetscCall(SummarySet(summary, "dryer_exhaust_air_kg_per_kg_solvent", l->stack_air * per_kg, "kg/kg",
                         "exhaust (= fresh) dry air per kg of solvent evaporated"));
    PetscCall(SummarySet(summary, "dryer_circulated_air_m3_per_m2", l->circulated, "m3/m2",
                         "nozzle air blown per m2 of electrode"));
    PetscCall(SummarySet(summary, "solvent_evaporated_g_per_m2", M_total * 1e3, "g/m2",
                         "solvent evaporated in the dryer per m2 of electrode"));
    if (cd->recovery) {
      PetscCall(SummarySet(summary, "solvent_recovered_g_per_m2", l->recovered * 1e3, "g/m2",
                           "solvent condensed from the exhaust per m2"));
      PetscCall(SummarySet(summary, "solvent_recovery_percent", 100.0 * l->recovered * per_kg, "%",
                           "solvent condensed over solvent evaporated"));
    }
    PetscCall(SummarySet(summary, "drying_energy_MJ_per_kg_solvent", (*tot_heat + *tot_el) * per_kg * 1e-6, "MJ/kg",
                         "heat + electricity booked by convective_drying per kg of solvent evaporated"));
    /* the stack carries away what evaporated and what the fresh air brought in */
    PetscCall(SummaryAddBalance(summary, sname, "exhaust_solvent", l->vapour_in, l->vapour_stack, 0.0));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ConvectiveDryingRun(Stage stage, Web web, Ledger ledger, Summary summary)
{
  ConvectiveDrying *cd = (ConvectiveDrying *) stage->data;
  PetscScalar      *u;
  PetscReal         h_exit, Ttot_heat = 0, Ttot_el = 0;
  DryingPoint       pt;
  DryingSnapshot    snap;
  PetscFunctionBeginUser;
  {
    PetscReal  Cf0 = cd->m_solids * cd->cp_solids + cd->m_solvent0 * cd->cp_l;
    PetscReal *x   = cd->work;
    x[IS_SOLVENT]  = cd->m_solvent0;
    x[IH_FILM]     = Cf0 * (cd->T0 - cd->T_ref);
    x[IH_FOIL]     = cd->C_foil * (cd->T0 - cd->T_ref);
    for (PetscInt i = IQ_TOP; i < NSCALAR; i++) x[i] = 0.0;
    for (PetscInt i = 0; i < cd->ncells; i++) x[NSCALAR + i] = cd->m_binder;
    PetscCall(VecGetArray(cd->U, &u));
    for (PetscInt i = 0; i < NSCALAR + cd->ncells; i++) u[i] = x[i] / cd->scale[i];
    PetscCall(VecRestoreArray(cd->U, &u));
    /* the balances start from the state the integrator actually holds */
    PetscCall(VecGetArray(cd->U, &u));
    x = (PetscReal *) DryingUnscale(cd, u, cd->work);
    PetscCall(VecRestoreArray(cd->U, &u));
    for (PetscInt i = 0; i < NSCALAR; i++) cd->U0[i] = x[i];
    cd->binder0 = 0.0;
    for (PetscInt i = 0; i < cd->ncells; i++) cd->binder0 += x[NSCALAR + i] * cd->grid->dx[i];
  }
  cd->izone        = 0;
  cd->dried        = PETSC_FALSE;
  cd->drying_time  = 0;
  cd->dryer_length = 0;
  cd->ncurve       = 0;
  cd->peak_flux    = 0;
  cd->Pe_max       = 0;
  cd->Pe_cell_max  = 0;
  PetscCall(TSSetStepNumber(cd->ts, 0));
  /* zone by zone: each zone starts from the exit state of the one before; with the balance rule a zone
     whose least make-up air binds is integrated again until its air and its evaporation agree */
  DryingTakeSnapshot(cd, 1e-3, &snap);
  for (PetscInt k = 0; k < cd->nzones; k++) {
    PetscCall(VecCopy(cd->U, cd->Uentry));
    if (cd->fixed_rule)
      PetscCall(DryingIntegrateZone(cd, k, cd->zone[k].y_fixed, &snap));
    else
      PetscCall(DryingSolveZoneAir(cd, k, &snap));
    if (k == 0)
      PetscCall(DryingWetBulbTemperature(cd->solvent, cd->zone[0].alpha_top, cd->solvent->lewis_number,
                                         cd->zone[0].air_temperature, cd->pressure, cd->zone[0].y_inf, &cd->T_wb1));
    {
      PetscReal dt;
      PetscCall(TSGetTimeStep(cd->ts, &dt));
      if (cd->monitor_air)
        PetscCall(PetscPrintf(PETSC_COMM_SELF, "drying zone %d: next time step %g s\n", (int) k + 1, (double) dt));
      DryingTakeSnapshot(cd, dt, &snap);
    }
  }
  {
    const PetscReal *x;
    PetscCall(VecGetArray(cd->U, &u));
    x = DryingUnscale(cd, u, cd->work);
    PetscCall(VecRestoreArray(cd->U, &u));
    for (PetscInt i = 0; i < NSCALAR; i++) cd->Ufinal[i] = x[i];
    DryingEvaluatePoint(cd, &cd->zone[cd->nzones - 1], x, &pt);
    h_exit = pt.film.h;
    PetscCall(PetscFree(cd->binder_profile));
    PetscCall(PetscMalloc1(cd->ncells, &cd->binder_profile));
    cd->binder_final = 0.0;
    for (PetscInt i = 0; i < cd->ncells; i++) cd->binder_final += x[NSCALAR + i] * cd->grid->dx[i];
    for (PetscInt i = 0; i < cd->ncells; i++) cd->binder_profile[i] = x[NSCALAR + i] / cd->binder_final;
    cd->binder_index = LandauGridTopFraction(cd->grid, cd->binder_profile, 0.9) / 0.1;
    cd->binder_min   = cd->binder_profile[0];
    for (PetscInt i = 0; i < cd->ncells; i++) cd->binder_min = PetscMin(cd->binder_min, cd->binder_profile[i]);
  }
  cd->ran = PETSC_TRUE;

  /* web out: the cross-web profile scales with the mean */
  {
    PetscReal thick_scale = h_exit / cd->h_wet0, solv_scale = cd->Ufinal[IS_SOLVENT] / cd->m_solvent0;
    PetscReal porosity = 1.0 - cd->film.solids_volume / h_exit;
    for (PetscInt j = 0; j < web->ny; j++) {
      web->thickness[j] *= thick_scale;
      web->solvent_mass[j] *= solv_scale;
      web->porosity[j] = porosity;
    }
    web->temperature            = (pt.C_f * pt.T_f + cd->C_foil * pt.T_b) / (pt.C_f + cd->C_foil);
    web->binder_migration_index = cd->binder_index;
  }
  PetscCall(DryingLedger(cd, stage->name, ledger, summary, &Ttot_heat, &Ttot_el));
  {
    PetscReal ppm = cd->Ufinal[IS_SOLVENT] / cd->m_solids * 1e6;
    PetscCall(SummarySet(
        summary, "drying_time_s", cd->dried ? cd->drying_time : (PetscReal) NAN, "s",
        "time until the residual solvent falls below the end-of-drying criterion (NaN: not dry in the dryer)"));
    PetscCall(SummarySet(summary, "dryer_length_m", cd->dried ? cd->dryer_length : (PetscReal) NAN, "m",
                         "dryer length needed to reach the end-of-drying criterion (NaN: not dry in the dryer)"));
    PetscCall(SummarySet(summary, "dried_within_dryer", cd->dried ? 1.0 : 0.0, "-",
                         "1 if the film reached the end criterion"));
    PetscCall(
        SummarySet(summary, "dryer_total_length_m", cd->t_final * cd->line_speed, "m", "sum of the zone lengths"));
    PetscCall(
        SummarySet(summary, "residual_solvent_ppm", ppm, "ppm", "solvent mass per dry coating mass at the dryer exit"));
    PetscCall(SummarySet(summary, "binder_migration_index", cd->binder_index, "-",
                         "binder in the top 10 % of the dry film over 10 % of the total (1 = uniform)"));
    PetscCall(SummarySet(summary, "peak_evaporation_rate_g_per_m2s", cd->peak_flux * 1e3, "g/(m2 s)",
                         "highest evaporation flux"));
    PetscCall(SummarySet(summary, "wet_bulb_temperature_C", cd->T_wb1 - 273.15, "C",
                         "wet-bulb temperature of the film in zone 1 (top heating)"));
    PetscCall(SummarySet(summary, "dryer_exit_film_temperature_C", pt.T_f - 273.15, "C",
                         "coating temperature at the dryer exit"));
    PetscCall(SummarySet(summary, "binder_peclet_max", cd->Pe_max, "-", "largest m'' h / (rho_l D_b) during drying"));
    PetscCall(SummarySet(summary, "binder_fraction_min", cd->binder_min, "-",
                         "lowest binder fraction (over the mean) in the dry film"));
    PetscCall(SummarySet(
        summary, "binder_cell_peclet_max", cd->Pe_cell_max, "-",
        "largest cell Peclet number of the binder equation where the binder moves (central fluxes: < 2 is clean)"));
    PetscCall(SummarySet(summary, "drying_heat_MJ_per_m2", Ttot_heat * 1e-6, "MJ/m2",
                         "heat booked by convective_drying per m2 of electrode"));
    PetscCall(SummarySet(summary, "drying_electricity_MJ_per_m2", Ttot_el * 1e-6, "MJ/m2",
                         "electricity booked by convective_drying per m2"));
    PetscCall(SummaryAddBalance(summary, stage->name, "solvent_mass", cd->m_solvent0, cd->Ufinal[IM_EVAP],
                                cd->Ufinal[IS_SOLVENT]));
    PetscCall(SummaryAddBalance(summary, stage->name, "binder_mass", cd->binder0, 0.0, cd->binder_final));
    PetscCall(SummaryAddBalance(summary, stage->name, "energy", cd->Ufinal[IQ_TOP] + cd->Ufinal[IQ_BOT],
                                cd->Ufinal[IQ_EVAP],
                                cd->Ufinal[IH_FILM] + cd->Ufinal[IH_FOIL] - cd->U0[IH_FILM] - cd->U0[IH_FOIL]));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ConvectiveDryingView(Stage stage, PetscViewer v)
{
  ConvectiveDrying *cd = (ConvectiveDrying *) stage->data;
  PetscBool         ascii;
  PetscFunctionBeginUser;
  PetscCall(PetscObjectTypeCompare((PetscObject) v, PETSCVIEWERASCII, &ascii));
  if (!ascii) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPrintf(
      v, "convective_drying: %" PetscInt_FMT " zones, %.1f m at %.1f m/min, %" PetscInt_FMT " binder cells\n",
      cd->nzones, (double) (cd->t_final * cd->line_speed), (double) (cd->line_speed * 60), cd->ncells));
  PetscCall(PetscViewerASCIIPrintf(v, "  zone  length  T_air  alpha_top alpha_bot  evaporated  film T exit  residual"
                                      "   zone air  fresh air  recirc.  solves\n"));
  PetscCall(PetscViewerASCIIPrintf(v, "           m      C     W/m2K     W/m2K      g/m2         C          ppm"
                                      "      mol%%      kg/m2        %%\n"));
  for (PetscInt k = 0; k < cd->nzones; k++) {
    DryingZone    *z = &cd->zone[k];
    DryingZoneAir *a = &cd->led.zone[k];
    PetscCall(PetscViewerASCIIPrintf(v, "  %3" PetscInt_FMT "  %6.1f %6.1f %9.1f %9.1f %10.2f %11.1f %12.4g", k + 1,
                                     (double) z->length, (double) (z->air_temperature - 273.15), (double) z->alpha_top,
                                     (double) z->alpha_bot, (double) (z->evaporated * 1e3),
                                     (double) (z->T_film_exit - 273.15), (double) z->residual_ppm_exit));
    if (cd->ran)
      PetscCall(PetscViewerASCIIPrintf(v, " %10.4f %10.4f %8.1f %7" PetscInt_FMT "\n", (double) (100 * z->y_inf),
                                       (double) (a->fresh * AIR_MOLAR_MASS), (double) (100 * a->recirculated),
                                       z->solves));
    else
      PetscCall(PetscViewerASCIIPrintf(v, "\n"));
  }
  if (cd->ran) {
    const DryingAirLedger *l = &cd->led;
    PetscCall(PetscViewerASCIIPrintf(v,
                                     "  air (%s rule): %.3g kg of fresh air per m2 = %.1f kg per kg of %s; "
                                     "%.3g m3/m2 through the nozzles\n",
                                     cd->fixed_rule ? "fixed vapour fraction" : "balance", (double) l->fresh_air,
                                     (double) (l->fresh_air / cd->Ufinal[IM_EVAP]), cd->solvent->name,
                                     (double) l->circulated));
    for (PetscInt k = 0; k < cd->nzones; k++)
      if (cd->led.zone[k].recirculated < 0.0)
        PetscCall(PetscViewerASCIIPrintf(v,
                                         "  NOTE: zone %" PetscInt_FMT " takes more make-up air than its nozzles "
                                         "blow (%.0f %%): the jets alone cannot carry its vapour at the limit\n",
                                         k + 1, (double) (100 * (1.0 - cd->led.zone[k].recirculated))));
    if (cd->recovery)
      PetscCall(PetscViewerASCIIPrintf(v,
                                       "  condenser: %.1f g/m2 to cooling water at %.0f C, %.2f g/m2 to the chiller at "
                                       "%.0f C; %.2f %% of the evaporated solvent recovered\n",
                                       (double) (l->condensed_cw * 1e3), (double) (cd->cw_T - 273.15),
                                       (double) (l->condensed_chiller * 1e3), (double) (cd->condenser_T - 273.15),
                                       (double) (100 * l->recovered / cd->Ufinal[IM_EVAP])));
  }
  if (!cd->ran) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPrintf(v,
                                   "  wet-bulb temperature in zone 1: %.1f C; peak evaporation %.2f g/(m2 s); binder "
                                   "Peclet up to %.2g (cell %.2g)\n",
                                   (double) (cd->T_wb1 - 273.15), (double) (cd->peak_flux * 1e3), (double) cd->Pe_max,
                                   (double) cd->Pe_cell_max));
  if (cd->dried)
    PetscCall(PetscViewerASCIIPrintf(
        v, "  dry (%.0f ppm) after %.2f s = %.2f m of dryer; exit residual %.3g ppm; binder migration index %.3f\n",
        (double) cd->end_ppm, (double) cd->drying_time, (double) cd->dryer_length,
        (double) (cd->Ufinal[IS_SOLVENT] / cd->m_solids * 1e6), (double) cd->binder_index));
  else
    PetscCall(PetscViewerASCIIPrintf(
        v,
        "  WARNING: NOT DRY at the dryer exit: %.4g ppm residual solvent (criterion %.0f ppm); dryer_length_m = NaN\n",
        (double) (cd->Ufinal[IS_SOLVENT] / cd->m_solids * 1e6), (double) cd->end_ppm));
  PetscFunctionReturn(0);
}

static PetscErrorCode ConvectiveDryingWriteFields(Stage stage, PetscViewer h5)
{
  ConvectiveDrying *cd = (ConvectiveDrying *) stage->data;
  char              group[80];
  PetscFunctionBeginUser;
  if (!cd->ran) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(group, sizeof(group), "/%s", stage->name));
  {
    PetscInt dims[2] = {cd->ncurve, CURVE_COLS};
    PetscCall(H5WriteArray(
        h5, group, "drying_curve", 2, dims, cd->curve, "s, kg/m2, K, K, kg/(m2 s), m, -",
        "accepted time steps: time, solvent mass, film T, foil T, evaporation rate, film thickness, zone index"));
  }
  {
    PetscInt dims[1] = {cd->ncells};
    PetscCall(
        H5WriteArray(h5, group, "binder_xi", 1, dims, cd->grid->xc, "-", "cell centres, xi = z / h (0 foil, 1 top)"));
    PetscCall(H5WriteArray(h5, group, "binder_fraction", 1, dims, cd->binder_profile, "-",
                           "binder per unit xi over the mean in the dry film (1 = uniform)"));
  }
  {
    PetscReal *tab;
    PetscInt   dims[2] = {cd->nzones, ZONE_COLS};
    PetscCall(PetscMalloc1(cd->nzones * ZONE_COLS, &tab));
    for (PetscInt k = 0; k < cd->nzones; k++) {
      DryingZone    *z              = &cd->zone[k];
      DryingZoneAir *a              = &cd->led.zone[k];
      PetscReal      row[ZONE_COLS] = {z->t_start * cd->line_speed,
                                       z->t_end * cd->line_speed,
                                       z->air_temperature,
                                       z->alpha_top,
                                       z->alpha_bot,
                                       z->evaporated,
                                       z->heat_in,
                                       z->T_film_exit,
                                       z->residual_ppm_exit,
                                       z->circulated,
                                       z->y_inf,
                                       a->fresh * AIR_MOLAR_MASS,
                                       a->stack * AIR_MOLAR_MASS,
                                       a->passed * AIR_MOLAR_MASS,
                                       a->air_heating,
                                       a->fan,
                                       a->wall,
                                       a->recirculated};
      for (PetscInt j = 0; j < ZONE_COLS; j++) tab[k * ZONE_COLS + j] = row[j];
    }
    PetscCall(H5WriteArray(
        h5, group, "zones", 2, dims, tab,
        "m, m, K, W/(m2 K), W/(m2 K), kg/m2, J/m2, K, ppm, m3/m2, -, kg/m2, kg/m2, kg/m2, J/m2, J/m2, J/m2, -",
        "per zone: start, end, air T, alpha top, alpha bottom, evaporated, heat into the web, film T at exit, "
        "residual at exit, nozzle air, zone-air vapour mole fraction, fresh air, stack air, air passed to the next "
        "zone, exhaust heating, fans, wall loss, recirculated share of the nozzle air"));
    PetscCall(PetscFree(tab));
  }
  PetscCall(H5WriteScalar(h5, group, "drying_time", cd->dried ? cd->drying_time : (PetscReal) NAN, "s",
                          "time to the end-of-drying criterion"));
  PetscFunctionReturn(0);
}

static PetscErrorCode ConvectiveDryingDestroy(Stage stage)
{
  ConvectiveDrying *cd = (ConvectiveDrying *) stage->data;
  PetscFunctionBeginUser;
  PetscCall(TSDestroy(&cd->ts));
  PetscCall(VecDestroy(&cd->U));
  PetscCall(VecDestroy(&cd->Uentry));
  PetscCall(MatFDColoringDestroy(&cd->fdcoloring));
  PetscCall(MatDestroy(&cd->J));
  PetscCall(LandauGridDestroy(&cd->grid));
  PetscCall(PetscFree(cd->curve));
  PetscCall(PetscFree(cd->binder_profile));
  PetscCall(PetscFree4(cd->scale, cd->work, cd->rate, cd->wmon));
  PetscCall(PetscFree7(cd->jx, cd->jG0, cd->jGp, cd->jcol, cd->jlo, cd->jdi, cd->jup));
  PetscCall(PetscFree(stage->data));
  PetscFunctionReturn(0);
}

PetscErrorCode ConvectiveDryingGetZoneResults(Stage stage, PetscInt *nzones, ConvectiveDryingZoneResult res[])
{
  ConvectiveDrying *cd;
  PetscFunctionBeginUser;
  PetscCheck(stage->ops.run == ConvectiveDryingRun, stage->comm, PETSC_ERR_ARG_WRONG,
             "stage %s is not a convective_drying stage", stage->name);
  cd = (ConvectiveDrying *) stage->data;
  PetscCheck(cd->ran, stage->comm, PETSC_ERR_ARG_WRONGSTATE, "convective_drying has not run");
  PetscCheck(*nzones >= cd->nzones, stage->comm, PETSC_ERR_ARG_SIZ,
             "room for %" PetscInt_FMT " zones, need %" PetscInt_FMT, *nzones, cd->nzones);
  *nzones = cd->nzones;
  for (PetscInt k = 0; k < cd->nzones; k++) {
    res[k].evaporated  = cd->zone[k].evaporated;
    res[k].heat_in     = cd->zone[k].heat_in;
    res[k].T_film_exit = cd->zone[k].T_film_exit;
    res[k].T_foil_exit = cd->zone[k].T_foil_exit;
    res[k].y_inf       = cd->zone[k].y_inf;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode StageCreate_ConvectiveDrying(Stage stage)
{
  ConvectiveDrying *cd;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&cd));
  stage->data            = cd;
  stage->ops.setfromcase = ConvectiveDryingSetFromCase;
  stage->ops.setup       = ConvectiveDryingSetUp;
  stage->ops.run         = ConvectiveDryingRun;
  stage->ops.view        = ConvectiveDryingView;
  stage->ops.writefields = ConvectiveDryingWriteFields;
  stage->ops.destroy     = ConvectiveDryingDestroy;
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------- */
#define Z(k) "convective_drying.zones.[]." k
static const char *const NozzleCorrelations[] = {"single", "array", NULL};
static const char *const ExhaustAirRules[]    = {"balance", "fixed_vapour_fraction", NULL};

const CaseKeySpec ConvectiveDryingKeys[] = {
    {Z("length_m"), CASE_REAL, "m", 0.1, 100.0, PETSC_TRUE, 0, NULL, "oven zones are a few metres to ~20 m long",
     "length of this dryer zone", CASE_FIELD(DryingZone, length)},
    {Z("air_temperature_C"), CASE_REAL, "C", 20.0, 250.0, PETSC_TRUE, 0, NULL,
     "electrode ovens run 50-160 C; above ~250 C binders degrade", "nozzle air temperature of this zone",
     CASE_FIELD(DryingZone, air_temperature)},
    {Z("heat_transfer_coefficient_W_per_m2K"), CASE_REAL, "W_per_m2K", 1.0, 1000.0, PETSC_FALSE, 0, NULL,
     "natural convection ~5, impingement dryers 20-200 W/(m2 K)",
     "if given: overrides the nozzle correlation for the nozzle sides", CASE_FIELD(DryingZone, alpha_key)},
    {Z("nozzle_velocity_m_per_s"), CASE_REAL, "m_per_s", 0.5, 60.0, PETSC_FALSE, 15.0, NULL,
     "impingement nozzles blow at 5-40 m/s", "jet velocity (Martin correlation and circulated air volume)",
     CASE_FIELD(DryingZone, nozzle_velocity)},
    {Z("air_solvent_mole_fraction"), CASE_REAL, "-", 0.0, 0.5, PETSC_FALSE, 0.0, NULL,
     "mole fraction, above the fresh air's, below saturation and lel_fraction x LEL",
     "exhaust_air_rule = \"fixed_vapour_fraction\" only: solvent vapour in this zone's air",
     CASE_FIELD(DryingZone, y_fixed)},
    {Z("top_nozzles"), CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1.0, NULL, "true/false", "nozzles blow on the coating",
     CASE_FIELD(DryingZone, top_nozzles)},
    {Z("bottom_nozzles"), CASE_BOOL, "-", 0, 0, PETSC_FALSE, 1.0, NULL, "true/false",
     "nozzles blow on the foil side (floating dryer); false: natural convection only",
     CASE_FIELD(DryingZone, bottom_nozzles)},
    {"convective_drying.dry_porosity", CASE_REAL, "-", 0.2, 0.8, PETSC_FALSE, 0.45, NULL,
     "uncalendered electrodes are 40-55 % porous",
     "porosity of the consolidated film at the end of shrinkage (UNCONFIRMED default)",
     CASE_FIELD(ConvectiveDrying, film.dry_porosity)},
    {"convective_drying.critical_saturation", CASE_REAL, "-", 1e-6, 1.0, PETSC_FALSE, 0.3, NULL,
     "pore saturation at which the top surface starts to dry out",
     "below it a dry top layer adds vapour-diffusion resistance (UNCONFIRMED default)",
     CASE_FIELD(ConvectiveDrying, film.critical_saturation)},
    {"convective_drying.residual_saturation", CASE_REAL, "-", 1e-8, 0.01, PETSC_FALSE, 1e-4, NULL,
     "the last solvent is held in fine pores; must be well below the end criterion",
     "solvent activity a = S / (S + S_r)", CASE_FIELD(ConvectiveDrying, film.residual_saturation)},
    {"convective_drying.pore_tortuosity", CASE_REAL, "-", 1.0, 20.0, PETSC_FALSE, 2.0, NULL,
     "Bruggeman eps^-0.5 gives ~1.5 at 45 % porosity; electrodes measure 2-5",
     "tortuosity of the dry top layer for vapour diffusion (UNCONFIRMED)",
     CASE_FIELD(ConvectiveDrying, film.tortuosity)},
    {"convective_drying.film_thermal_conductivity_W_per_mK", CASE_REAL, "W_per_mK", 0.05, 5.0, PETSC_FALSE, 0.5, NULL,
     "dry electrode layers 0.13-0.61 W/(m K), wet >= 2x (Richter et al. 2017)",
     "thermal conductivity of the wet coating", CASE_FIELD(ConvectiveDrying, k_film)},
    {"convective_drying.binder_diffusivity_m2_per_s", CASE_REAL, "m2_per_s", 1e-14, 1e-7, PETSC_FALSE, 1e-10, NULL,
     "polymer in solvent 1e-11-1e-9 m2/s, hindered in the particle packing",
     "diffusivity of dissolved binder in the film liquid (UNCONFIRMED)", CASE_FIELD(ConvectiveDrying, D_b)},
    {"convective_drying.binder_gel_saturation", CASE_REAL, "-", 1e-4, 0.5, PETSC_FALSE, 0.01, NULL,
     "regularisation: must stay well below the critical saturation",
     "liquid saturation scale below which the binder stops moving", CASE_FIELD(ConvectiveDrying, S_gel)},
    {"convective_drying.binder_gel_concentration_kg_per_m3", CASE_REAL, "kg_per_m3", 0.0, 1000.0, PETSC_FALSE, 150.0,
     NULL, "PVDF/NMP solutions gel near 10-20 wt% (UNCONFIRMED); 0 switches gelation off",
     "binder concentration in the liquid at which the binder stops moving", CASE_FIELD(ConvectiveDrying, c_gel)},
    {"convective_drying.binder_cells", CASE_INT, "-", 4, 4000, PETSC_FALSE, 60, NULL,
     "the binder boundary layer needs >= ~20 cells", "cells of the Landau grid through the film",
     CASE_FIELD(ConvectiveDrying, ncells)},
    {"convective_drying.grid_stretching", CASE_REAL, "-", 0.0, 4.0, PETSC_FALSE, 1.5, NULL,
     "0 uniform; 4 gives ~60x smaller top cells", "tanh clustering of cells towards the top surface",
     CASE_FIELD(ConvectiveDrying, stretch)},
    {"convective_drying.end_of_drying_residual_ppm", CASE_REAL, "ppm", 1.0, 1e5, PETSC_FALSE, 1000.0, NULL,
     "residual solvent specifications of dried electrodes are ~100-1000 ppm",
     "end of drying: solvent per dry coating mass", CASE_FIELD(ConvectiveDrying, end_ppm)},
    {"convective_drying.nozzle_diameter_mm", CASE_REAL, "mm", 1.0, 30.0, PETSC_FALSE, 5.0, NULL,
     "round-nozzle fields use 3-10 mm", "round nozzle diameter", CASE_FIELD(ConvectiveDrying, nozzle_D)},
    {"convective_drying.nozzle_pitch_mm", CASE_REAL, "mm", 5.0, 300.0, PETSC_FALSE, 30.0, NULL,
     "Martin: open area 0.4-4 %", "square nozzle pitch", CASE_FIELD(ConvectiveDrying, nozzle_pitch)},
    {"convective_drying.nozzle_height_mm", CASE_REAL, "mm", 2.0, 200.0, PETSC_FALSE, 20.0, NULL, "Martin: H/D = 2-12",
     "nozzle exit to web distance", CASE_FIELD(ConvectiveDrying, nozzle_H)},
    {"convective_drying.nozzle_correlation", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "single", NULL,
     "Martin single-nozzle form per nozzle cell (CONFIRMED) or the array form (UNCONFIRMED)",
     CASE_FIELD(ConvectiveDrying, correlation), NozzleCorrelations},
    {"convective_drying.natural_convection_W_per_m2K", CASE_REAL, "W_per_m2K", 0.0, 30.0, PETSC_FALSE, 5.0, NULL,
     "free convection in still oven air is 2-10 W/(m2 K)", "heat transfer on a side without nozzles",
     CASE_FIELD(ConvectiveDrying, alpha_nat)},
    {"convective_drying.exhaust_air_rule", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "balance", NULL,
     "fresh air per zone from the vapour balance at the LEL / humidity limit, or from a fixed zone-air vapour "
     "fraction",
     CASE_FIELD(ConvectiveDrying, exhaust_rule), ExhaustAirRules},
    {"convective_drying.recirculation_fraction", CASE_REAL, "-", 0.0, 0.99, PETSC_FALSE, 0.9, NULL,
     "ovens recirculate most nozzle air (UNCONFIRMED default)",
     "largest recirculated share of the nozzle air: the make-up air is at least (1 - r) of it",
     CASE_FIELD(ConvectiveDrying, recirculation)},
    {"convective_drying.air_cascade_fraction", CASE_REAL, "-", 0.0, 0.9, PETSC_FALSE, 0.0, NULL,
     "0: every zone exhausts to the stack", "share of each zone's outgoing air passed on to the next zone",
     CASE_FIELD(ConvectiveDrying, cascade)},
    {"convective_drying.lel_fraction", CASE_REAL, "-", 0.05, 0.5, PETSC_FALSE, 0.25, NULL,
     "plants are said to run near 25 % of the LEL (UNCONFIRMED)",
     "largest zone-air solvent concentration over the LEL (flammable solvents)",
     CASE_FIELD(ConvectiveDrying, lel_fraction)},
    {"convective_drying.lel_vol_percent", CASE_REAL, "vol_percent", 0.0, 10.0, PETSC_FALSE, 0.0, NULL,
     "NMP: 1.0-1.3 vol%, lower when hot; 0 = take materials.cfg", "lower explosive limit override",
     CASE_FIELD(ConvectiveDrying, lel_override)},
    {"convective_drying.air_dew_point_C", CASE_REAL, "C", -20.0, 95.0, PETSC_FALSE, NAN, NULL,
     "below every zone's air temperature, above the ambient air's dew point",
     "balance rule: largest solvent vapour in the zone air, as its dew point (no default)",
     CASE_FIELD(ConvectiveDrying, dew_T)},
    {"convective_drying.air_relative_humidity_percent", CASE_REAL, "percent", 1.0, 95.0, PETSC_FALSE, 0, NULL,
     "below saturation; above the ambient air's vapour",
     "balance rule: largest solvent vapour in each zone's air, relative to saturation at its temperature (no "
     "default)",
     CASE_FIELD(ConvectiveDrying, rh)},
    {"convective_drying.ambient_relative_humidity_percent", CASE_REAL, "percent", 0.0, 100.0, PETSC_FALSE, 50.0, NULL,
     "indoor air 30-70 %", "humidity of the fresh air taken in (used when the solvent is water)",
     CASE_FIELD(ConvectiveDrying, ambient_rh)},
    {"convective_drying.heat_recovery_efficiency", CASE_REAL, "-", 0.0, 0.9, PETSC_FALSE, 0.0, NULL,
     "air-to-air recuperators recover 40-70 % (vendor claims, UNCONFIRMED)", "exhaust-to-fresh-air heat recovery",
     CASE_FIELD(ConvectiveDrying, heat_recovery)},
    {"convective_drying.fan_pressure_rise_Pa", CASE_REAL, "Pa", 100.0, 10000.0, PETSC_FALSE, 1500.0, NULL,
     "nozzle boxes need 0.5-3 kPa (UNCONFIRMED)", "total pressure rise of the circulation fans",
     CASE_FIELD(ConvectiveDrying, fan_dp)},
    {"convective_drying.fan_efficiency", CASE_REAL, "-", 0.2, 0.9, PETSC_FALSE, 0.6, NULL, "fan + motor 0.5-0.75",
     "electric to air power", CASE_FIELD(ConvectiveDrying, fan_eff)},
    {"convective_drying.wall_heat_transfer_coefficient_W_per_m2K", CASE_REAL, "W_per_m2K", 0.05, 10.0, PETSC_FALSE, 0.5,
     NULL, "100 mm mineral wool gives ~0.4 W/(m2 K)", "oven wall U value", CASE_FIELD(ConvectiveDrying, wall_U)},
    {"convective_drying.wall_area_per_length_m", CASE_REAL, "m", 0.5, 20.0, PETSC_FALSE, 5.0, NULL,
     "oven housing perimeter, ~2 x (width + height) + margins", "oven wall area per metre of dryer",
     CASE_FIELD(ConvectiveDrying, wall_area_per_length)},
    {"convective_drying.solvent_recovery", CASE_BOOL, "-", 0, 0, PETSC_FALSE, 0.0, NULL, "true/false",
     "condense and distil the solvent from the exhaust (NMP lines)", CASE_FIELD(ConvectiveDrying, recovery)},
    {"convective_drying.cooling_water_temperature_C", CASE_REAL, "C", 5.0, 60.0, PETSC_FALSE, 30.0, NULL,
     "cooling-tower water 25-32 C gives gas at ~30-35 C (UNCONFIRMED)",
     "condenser stage 1: the stack gas is cooled to this temperature by cooling water",
     CASE_FIELD(ConvectiveDrying, cw_T)},
    {"convective_drying.cooling_water_electricity_ratio", CASE_REAL, "-", 0.0, 0.2, PETSC_FALSE, 0.02, NULL,
     "pumps + cooling-tower fans ~1-3 % of the heat rejected (UNCONFIRMED)",
     "electricity per heat taken out by the cooling-water stage", CASE_FIELD(ConvectiveDrying, cw_electricity)},
    {"convective_drying.condenser_temperature_C", CASE_REAL, "C", -30.0, 60.0, PETSC_FALSE, 10.0, NULL,
     "chilled-water condensers run 5-15 C (UNCONFIRMED)",
     "condenser stage 2: the chiller cools the gas on to this temperature; the vapour left sets the recovery",
     CASE_FIELD(ConvectiveDrying, condenser_T)},
    {"convective_drying.chiller_cop", CASE_REAL, "-", 0.5, 10.0, PETSC_FALSE, 3.0, NULL, "water chillers: COP 3-6",
     "cooling per electricity of the condenser chiller", CASE_FIELD(ConvectiveDrying, chiller_cop)},
    {"convective_drying.distillation_heat_MJ_per_kg", CASE_REAL, "MJ_per_kg", 0.0, 20.0, PETSC_FALSE, 2.0, NULL,
     "reboiler heat ~1-4 MJ per kg of purified solvent (UNCONFIRMED)",
     "heat to distil recovered solvent back to slurry grade", CASE_FIELD(ConvectiveDrying, distillation_heat)},
};
#undef Z
const PetscInt ConvectiveDryingNumKeys = PETSC_STATIC_ARRAY_LENGTH(ConvectiveDryingKeys);
