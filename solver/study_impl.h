/* Internals shared by the study modules: definition (study.c), designs (study_design.c, study_sobol.c),
 * analytic models (study_model.c), scheduler (study_scheduler.c), optimisation (optimize.c), sensitivities
 * (sensitivity.c) and the study file (postproc/study_results.c). See docs/studies.md. */
#pragma once
#include "study.h"
#include <stdint.h>

#define STUDY_NAME_LEN    160 /* a case key path or a summary name */
#define STUDY_REASON_LEN  240 /* why a case failed, as recorded */
#define STUDY_MAX_KEYS    16  /* case keys that move together as one parameter */
#define STUDY_MAX_CHOICES 16
#define STUDY_MAX_OBJ     8
#define STUDY_MAX_CON     16
#define STUDY_MAX_CONST   8 /* constants of an analytic model */

typedef enum { STUDY_REAL, STUDY_INTEGER, STUDY_CHOICE } StudyParameterKind;
typedef enum { STUDY_LINEAR, STUDY_LOG } StudyScale;
typedef enum {
  STUDY_DESIGN_NONE,
  STUDY_DESIGN_GRID,
  STUDY_DESIGN_LHS,
  STUDY_DESIGN_SOBOL,
  STUDY_DESIGN_SALTELLI
} StudyDesignType;

/* Phases of a study: every case is identified by (phase, batch, index), the same whatever the ranks. */
enum { STUDY_PHASE_REFERENCE = 0, STUDY_PHASE_DESIGN = 1, STUDY_PHASE_GENERATION = 2, STUDY_PHASE_REFINE = 3 };

/* Case status as recorded */
enum { STUDY_OK = 0, STUDY_FAILED = 1, STUDY_BAD_INPUT = 2 };

typedef struct {
  char               name[STUDY_NAME_LEN]; /* the first key path, or the model input name (x1, x2, ...) */
  char               keys[STUDY_MAX_KEYS][STUDY_NAME_LEN];
  PetscInt           nkeys;
  StudyParameterKind kind;
  StudyScale         scale;
  double             lo, hi; /* in the unit of the key's name (file units); indices for a choice */
  char               unit[32];
  char               choices[STUDY_MAX_CHOICES][64];
  PetscInt           nchoices;
  PetscInt           levels; /* full grid: values of this parameter */
  int                line;
} StudyParameter;

typedef struct {
  char      name[STUDY_NAME_LEN];
  PetscBool maximize;
  int       line;
  PetscInt  output; /* column in the outputs */
} StudyObjective;

typedef struct {
  char     name[STUDY_NAME_LEN];
  double   lo, hi; /* -inf / +inf when absent */
  int      line;
  PetscInt output;
} StudyConstraint;

/* An analytic test model, registered by name (study_model.c); evaluated instead of a route. */
typedef struct {
  const char *name, *help;
  PetscInt    min_inputs, max_inputs;
  double      input_lo, input_hi; /* the domain of every input (the default parameter range) */
  PetscInt    noutputs;
  const char *outputs[4], *units[4];
  PetscInt    nconstants;
  const char *constants[STUDY_MAX_CONST];
  double      defaults[STUDY_MAX_CONST];
  void (*eval)(PetscInt n, const double *x, const double *constants, double *out);
} StudyModel;

PETSC_EXTERN PetscErrorCode StudyModelFind(const char *name, const StudyModel **m);
PETSC_EXTERN PetscErrorCode StudyModelNames(char *buf, size_t len);

/* One finished case: identity, outcome, parameters (file units; choice: index) and every output. */
typedef struct {
  int32_t phase, batch, index, status, group;
  double  wall_s;
  char    reason[STUDY_REASON_LEN];
} StudyRecordMeta;

/* The finished cases held in memory (rank 0), found by identity. */
typedef struct {
  PetscInt         n, alloc, np, nout;
  StudyRecordMeta *meta;
  double          *param, *out;
  /* open-addressing index on the identity key */
  int64_t  *hkeys;
  PetscInt  hsize;
  PetscInt *hval;
} StudyRecords;

static inline int64_t StudyCaseKey(int phase, int batch, int index)
{
  return ((int64_t) phase << 56) | ((int64_t) batch << 32) | (int64_t) (uint32_t) index;
}

