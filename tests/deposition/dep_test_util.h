/* Test harness for the electrostatic_deposition stage alone: the shipped case is stripped to process,
 * electrode and electrostatic_deposition (route = this stage only, absolute materials path), overrides are
 * applied as with --set, and the route runs on the given communicator. */
#pragma once
#include "case.h"
#include "route.h"
#include "stages.h"
#include "tests/common/stage_case.h"

typedef struct {
  EprocCase c;
  Route     route;
  Summary   summary;
  Ledger    ledger;
  Web       web;
} DepRun;

static inline PetscErrorCode DepRunCase(MPI_Comm comm, const char *casefile, PetscInt nset, const char *const sets[],
                                        DepRun *r)
{
  char stripped[PETSC_MAX_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(r, sizeof(*r)));
  PetscCall(CaseRegisterAllKeys());
  PetscCall(TestWriteStageCase(casefile, "electrostatic_deposition", stripped, sizeof(stripped)));
  PetscCall(CaseCreate(comm, &r->c));
  PetscCall(CaseLoad(r->c, stripped));
  unlink(stripped);
  for (PetscInt i = 0; i < nset; i++)
    if (sets[i]) PetscCall(CaseSetValue(r->c, sets[i]));
  PetscCall(CaseSetUp(r->c));
  PetscCall(RouteCreate(comm, &r->route));
  PetscCall(RouteSetFromCase(r->route, r->c));
  PetscCall(RouteRun(r->route));
  PetscCall(RouteGetSummary(r->route, &r->summary));
  PetscCall(RouteGetLedger(r->route, &r->ledger));
  PetscCall(RouteGetWeb(r->route, &r->web));
  PetscFunctionReturn(0);
}

static inline PetscErrorCode DepRunDestroy(DepRun *r)
{
  PetscFunctionBeginUser;
  PetscCall(RouteDestroy(&r->route));
  PetscCall(CaseDestroy(&r->c));
  PetscFunctionReturn(0);
}

static inline PetscErrorCode DepGet(DepRun *r, const char *name, PetscReal *v)
{
  PetscBool set;
  PetscFunctionBeginUser;
  PetscCall(SummaryGet(r->summary, name, v, &set));
  PetscCheck(set, PETSC_COMM_SELF, PETSC_ERR_PLIB, "summary value %s not set", name);
  PetscFunctionReturn(0);
}

static inline PetscErrorCode DepBalance(DepRun *r, const BalanceEntry **b)
{
  PetscInt n;
  PetscFunctionBeginUser;
  *b = NULL;
  PetscCall(SummaryGetNumBalances(r->summary, &n));
  for (PetscInt i = 0; i < n; i++) {
    const BalanceEntry *e;
    PetscCall(SummaryGetBalance(r->summary, i, &e));
    if (!strcmp(e->stage, "electrostatic_deposition") && !strcmp(e->quantity, "powder_mass")) *b = e;
  }
  PetscCheck(*b, PETSC_COMM_SELF, PETSC_ERR_PLIB, "no powder_mass balance");
  PetscFunctionReturn(0);
}
