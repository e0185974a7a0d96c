/* Test harness for the electrostatic_deposition stage alone: the shipped case is stripped to process,
 * electrode and electrostatic_deposition (route = this stage only, absolute materials path), overrides are
 * applied as with --set, and the route runs on the given communicator. */
#pragma once
#include <libconfig.h>
#include <unistd.h>
#include "case.h"
#include "route.h"
#include "stages.h"

/* stage_registry.c references the stages weakly; this strong reference pulls the stage out of the library. */
PetscErrorCode (*volatile dep_force_link)(Stage) = StageCreate_ElectrostaticDeposition;

static inline PetscErrorCode DepStripCase(MPI_Comm comm, const char *casefile, char *out, size_t len)
{
  config_t          cfg;
  config_setting_t *root, *s;
  char              dir[PETSC_MAX_PATH_LEN], mpath[PETSC_MAX_PATH_LEN];
  const char       *mfile = "materials.cfg";
  PetscMPIInt       rank;
  static int        count = 0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  config_init(&cfg);
  PetscCheck(config_read_file(&cfg, casefile) == CONFIG_TRUE, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s:%d: %s",
             casefile, config_error_line(&cfg), config_error_text(&cfg));
  root = config_root_setting(&cfg);
  for (int i = config_setting_length(root) - 1; i >= 0; i--) {
    const char *name = config_setting_name(config_setting_get_elem(root, (unsigned) i));
    if (strcmp(name, "process") && strcmp(name, "electrode") && strcmp(name, "electrostatic_deposition"))
      config_setting_remove_elem(root, (unsigned) i);
  }
  s = config_lookup(&cfg, "process.stages");
  while (config_setting_length(s) > 0) config_setting_remove_elem(s, 0);
  config_setting_set_string(config_setting_add(s, NULL, CONFIG_TYPE_STRING), "electrostatic_deposition");
  config_lookup_string(&cfg, "process.materials_file", &mfile);
  PetscCall(PetscStrncpy(dir, casefile, sizeof(dir)));
  if (strrchr(dir, '/'))
    *strrchr(dir, '/') = 0;
  else
    PetscCall(PetscStrncpy(dir, ".", sizeof(dir)));
  PetscCall(PetscSNPrintf(mpath, sizeof(mpath), "%s/%s", dir, mfile));
  s = config_lookup(&cfg, "process.materials_file");
  if (!s) s = config_setting_add(config_lookup(&cfg, "process"), "materials_file", CONFIG_TYPE_STRING);
  config_setting_set_string(s, mpath);
  /* one file per rank and call: the ranks may run different communicators */
  PetscCall(PetscSNPrintf(out, len, "dep_case_%d_%d_%d.cfg", (int) getpid(), (int) rank, count++));
  PetscCheck(config_write_file(&cfg, out) == CONFIG_TRUE, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "cannot write %s",
             out);
  config_destroy(&cfg);
  (void) comm;
  PetscFunctionReturn(0);
}

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
  PetscCall(DepStripCase(comm, casefile, stripped, sizeof(stripped)));
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