PETSC_EXTERN PetscErrorCode StudyRecordsInit(StudyRecords *r, PetscInt np, PetscInt nout);
PETSC_EXTERN PetscErrorCode StudyRecordsFree(StudyRecords *r);
PETSC_EXTERN PetscErrorCode StudyRecordsAdd(StudyRecords *r, const StudyRecordMeta *m, const double *param,
                                            const double *out);
/* -1 when absent */
PETSC_EXTERN PetscInt StudyRecordsFind(const StudyRecords *r, int phase, int batch, int index);

typedef struct {
  PetscBool enabled;
  PetscInt  population, generations;
  double    crossover_probability, crossover_eta, mutation_eta;
  PetscInt  refine_starts, refine_evaluations;
  char      refine_method[16]; /* "bqnls" (finite differences), "nm" (Nelder-Mead) or "none" */
  double    fd_step, penalty;
} StudyOptimize;

typedef struct {
  PetscInt bootstrap;
  double   confidence;
  char     outputs[STUDY_MAX_OBJ][STUDY_NAME_LEN]; /* default: the objectives */
  PetscInt noutputs;
} StudySensitivity;

struct _p_Study {
  MPI_Comm comm;
  char     file[PETSC_MAX_PATH_LEN], dir[PETSC_MAX_PATH_LEN];
  char     name[256];
  /* what each case evaluates: a base case with overrides, or an analytic model */
  char              base_case[PETSC_MAX_PATH_LEN];
  const StudyModel *model;
  double            model_constants[STUDY_MAX_CONST];
  char             *case_options; /* PETSc options for every route */
  /* parameters and design */
  StudyParameter *param;
  PetscInt        np;
  StudyDesignType design;
  PetscInt        samples, levels;
  uint64_t        seed;
  PetscBool       scramble;
  /* objectives, constraints */
  StudyObjective   obj[STUDY_MAX_OBJ];
  PetscInt         nobj;
  StudyConstraint  con[STUDY_MAX_CON];
  PetscInt         ncon;
  StudyOptimize    opt;
  StudySensitivity sens;
  /* outputs: every summary scalar of the base case (or the model's outputs) */
  char (*out_name)[64];
  char (*out_unit)[32];
  PetscInt nout;
  /* the definition: canonical text and its hash (a study file of another definition is refused) */
  char    *definition;
  uint64_t hash;
  /* run-time settings (not part of the definition) */
  PetscInt  group_size;
  PetscBool progress, dedicated_manager, plan_only;
  PetscBool check_ranges; /* try each parameter's range on the base case (rank 0 does, for everyone) */
};

/* ---- study.c */
PETSC_EXTERN PetscErrorCode StudyInputError(Study s, int line, const char *fmt, ...);
/* Parameter value (file units; choice: index) of a unit-cube coordinate u in [0, 1]. */
PETSC_EXTERN double StudyParameterValue(const StudyParameter *p, double u);
/* "key=value" overrides of one case (caller frees with StudyFreeSets). */
PETSC_EXTERN PetscErrorCode StudyCaseSets(Study s, const double *values, PetscInt *nsets, char ***sets);
PETSC_EXTERN PetscErrorCode StudyFreeSets(PetscInt nsets, char ***sets);
PETSC_EXTERN PetscErrorCode StudyResolveOutputs(Study s, PetscInt nout, const char (*names)[64],
                                                const char (*units)[32]);

/* ---- study_design.c: unit-cube points of the design, row-major n x dim */
typedef struct {
  uint64_t s[4];
} StudyRng;
PETSC_EXTERN void           StudyRngSeed(StudyRng *r, uint64_t seed, uint64_t stream);
PETSC_EXTERN uint64_t       StudyRngNext(StudyRng *r);
PETSC_EXTERN double         StudyRngUniform(StudyRng *r); /* [0, 1) with 53 random bits */
PETSC_EXTERN PetscErrorCode StudyDesignSize(Study s, PetscInt *n);
PETSC_EXTERN PetscErrorCode StudyDesignPoints(Study s, PetscInt *n, double **u); /* values, not unit cube */
PETSC_EXTERN PetscErrorCode StudyLatinHypercube(PetscInt n, PetscInt dim, uint64_t seed, double *u);
PETSC_EXTERN PetscErrorCode StudySobolMaxDimension(PetscInt *dim);
/* Points first..first+n-1 of the Sobol sequence (Joe-Kuo direction numbers), optionally scrambled
 * (random linear matrix scramble and digital shift, from seed). */
