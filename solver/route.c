/* Route driver: never names a concrete stage; stages come from the registry by the types in the case.
 * A route is set up once from its case and may be run any number of times: every run starts from the
 * web the case describes, with an empty ledger and summary and stages fresh from the case, inside its own
 * options database, so that run after run gives bit-identical results with flat memory. */
#include "route.h"
#include "../postproc/results.h"
#include "../postproc/xdmf.h"
#include <string.h>
#include <stdlib.h>

#define ROUTE_MAX_STAGES 16

struct _p_Route {
  MPI_Comm     comm;
  EprocCase    c; /* borrowed */
  Materials    materials;
  Web          web;
  Ledger       ledger;
  Summary      summary;
  Stage        stages[ROUTE_MAX_STAGES];
  PetscInt     nstages;
  char         instance[ROUTE_MAX_STAGES][64], type[ROUTE_MAX_STAGES][64];
  char         name[256];
  PetscReal    areal_energy_Wh_per_m2;
  PetscOptions options;      /* this run's own options database: defaults < case < command line */
  char        *command_line; /* PETSc options given on the command line (or by the API caller) */
  PetscInt     nruns;
};

PetscErrorCode RouteCreate(MPI_Comm comm, Route *r)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(r));
  (*r)->comm = comm;
  PetscFunctionReturn(0);
}

static PetscErrorCode DestroyStages(Route r)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < r->nstages; i++) PetscCall(StageDestroy(&r->stages[i]));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteDestroy(Route *r)
{
  PetscFunctionBeginUser;
  if (!*r) PetscFunctionReturn(0);
  PetscCall(DestroyStages(*r));
  PetscCall(WebDestroy(&(*r)->web));
  PetscCall(MaterialsDestroy(&(*r)->materials));
  PetscCall(LedgerDestroy(&(*r)->ledger));
  PetscCall(SummaryDestroy(&(*r)->summary));
  PetscCall(PetscOptionsDestroy(&(*r)->options));
  PetscCall(PetscFree((*r)->command_line));
  PetscCall(PetscFree(*r));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteSetCommandLineOptions(Route r, const char *options)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(r->command_line));
  PetscCall(PetscStrallocpy(options ? options : "", &r->command_line));
  PetscFunctionReturn(0);
}

/* The web must be in a state each stage accepts: found from the declarations alone, before anything runs. */
static PetscErrorCode CheckRouteOrder(Route r)
{
  WebState state = WEB_BARE_FOIL;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < r->nstages; i++) {
    PetscInt accepts;
    WebState produces;
    PetscCall(StageGetWebStates(r->type[i], &accepts, &produces));
    if (!(accepts & state)) {
      char have[96], want[96];
      PetscCall(WebStateDescribe(state, have, sizeof(have)));
      PetscCall(WebStateDescribe(accepts, want, sizeof(want)));
      char named[140];
      if (strcmp(r->instance[i], r->type[i]))
        PetscCall(PetscSNPrintf(named, sizeof(named), "'%s' (%s)", r->instance[i], r->type[i]));
      else
        PetscCall(PetscSNPrintf(named, sizeof(named), "'%s'", r->instance[i]));
      PetscCall(CaseInputError(r->c, "process.stages",
                               "stage %s needs a %s, but the web reaching it is a %s%s%s; reorder the route", named,
                               want, have, i ? " from " : "", i ? r->instance[i - 1] : ""));
    }
    state = produces;
  }
  PetscFunctionReturn(0);
}

/* Create the stages of the route and read their keys, each instance in its own case section. */
static PetscErrorCode CreateStages(Route r)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < r->nstages; i++) {
    PetscErrorCode ierr;
    PetscCall(StageCreate(r->comm, r->type[i], &r->stages[i]));
    PetscCall(StageSetInstanceName(r->stages[i], r->instance[i]));
    PetscCall(CasePushStageScope(r->c, r->type[i], r->instance[i]));
    ierr = StageSetFromCase(r->stages[i], r->c, r->materials);
    PetscCall(CasePopStageScope(r->c));
    PetscCall(ierr);
  }
  PetscFunctionReturn(0);
}

/* The run's options database: the case's process.petsc_options, then the command line over them. Code
 * defaults are set through the API by each stage before its XSetFromOptions, so both override them. */
static PetscErrorCode CreateOptions(Route r)
{
  const char *case_options;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsDestroy(&r->options));
  PetscCall(PetscOptionsCreate(&r->options));
  PetscCall(CaseGetString(r->c, "process.petsc_options", &case_options));
  PetscCall(PetscOptionsInsertString(r->options, case_options));
  if (r->command_line) PetscCall(PetscOptionsInsertString(r->options, r->command_line));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteSetFromCase(Route r, EprocCase c)
{
  const char *name;
  PetscFunctionBeginUser;
  r->c = c;
  PetscCall(CaseGetString(c, "process.name", &name));
  PetscCall(PetscStrncpy(r->name, name, sizeof(r->name)));
  PetscCall(MaterialsCreateFromCase(c, &r->materials));
  PetscCall(WebCreateFromCase(c, r->materials, &r->web));
  r->areal_energy_Wh_per_m2 = r->web->formulation.areal_capacity / 3600.0 * r->web->formulation.nominal_voltage;
  PetscCall(CaseGetNumStages(c, &r->nstages));
  if (r->nstages > ROUTE_MAX_STAGES)
    PetscCall(CaseInputError(c, "process.stages", "at most %d stages", ROUTE_MAX_STAGES));
  for (PetscInt i = 0; i < r->nstages; i++) PetscCall(CaseGetStage(c, i, r->instance[i], r->type[i]));
  PetscCall(CheckRouteOrder(r));
  PetscCall(CreateOptions(r));
  PetscCall(CreateStages(r));
  PetscFunctionReturn(0);
}

