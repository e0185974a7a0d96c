/* Variance-based sensitivities of a study with a Saltelli design (docs/studies.md).
 *
 * With N base samples, f(A_j) and f(B_j) at two independent points and f(AB_j^i) at A_j with its i-th coordinate
 * taken from B_j (Saltelli et al. 2010, Comput. Phys. Commun. 181, 259-270, Table 2, estimators (b) and (f)):
 *   V    = variance of the 2N values f(A), f(B)
 *   S_i  = (1/N)  sum_j f(B_j) (f(AB_j^i) - f(A_j)) / V           first order (Saltelli 2010)
 *   ST_i = (1/2N) sum_j (f(A_j) - f(AB_j^i))^2 / V                total (Jansen 1999)
 * Confidence intervals: percentile bootstrap over the base samples (the same resampled j for A, B and AB), seeded
 * so that they are reproducible. A base sample with any failed case is left out (the count is reported). */
#include "study_impl.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void Indices(PetscInt N, PetscInt d, const double *fA, const double *fB, const double *fAB, const PetscInt *pick,
                    double *V, double *S, double *ST)
{
  double mean = 0.0, var = 0.0;
  for (PetscInt k = 0; k < N; k++) {
    PetscInt j = pick ? pick[k] : k;
    mean += fA[j] + fB[j];
  }
  mean /= 2.0 * N;
  for (PetscInt k = 0; k < N; k++) {
    PetscInt j = pick ? pick[k] : k;
    var += (fA[j] - mean) * (fA[j] - mean) + (fB[j] - mean) * (fB[j] - mean);
  }
  var /= 2.0 * N;
  *V = var;
  for (PetscInt i = 0; i < d; i++) {
    double vi = 0.0, vti = 0.0;
    for (PetscInt k = 0; k < N; k++) {
      PetscInt j  = pick ? pick[k] : k;
      double   ab = fAB[j * d + i];
      vi += fB[j] * (ab - fA[j]);
      vti += (fA[j] - ab) * (fA[j] - ab);
    }
    S[i]  = var > 0 ? vi / N / var : NAN;
    ST[i] = var > 0 ? vti / (2.0 * N) / var : NAN;
  }
}

static int CompareDouble(const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/* The q-quantile of n sorted values (linear interpolation). */
static double Quantile(PetscInt n, const double *sorted, double q)
{
  double   pos = q * (n - 1);
  PetscInt k   = (PetscInt) floor(pos);
  if (k >= n - 1) return sorted[n - 1];
  return sorted[k] + (pos - k) * (sorted[k + 1] - sorted[k]);
}

PetscErrorCode StudySobolEstimate(PetscInt N, PetscInt d, const double *fA, const double *fB, const double *fAB,
                                  PetscInt nboot, double confidence, uint64_t seed, StudySobolIndices *idx)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(d, &idx->first));
  PetscCall(PetscMalloc1(d, &idx->total));
  PetscCall(PetscMalloc1(d, &idx->first_lo));
  PetscCall(PetscMalloc1(d, &idx->first_hi));
  PetscCall(PetscMalloc1(d, &idx->total_lo));
  PetscCall(PetscMalloc1(d, &idx->total_hi));
  idx->nused = N;
  if (N < 2) {
    for (PetscInt i = 0; i < d; i++)
      idx->first[i] = idx->total[i] = idx->first_lo[i] = idx->first_hi[i] = idx->total_lo[i] = idx->total_hi[i] = NAN;
    idx->variance = NAN;
    PetscFunctionReturn(0);
  }
  Indices(N, d, fA, fB, fAB, NULL, &idx->variance, idx->first, idx->total);
  if (nboot > 1) {
    PetscInt *pick;
    double   *bs, *bt, V;
    StudyRng  rng;
    PetscCall(PetscMalloc1(N, &pick));
    PetscCall(PetscMalloc1(nboot * d, &bs));
    PetscCall(PetscMalloc1(nboot * d, &bt));
    StudyRngSeed(&rng, seed, 0xB0075ull);
    for (PetscInt b = 0; b < nboot; b++) {
      double *S = bs + b * d, *ST = bt + b * d;
      for (PetscInt k = 0; k < N; k++) pick[k] = (PetscInt) (StudyRngNext(&rng) % (uint64_t) N);
      Indices(N, d, fA, fB, fAB, pick, &V, S, ST);
    }
    for (PetscInt i = 0; i < d; i++) {
      double *col;
      PetscCall(PetscMalloc1(nboot, &col));
      for (PetscInt b = 0; b < nboot; b++) col[b] = bs[b * d + i];
      qsort(col, (size_t) nboot, sizeof(double), CompareDouble);
      idx->first_lo[i] = Quantile(nboot, col, 0.5 * (1.0 - confidence));
      idx->first_hi[i] = Quantile(nboot, col, 0.5 * (1.0 + confidence));
      for (PetscInt b = 0; b < nboot; b++) col[b] = bt[b * d + i];
      qsort(col, (size_t) nboot, sizeof(double), CompareDouble);
      idx->total_lo[i] = Quantile(nboot, col, 0.5 * (1.0 - confidence));
      idx->total_hi[i] = Quantile(nboot, col, 0.5 * (1.0 + confidence));
      PetscCall(PetscFree(col));
    }
    PetscCall(PetscFree(pick));
    PetscCall(PetscFree(bs));
    PetscCall(PetscFree(bt));
  } else
    for (PetscInt i = 0; i < d; i++) {
      idx->first_lo[i] = idx->first_hi[i] = idx->first[i];
      idx->total_lo[i] = idx->total_hi[i] = idx->total[i];
    }
  PetscFunctionReturn(0);
}

