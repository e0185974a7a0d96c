/* Test helpers: a run's results copied out of its route (summary, ledger, balances), and a bit-for-bit
 * comparison of two such copies. */
#pragma once
#include "eproc.h"
#include <stdio.h>
#include <string.h>

typedef struct {
  PetscInt     ns, nl, nb;
  SummaryEntry s[256];
  LedgerEntry  l[128];
  BalanceEntry b[64];
} RunCopy;

static inline PetscErrorCode RunCopyTake(Route r, RunCopy *rc)
{
  Summary s;
  Ledger  l;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(rc, sizeof(*rc)));
  PetscCall(RouteGetSummary(r, &s));
  PetscCall(RouteGetLedger(r, &l));
  PetscCall(SummaryGetSize(s, &rc->ns));
  PetscCall(LedgerGetSize(l, &rc->nl));
  PetscCall(SummaryGetNumBalances(s, &rc->nb));
  PetscCheck(rc->ns <= 256 && rc->nl <= 128 && rc->nb <= 64, PETSC_COMM_SELF, PETSC_ERR_SUP, "RunCopy too small");
  for (PetscInt i = 0; i < rc->ns; i++) {
    const SummaryEntry *e;
    PetscCall(SummaryGetEntry(s, i, &e));
    rc->s[i] = *e;
  }
  for (PetscInt i = 0; i < rc->nl; i++) {
    const LedgerEntry *e;
    PetscCall(LedgerGetEntry(l, i, &e));
    rc->l[i] = *e;
  }
  for (PetscInt i = 0; i < rc->nb; i++) {
    const BalanceEntry *e;
    PetscCall(SummaryGetBalance(s, i, &e));
    rc->b[i] = *e;
  }
  PetscFunctionReturn(0);
}

/* Number of differences (every value compared bit for bit; names too); the first few are printed. */
static inline int RunCopyDiffer(const RunCopy *a, const RunCopy *b, const char *label)
{
  int n = 0;
  if (a->ns != b->ns || a->nl != b->nl || a->nb != b->nb) {
    printf("  %s: different sizes (summary %d/%d, ledger %d/%d, balances %d/%d)\n", label, (int) a->ns, (int) b->ns,
           (int) a->nl, (int) b->nl, (int) a->nb, (int) b->nb);
    return 1;
  }
  for (PetscInt i = 0; i < a->ns; i++)
    if (strcmp(a->s[i].name, b->s[i].name) || a->s[i].set != b->s[i].set ||
        (a->s[i].set && memcmp(&a->s[i].value, &b->s[i].value, sizeof(PetscReal)))) {
      if (n++ < 3) printf("  %s: summary %s %.17g vs %.17g\n", label, a->s[i].name, a->s[i].value, b->s[i].value);
    }
  for (PetscInt i = 0; i < a->nl; i++)
    if (strcmp(a->l[i].stage, b->l[i].stage) || strcmp(a->l[i].item, b->l[i].item) ||
        memcmp(&a->l[i].energy, &b->l[i].energy, sizeof(PetscReal)) ||
        memcmp(&a->l[i].minimum, &b->l[i].minimum, sizeof(PetscReal))) {
      if (n++ < 3)
        printf("  %s: ledger %s/%s %.17g vs %.17g\n", label, a->l[i].stage, a->l[i].item, a->l[i].energy,
               b->l[i].energy);
    }
  for (PetscInt i = 0; i < a->nb; i++)
    if (strcmp(a->b[i].stage, b->b[i].stage) || memcmp(&a->b[i].in, &b->b[i].in, sizeof(PetscReal)) ||
        memcmp(&a->b[i].out, &b->b[i].out, sizeof(PetscReal)) ||
        memcmp(&a->b[i].stored, &b->b[i].stored, sizeof(PetscReal))) {
      if (n++ < 3) printf("  %s: balance %s/%s differs\n", label, a->b[i].stage, a->b[i].quantity);
    }
  return n;
}

/* Peak resident memory of the process so far, kB (VmHWM). */
static inline long PeakRSSkB(void)
{
  FILE *f = fopen("/proc/self/status", "r");
  char  line[256];
  long  kb = -1;
  if (!f) return -1;
  while (fgets(line, sizeof(line), f))
    if (!strncmp(line, "VmHWM:", 6)) kb = strtol(line + 6, NULL, 10);
  fclose(f);
  return kb;
}
