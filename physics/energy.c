/* Ledger of energy items (J per m2 of electrode) and the conversion to kWh per kWh of cell. */
#include "energy.h"

const char *const EnergyKinds[] = {"thermal", "electric", "EnergyKind", "ENERGY_", NULL};

struct _p_Ledger {
  LedgerEntry *entries;
  PetscInt     n, nalloc;
};

PetscErrorCode LedgerCreate(Ledger *l)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(l));
  PetscFunctionReturn(0);
}

PetscErrorCode LedgerDestroy(Ledger *l)
{
  PetscFunctionBeginUser;
  if (!*l) PetscFunctionReturn(0);
  PetscCall(PetscFree((*l)->entries));
  PetscCall(PetscFree(*l));
  PetscFunctionReturn(0);
}

PetscErrorCode LedgerAdd(Ledger l, const char *stage, const char *item, EnergyKind kind, PetscReal J_per_m2,
                         PetscReal min_J_per_m2, const char *note)
{
  LedgerEntry *e;
  PetscFunctionBeginUser;
  PetscCheck(PetscIsNormalReal(J_per_m2) || J_per_m2 == 0.0, PETSC_COMM_SELF, PETSC_ERR_FP,
             "Energy item %s/%s is not a finite number", stage, item);
  PetscCheck(J_per_m2 >= 0.0 && min_J_per_m2 >= 0.0, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "Energy item %s/%s is negative (%g J/m2)", stage, item, (double) J_per_m2);
  if (l->n == l->nalloc) {
    l->nalloc = l->nalloc ? 2 * l->nalloc : 16;
    PetscCall(PetscRealloc(sizeof(LedgerEntry) * l->nalloc, &l->entries));
  }
  e = &l->entries[l->n++];
  PetscCall(PetscMemzero(e, sizeof(*e)));
  PetscCall(PetscStrncpy(e->stage, stage, sizeof(e->stage)));
  PetscCall(PetscStrncpy(e->item, item, sizeof(e->item)));
  PetscCall(PetscStrncpy(e->note, note ? note : "", sizeof(e->note)));
  e->kind    = kind;
  e->energy  = J_per_m2;
  e->minimum = min_J_per_m2;
  PetscFunctionReturn(0);
}

PetscErrorCode LedgerGetSize(Ledger l, PetscInt *n)
{
  PetscFunctionBeginUser;
  *n = l->n;
  PetscFunctionReturn(0);
}

PetscErrorCode LedgerGetEntry(Ledger l, PetscInt i, const LedgerEntry **e)
{
  PetscFunctionBeginUser;
  PetscCheck(i >= 0 && i < l->n, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "No ledger entry %" PetscInt_FMT, i);
  *e = &l->entries[i];
  PetscFunctionReturn(0);
}

PetscErrorCode LedgerGetTotals(Ledger l, const char *stage, PetscReal *total, PetscReal *thermal, PetscReal *electric,
                               PetscReal *minimum)
{
  PetscReal t = 0, th = 0, el = 0, mn = 0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < l->n; i++) {
    PetscBool match = PETSC_TRUE;
    if (stage) PetscCall(PetscStrcmp(stage, l->entries[i].stage, &match));
    if (!match) continue;
    t += l->entries[i].energy;
    mn += l->entries[i].minimum;
    if (l->entries[i].kind == ENERGY_THERMAL)
      th += l->entries[i].energy;
    else
      el += l->entries[i].energy;
  }
  if (total) *total = t;
  if (thermal) *thermal = th;
  if (electric) *electric = el;
  if (minimum) *minimum = mn;
  PetscFunctionReturn(0);
}

PetscReal EnergyPerCellEnergy(PetscReal J_per_m2, PetscReal areal_energy_Wh_per_m2)
{
  if (areal_energy_Wh_per_m2 <= 0) return 0.0;
  return (J_per_m2 / J_PER_KWH) / (areal_energy_Wh_per_m2 / 1e3);
}

PetscErrorCode LedgerView(Ledger l, PetscReal areal_energy_Wh_per_m2, PetscViewer v)
{
  PetscReal total, thermal, electric, minimum;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v, "  %-20s %-34s %-8s %12s %12s %12s\n", "stage", "item", "kind", "kWh/m2",
                                   "kWh/kWh_cell", "min kWh/m2"));
  for (PetscInt i = 0; i < l->n; i++) {
    const LedgerEntry *e = &l->entries[i];
    PetscCall(PetscViewerASCIIPrintf(v, "  %-20s %-34s %-8s %12.5f %12.4f %12.5f\n", e->stage, e->item,
                                     EnergyKinds[e->kind], (double) (e->energy / J_PER_KWH),
                                     (double) EnergyPerCellEnergy(e->energy, areal_energy_Wh_per_m2),
                                     (double) (e->minimum / J_PER_KWH)));
  }
  PetscCall(LedgerGetTotals(l, NULL, &total, &thermal, &electric, &minimum));
  PetscCall(PetscViewerASCIIPrintf(
      v, "  %-20s %-34s %-8s %12.5f %12.4f %12.5f\n", "total", "", "", (double) (total / J_PER_KWH),
      (double) EnergyPerCellEnergy(total, areal_energy_Wh_per_m2), (double) (minimum / J_PER_KWH)));
  PetscFunctionReturn(0);
}
