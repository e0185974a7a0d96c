/* `eproc study STUDY.cfg [-o S.h5] [study options] [PETSc options for the cases]` (docs/studies.md).
 *   -study_group_size g         ranks per case (default 1); the ranks (besides a dedicated manager) split into groups
 *   -study_dedicated_manager    rank 0 only hands out and records cases (for long cases on many ranks)
 *   -study_progress 0|1         progress on stderr (default 1)
 *   -study_plan                 check the study (and run the base case), print the plan; run no case, write nothing
 *   -study_refine_tao_*         options of the TAO refinement solves
 * Every other PETSc option is given to each case's route, and is part of the study's definition. */
#include "study_impl.h"
#include <string.h>

/* The options string without the -study_* options (and their values): what the cases get. */
static PetscErrorCode CaseOptions(const char *options, char **out)
{
  int    argc = 0;
  char **argv = NULL;
  size_t len  = strlen(options ? options : "") + 1;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(len, out));
  if (!options || !options[0]) PetscFunctionReturn(0);
  PetscCall(PetscStrToArray(options, ' ', &argc, &argv));
  for (int i = 0; i < argc; i++) {
    if (!strncmp(argv[i], "-study_", 7)) {
      if (i + 1 < argc && (argv[i + 1][0] != '-' || (argv[i + 1][1] >= '0' && argv[i + 1][1] <= '9'))) i++;
      continue;
    }
    if ((*out)[0]) PetscCall(PetscStrlcat(*out, " ", len));
    PetscCall(PetscStrlcat(*out, argv[i], len));
  }
  PetscCall(PetscStrToArrayDestroy(argc, argv));
  PetscFunctionReturn(0);
}

PetscErrorCode EprocStudyCommand(PetscInt nfiles, const char *const files[], const char *output, const char *options,
                                 int *status)
{
  Study          s;
  char          *case_options, out[PETSC_MAX_PATH_LEN];
  PetscErrorCode ierr;
  PetscBool      flg;
  PetscFunctionBeginUser;
  *status = 0;
  PetscCheck(nfiles == 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
             "eproc study takes one study file (eproc study STUDY.cfg -o S.h5), %d given", (int) nfiles);
  if (output)
    PetscCall(PetscStrncpy(out, output, sizeof(out)));
  else {
    const char *base = strrchr(files[0], '/'), *dot;
    base             = base ? base + 1 : files[0];
    dot              = strrchr(base, '.');
    PetscCall(PetscSNPrintf(out, sizeof(out), "%.*s.h5", (int) (dot ? dot - base : (long) strlen(base)), base));
  }
  PetscCall(CaseOptions(options, &case_options));
  PetscCall(StudyCreate(PETSC_COMM_WORLD, &s));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-study_group_size", &s->group_size, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-study_progress", &s->progress, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-study_dedicated_manager", &s->dedicated_manager, &flg));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-study_plan", &s->plan_only, &flg));
  {
    /* every rank reads and checks the study file; rank 0 alone prints what is wrong */
    PetscMPIInt rank;
    PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
    if (rank) PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = StudyLoad(s, files[0], case_options);
    if (rank) PetscCall(PetscPopErrorHandler());
  }
  if (!ierr) ierr = StudyRun(s, out);
  PetscCall(StudyDestroy(&s));
  PetscCall(PetscFree(case_options));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}