PETSC_EXTERN PetscErrorCode StudySobol(PetscInt dim, PetscInt first, PetscInt n, PetscBool scramble, uint64_t seed,
                                       double *u);

/* ---- study_scheduler.c: the batch evaluator (rank 0 drives, every group runs cases) */
typedef struct _p_StudyRunner *StudyRunner;
typedef struct {
  int     phase, batch, index;
  double *values; /* np parameter values */
} StudyCaseTask;
PETSC_EXTERN PetscErrorCode StudyRunnerGetRecords(StudyRunner r, StudyRecords **rec);
/* Evaluate a batch of cases (rank 0 only): those already recorded are not run again. */
PETSC_EXTERN PetscErrorCode StudyRunnerEvaluate(StudyRunner r, PetscInt n, const StudyCaseTask tasks[]);
/* Local refinement starts, each run whole by one group (rank 0 only); payload: see optimize.c. */
PETSC_EXTERN PetscErrorCode StudyRunnerRefine(StudyRunner r, PetscInt nstarts, PetscInt payload_len,
                                              const double *payloads);
/* Run one case on the calling group (used by refinement): the case is recorded (or taken from the record). */
PETSC_EXTERN PetscErrorCode StudyRunnerCase(StudyRunner r, int phase, int batch, int index, const double *values,
                                            StudyRecordMeta *meta, double *out);
PETSC_EXTERN PetscErrorCode StudyRunnerAddPlanned(StudyRunner r, PetscInt n);

/* ---- optimize.c */
PETSC_EXTERN PetscErrorCode StudyOptimizeRun(Study s, StudyRunner r);
/* Refinement start `start` on the calling group (payload from StudyOptimizeRun). */
PETSC_EXTERN PetscErrorCode StudyRefineStart(Study s, StudyRunner r, PetscInt start, PetscInt len,
                                             const double *payload);
PETSC_EXTERN PetscErrorCode StudyRefinePayloadLength(Study s, PetscInt *len);
/* Feasible non-dominated set of the finished cases (indices into rec, by case identity order). */
/* The first error message of a case run under PetscPushErrorHandler(StudyCaptureHandler, &captured): kept, not
 * printed, so that it can be reported with the case (failed cases) or at the study file's line (validation). */
typedef struct {
  char msg[1024];
} StudyCapturedError;
PETSC_EXTERN PetscErrorCode StudyCaptureHandler(MPI_Comm, int, const char *, const char *, PetscErrorCode,
                                                PetscErrorType, const char *, void *);
PETSC_EXTERN PetscErrorCode StudyParetoFront(Study s, const StudyRecords *rec, PetscInt *nfront, PetscInt **front);
PETSC_EXTERN PetscErrorCode StudyFeasible(Study s, const double *out, PetscBool *feasible, double *violation);

/* ---- sensitivity.c */
typedef struct {
  char     output[STUDY_NAME_LEN];
  PetscInt nbase, nused; /* base samples, those with every case finished */
  double   variance;
  double  *first, *total, *first_lo, *first_hi, *total_lo, *total_hi; /* np each */
} StudySobolIndices;
PETSC_EXTERN PetscErrorCode StudySensitivityCompute(Study s, const StudyRecords *rec, PetscInt *n,
                                                    StudySobolIndices **idx);
PETSC_EXTERN PetscErrorCode StudySensitivityFree(PetscInt n, StudySobolIndices **idx);
/* Saltelli/Jansen estimators on given model values fA[N], fB[N], fAB[N*d] (column i: AB_i), with a bootstrap */
PETSC_EXTERN PetscErrorCode StudySobolEstimate(PetscInt N, PetscInt d, const double *fA, const double *fB,
                                               const double *fAB, PetscInt nboot, double confidence, uint64_t seed,
                                               StudySobolIndices *idx);
