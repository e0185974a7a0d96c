/* Designs of a study: full grid, Latin hypercube, Sobol' sequence and Saltelli samples, as parameter values.
 * Every random choice comes from one seeded generator (xoshiro256**, seeded through splitmix64, Blackman and
 * Vigna 2018), so a design is the same on every machine and rank count. */
#include "study_impl.h"
#include <math.h>

static uint64_t SplitMix64(uint64_t *x)
{
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z          = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z          = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void StudyRngSeed(StudyRng *r, uint64_t seed, uint64_t stream)
{
  uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
  for (int i = 0; i < 4; i++) r->s[i] = SplitMix64(&x);
}

static inline uint64_t Rotl(uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

uint64_t StudyRngNext(StudyRng *r)
{
  uint64_t *s = r->s, result = Rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = Rotl(s[3], 45);
  return result;
}

double StudyRngUniform(StudyRng *r)
{
  return (double) (StudyRngNext(r) >> 11) * 0x1.0p-53;
}

/* n points in [0, 1)^dim, one in each of the n slices of every coordinate (McKay, Beckman and Conover 1979). */
PetscErrorCode StudyLatinHypercube(PetscInt n, PetscInt dim, uint64_t seed, double *u)
{
  StudyRng  rng;
  PetscInt *perm;
  PetscFunctionBeginUser;
  StudyRngSeed(&rng, seed, 0x1A7141ull);
  PetscCall(PetscMalloc1(n, &perm));
  for (PetscInt j = 0; j < dim; j++) {
    for (PetscInt i = 0; i < n; i++) perm[i] = i;
    for (PetscInt i = n - 1; i > 0; i--) { /* Fisher-Yates */
      PetscInt k = (PetscInt) (StudyRngNext(&rng) % (uint64_t) (i + 1)), t = perm[i];
      perm[i] = perm[k];
      perm[k] = t;
    }
    for (PetscInt i = 0; i < n; i++) u[i * dim + j] = (perm[i] + StudyRngUniform(&rng)) / (double) n;
  }
  PetscCall(PetscFree(perm));
  PetscFunctionReturn(0);
}

/* Values of parameter p on the full grid. */
static PetscInt GridLevels(const Study s, const StudyParameter *p)
{
  PetscInt L = p->levels > 0 ? p->levels : s->levels;
  if (p->kind == STUDY_CHOICE) return p->nchoices;
  if (p->kind == STUDY_INTEGER) return PetscMin(L, (PetscInt) (p->hi - p->lo) + 1);
  return L;
}

static double GridCoordinate(const StudyParameter *p, PetscInt L, PetscInt k)
{
  if (p->kind == STUDY_REAL) return L == 1 ? 0.5 : (double) k / (double) (L - 1);
  return (k + 0.5) / (double) L;
}

PetscErrorCode StudyDesignSize(Study s, PetscInt *n)
{
  PetscFunctionBeginUser;
  switch (s->design) {
  case STUDY_DESIGN_NONE:
    *n = 0;
    break;
  case STUDY_DESIGN_GRID: {
    double total = 1;
    for (PetscInt i = 0; i < s->np; i++) total *= (double) GridLevels(s, &s->param[i]);
    PetscCheck(total <= 1e7, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: the full grid has %g cases (at most 1e7)",
               s->file, total);
    *n = (PetscInt) total;
  } break;
  case STUDY_DESIGN_LHS:
  case STUDY_DESIGN_SOBOL:
    *n = s->samples;
    break;
  case STUDY_DESIGN_SALTELLI:
    *n = s->samples * (s->np + 2);
    break;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode StudyDesignPoints(Study s, PetscInt *n, double **values)
{
  PetscInt np = s->np;
  double  *u  = NULL;
  PetscFunctionBeginUser;
  PetscCall(StudyDesignSize(s, n));
  PetscCall(PetscMalloc1((*n ? *n : 1) * np, values));
  switch (s->design) {
  case STUDY_DESIGN_NONE:
    break;
  case STUDY_DESIGN_GRID:
    for (PetscInt c = 0; c < *n; c++) { /* the first parameter varies slowest */
      PetscInt rest = c;
      for (PetscInt i = np - 1; i >= 0; i--) {
        PetscInt L            = GridLevels(s, &s->param[i]);
        (*values)[c * np + i] = StudyParameterValue(&s->param[i], GridCoordinate(&s->param[i], L, rest % L));
        rest /= L;
      }
    }
    break;
  case STUDY_DESIGN_LHS:
  case STUDY_DESIGN_SOBOL:
    PetscCall(PetscMalloc1(*n * np, &u));
    if (s->design == STUDY_DESIGN_LHS)
      PetscCall(StudyLatinHypercube(*n, np, s->seed, u));
    else
      PetscCall(StudySobol(np, 0, *n, s->scramble, s->seed, u));
    for (PetscInt c = 0; c < *n; c++)
      for (PetscInt i = 0; i < np; i++) (*values)[c * np + i] = StudyParameterValue(&s->param[i], u[c * np + i]);
    break;
  case STUDY_DESIGN_SALTELLI: {
    /* base sample j: A_j (columns 0..np-1 of a 2np-dimensional Sobol point), B_j (columns np..2np-1) and AB_j^(i)
     * (A_j with column i from B_j); rows j(np+2) + 0, + 1 and + 2 + i */
    PetscInt N = s->samples;
    PetscCall(PetscMalloc1(N * 2 * np, &u));
    PetscCall(StudySobol(2 * np, 0, N, s->scramble, s->seed, u));
    for (PetscInt j = 0; j < N; j++) {
      const double *A = u + j * 2 * np, *B = A + np;
      for (PetscInt k = 0; k < np + 2; k++)
        for (PetscInt i = 0; i < np; i++) {
          double ui                              = k == 0 ? A[i] : k == 1 ? B[i] : (k - 2 == i ? B[i] : A[i]);
          (*values)[(j * (np + 2) + k) * np + i] = StudyParameterValue(&s->param[i], ui);
        }
    }
  } break;
  }
  PetscCall(PetscFree(u));
  PetscFunctionReturn(0);
}
