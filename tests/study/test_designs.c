/* Designs and estimators of the study module, against properties that hold exactly:
 *  1. Sobol (Joe-Kuo): the first points of dimensions 1-3 by hand (x_1 = 1/2 everywhere; x_2 = (3/4, 1/4, 1/4),
 *     x_3 = (1/4, 3/4, 3/4) from m = 1 for dimension 1, (1) for dimension 2, (1, 3) for dimension 3);
 *     every 2^m-point prefix puts exactly one point in each of the 2^m slices of every coordinate (unscrambled and
 *     scrambled, dimensions 1..128); the first two dimensions form a (0, m, 2)-net (one point in each elementary box
 *     of area 2^-m); scrambling with another seed gives other points, with the same seed the same points;
 *     quasi-Monte Carlo integration of prod_j (1 + (x_j - 1/2)) over [0,1]^10 (exact 1) is 20x closer than the
 *     error of plain Monte Carlo at 4096 points would be (sigma/sqrt(N)).
 *  2. Latin hypercube: one point per slice of every coordinate; reproducible from its seed.
 *  3. Sobol indices: the Saltelli/Jansen estimators on an additive model f = sum a_i x_i with x uniform, whose
 *     indices are S_i = ST_i = a_i^2 / sum a_j^2, within 1e-3 at 2^14 scrambled Sobol points; the bootstrap interval
 *     contains the estimate. */
#include "study_impl.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static int fails = 0;
#define EXPECT(cond, ...)                                                                                              \
  do {                                                                                                                 \
    if (!(cond)) {                                                                                                     \
      printf("FAIL: " __VA_ARGS__);                                                                                    \
      printf("\n");                                                                                                    \
      fails++;                                                                                                         \
    }                                                                                                                  \
  } while (0)

/* every coordinate of n = 2^m points: one point per slice [k/n, (k+1)/n) */
static int Stratified(PetscInt n, PetscInt dim, const double *u)
{
  int *seen = (int *) calloc((size_t) n, sizeof(int)), ok = 1;
  for (PetscInt j = 0; j < dim && ok; j++) {
    memset(seen, 0, sizeof(int) * (size_t) n);
    for (PetscInt i = 0; i < n; i++) {
      PetscInt k = (PetscInt) floor(u[i * dim + j] * n);
      if (k < 0 || k >= n || seen[k]++) ok = 0;
    }
  }
  free(seen);
  return ok;
}

/* (0, m, 2)-net in dimensions 0 and 1: every box [a/2^p, (a+1)/2^p) x [b/2^q, (b+1)/2^q), p + q = m, holds one point */
static int Net2(PetscInt m, PetscInt dim, const double *u)
{
  PetscInt n     = (PetscInt) 1 << m;
  int     *count = (int *) calloc((size_t) n, sizeof(int)), ok = 1;
  for (PetscInt p = 0; p <= m && ok; p++) {
    PetscInt q = m - p;
    memset(count, 0, sizeof(int) * (size_t) n);
    for (PetscInt i = 0; i < n; i++) {
      PetscInt a = (PetscInt) floor(u[i * dim] * (1 << p)), b = (PetscInt) floor(u[i * dim + 1] * (1 << q));
      if (count[a * (1 << q) + b]++) ok = 0;
    }
  }
  free(count);
  return ok;
}

