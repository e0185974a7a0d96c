/* Air side and energy ledger of the convective dryer; equations and sources in docs/energy_wet.md. */
#include "drying_ledger.h"

PetscReal DryingVapourRatio(PetscReal y)
{
  return y / (1.0 - y);
}

PetscReal DryingVapourFraction(PetscReal X)
{
  return X / (1.0 + X);
}

PetscReal DryingSaturationRatio(const Solvent *s, PetscReal T, PetscReal p)
{
  PetscReal ps = SolventVapourPressure(s, T);
  return ps < p ? ps / (p - ps) : PETSC_INFINITY;
}

void DryingZoneAirBalance(const DryingZoneAirIn *in, DryingZoneAirOut *out)
{
  PetscReal floor = PetscMax(in->n_min - in->carried, 0.0), air = floor + in->carried;
  out->need = (in->evaporated + in->carried * (in->X_carried - in->X_set)) / (in->X_set - in->X_amb);
  /* no make-up air at all (no nozzles, nothing carried in): the zone air is at its limit by definition */
  out->X_floor = air > 0.0 ? (floor * in->X_amb + in->carried * in->X_carried + in->evaporated) / air : in->X_set;
  if (out->need >= floor) {
    out->fresh = out->need;
    out->X     = in->X_set;
  } else {
    out->fresh = floor;
    out->X     = out->X_floor;
  }
  out->out = out->fresh + in->carried;
}

void DryingCondenserStage(const Solvent *s, PetscReal p, PetscInt n, const PetscReal air[], const PetscReal vapour[],
                          const PetscReal T_in[], PetscReal T_out, PetscReal *condensed, PetscReal *heat)
{
  PetscReal A = 0.0, V = 0.0, Q = 0.0, c;
  for (PetscInt k = 0; k < n; k++) {
    PetscReal cp_air = AIR_MOLAR_MASS * AirHeatCapacity(0.5 * (T_in[k] + T_out)); /* J/(mol K) */
    A += air[k];
    V += vapour[k];
    Q += (air[k] * cp_air + vapour[k] * s->molar_mass * s->cp_vapour) * (T_in[k] - T_out);
  }
  c          = PetscMax(V - A * DryingSaturationRatio(s, T_out, p), 0.0); /* mol */
  *condensed = c;
  *heat      = Q + c * s->molar_mass * SolventLatentHeat(s, T_out);
}

PetscErrorCode DryingAirLedgerCompute(const DryingAirSystem *s, DryingAirLedger *l)
{
  const PetscReal M_s = s->solvent->molar_mass, Ar = AIR_MOLAR_MASS;
  PetscReal       passed = 0.0, X_passed = s->X_amb, T_prev = s->T_amb;
  PetscReal       air[DRYING_MAX_ZONES], vap[DRYING_MAX_ZONES], T_in[DRYING_MAX_ZONES];
  PetscFunctionBeginUser;
  PetscCheck(s->nzones >= 1 && s->nzones <= DRYING_MAX_ZONES, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "DryingAirLedgerCompute: %" PetscInt_FMT " zones (1 to %d)", s->nzones, DRYING_MAX_ZONES);
  PetscCall(PetscMemzero(l, sizeof(*l)));
  for (PetscInt k = 0; k < s->nzones; k++) {
    const DryingLedgerZone *z  = &s->zone[k];
    DryingZoneAir          *a  = &l->zone[k];
    PetscReal               tz = z->length / s->line_speed;
    DryingZoneAirIn         in;
    DryingZoneAirOut        out;
    a->n_circ     = AirDensity(z->T_air, s->pressure) * z->circulated / Ar;
    a->n_min      = (1.0 - s->recirculation) * a->n_circ;
    in.evaporated = z->evaporated / M_s;
    in.n_min      = a->n_min;
    in.X_set      = z->X_set;
    in.X_amb      = s->X_amb;
    in.carried    = passed;
    in.X_carried  = X_passed;
    DryingZoneAirBalance(&in, &out);
    a->fresh        = out.fresh;
    a->need         = out.need;
    a->carried      = passed;
    a->X            = out.X;
    a->X_floor      = out.X_floor;
    a->passed       = k < s->nzones - 1 ? s->cascade * out.out : 0.0;
    a->stack        = out.out - a->passed;
    a->recirculated = a->n_circ > 0.0 ? 1.0 - out.out / a->n_circ : 0.0;
    /* fresh air heated from ambient (the recuperator gives back the share heat_recovery), air carried in
       heated from the previous zone's temperature; both with the vapour they carry */
    a->air_heating =
        a->fresh * (Ar * AirHeatCapacity(0.5 * (z->T_air + s->T_amb)) + s->X_amb * M_s * s->solvent->cp_vapour) *
            (z->T_air - s->T_amb) * (1.0 - s->heat_recovery) +
        passed * (Ar * AirHeatCapacity(0.5 * (z->T_air + T_prev)) + X_passed * M_s * s->solvent->cp_vapour) *
            (z->T_air - T_prev);
    a->fan     = z->circulated * s->fan_dp / s->fan_eff;
    a->wall    = s->wall_U * s->wall_area * z->length * (z->T_air - s->T_amb) / (s->width * s->line_speed);
    a->T_stack = z->T_air - s->heat_recovery * (z->T_air - s->T_amb);
    (void) tz;
    l->fresh_air += a->fresh * Ar;
    l->stack_air += a->stack * Ar;
    l->circulated += z->circulated;
    l->air_heating += a->air_heating;
    l->fans += a->fan;
    l->walls += a->wall;
    l->vapour_in += in.evaporated + a->fresh * s->X_amb;
    l->vapour_stack += a->stack * a->X;
    air[k]   = a->stack;
    vap[k]   = a->stack * a->X;
    T_in[k]  = a->T_stack;
    passed   = a->passed;
    X_passed = a->X;
    T_prev   = z->T_air;
  }
  if (s->recovery) {
    PetscReal c1, c2, q1, q2, A = l->stack_air / Ar, left;
    /* stage 1: cooling water takes the mixed stack gas to T_cw */
    DryingCondenserStage(s->solvent, s->pressure, s->nzones, air, vap, T_in, s->T_cw, &c1, &q1);
    /* stage 2: the chiller takes the rest to T_cond */
    left = l->vapour_stack - c1;
    DryingCondenserStage(s->solvent, s->pressure, 1, &A, &left, &s->T_cw, s->T_cond, &c2, &q2);
    l->condensed_cw        = c1 * M_s;
    l->condensed_chiller   = c2 * M_s;
    l->heat_cw             = q1;
    l->heat_chiller        = q2;
    l->cw_electricity      = q1 * s->cw_electricity;
    l->chiller_electricity = q2 / s->chiller_cop;
    l->recovered           = (c1 + c2) * M_s;
    l->distillation        = l->recovered * s->distillation_heat;
  }
  PetscFunctionReturn(0);
}
