/* Plant context: the rest of cell making around one electrode line, and emission factors (cases/plant.cfg,
 * docs/compare.md). A route's ledger covers its electrode's share of some plant steps (coating and drying,
 * calendering); the plant file's baseline supplies the rest of the plant, so that a route's energy can be set
 * beside the whole plant and turned into CO2e per kWh of cell.
 *
 *   baseline plant (kWh per kWh of cell): steps s with electric e_s and heat h_s, sum B; today's plants
 *     total T in [T_low, T_high]; the split is scaled to each bound: k = T / B
 *   a route of electrode role p (cathode or anode) stands for the share f_s,p of every step s whose stage list
 *     holds one of the route's stage types (f_s,cathode = cathode_fraction, f_s,anode = 1 - cathode_fraction)
 *   replaced R = k sum_s (e_s + h_s) f_s,p [s covered];  rest = T - R;  plant total P = rest + E (E: the route)
 *   share = E / P;  CO2e: route E_heat g_heat + E_el g_grid; plant = route + k sum_s (h_s g_heat + e_s g_grid)
 *     (1 - f_s,p [s covered])
 * Everything is SI inside: energies per kWh of cell are J/J, emission factors kg CO2e per J. */
#pragma once
#include <petscsys.h>
#include "../solver/case.h"

#define PLANT_NAME_LEN   64
#define PLANT_MAX_STAGES 16

typedef struct {
  char      name[PLANT_NAME_LEN];
  PetscReal electric, heat;                           /* J per J of cell energy, in the baseline plant */
  PetscReal cathode_fraction;                         /* -, share of the step that belongs to the positive electrode */
  char      stages[PLANT_MAX_STAGES][PLANT_NAME_LEN]; /* eproc stage types that stand for this step */
  PetscInt  nstages;
} PlantStep;

typedef struct _p_Plant *Plant;

/* Read and validate a plant file (unknown, missing or out-of-range keys are input errors with file:line). */
PETSC_EXTERN PetscErrorCode PlantLoad(MPI_Comm comm, const char *filename, Plant *p);
PETSC_EXTERN PetscErrorCode PlantDestroy(Plant *p);
/* The plant of a case: plant.file (relative to the case file), its emission factors overridden by the case's
 * plant.grid_kg_CO2e_per_kWh / plant.heat_kg_CO2e_per_kWh when given. */
PETSC_EXTERN PetscErrorCode PlantCreateFromCase(EprocCase c, Plant *p);
/* When the case has a plant section, load its plant file so that a bad one is an input error before any run. */
PETSC_EXTERN PetscErrorCode PlantCheckCase(EprocCase c);
/* The electrode role the case declares: plant.electrode "cathode"/"anode", or "auto" (*known = PETSC_FALSE: the
 * caller decides from the active material's potential, PlantRoleFromPotential). */
PETSC_EXTERN PetscErrorCode PlantGetCaseRole(EprocCase c, PetscBool *known, PetscBool *cathode);
/* auto: the positive electrode is the one whose active material sits above 2 V against Li (NMC, LFP, LCO, LMO:
 * 3.4-4 V; graphite, Si, LTO: 0.1-1.6 V). */
PETSC_EXTERN PetscBool PlantRoleFromPotential(PetscReal nominal_voltage_vs_Li);

PETSC_EXTERN PetscErrorCode PlantGetFileName(Plant p, const char **filename);
PETSC_EXTERN PetscErrorCode PlantGetBaseline(Plant p, PetscReal *total_low, PetscReal *total_high, PetscInt *nsteps,
                                             const PlantStep **steps);
PETSC_EXTERN PetscErrorCode PlantGetEmissionFactors(Plant p, PetscReal *grid_kg_per_J, PetscReal *heat_kg_per_J);

/* A route seen by the plant: its energy per kWh of cell split into heat and electricity (J/J), its electrode
 * role and its stage types. */
typedef struct {
  PetscReal          thermal, electric;
  PetscBool          cathode;
  PetscInt           nstages;
  const char *const *stage_types;
} PlantRoute;

/* The plant around a route, at the low [0] and high [1] bound of the baseline total. Energies J/J, CO2e kg per
 * J of cell energy (x 3.6e6 for kg per kWh). */
typedef struct {
  PetscReal route;                    /* E = thermal + electric */
  PetscReal baseline[2];              /* T_low, T_high */
  PetscReal replaced[2];              /* baseline part the route stands for */
  PetscReal rest[2];                  /* rest of cell making */
  PetscReal total[2];                 /* plant total with this route */
  PetscReal share[2];                 /* route / plant total, - */
  PetscReal route_co2e;               /* kg/J */
  PetscReal total_co2e[2];            /* kg/J */
  PetscReal grid_factor, heat_factor; /* kg CO2e per J of electricity and of heat */
  PetscInt  ncovered;                 /* baseline steps the route stands for */
} PlantContext;

PETSC_EXTERN PetscErrorCode PlantEvaluate(Plant p, const PlantRoute *r, PlantContext *ctx);

/* The case keys of the plant section (registered by solver/case_keys.c). */
typedef struct {
  const char *file, *electrode;
  PetscReal   grid_factor, heat_factor; /* kg/J; NaN when absent (the plant file's value applies) */
} PlantCaseKeys;
PETSC_EXTERN const CaseKeySpec CasePlantKeys[];
PETSC_EXTERN const PetscInt    CasePlantNumKeys;