static PetscErrorCode TestSobol(void)
{
  PetscInt maxdim, n = 1024;
  double  *u, *v, x[4 * 3];
  PetscFunctionBeginUser;
  PetscCall(StudySobolMaxDimension(&maxdim));
  EXPECT(maxdim == 128, "Sobol dimensions %d", (int) maxdim);
  PetscCall(StudySobol(3, 0, 4, PETSC_FALSE, 0, x));
  {
    const double want[12] = {0, 0, 0, 0.5, 0.5, 0.5, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75};
    for (int i = 0; i < 12; i++)
      EXPECT(x[i] == want[i], "Sobol point %d coordinate %d: %g, want %g", i / 3, i % 3, x[i], want[i]);
  }
  PetscCall(PetscMalloc2(n * maxdim, &u, n * maxdim, &v));
  PetscCall(StudySobol(maxdim, 0, n, PETSC_FALSE, 0, u));
  EXPECT(Stratified(n, maxdim, u), "unscrambled Sobol: a 1-D projection of 1024 points is not stratified");
  EXPECT(Net2(10, maxdim, u), "unscrambled Sobol: dimensions 1-2 are not a (0,10,2)-net");
  PetscCall(StudySobol(maxdim, 0, n, PETSC_TRUE, 42, u));
  EXPECT(Stratified(n, maxdim, u), "scrambled Sobol: a 1-D projection of 1024 points is not stratified");
  EXPECT(Net2(10, maxdim, u), "scrambled Sobol: dimensions 1-2 are not a (0,10,2)-net");
  PetscCall(StudySobol(maxdim, 0, n, PETSC_TRUE, 42, v));
  EXPECT(!memcmp(u, v, sizeof(double) * n * maxdim), "scrambled Sobol: the same seed gives other points");
  PetscCall(StudySobol(maxdim, 0, n, PETSC_TRUE, 43, v));
  EXPECT(memcmp(u, v, sizeof(double) * n * maxdim), "scrambled Sobol: another seed gives the same points");
  /* a later start continues the sequence */
  PetscCall(StudySobol(5, 0, 64, PETSC_TRUE, 7, u));
  PetscCall(StudySobol(5, 32, 32, PETSC_TRUE, 7, v));
  EXPECT(!memcmp(u + 32 * 5, v, sizeof(double) * 32 * 5), "Sobol points 32..63 differ when generated from 32");
  PetscCall(PetscFree2(u, v));
  /* QMC integration */
  {
    PetscInt N = 4096, d = 10;
    double  *w, sum = 0, err, sigma = sqrt(pow(1.0 + 1.0 / 12.0, d) - 1.0);
    PetscCall(PetscMalloc1(N * d, &w));
    PetscCall(StudySobol(d, 0, N, PETSC_TRUE, 5, w));
    for (PetscInt i = 0; i < N; i++) {
      double f = 1;
      for (PetscInt j = 0; j < d; j++) f *= 1 + (w[i * d + j] - 0.5);
      sum += f;
    }
    err = fabs(sum / N - 1.0);
    printf("QMC integral error over [0,1]^10 at 4096 points: %.2e (Monte Carlo: %.2e)\n", err,
           sigma / sqrt((double) N));
    EXPECT(err < 0.05 * sigma / sqrt((double) N), "QMC error %g not 20x below Monte Carlo %g", err,
           sigma / sqrt((double) N));
    PetscCall(PetscFree(w));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode TestLHS(void)
{
  PetscInt n = 97, d = 6;
  double  *u, *v;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc2(n * d, &u, n * d, &v));
  PetscCall(StudyLatinHypercube(n, d, 9, u));
  EXPECT(Stratified(n, d, u), "Latin hypercube: a coordinate has two points in a slice");
  PetscCall(StudyLatinHypercube(n, d, 9, v));
  EXPECT(!memcmp(u, v, sizeof(double) * n * d), "Latin hypercube: the same seed gives another design");
  PetscCall(StudyLatinHypercube(n, d, 10, v));
  EXPECT(memcmp(u, v, sizeof(double) * n * d), "Latin hypercube: another seed gives the same design");
  PetscCall(PetscFree2(u, v));
  PetscFunctionReturn(0);
}

static PetscErrorCode TestEstimators(void)
{
  PetscInt          N = 16384, d = 4;
  double            a[4] = {1.0, 2.0, 0.5, 0.0}, sum2 = 0, *u, *fA, *fB, *fAB, worst = 0;
  StudySobolIndices ix;
  PetscFunctionBeginUser;
  for (int i = 0; i < d; i++) sum2 += a[i] * a[i];
  PetscCall(PetscMalloc4(N * 2 * d, &u, N, &fA, N, &fB, N * d, &fAB));
  PetscCall(StudySobol(2 * d, 0, N, PETSC_TRUE, 11, u));
  for (PetscInt j = 0; j < N; j++) {
    const double *A = u + j * 2 * d, *B = A + d;
    fA[j] = fB[j] = 0;
    for (PetscInt i = 0; i < d; i++) {
      fA[j] += a[i] * A[i];
      fB[j] += a[i] * B[i];
    }
    for (PetscInt i = 0; i < d; i++) fAB[j * d + i] = fA[j] - a[i] * A[i] + a[i] * B[i];
  }
  PetscCall(StudySobolEstimate(N, d, fA, fB, fAB, 200, 0.95, 3, &ix));
  for (PetscInt i = 0; i < d; i++) {
    double S = a[i] * a[i] / sum2;
    printf("additive model: S_%d = %.5f, ST_%d = %.5f (exact %.5f), intervals [%.4f, %.4f] [%.4f, %.4f]\n", (int) i + 1,
           ix.first[i], (int) i + 1, ix.total[i], S, ix.first_lo[i], ix.first_hi[i], ix.total_lo[i], ix.total_hi[i]);
    worst = PetscMax(worst, PetscMax(fabs(ix.first[i] - S), fabs(ix.total[i] - S)));
    EXPECT(ix.first_lo[i] <= ix.first[i] && ix.first[i] <= ix.first_hi[i], "first-order interval misses its estimate");
    EXPECT(ix.total_lo[i] <= ix.total[i] && ix.total[i] <= ix.total_hi[i], "total interval misses its estimate");
  }
  EXPECT(worst < 1e-3, "additive model: largest index error %g", worst);
  EXPECT(fabs(ix.variance - sum2 / 12.0) < 1e-3 * sum2 / 12.0, "variance %g, exact %g", ix.variance, sum2 / 12.0);
  PetscCall(PetscFree(ix.first));
  PetscCall(PetscFree(ix.total));
  PetscCall(PetscFree(ix.first_lo));
  PetscCall(PetscFree(ix.first_hi));
  PetscCall(PetscFree(ix.total_lo));
  PetscCall(PetscFree(ix.total_hi));
  PetscCall(PetscFree4(u, fA, fB, fAB));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(TestSobol());
  PetscCall(TestLHS());
  PetscCall(TestEstimators());
  printf("%s\n", fails ? "FAILED" : "all design and estimator checks hold");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
