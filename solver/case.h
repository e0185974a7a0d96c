/* Case: the whole input of one run, read from a libconfig file and validated against the key schema.
 *
 * Every key a case file may hold is declared once, in a CaseKeySpec table that lives beside the code
 * that uses it (core keys in solver/case_keys.c, stage keys in physics/<stage>.c). The loader
 * rejects unknown keys (naming file, line and the closest known key), out-of-range values (naming
 * the allowed range and the physical reason) and missing required keys. Values are returned in SI:
 * the unit lives in the key name (`air_temperature_C`) and is converted once, here. */
#pragma once
#include <petscsys.h>
#include <stddef.h>

typedef struct _p_EprocCase *EprocCase;

typedef enum {
  CASE_REAL,        /* floating point number, in the unit named by the key suffix */
  CASE_INT,         /* integer count */
  CASE_BOOL,        /* true / false */
  CASE_STRING,      /* free text or a name checked elsewhere (materials, stage names) */
  CASE_STRING_ARRAY /* ["a", "b"] */
} CaseKeyType;

/* One key of the schema.
 * path:  dotted path; a list of groups is written with "[]", e.g. "convective_drying.zones.[].length_m".
 * unit:  the unit suffix of the key name as written in the file ("C", "um", "m_per_min", "-" for none);
 *        solver/units.c converts it to SI. The key name must end in "_<unit>" unless unit is "-".
 * min/max: allowed range in the file's unit (inclusive) for CASE_REAL and CASE_INT.
 * required: PETSC_TRUE if the key has no default. Required keys of a stage's section are only
 *        required when the stage is in the route.
 * default_real / default_string: used when the key is absent.
 * why:   the physical reason for the range, printed when a value falls outside it.
 * help:  one line for the case-file reference (cases/README.md is generated from these tables).
 * field: where CaseReadSection()/CaseReadList() put the SI value in the reader's parameter struct,
 *        written CASE_FIELD(Struct, member) (PetscReal for CASE_REAL, PetscInt for CASE_INT, PetscBool for
 *        CASE_BOOL, const char * for CASE_STRING); 0 for a key read by hand (names of materials, arrays).
 *        So each key is declared once: name, unit, default, range and destination on one line.
 * choices: for a CASE_STRING key that must be one of a few words, the NULL-terminated list of them; its field
 *        is then a PetscInt that receives the position of the value in the list (CaseGetChoice), and any
 *        other value is an input error listing the choices. */
typedef struct {
  const char        *path;
  CaseKeyType        type;
  const char        *unit;
  double             min, max;
  PetscBool          required;
  double             default_real;
  const char        *default_string;
  const char        *why;
  const char        *help;
  size_t             field;
  const char *const *choices;
} CaseKeySpec;

/* Destination of a key in its reader's struct (+1 so that 0 can mean "read by hand"). */
#define CASE_FIELD(type, member) (offsetof(type, member) + 1)

/* The schema is global and filled once by CaseRegisterAllKeys() (core keys plus every registered stage). */
PETSC_EXTERN PetscErrorCode CaseKeysRegister(const char *section, const CaseKeySpec specs[], PetscInt n);
PETSC_EXTERN PetscErrorCode CaseRegisterAllKeys(void);
/* The core sections (solver/case_keys.c): process keys fill the Web's line data, electrode keys its
 * Formulation (physics/web.c). */
PETSC_EXTERN const CaseKeySpec CaseProcessKeys[], CaseElectrodeKeys[];
PETSC_EXTERN const PetscInt    CaseProcessNumKeys, CaseElectrodeNumKeys;
PETSC_EXTERN PetscErrorCode    CaseKeysFinalize(void);
PETSC_EXTERN PetscErrorCode    CaseKeysGetCount(PetscInt *n);
/* Entry i (0 <= i < count) of the schema: the section (core section or stage type) and its key. */
PETSC_EXTERN PetscErrorCode CaseKeysGetEntry(PetscInt i, const char **section, const CaseKeySpec **spec);
PETSC_EXTERN PetscErrorCode CaseKeysPrintReference(FILE *fp); /* markdown table, the source of cases/README.md */
/* The schema entry of a key path in schema terms (concrete or generic list indices); NULL when not a key. */
PETSC_EXTERN PetscErrorCode CaseKeyGetSpec(const char *path, const CaseKeySpec **spec);

/* The limits every input file gets before libconfig reads it (regular file, 256 kB, 5000 settings, no NUL byte,
 * no @include): an input error naming the file otherwise. what: "study file", "plant file", ... for the message.
 * CaseLoad and the materials check apply it; other readers of libconfig files should too. */
PETSC_EXTERN PetscErrorCode CaseCheckInputFile(MPI_Comm comm, const char *filename, const char *what);

