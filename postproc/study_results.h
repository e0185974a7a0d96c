/* The study file: one HDF5 file per study, written by rank 0 (docs/studies.md).
 *
 *   /               attributes eproc_version, study_file, study_name, study_hash (16 hex digits),
 *                   study_definition (the canonical text the hash is taken of), complete (0 or 1)
 *   /cases          one row per finished case (compound): phase, batch, index (the case's identity),
 *                   status (0 ok, 1 failed, 2 bad input), group, wall_time_s, one column per parameter (named by its
 *                   key path; a choice holds its index), one per output (every summary scalar; NaN when not
 *                   produced or failed), reason (why it failed)
 *   /parameters     name, unit, lo, hi, scale, kind of each parameter
 *   /outputs        name, unit of each output
 *   /front          the feasible non-dominated cases (rows as in /cases); also written as CSV beside the file
 *   /sensitivity/<output>   per parameter: first-order and total Sobol indices with bootstrap intervals
 *
 * Crash safety: every finished case is first appended to a journal beside the file (S.h5.journal: fixed-length
 * records, each with a CRC, written with one write() call) and then to /cases, flushed at once. A study killed at
 * any point (even inside an HDF5 write) is resumed from the journal: a torn last record is dropped, the HDF5 file is
 * rebuilt from the journal under a temporary name and renamed. When the study completes, the file is rewritten
 * with the cases in identity order, the front and the sensitivities, and the journal is removed. The journal is
 * locked (flock) while a study runs: a second study on the same file is refused. */
#pragma once
#include "../solver/study_impl.h"

typedef struct _p_StudyFile *StudyFile;

typedef struct {
  uint64_t           hash;
  const char        *definition, *study_file, *study_name;
  PetscInt           np, nout;
  const char *const *param_names, *const *param_units, *const *param_scale, *const *param_kind;
  const double      *param_lo, *param_hi;
  const char *const *out_names, *const *out_units;
} StudyFileLayout;

typedef struct {
  PetscInt                 nfront;
  const PetscInt          *front; /* indices into the records */
  PetscInt                 nsens;
  const StudySobolIndices *sens;
  const char              *csv; /* file name of the front as CSV (NULL: none) */
} StudyFileAnalysis;

/* Before any work (rank 0, read only): an existing file (or journal) must belong to a study of this hash.
 * Input error otherwise; *resume tells whether there is something to resume. */
PETSC_EXTERN PetscErrorCode StudyFileCheck(const char *filename, uint64_t hash, PetscBool *resume);
/* Open for appending (create or resume): every finished case found is added to rec. */
PETSC_EXTERN PetscErrorCode StudyFileOpen(const char *filename, const StudyFileLayout *layout, StudyRecords *rec,
                                          StudyFile *sf);
PETSC_EXTERN PetscErrorCode StudyFileAppend(StudyFile sf, const StudyRecordMeta *m, const double *param,
                                            const double *out);
/* The final file: cases in identity order, the analysis, complete = 1; the journal is removed. */
PETSC_EXTERN PetscErrorCode StudyFileFinish(StudyFile sf, const StudyRecords *rec, const StudyFileAnalysis *a);
PETSC_EXTERN PetscErrorCode StudyFileClose(StudyFile *sf);

/* Reading a study file (tests and tools): the records and the column names. */
typedef struct {
  char     hash[32];
  PetscInt complete;
  PetscInt np, nout;
  char (*param_names)[STUDY_NAME_LEN];
  char (*out_names)[64];
} StudyFileInfo;
PETSC_EXTERN PetscErrorCode StudyFileRead(const char *filename, StudyFileInfo *info, StudyRecords *rec);
PETSC_EXTERN PetscErrorCode StudyFileInfoFree(StudyFileInfo *info);
/* Sobol indices stored for an output: PETSC_FALSE when absent. np values each. */
PETSC_EXTERN PetscErrorCode StudyFileReadSensitivity(const char *filename, const char *output, PetscInt np,
                                                     double *first, double *total, double *first_lo, double *first_hi,
                                                     double *total_lo, double *total_hi, PetscBool *found);
/* Rows of /front as record indices of /cases (by identity). */
PETSC_EXTERN PetscErrorCode StudyFileReadFront(const char *filename, const StudyRecords *rec, PetscInt *n,
                                               PetscInt **rows);

/* Records as bytes (journal records and MPI messages): fixed length for given np, nout. */
PETSC_EXTERN size_t    StudyRecordPackedSize(PetscInt np, PetscInt nout);
PETSC_EXTERN void      StudyRecordPack(PetscInt np, PetscInt nout, const StudyRecordMeta *m, const double *param,
                                       const double *out, unsigned char *buf);
PETSC_EXTERN PetscBool StudyRecordUnpack(PetscInt np, PetscInt nout, const unsigned char *buf, StudyRecordMeta *m,
                                         double *param, double *out);
