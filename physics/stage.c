/* Stage life cycle and registry (the concrete stages are listed in stage_registry.c). */
#include "stageimpl.h"

PetscFunctionList StageList = NULL;
static char       registered_names[512]; /* for messages: "a, b, c" */

PetscErrorCode StageRegister(const char *name, PetscErrorCode (*create)(Stage), const CaseKeySpec keys[],
                             PetscInt nkeys)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFunctionListAdd(&StageList, name, create));
  if (registered_names[0]) PetscCall(PetscStrlcat(registered_names, ", ", sizeof(registered_names)));
  PetscCall(PetscStrlcat(registered_names, name, sizeof(registered_names)));
  PetscCall(CaseKeysRegister(name, keys, nkeys));
  PetscFunctionReturn(0);
}

PetscErrorCode StageGetRegisteredNames(char *buf, size_t len)
{
  PetscFunctionBeginUser;
  PetscCall(PetscStrncpy(buf, registered_names, len));
  PetscFunctionReturn(0);
}

PetscErrorCode StageRegistryFinalize(void)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFunctionListDestroy(&StageList));
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
  PetscCall(PetscFunctionListFind(StageList, name, &create));
  *registered = create ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode StageCreate(MPI_Comm comm, const char *name, Stage *stage)
{
  PetscErrorCode (*create)(Stage) = NULL;
  PetscFunctionBeginUser;
  PetscCall(PetscFunctionListFind(StageList, name, &create));
  PetscCheck(create, comm, PETSC_ERR_USER_INPUT, "Stage '%s' is not registered", name);
  PetscCall(PetscNew(stage));
  (*stage)->comm = comm;
  PetscCall(PetscStrncpy((*stage)->name, name, sizeof((*stage)->name)));
  PetscCall((*create)(*stage));
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

PetscErrorCode StageRun(Stage stage, Web web, Ledger ledger, Summary summary)
{
  PetscLogEvent event;
  PetscFunctionBeginUser;
  PetscCheck(stage->ops.run, stage->comm, PETSC_ERR_PLIB, "Stage %s has no run operation", stage->name);
  /* one -log_view event per stage, named after it */
  PetscCall(PetscLogEventRegister(stage->name, PETSC_OBJECT_CLASSID, &event));
  PetscCall(PetscLogEventBegin(event, 0, 0, 0, 0));
  PetscCall((*stage->ops.run)(stage, web, ledger, summary));
  PetscCall(PetscLogEventEnd(event, 0, 0, 0, 0));
  PetscFunctionReturn(0);
}

PetscErrorCode StageView(Stage stage, PetscViewer v)
{
  PetscFunctionBeginUser;
  if (stage->ops.view) PetscCall((*stage->ops.view)(stage, v));
  PetscFunctionReturn(0);
}

PetscErrorCode StageWriteFields(Stage stage, PetscViewer h5)
{
  PetscFunctionBeginUser;
  if (stage->ops.writefields) PetscCall((*stage->ops.writefields)(stage, h5));
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
