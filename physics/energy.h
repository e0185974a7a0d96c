/* Ledger: the itemised energy budget of a route. Entries are J per m2 of coated electrode (one side).
 * Each item carries its thermodynamic minimum (the part no better machine could avoid) beside it. */
#pragma once
#include <petscsys.h>
#include <petscviewer.h>

typedef enum { ENERGY_THERMAL, ENERGY_ELECTRIC } EnergyKind;
PETSC_EXTERN const char *const EnergyKinds[];

typedef struct _p_Ledger *Ledger;

typedef struct {
  char       stage[64];
  char       item[64];
  EnergyKind kind;
  PetscReal  energy;  /* J/m2 */
  PetscReal  minimum; /* J/m2, thermodynamic minimum of the item */
  char       note[160];
} LedgerEntry;

PETSC_EXTERN PetscErrorCode LedgerCreate(Ledger *l);
PETSC_EXTERN PetscErrorCode LedgerDestroy(Ledger *l);
PETSC_EXTERN PetscErrorCode LedgerAdd(Ledger l, const char *stage, const char *item, EnergyKind kind,
                                      PetscReal J_per_m2, PetscReal min_J_per_m2, const char *note);
PETSC_EXTERN PetscErrorCode LedgerGetSize(Ledger l, PetscInt *n);
PETSC_EXTERN PetscErrorCode LedgerGetEntry(Ledger l, PetscInt i, const LedgerEntry **e);
/* Totals in J/m2; stage may be NULL for the whole route. */
PETSC_EXTERN PetscErrorCode LedgerGetTotals(Ledger l, const char *stage, PetscReal *total, PetscReal *thermal,
                                            PetscReal *electric, PetscReal *minimum);
PETSC_EXTERN PetscErrorCode LedgerView(Ledger l, PetscReal areal_capacity_Wh_per_m2, PetscViewer v);

#define J_PER_KWH 3.6e6
/* kWh of process energy per kWh of cell capacity carried by this electrode. */
PETSC_EXTERN PetscReal EnergyPerCellEnergy(PetscReal J_per_m2, PetscReal areal_energy_Wh_per_m2);