/* Every run starts from the web the case describes, an empty ledger and summary, and stages fresh from the
 * case: nothing of an earlier run survives into the next. */
static PetscErrorCode ResetRun(Route r)
{
  PetscFunctionBeginUser;
  PetscCall(LedgerDestroy(&r->ledger));
  PetscCall(SummaryDestroy(&r->summary));
  PetscCall(LedgerCreate(&r->ledger));
  PetscCall(SummaryCreate(&r->summary));
  PetscCall(ResultsDeclareSummary(r->summary));
  if (r->nruns) {
    PetscCall(WebDestroy(&r->web));
    PetscCall(WebCreateFromCase(r->c, r->materials, &r->web));
    PetscCall(DestroyStages(r));
    PetscCall(CreateStages(r));
  }
  PetscFunctionReturn(0);
}

/* Set up and run the stages with the run's options database as the default one, then restore the caller's. */
static PetscErrorCode RunStages(Route r)
{
  PetscErrorCode ierr = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsPush(r->options));
  for (PetscInt i = 0; i < r->nstages && !ierr; i++) {
    ierr = StageSetUp(r->stages[i], r->web);
    if (!ierr) ierr = StageRun(r->stages[i], r->web, r->ledger, r->summary);
  }
  PetscCall(PetscOptionsPop());
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

PetscErrorCode RouteRun(Route r)
{
  PetscFunctionBeginUser;
  PetscCheck(r->c, r->comm, PETSC_ERR_ARG_WRONGSTATE, "Call RouteSetFromCase() before RouteRun()");
  PetscCall(ResetRun(r));
  r->nruns++;
  PetscCall(RunStages(r));
  PetscCall(ResultsSetRouteSummary(r->summary, r->ledger, r->web, r->areal_energy_Wh_per_m2));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteView(Route r, PetscViewer v)
{
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(v, "eproc %s: %s\n", EPROC_VERSION, r->name));
  PetscCall(PetscViewerASCIIPrintf(v, "route:"));
  for (PetscInt i = 0; i < r->nstages; i++) {
    if (strcmp(r->instance[i], r->type[i]))
      PetscCall(PetscViewerASCIIPrintf(v, "%s %s (%s)", i ? " ->" : "", r->instance[i], r->type[i]));
    else
      PetscCall(PetscViewerASCIIPrintf(v, "%s %s", i ? " ->" : "", r->instance[i]));
  }
  PetscCall(PetscViewerASCIIPrintf(v, "\n\n"));
  for (PetscInt i = 0; i < r->nstages; i++) PetscCall(StageView(r->stages[i], v));
  PetscCall(PetscViewerASCIIPrintf(v, "\nsummary\n"));
  PetscCall(SummaryView(r->summary, v));
  PetscCall(PetscViewerASCIIPrintf(v, "\nenergy ledger (per m2 of coated electrode; cell: %.1f Wh/m2 of capacity)\n",
                                   (double) r->areal_energy_Wh_per_m2));
  PetscCall(LedgerView(r->ledger, r->areal_energy_Wh_per_m2, v));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteStageFields(void *ctx, PetscViewer v)
{
  Route r = (Route) ctx;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < r->nstages; i++) PetscCall(StageWriteFields(r->stages[i], v));
  PetscFunctionReturn(0);
}

PetscErrorCode RouteWriteResults(Route r, const char *filename)
{
  ResultsContent rc;
  PetscFunctionBeginUser;
  PetscCheck(r->nruns, r->comm, PETSC_ERR_ARG_WRONGSTATE, "Run the route before writing its results");
  PetscCall(PetscMemzero(&rc, sizeof(rc)));
  PetscCall(CaseGetFileName(r->c, &rc.case_file));
  rc.case_name              = r->name;
  rc.web                    = r->web;
  rc.summary                = r->summary;
  rc.ledger                 = r->ledger;
  rc.areal_energy_Wh_per_m2 = r->areal_energy_Wh_per_m2;
  rc.write_fields           = WriteStageFields;
  rc.ctx                    = r;
  PetscCall(ResultsWrite(r->comm, filename, &rc));
  PetscCall(XdmfWriteBeside(r->comm, filename)); /* for ParaView and VisIt */
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetSummary(Route r, Summary *s)
{
  PetscFunctionBeginUser;
  *s = r->summary;
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetLedger(Route r, Ledger *l)
{
  PetscFunctionBeginUser;
  *l = r->ledger;
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetWeb(Route r, Web *w)
{
  PetscFunctionBeginUser;
  *w = r->web;
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetArealEnergy(Route r, PetscReal *Wh_per_m2)
{
  PetscFunctionBeginUser;
  *Wh_per_m2 = r->areal_energy_Wh_per_m2;
  PetscFunctionReturn(0);
}

PetscErrorCode RouteGetName(Route r, const char **name)
{
  PetscFunctionBeginUser;
  *name = r->name;
  PetscFunctionReturn(0);
}
