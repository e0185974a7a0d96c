/* Summary scalars and balance closures of a run. */
#include "summary.h"

struct _p_Summary {
  SummaryEntry *entries;
  PetscInt      n, nalloc;
  BalanceEntry *balances;
  PetscInt      nb, nballoc;
};

PetscErrorCode SummaryCreate(Summary *s)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(s));
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryDestroy(Summary *s)
{
  PetscFunctionBeginUser;
  if (!*s) PetscFunctionReturn(0);
  PetscCall(PetscFree((*s)->entries));
  PetscCall(PetscFree((*s)->balances));
  PetscCall(PetscFree(*s));
  PetscFunctionReturn(0);
}

static PetscErrorCode SummaryFind(Summary s, const char *name, SummaryEntry **e)
{
  PetscFunctionBeginUser;
  *e = NULL;
  for (PetscInt i = 0; i < s->n; i++) {
    PetscBool match;
    PetscCall(PetscStrcmp(name, s->entries[i].name, &match));
    if (match) *e = &s->entries[i];
  }
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryDeclare(Summary s, const char *name, const char *unit, const char *description)
{
  SummaryEntry *e;
  PetscFunctionBeginUser;
  PetscCall(SummaryFind(s, name, &e));
  if (!e) {
    if (s->n == s->nalloc) {
      s->nalloc = s->nalloc ? 2 * s->nalloc : 32;
      PetscCall(PetscRealloc(sizeof(SummaryEntry) * s->nalloc, &s->entries));
    }
    e = &s->entries[s->n++];
    PetscCall(PetscMemzero(e, sizeof(*e)));
    PetscCall(PetscStrncpy(e->name, name, sizeof(e->name)));
    e->value = PETSC_MAX_REAL; /* replaced by NaN in files; never read while unset */
  }
  PetscCall(PetscStrncpy(e->unit, unit, sizeof(e->unit)));
  PetscCall(PetscStrncpy(e->description, description, sizeof(e->description)));
  PetscFunctionReturn(0);
}

PetscErrorCode SummarySet(Summary s, const char *name, PetscReal value, const char *unit, const char *description)
{
  SummaryEntry *e;
  PetscFunctionBeginUser;
  PetscCall(SummaryFind(s, name, &e));
  if (!e || unit || description) {
    PetscCheck(unit && description, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL,
               "Summary value %s: give unit and description, or declare it first", name);
    PetscCall(SummaryDeclare(s, name, unit, description));
    PetscCall(SummaryFind(s, name, &e));
  }
  e->value = value;
  e->set   = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryGet(Summary s, const char *name, PetscReal *value, PetscBool *set)
{
  SummaryEntry *e;
  PetscFunctionBeginUser;
  PetscCall(SummaryFind(s, name, &e));
  if (set)
    *set = e ? e->set : PETSC_FALSE;
  else
    PetscCheck(e && e->set, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONGSTATE, "Summary value %s was not set", name);
  if (value) *value = (e && e->set) ? e->value : 0.0;
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryGetSize(Summary s, PetscInt *n)
{
  PetscFunctionBeginUser;
  *n = s->n;
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryGetEntry(Summary s, PetscInt i, const SummaryEntry **e)
{
  PetscFunctionBeginUser;
  *e = &s->entries[i];
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryAddBalance(Summary s, const char *stage, const char *quantity, PetscReal in, PetscReal out,
                                 PetscReal stored)
{
  BalanceEntry *b;
  PetscReal     scale = PetscMax(PetscAbsReal(in), PetscMax(PetscAbsReal(out), PetscAbsReal(stored)));
  PetscFunctionBeginUser;
  if (s->nb == s->nballoc) {
    s->nballoc = s->nballoc ? 2 * s->nballoc : 16;
    PetscCall(PetscRealloc(sizeof(BalanceEntry) * s->nballoc, &s->balances));
  }
  b = &s->balances[s->nb++];
  PetscCall(PetscMemzero(b, sizeof(*b)));
  PetscCall(PetscStrncpy(b->stage, stage, sizeof(b->stage)));
  PetscCall(PetscStrncpy(b->quantity, quantity, sizeof(b->quantity)));
  b->in             = in;
  b->out            = out;
  b->stored         = stored;
  b->relative_error = scale > 0 ? PetscAbsReal(in - out - stored) / scale : 0.0;
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryGetNumBalances(Summary s, PetscInt *n)
{
  PetscFunctionBeginUser;
  *n = s->nb;
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryGetBalance(Summary s, PetscInt i, const BalanceEntry **b)
{
  PetscFunctionBeginUser;
  *b = &s->balances[i];
  PetscFunctionReturn(0);
}

PetscErrorCode SummaryView(Summary s, PetscViewer v)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < s->n; i++) {
    const SummaryEntry *e = &s->entries[i];
    if (e->set)
      PetscCall(
          PetscViewerASCIIPrintf(v, "  %-34s %14.6g  %-12s %s\n", e->name, (double) e->value, e->unit, e->description));
    else
      PetscCall(PetscViewerASCIIPrintf(v, "  %-34s %14s  %-12s %s\n", e->name, "n/a", e->unit, e->description));
  }
  if (s->nb) PetscCall(PetscViewerASCIIPrintf(v, "  balance closures (relative error):\n"));
  for (PetscInt i = 0; i < s->nb; i++) {
    const BalanceEntry *b = &s->balances[i];
    PetscCall(PetscViewerASCIIPrintf(v, "    %-20s %-20s %10.3e\n", b->stage, b->quantity, (double) b->relative_error));
  }
  PetscFunctionReturn(0);
}
