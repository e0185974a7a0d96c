/* The finished cases of a study in memory, found by identity (phase, batch, index) through a hash index. */
#include "study_impl.h"
#include <string.h>

PetscErrorCode StudyRecordsInit(StudyRecords *r, PetscInt np, PetscInt nout)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(r, sizeof(*r)));
  r->np   = np;
  r->nout = nout;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRecordsFree(StudyRecords *r)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(r->meta));
  PetscCall(PetscFree(r->param));
  PetscCall(PetscFree(r->out));
  PetscCall(PetscFree(r->hkeys));
  PetscCall(PetscFree(r->hval));
  PetscCall(PetscMemzero(r, sizeof(*r)));
  PetscFunctionReturn(0);
}

static inline PetscInt Slot(int64_t key, PetscInt size)
{
  uint64_t h = (uint64_t) key * 0x9E3779B97F4A7C15ull;
  return (PetscInt) ((h ^ (h >> 29)) & (uint64_t) (size - 1));
}

static PetscErrorCode Insert(StudyRecords *r, int64_t key, PetscInt value)
{
  PetscInt s = Slot(key, r->hsize);
  PetscFunctionBeginUser;
  while (r->hval[s] >= 0) s = (s + 1) & (r->hsize - 1);
  r->hkeys[s] = key;
  r->hval[s]  = value;
  PetscFunctionReturn(0);
}

static PetscErrorCode Rehash(StudyRecords *r, PetscInt size)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(r->hkeys));
  PetscCall(PetscFree(r->hval));
  r->hsize = size;
  PetscCall(PetscMalloc1(size, &r->hkeys));
  PetscCall(PetscMalloc1(size, &r->hval));
  for (PetscInt i = 0; i < size; i++) r->hval[i] = -1;
  for (PetscInt i = 0; i < r->n; i++)
    PetscCall(Insert(r, StudyCaseKey(r->meta[i].phase, r->meta[i].batch, r->meta[i].index), i));
  PetscFunctionReturn(0);
}

PetscInt StudyRecordsFind(const StudyRecords *r, int phase, int batch, int index)
{
  int64_t  key = StudyCaseKey(phase, batch, index);
  PetscInt s;
  if (!r->hsize) return -1;
  for (s = Slot(key, r->hsize); r->hval[s] >= 0; s = (s + 1) & (r->hsize - 1))
    if (r->hkeys[s] == key) return r->hval[s];
  return -1;
}

PetscErrorCode StudyRecordsAdd(StudyRecords *r, const StudyRecordMeta *m, const double *param, const double *out)
{
  PetscFunctionBeginUser;
  PetscCheck(StudyRecordsFind(r, m->phase, m->batch, m->index) < 0, PETSC_COMM_SELF, PETSC_ERR_PLIB,
             "Case (%d, %d, %d) recorded twice", m->phase, m->batch, m->index);
  if (r->n == r->alloc) {
    PetscInt a = r->alloc ? 2 * r->alloc : 256;
    PetscCall(PetscRealloc(sizeof(StudyRecordMeta) * (size_t) a, &r->meta));
    PetscCall(PetscRealloc(sizeof(double) * (size_t) (a * (r->np ? r->np : 1)), &r->param));
    PetscCall(PetscRealloc(sizeof(double) * (size_t) (a * (r->nout ? r->nout : 1)), &r->out));
    r->alloc = a;
  }
  r->meta[r->n] = *m;
  if (r->np) PetscCall(PetscArraycpy(r->param + r->n * r->np, param, r->np));
  if (r->nout) PetscCall(PetscArraycpy(r->out + r->n * r->nout, out, r->nout));
  r->n++;
  if (2 * r->n > r->hsize)
    PetscCall(Rehash(r, r->hsize ? 4 * r->hsize : 1024));
  else
    PetscCall(Insert(r, StudyCaseKey(m->phase, m->batch, m->index), r->n - 1));
  PetscFunctionReturn(0);
}
