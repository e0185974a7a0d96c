/* Comparison of routes side by side (eproc compare, docs/compare.md): built from each route's results file
 * (read through the results reader, so the comparison holds exactly what the single runs wrote), its cell
 * energy per m2 and its plant context; printed, and written as CSV and HDF5.
 *
 *   DIR/compare_summary.csv   group,quantity,unit,<route>,<route>,...   one row per compared quantity, the
 *                             routes side by side (empty cell: not produced by that route)
 *   DIR/compare_ledger.csv    route,stage,item,kind,energy_J_per_m2,energy_kWh_per_m2,energy_kWh_per_kWh_cell,
 *                             minimum_J_per_m2   every ledger item of every route (its /ledger rows)
 *   DIR/compare.h5            /routes (label, case_file, case_name, results_file, route, plant_file),
 *                             /summary/<quantity> (one value per route, unit and description attributes),
 *                             /stages and /ledger (columns, one row per route and stage or item)
 * Files are written under a unique temporary name and renamed when complete (postproc/h5io.h). */
#pragma once
#include <petscsys.h>
#include "results.h"
#include "plant.h"

typedef struct _p_Compare *Compare;

/* What the results file does not hold about a route. */
typedef struct {
  const char        *label;                 /* column name: the case file's base name */
  const char        *results_file;          /* written by the route's run */
  PetscReal          cell_energy_Wh_per_m2; /* cell energy the electrode carries per m2 (RouteGetArealEnergy) */
  PetscInt           nstages;
  const char *const *stage_types; /* the route's stage types, in order */
  Plant              plant;       /* the case's plant context (PlantCreateFromCase) */
  PetscBool          cathode;     /* the electrode role for the plant */
} CompareRouteInfo;

PETSC_EXTERN PetscErrorCode CompareCreate(Compare *cmp);
PETSC_EXTERN PetscErrorCode CompareDestroy(Compare *cmp);
/* Read one route's results file and set it in its plant. */
PETSC_EXTERN PetscErrorCode CompareAddRoute(Compare cmp, const CompareRouteInfo *info);
PETSC_EXTERN PetscErrorCode CompareView(Compare cmp, FILE *fp);
PETSC_EXTERN PetscErrorCode CompareWriteCSV(Compare cmp, const char *summary_csv, const char *ledger_csv);
PETSC_EXTERN PetscErrorCode CompareWriteHDF5(Compare cmp, const char *filename);

/* The compared quantities, in table order (docs/compare.md lists them); the values of route i (NaN: not
 * produced by that route), by name. */
PETSC_EXTERN PetscInt       CompareGetNumQuantities(void);
PETSC_EXTERN PetscErrorCode CompareGetQuantity(PetscInt q, const char **group, const char **name, const char **unit,
                                               const char **description);
PETSC_EXTERN PetscErrorCode CompareGetNumRoutes(Compare cmp, PetscInt *n);
PETSC_EXTERN PetscErrorCode CompareGetValue(Compare cmp, PetscInt route, const char *name, PetscReal *value);
/* The measures of a stage (columns of /stages and of the stage rows), in order. */
PETSC_EXTERN PetscErrorCode CompareGetStageMeasures(PetscInt *n, const char *const **names);
