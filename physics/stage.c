/* Stage life cycle and registry (the concrete stages are listed in stage_registry.c). */
#include "stageimpl.h"
#include <stdio.h>
#include <string.h>

/* Append t to the string in buf (len bytes), truncating: PETSc 3.18's PetscStrlcat limits by the length of
 * the appended text rather than the room left, and can overrun. */
static void AppendText(char *buf, size_t len, const char *t)
{
  size_t l = strlen(buf);
  if (l + 1 < len) snprintf(buf + l, len - l, "%s", t);
}
#include "../postproc/h5io.h"

#define STAGE_MAX_TYPES 16

/* The registry lives from StageRegisterAll() to StageRegistryFinalize(); nothing of it survives finalize,
 * so a process can initialise PETSc again (or a test can register twice) and get the same registry. */
typedef struct {
  char     name[64];
  PetscInt accepts;
  WebState produces;
} StageTypeInfo;

static PetscFunctionList stage_list = NULL;
static StageTypeInfo     stage_types[STAGE_MAX_TYPES];
static PetscInt          stage_ntypes = 0;

PetscErrorCode StageRegister(const char *name, PetscErrorCode (*create)(Stage), const CaseKeySpec keys[],
                             PetscInt nkeys, PetscInt accepts, WebState produces)
{
  PetscFunctionBeginUser;
  PetscCheck(stage_ntypes < STAGE_MAX_TYPES, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Too many stage types");
  PetscCheck(accepts != 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Stage %s accepts no web state", name);
  PetscCall(PetscFunctionListAdd(&stage_list, name, create));
  PetscCall(PetscStrncpy(stage_types[stage_ntypes].name, name, sizeof(stage_types[0].name)));
  stage_types[stage_ntypes].accepts  = accepts;
  stage_types[stage_ntypes].produces = produces;
  stage_ntypes++;
  PetscCall(CaseKeysRegister(name, keys, nkeys));
  PetscFunctionReturn(0);
}

PetscErrorCode WebStateDescribe(PetscInt mask, char *buf, size_t len)
{
  static const char *const names[] = {"bare foil",    "wet film",        "dry coating",
                                      "powder layer", "laminated layer", "calendered coating"};
  PetscFunctionBeginUser;
  buf[0] = 0;
  for (PetscInt k = 0, n = 0; k < (PetscInt) PETSC_STATIC_ARRAY_LENGTH(names); k++) {
    if (!(mask & (1 << k))) continue;
    if (n++) AppendText(buf, len, " or ");
    AppendText(buf, len, names[k]);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode StageGetRegisteredNames(char *buf, size_t len)
{
  PetscFunctionBeginUser;
  buf[0] = 0;
  for (PetscInt i = 0; i < stage_ntypes; i++) {
    if (i) AppendText(buf, len, ", ");
    AppendText(buf, len, stage_types[i].name);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode StageGetWebStates(const char *type, PetscInt *accepts, WebState *produces)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < stage_ntypes; i++) {
    PetscBool match;
    PetscCall(PetscStrcmp(type, stage_types[i].name, &match));
    if (!match) continue;
    if (accepts) *accepts = stage_types[i].accepts;
    if (produces) *produces = stage_types[i].produces;
    PetscFunctionReturn(0);
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_UNKNOWN_TYPE, "Stage '%s' is not registered", type);
}

PetscErrorCode StageRegistryFinalize(void)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFunctionListDestroy(&stage_list));
  stage_ntypes = 0;
  PetscFunctionReturn(0);
}

PetscErrorCode StageRegisterAllKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(StageRegisterAll());
  PetscFunctionReturn(0);
}

PetscErrorCode StageIsRegistered(const char *name, PetscBool *registered)
{
  PetscErrorCode (*create)(Stage) = NULL;
  PetscFunctionBeginUser;
  PetscCall(PetscFunctionListFind(stage_list, name, &create));
  *registered = create ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode StageCreate(MPI_Comm comm, const char *type, Stage *stage)
{
  PetscErrorCode (*create)(Stage) = NULL;
  PetscFunctionBeginUser;
  PetscCall(PetscFunctionListFind(stage_list, type, &create));
  PetscCheck(create, comm, PETSC_ERR_USER_INPUT, "Stage '%s' is not registered", type);
  PetscCall(PetscNew(stage));
  (*stage)->comm = comm;
  PetscCall(PetscStrncpy((*stage)->name, type, sizeof((*stage)->name)));
  PetscCall(PetscStrncpy((*stage)->type, type, sizeof((*stage)->type)));
  PetscCall((*create)(*stage));
  PetscFunctionReturn(0);
}

PetscErrorCode StageSetInstanceName(Stage stage, const char *name)
{
  PetscBool is_type;
  PetscFunctionBeginUser;
  PetscCall(PetscStrncpy(stage->name, name, sizeof(stage->name)));
  PetscCall(PetscStrcmp(name, stage->type, &is_type));
  if (is_type)
    stage->prefix[0] = 0;
  else
    PetscCall(PetscSNPrintf(stage->prefix, sizeof(stage->prefix), "%s_", name));
  PetscFunctionReturn(0);
}

PetscErrorCode StageGetOptionsPrefix(Stage stage, const char **prefix)
{
  PetscFunctionBeginUser;
  *prefix = stage->prefix;
  PetscFunctionReturn(0);
}

PetscErrorCode StageGetType(Stage stage, const char **type)
{
  PetscFunctionBeginUser;
  *type = stage->type;
  PetscFunctionReturn(0);
}

PetscErrorCode StageSetFromCase(Stage stage, EprocCase c, Materials m)
{
  PetscFunctionBeginUser;
  if (stage->ops.setfromcase) PetscCall((*stage->ops.setfromcase)(stage, c, m));
  PetscFunctionReturn(0);
}

PetscErrorCode StageSetUp(Stage stage, Web web)
{
  PetscFunctionBeginUser;
  if (stage->ops.setup) PetscCall((*stage->ops.setup)(stage, web));
  PetscFunctionReturn(0);
}

/* The first non-finite value of an array, or -1. */
static PetscInt FirstNonFinite(PetscInt n, const PetscReal *a)
{
  for (PetscInt i = 0; a && i < n; i++)
    if (PetscIsInfOrNanReal(a[i])) return i;
  return -1;
}

/* A numerical fault shows as NaN or Inf in what the stage hands on: the web (named by its cross-web cell), the
 * ledger items and balances it booked, the summary values (NaN alone means "not produced" there). */
static PetscErrorCode CheckFinite(Stage stage, Web web, Ledger ledger, PetscInt nledger0, Summary summary,
                                  PetscInt nbalance0)
{
  const char *const names[]  = {"cell position", "coating thickness", "solids mass", "solvent mass", "porosity"};
  const char *const units[]  = {"m", "m", "kg/m2", "kg/m2", "-"};
  PetscReal *const  fields[] = {web->y, web->thickness, web->solids_mass, web->solvent_mass, web->porosity};
  PetscInt          n;
  char              msg[512] = ""; /* formatted here: PETSc's %g would print "nan." */
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < (PetscInt) PETSC_STATIC_ARRAY_LENGTH(fields) && !msg[0]; k++) {
    PetscInt j = FirstNonFinite(web->ny, fields[k]);
    if (j >= 0)
      snprintf(msg, sizeof(msg),
               "the web leaving it has %s = %g %s in cross-web cell %d of %d (y = %.4g mm from the edge)", names[k],
               (double) fields[k][j], units[k], (int) j, (int) web->ny,
               web->y && PetscIsNormalReal(web->y[j]) ? (double) (web->y[j] * 1e3) : -1.0);
  }
  if (!msg[0] && (PetscIsInfOrNanReal(web->temperature) || PetscIsInfOrNanReal(web->binder_migration_index)))
    snprintf(msg, sizeof(msg), "the web leaving it has temperature %g K, binder migration index %g",
             (double) web->temperature, (double) web->binder_migration_index);
  PetscCall(LedgerGetSize(ledger, &n));
  for (PetscInt i = nledger0; i < n && !msg[0]; i++) {
    const LedgerEntry *e;
    PetscCall(LedgerGetEntry(ledger, i, &e));
    if (PetscIsInfOrNanReal(e->energy) || PetscIsInfOrNanReal(e->minimum))
      snprintf(msg, sizeof(msg), "its energy item '%s' is %g J/m2 (minimum %g J/m2)", e->item, (double) e->energy,
               (double) e->minimum);
  }
  PetscCall(SummaryGetNumBalances(summary, &n));
  for (PetscInt i = nbalance0; i < n && !msg[0]; i++) {
    const BalanceEntry *b;
    PetscCall(SummaryGetBalance(summary, i, &b));
    if (PetscIsInfOrNanReal(b->in) || PetscIsInfOrNanReal(b->out) || PetscIsInfOrNanReal(b->stored) ||
        PetscIsInfOrNanReal(b->relative_error))
      snprintf(msg, sizeof(msg), "its %s balance is in %g, out %g, stored %g", b->quantity, (double) b->in,
               (double) b->out, (double) b->stored);
  }
  PetscCall(SummaryGetSize(summary, &n));
  for (PetscInt i = 0; i < n && !msg[0]; i++) {
    const SummaryEntry *e;
    PetscCall(SummaryGetEntry(summary, i, &e));
    if (e->set && PetscIsInfReal(e->value))
      snprintf(msg, sizeof(msg), "summary value %s is %g %s", e->name, (double) e->value, e->unit);
  }
  PetscCheck(!msg[0], stage->comm, PETSC_ERR_FP, "stage '%s' diverged: %s; no results file is written", stage->name,
             msg);
  PetscFunctionReturn(0);
}

PetscErrorCode StageRun(Stage stage, Web web, Ledger ledger, Summary summary)
{
  PetscLogEvent  event;
  PetscInt       nledger0, nbalance0;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCheck(stage->ops.run, stage->comm, PETSC_ERR_PLIB, "Stage %s has no run operation", stage->name);
  PetscCall(LedgerGetSize(ledger, &nledger0));
  PetscCall(SummaryGetNumBalances(summary, &nbalance0));
  /* one -log_view event per stage instance, named after it (registering a name again returns the same event) */
  PetscCall(PetscLogEventRegister(stage->name, PETSC_OBJECT_CLASSID, &event));
  PetscCall(PetscLogEventBegin(event, 0, 0, 0, 0));
  ierr = (*stage->ops.run)(stage, web, ledger, summary);
  if (ierr == PETSC_ERR_NOT_CONVERGED || ierr == PETSC_ERR_FP) {
    /* a solver gave up inside the stage: say which stage (the solver's own message names only itself) */
    PetscMPIInt rank;
    PetscCallMPI(MPI_Comm_rank(stage->comm, &rank));
    if (!rank) (void) fprintf(stderr, "eproc: stage '%s' did not converge; no results file is written\n", stage->name);
  }
  PetscCall(ierr);
  PetscCall(PetscLogEventEnd(event, 0, 0, 0, 0));
  PetscCall(CheckFinite(stage, web, ledger, nledger0, summary, nbalance0));
  PetscFunctionReturn(0);
}

PetscErrorCode StageView(Stage stage, PetscViewer v)
{
  PetscFunctionBeginUser;
  if (stage->ops.view) PetscCall((*stage->ops.view)(stage, v));
  PetscFunctionReturn(0);
}

/* All ranks decide together whether the stage's fields were written (a stage may write through PETSc viewers
 * that do not vote, e.g. VecView): a failure on one rank is an error on every rank, at the same point. */
PetscErrorCode StageWriteFields(Stage stage, PetscViewer h5)
{
  PetscErrorCode ierr = 0;
  char           what[96];
  PetscFunctionBeginUser;
  if (stage->ops.writefields) ierr = (*stage->ops.writefields)(stage, h5);
  PetscCall(PetscSNPrintf(what, sizeof(what), "writing the fields of stage %s", stage->name));
  PetscCall(H5Agree(h5, ierr, what));
  PetscFunctionReturn(0);
}

PetscErrorCode StageGetName(Stage stage, const char **name)
{
  PetscFunctionBeginUser;
  *name = stage->name;
  PetscFunctionReturn(0);
}

PetscErrorCode StageDestroy(Stage *stage)
{
  PetscFunctionBeginUser;
  if (!*stage) PetscFunctionReturn(0);
  if ((*stage)->ops.destroy) PetscCall((*(*stage)->ops.destroy)(*stage));
  PetscCall(PetscFree(*stage));
  PetscFunctionReturn(0);
}

PetscErrorCode StageSolverViewersRequested(PetscOptions options, PetscBool *requested)
{
  static const char *const elsewhere[] = {"-log_view", "-malloc_view", "-memory_view", "-options_view"};
  static const char *const viewing[]   = {"view", "converged_reason", "monitor", "test", "-help"};
  char                    *all, *tok, *save = NULL;
  PetscFunctionBeginUser;
  *requested = PETSC_FALSE;
  PetscCall(PetscOptionsGetAll(options, &all));
  for (tok = strtok_r(all, " ", &save); tok && !*requested; tok = strtok_r(NULL, " ", &save)) {
    PetscBool skip = PETSC_FALSE;
    if (tok[0] != '-' || !((tok[1] >= 'a' && tok[1] <= 'z') || (tok[1] >= 'A' && tok[1] <= 'Z')))
      continue; /* a value */
    for (size_t i = 0; i < sizeof(elsewhere) / sizeof(elsewhere[0]); i++)
      if (!strncmp(tok, elsewhere[i], strlen(elsewhere[i]))) skip = PETSC_TRUE;
    for (size_t i = 0; !skip && i < sizeof(viewing) / sizeof(viewing[0]); i++)
      if (strstr(tok, viewing[i])) *requested = PETSC_TRUE;
  }
  PetscCall(PetscFree(all));
  PetscFunctionReturn(0);
}
