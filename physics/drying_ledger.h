/* Air side and energy ledger of the convective dryer (docs/energy_wet.md): how much fresh air each zone
 * takes, what it costs to heat, blow and condense. Pure functions (no PETSc objects): the stage
 * physics/convective_drying.c and the tests call the same code.
 *
 * Air amounts are moles of dry air per m2 of electrode, vapour as the mole ratio X = mol of solvent
 * vapour per mol of dry air (y = X/(1 + X) is the mole fraction). */
#pragma once
#include <petscsys.h>
#include "materials.h"

#define DRYING_MAX_ZONES 32

/* y/(1 - y) and X/(1 + X) */
PETSC_EXTERN PetscReal DryingVapourRatio(PetscReal y);
PETSC_EXTERN PetscReal DryingVapourFraction(PetscReal X);
/* Mole ratio of air saturated with the solvent at T: p_sat/(p - p_sat); PETSC_INFINITY at or above boiling. */
PETSC_EXTERN PetscReal DryingSaturationRatio(const Solvent *s, PetscReal T, PetscReal p);

/* One zone of the air system. The zone is well mixed: the nozzle air, the exhaust and the air passed on
 * to the next zone all have the zone's vapour ratio X.
 *   make-up = fresh + carried (dry air entering the zone besides the recirculated air)
 *   vapour:  fresh X_amb + carried X_carried + N = (fresh + carried) X
 * Rule: the fresh air holds X at X_set (the LEL or humidity limit, or the fixed value), but the make-up
 * never falls below n_min = (1 - r_max) n_circ (the largest recirculated share of the nozzle air r_max);
 * where that floor binds, X follows from the balance (X < X_set). Both branches meet where
 * need = floor, so the rule has no jump. */
typedef struct {
  PetscReal evaporated; /* N: mol of solvent evaporated in the zone per m2 (< 0: the web condenses) */
  PetscReal n_min;      /* least make-up air, mol/m2 */
  PetscReal X_set;      /* vapour ratio held in the zone */
  PetscReal X_amb;      /* vapour ratio of the fresh (ambient) air */
  PetscReal carried;    /* mol/m2 of dry air passed in from the previous zone */
  PetscReal X_carried;  /* its vapour ratio */
} DryingZoneAirIn;

typedef struct {
  PetscReal fresh;   /* fresh air, mol/m2 */
  PetscReal need;    /* fresh air that would hold X_set (may be below the floor or negative) */
  PetscReal out;     /* dry air leaving the zone (stack + passed on) = fresh + carried */
  PetscReal X;       /* vapour ratio of the zone air */
  PetscReal X_floor; /* vapour ratio with the make-up air at its floor (= X where the floor binds, > X_set where
                        it does not): smooth in N, the function the stage iterates on */
} DryingZoneAirOut;

PETSC_EXTERN void DryingZoneAirBalance(const DryingZoneAirIn *in, DryingZoneAirOut *out);

/* The whole dryer: zone inputs and the plant settings of the ledger (SI). */
typedef struct {
  PetscReal length;     /* m */
  PetscReal T_air;      /* K */
  PetscReal circulated; /* m3 of nozzle air per m2 of electrode, at T_air */
  PetscReal evaporated; /* kg/m2 evaporated in the zone (< 0: condensed on the web) */
  PetscReal X_set;      /* vapour ratio the fresh air holds (balance limit or fixed value) */
} DryingLedgerZone;

typedef struct {
  PetscInt         nzones;
  DryingLedgerZone zone[DRYING_MAX_ZONES];
  const Solvent   *solvent;
  PetscReal        pressure, T_amb, X_amb; /* Pa, K, vapour ratio of the ambient air */
  PetscReal        line_speed, width;      /* m/s, m */
  PetscReal        recirculation;          /* r_max, largest recirculated share of the nozzle air */
  PetscReal        cascade;                /* share of each zone's outgoing air passed to the next zone */
  PetscReal        heat_recovery;          /* recuperator effectiveness on the fresh air */
  PetscReal        fan_dp, fan_eff;        /* Pa, - */
  PetscReal        wall_U, wall_area;      /* W/(m2 K), m2 of wall per m of dryer */
  PetscBool        recovery;               /* condense the solvent from the stack */
  PetscReal        T_cw, cw_electricity;   /* gas outlet of the cooling-water stage (K); electricity per heat */
  PetscReal        T_cond, chiller_cop;    /* gas outlet of the chiller stage (K); COP */
  PetscReal        distillation_heat;      /* J per kg of recovered solvent */
} DryingAirSystem;

typedef struct {
  PetscReal n_circ, n_min;          /* nozzle air and least make-up, mol/m2 */
  PetscReal fresh, carried, X;      /* fresh air in, air carried in from the previous zone, zone vapour ratio */
  PetscReal X_floor;                /* zone vapour ratio if the make-up air were at its floor */
  PetscReal need;                   /* fresh air that would hold X_set */
  PetscReal stack, passed;          /* dry air to the stack, to the next zone (mol/m2) */
  PetscReal T_stack;                /* stack gas after the recuperator, K */
  PetscReal air_heating, fan, wall; /* J/m2 */
  PetscReal recirculated;           /* 1 - make-up / nozzle air (< 0: the make-up exceeds the nozzle air) */
} DryingZoneAir;

typedef struct {
  DryingZoneAir zone[DRYING_MAX_ZONES];
  PetscReal     fresh_air, stack_air, circulated; /* kg/m2 of dry air, kg/m2, m3/m2 */
  PetscReal     air_heating, fans, walls;         /* J/m2 */
  PetscReal     vapour_in, vapour_stack;          /* mol/m2: evaporated + brought by fresh air; leaving by the stack */
  PetscReal     condensed_cw, condensed_chiller;  /* kg/m2 condensed in the two condenser stages */
  PetscReal     heat_cw, heat_chiller;            /* J/m2 of heat taken out in the two stages */
  PetscReal     cw_electricity, chiller_electricity, distillation; /* J/m2 */
  PetscReal     recovered;                                         /* kg/m2 */
} DryingAirLedger;

/* Zone by zone in the web direction (air passed on flows with the web), then the staged condenser on the
 * mixed stack gas (when s->recovery). Formulas in docs/energy_wet.md. */
PETSC_EXTERN PetscErrorCode DryingAirLedgerCompute(const DryingAirSystem *s, DryingAirLedger *l);

/* Heat taken out of the stack gas in one condenser stage: the gas (dry air A mol, vapour V mol, each stream
 * k at T_in[k]) is cooled to T_out; what exceeds saturation at T_out condenses there.
 *   Q = sum_k S_k (M_a cp_a((T_in,k + T_out)/2) + X_k M_s cp_v)(T_in,k - T_out) + condensed M_s dHv(T_out) */
PETSC_EXTERN void DryingCondenserStage(const Solvent *s, PetscReal p, PetscInt n, const PetscReal air[],
                                       const PetscReal vapour[], const PetscReal T_in[], PetscReal T_out,
                                       PetscReal *condensed, PetscReal *heat);