PetscErrorCode StudySensitivityCompute(Study s, const StudyRecords *rec, PetscInt *n, StudySobolIndices **idx)
{
  PetscInt N = s->samples, d = s->np;
  PetscFunctionBeginUser;
  *n   = 0;
  *idx = NULL;
  if (s->design != STUDY_DESIGN_SALTELLI) PetscFunctionReturn(0);
  PetscCall(PetscCalloc1(s->sens.noutputs, idx));
  for (PetscInt o = 0; o < s->sens.noutputs; o++) {
    StudySobolIndices *ix  = &(*idx)[o];
    PetscInt           col = -1, used = 0;
    double            *fA, *fB, *fAB;
    for (PetscInt k = 0; k < s->nout; k++)
      if (!strcmp(s->out_name[k], s->sens.outputs[o])) col = k;
    PetscCheck(col >= 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Sensitivity output %s not found", s->sens.outputs[o]);
    PetscCall(PetscStrncpy(ix->output, s->sens.outputs[o], sizeof(ix->output)));
    PetscCall(PetscMalloc3(N, &fA, N, &fB, N * d, &fAB));
    for (PetscInt j = 0; j < N; j++) {
      PetscBool ok         = PETSC_TRUE;
      double    v[2 + 128] = {0};
      for (PetscInt k = 0; k < d + 2 && ok; k++) {
        PetscInt q = StudyRecordsFind(rec, STUDY_PHASE_DESIGN, 0, (int) (j * (d + 2) + k));
        if (q < 0 || rec->meta[q].status != STUDY_OK || !isfinite(rec->out[q * rec->nout + col]))
          ok = PETSC_FALSE;
        else
          v[k] = rec->out[q * rec->nout + col];
      }
      if (!ok) continue;
      fA[used] = v[0];
      fB[used] = v[1];
      for (PetscInt i = 0; i < d; i++) fAB[used * d + i] = v[2 + i];
      used++;
    }
    PetscCall(StudySobolEstimate(used, d, fA, fB, fAB, s->sens.bootstrap, s->sens.confidence, s->seed, ix));
    ix->nbase = N;
    PetscCall(PetscFree3(fA, fB, fAB));
  }
  *n = s->sens.noutputs;
  PetscFunctionReturn(0);
}

PetscErrorCode StudySensitivityFree(PetscInt n, StudySobolIndices **idx)
{
  PetscFunctionBeginUser;
  for (PetscInt o = 0; o < n; o++) {
    StudySobolIndices *ix = &(*idx)[o];
    PetscCall(PetscFree(ix->first));
    PetscCall(PetscFree(ix->total));
    PetscCall(PetscFree(ix->first_lo));
    PetscCall(PetscFree(ix->first_hi));
    PetscCall(PetscFree(ix->total_lo));
    PetscCall(PetscFree(ix->total_hi));
  }
  PetscCall(PetscFree(*idx));
  PetscFunctionReturn(0);
}
