/* Numerical faults: a stage that hands on NaN or Inf (in the web, a ledger item, a balance, a summary value) is a
 * diverging case: StageRun raises PETSC_ERR_FP naming the stage and, for the web, the cross-web cell; a solver that
 * gives up inside a stage (PETSC_ERR_NOT_CONVERGED) comes back unchanged. A clean stage passes. Each fault is
 * planted by a test stage registered here (LedgerAdd refuses a non-finite item itself). */
#include "../../solver/eproc.h"
#include "../../physics/stageimpl.h"
#include <math.h>
#include <string.h>

typedef enum {
  FAULT_NONE,
  FAULT_WEB_NAN,
  FAULT_WEB_INF,
  FAULT_LEDGER,
  FAULT_BALANCE,
  FAULT_SUMMARY_INF,
  FAULT_SOLVER
} Fault;
static Fault fault;
static char  last_message[1024];

static PetscErrorCode RecordError(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n,
                                  PetscErrorType p, const char *mess, void *ctx)
{
  if (p == PETSC_ERROR_INITIAL) snprintf(last_message, sizeof(last_message), "%s", mess ? mess : "");
  return n;
}

static PetscErrorCode Run_Faulty(Stage st, Web web, Ledger ledger, Summary summary)
{
  PetscFunctionBeginUser;
  for (PetscInt j = 0; j < web->ny; j++) web->thickness[j] = 50e-6;
  PetscCall(LedgerAdd(ledger, st->name, "heater", ENERGY_THERMAL, fault == FAULT_LEDGER ? (PetscReal) INFINITY : 1e4,
                      0.0, ""));
  PetscCall(SummaryAddBalance(summary, st->name, "energy", fault == FAULT_BALANCE ? (PetscReal) NAN : 1.0, 1.0, 0.0));
  PetscCall(SummarySet(summary, "porosity", fault == FAULT_SUMMARY_INF ? (PetscReal) INFINITY : 0.4, NULL, NULL));
  if (fault == FAULT_WEB_NAN) web->thickness[7] = (PetscReal) NAN;
  if (fault == FAULT_WEB_INF) web->porosity[3] = (PetscReal) -INFINITY;
  PetscCheck(fault != FAULT_SOLVER, st->comm, PETSC_ERR_NOT_CONVERGED, "test: the solver gave up");
  PetscFunctionReturn(0);
}

static PetscErrorCode Create_Faulty(Stage st)
{
  PetscFunctionBeginUser;
  st->ops.run = Run_Faulty;
  PetscFunctionReturn(0);
}

/* Run the faulty stage once; returns the error code and keeps the message. */
static PetscErrorCode RunOnce(Fault f, PetscErrorCode *status)
{
  Web     web;
  Ledger  ledger;
  Summary summary;
  Stage   st;
  PetscFunctionBeginUser;
  fault           = f;
  last_message[0] = 0;
  PetscCall(WebCreate(20, 0.5, &web));
  for (PetscInt j = 0; j < web->ny; j++) web->porosity[j] = 0.4;
  PetscCall(LedgerCreate(&ledger));
  PetscCall(SummaryCreate(&summary));
  PetscCall(ResultsDeclareSummary(summary));
  PetscCall(StageCreate(PETSC_COMM_SELF, "faulty_test_stage", &st));
  PetscCall(PetscPushErrorHandler(RecordError, NULL));
  *status = StageRun(st, web, ledger, summary);
  PetscCall(PetscPopErrorHandler());
  PetscCall(StageDestroy(&st));
  PetscCall(SummaryDestroy(&summary));
  PetscCall(LedgerDestroy(&ledger));
  PetscCall(WebDestroy(&web));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  struct {
    Fault          f;
    PetscErrorCode want;
    const char    *fragment;
  } cases[] = {
      {FAULT_NONE, 0, ""},
      {FAULT_WEB_NAN, PETSC_ERR_FP, "coating thickness = nan m in cross-web cell 7 of 20"},
      {FAULT_WEB_INF, PETSC_ERR_FP, "porosity = -inf - in cross-web cell 3 of 20"},
      {FAULT_LEDGER, PETSC_ERR_FP, "Energy item faulty_test_stage/heater is not a finite number"},
      {FAULT_BALANCE, PETSC_ERR_FP, "energy balance is in nan"},
      {FAULT_SUMMARY_INF, PETSC_ERR_FP, "summary value porosity is inf"},
      {FAULT_SOLVER, PETSC_ERR_NOT_CONVERGED, "the solver gave up"},
  };
  int failures = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(EprocInitialize());
  PetscCall(StageRegister("faulty_test_stage", Create_Faulty, NULL, 0, WEB_BARE_FOIL, WEB_DRY_COATING));
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    PetscErrorCode status = -1;
    int            ok;
    PetscCall(RunOnce(cases[i].f, &status));
    ok = status == cases[i].want && strstr(last_message, cases[i].fragment) &&
         (!status || status == PETSC_ERR_NOT_CONVERGED || cases[i].f == FAULT_LEDGER ||
          strstr(last_message, "stage 'faulty_test_stage' diverged"));
    printf("%s fault %d: status %d (want %d): %s\n", ok ? "ok  " : "FAIL", (int) cases[i].f, (int) status,
           (int) cases[i].want, last_message);
    failures += !ok;
  }
  PetscCall(EprocFinalize());
  PetscCall(PetscFinalize());
  printf("%d failures\n", failures);
  return failures ? 1 : 0;
}