PETSC_EXTERN PetscErrorCode CaseCreate(MPI_Comm comm, EprocCase *c);
/* Read the file; nothing is validated until CaseSetUp() so that --set overrides apply first. */
PETSC_EXTERN PetscErrorCode CaseLoad(EprocCase c, const char *filename);
/* Override one key: "path.to.key=value" (the same path syntax as the file; list items as zones.[1].x). */
PETSC_EXTERN PetscErrorCode CaseSetValue(EprocCase c, const char *assignment);
/* Validate the whole tree: the route first (process.stages), then every key against the schema, then the
 * required keys of the core sections and of every stage instance. Nothing is written anywhere: the
 * case's process.petsc_options are layered into each run's own options database by the route. */
PETSC_EXTERN PetscErrorCode CaseSetUp(EprocCase c);

/* Memory and work of the stages' large grids, estimated from their keys, against process.max_memory_GB and
 * process.max_cell_steps: an input error naming the key to lower (called by CaseSetUp; solver/resources.c). */
PETSC_EXTERN PetscErrorCode CaseCheckResources(EprocCase c);

/* The route (after CaseSetUp): process.stages items are "type" or "instance:type". The instance name is
 * the stage's section in the case file ("calendering", "second_pass"). */
PETSC_EXTERN PetscErrorCode CaseGetNumStages(EprocCase c, PetscInt *n);
PETSC_EXTERN PetscErrorCode CaseGetStage(EprocCase c, PetscInt i, char instance[64], char type[64]);
/* While a stage instance reads its keys, paths that begin with its type name ("calendering.x") address its
 * own section ("second_pass.x"): stages ask for their keys by type, as PETSc objects read options
 * without knowing their prefix. Accessors and CaseInputError honour the scope. */
PETSC_EXTERN PetscErrorCode CasePushStageScope(EprocCase c, const char *type, const char *instance);
PETSC_EXTERN PetscErrorCode CasePopStageScope(EprocCase c);
PETSC_EXTERN PetscErrorCode CaseDestroy(EprocCase *c);

/* Read every key of a table that has a CASE_FIELD destination and no list ("[]") in its path into params, in
 * SI (defaults for absent keys). Paths are as in the table; a stage instance's scope applies. */
PETSC_EXTERN PetscErrorCode CaseReadSection(EprocCase c, const CaseKeySpec specs[], PetscInt n, void *params);
/* The same for the keys of a list "section.list.[].key": item i of the file's list goes to the struct at
 * (char *)items + i * item_size. *count is the number of items in the file (an input error above max_items). */
PETSC_EXTERN PetscErrorCode CaseReadList(EprocCase c, const char *list_path, const CaseKeySpec specs[], PetscInt n,
                                         void *items, size_t item_size, PetscInt max_items, PetscInt *count);

/* Accessors (after CaseSetUp). Paths are concrete: "convective_drying.zones.[2].length_m".
 * Values come back in SI; absent optional keys give their default. */
PETSC_EXTERN PetscErrorCode CaseGetReal(EprocCase c, const char *path, PetscReal *si_value);
PETSC_EXTERN PetscErrorCode CaseGetInt(EprocCase c, const char *path, PetscInt *value);
PETSC_EXTERN PetscErrorCode CaseGetBool(EprocCase c, const char *path, PetscBool *value);
PETSC_EXTERN PetscErrorCode CaseGetString(EprocCase c, const char *path, const char **value);
PETSC_EXTERN PetscErrorCode CaseGetListLength(EprocCase c, const char *path, PetscInt *n); /* list or array */
PETSC_EXTERN PetscErrorCode CaseGetStringArrayItem(EprocCase c, const char *path, PetscInt i, const char **value);
/* A string key that must be one of choices[] (NULL-terminated): *index is its position; anything else is an
 * input error that lists the choices. */
PETSC_EXTERN PetscErrorCode CaseGetChoice(EprocCase c, const char *path, const char *const choices[], PetscInt *index);
PETSC_EXTERN PetscErrorCode CaseHas(EprocCase c, const char *path, PetscBool *present);
PETSC_EXTERN PetscErrorCode CaseGetComm(EprocCase c, MPI_Comm *comm);
PETSC_EXTERN PetscErrorCode CaseGetFileName(EprocCase c, const char **filename);
/* Directory of the case file, for resolving relative paths such as process.materials_file. */
PETSC_EXTERN PetscErrorCode CaseGetDirectory(EprocCase c, const char **dir);

/* Raise an input error about a concrete key: prints "file:line: key 'path': <message>" and returns
 * PETSC_ERR_USER_INPUT. For checks that need several keys at once (fractions that must sum to 1, a
 * material name that must exist in materials.cfg). Use as: PetscCall(CaseInputError(c, path, fmt, ...)) */
PETSC_EXTERN PetscErrorCode CaseInputError(EprocCase c, const char *path, const char *fmt, ...);

/* Unit suffix -> SI conversion: si = value * scale + offset. */
PETSC_EXTERN PetscErrorCode UnitsToSI(const char *unit, double *scale, double *offset, const char **display);
