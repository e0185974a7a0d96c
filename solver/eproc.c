/* The in-process API (eproc.h). */
#include "eproc.h"
#include "../postproc/plant.h"

PetscErrorCode EprocInitialize(void)
{
  PetscFunctionBeginUser;
  PetscCall(CaseRegisterAllKeys());
  PetscFunctionReturn(0);
}

PetscErrorCode EprocFinalize(void)
{
  PetscFunctionBeginUser;
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize());
  PetscFunctionReturn(0);
}

PetscErrorCode EprocCaseLoad(MPI_Comm comm, const char *case_file, PetscInt nsets, const char *const sets[],
                             EprocCase *c)
{
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(CaseCreate(comm, c));
  ierr = CaseLoad(*c, case_file);
  for (PetscInt i = 0; i < nsets && !ierr; i++) ierr = CaseSetValue(*c, sets[i]);
  if (!ierr) ierr = CaseSetUp(*c);
  if (!ierr) ierr = PlantCheckCase(*c); /* a plant section names a plant file: check it before any run */
  if (ierr) PetscCall(CaseDestroy(c));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

PetscErrorCode EprocRouteCreate(EprocCase c, const char *petsc_options, Route *r)
{
  MPI_Comm       comm;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(CaseGetComm(c, &comm));
  PetscCall(RouteCreate(comm, r));
  ierr = RouteSetCommandLineOptions(*r, petsc_options);
  if (!ierr) ierr = RouteSetFromCase(*r, c);
  if (ierr) PetscCall(RouteDestroy(r));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}
