/* Private header for stage implementations (as PETSc's impl headers): the ops table and data. */
#pragma once
#include "stage.h"

typedef struct {
  PetscErrorCode (*setfromcase)(Stage, EprocCase, Materials);
  PetscErrorCode (*setup)(Stage, Web);
  PetscErrorCode (*run)(Stage, Web, Ledger, Summary);
  PetscErrorCode (*view)(Stage, PetscViewer);
  PetscErrorCode (*writefields)(Stage, PetscViewer);
  PetscErrorCode (*destroy)(Stage);
} StageOps;

struct _p_Stage {
  char     name[64];   /* instance name: case section, HDF5 group, ledger and balance label */
  char     type[64];   /* registered type */
  char     prefix[72]; /* options prefix of the instance: "" or "<name>_" */
  MPI_Comm comm;
  StageOps ops;
  void    *data; /* the concrete stage's context; freed by ops.destroy */
};
