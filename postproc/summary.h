/* Summary: the scalar results of a run (written to /summary in the results file) and the balance
 * closures of every stage (written to /balances). Names are part of the results-file contract:
 * see docs/results.md. */
#pragma once
#include <petscsys.h>
#include <petscviewer.h>

typedef struct _p_Summary *Summary;

typedef struct {
  char      name[64];
  char      unit[32];
  char      description[160];
  PetscReal value;
  PetscBool set; /* PETSC_FALSE: declared but not produced by this route (written as NaN) */
} SummaryEntry;

typedef struct {
  char      stage[64];
  char      quantity[64];    /* "solvent_mass", "binder_mass", "energy", "powder_mass" */
  PetscReal in, out, stored; /* same unit for all three (kg/m2 or J/m2) */
  PetscReal relative_error;  /* |in - out - stored| / max(|in|, |out|, |stored|) */
} BalanceEntry;

PETSC_EXTERN PetscErrorCode SummaryCreate(Summary *s);
PETSC_EXTERN PetscErrorCode SummaryDestroy(Summary *s);
/* Declare an entry (so every results file has the same names) without a value. */
PETSC_EXTERN PetscErrorCode SummaryDeclare(Summary s, const char *name, const char *unit, const char *description);
/* unit and description may both be NULL for a declared entry: the declared ones stay. */
PETSC_EXTERN PetscErrorCode SummarySet(Summary s, const char *name, PetscReal value, const char *unit,
                                       const char *description);
PETSC_EXTERN PetscErrorCode SummaryGet(Summary s, const char *name, PetscReal *value, PetscBool *set);
PETSC_EXTERN PetscErrorCode SummaryGetSize(Summary s, PetscInt *n);
PETSC_EXTERN PetscErrorCode SummaryGetEntry(Summary s, PetscInt i, const SummaryEntry **e);
PETSC_EXTERN PetscErrorCode SummaryAddBalance(Summary s, const char *stage, const char *quantity, PetscReal in,
                                              PetscReal out, PetscReal stored);
PETSC_EXTERN PetscErrorCode SummaryGetNumBalances(Summary s, PetscInt *n);
PETSC_EXTERN PetscErrorCode SummaryGetBalance(Summary s, PetscInt i, const BalanceEntry **b);
PETSC_EXTERN PetscErrorCode SummaryView(Summary s, PetscViewer v);
