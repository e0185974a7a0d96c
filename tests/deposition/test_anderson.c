/* Anderson acceleration of the deposition coupling (physics/deposition_anderson.c) against an independent replica of
 * the method as physics/deposition_anderson.h states it (Walker & Ni 2011, type II with damping beta), on a linear
 * fixed-point map G(x) = M x + c of dimension 6 with a slowly contracting, non-symmetric M:
 *   f_k = G(x_k) - x_k; dF_i, dG_i: differences of f and G over the last m accepted iterates;
 *   gamma = argmin |f_k - dF gamma|^2 + lambda |gamma|^2, lambda = 1e-5 trace(dF^T dF)/n (the ridge);
 *   x_{k+1} = x_k + beta f_k - sum_i gamma_i (dG_i - (1 - beta) dF_i);
 *   an Anderson step whose residual is not below that of the last accepted iterate is replaced by the plain damped
 *   step from that iterate, and the history starts again.
 * The replica solves the ridge least squares by modified Gram-Schmidt QR of [dF; sqrt(lambda) I], not by the normal
 * equations the code uses, so the two agree only when both are right. Every iterate is compared (relative 1e-9),
 * depth 0 must be the damped iteration exactly, and Anderson must reach 1e-10 in far fewer iterations than the
 * damped iteration (counts printed and asserted). A nonlinear term 0.1 sin(5 x_i) makes some Anderson steps
 * overshoot, so the safeguard is exercised (and compared) too. Runs on 1 and 2 ranks (the Vec is distributed). */
#include "physics/deposition_anderson.h"

#define N    6
#define MMAX 8

static int fails = 0;

static void Expect(int ok, const char *what)
{
  PetscPrintf(PETSC_COMM_WORLD, "  %-78s %s\n", what, ok ? "ok" : "FAIL");
  fails += !ok;
}

static PetscReal wiggle = 0.0; /* amplitude of a nonlinear term (0: the linear map) */

/* M: diagonal 0.95, 0.9, -0.8, 0.7, 0.5, -0.3 plus a small non-symmetric coupling; c fixed; optionally
 * + wiggle sin(5 x_i), which makes the least-squares model of the map poor, so some Anderson steps overshoot */
static void Map(const PetscReal x[N], PetscReal g[N])
{
  const PetscReal d[N] = {0.95, 0.9, -0.8, 0.7, 0.5, -0.3};
  for (int i = 0; i < N; i++) {
    g[i] = d[i] * x[i] + 1.0 + 0.1 * i + wiggle * PetscSinReal(5.0 * x[i]);
    for (int j = 0; j < N; j++)
      if (j != i) g[i] += 0.02 * PetscSinReal(1.0 + i + 2.0 * j) * x[j];
  }
}

static PetscReal Norm(const PetscReal v[N])
{
  PetscReal s = 0;
  for (int i = 0; i < N; i++) s += v[i] * v[i];
  return PetscSqrtReal(s);
}

/* min |f - F g|^2 + lambda |g|^2 by modified Gram-Schmidt on the (N + n) x n matrix [F; sqrt(lambda) I] */
static void RidgeLeastSquares(int n, PetscReal F[][N], const PetscReal f[N], PetscReal lambda, PetscReal g[])
{
  PetscReal Q[MMAX][N + MMAX], R[MMAX][MMAX] = {{0}}, rhs[N + MMAX] = {0}, qtb[MMAX];
  for (int j = 0; j < n; j++) {
    for (int i = 0; i < N; i++) Q[j][i] = F[j][i];
    for (int i = 0; i < n; i++) Q[j][N + i] = i == j ? PetscSqrtReal(lambda) : 0.0;
  }
  for (int i = 0; i < N; i++) rhs[i] = f[i];
  for (int j = 0; j < n; j++) {
    PetscReal nrm = 0;
    for (int k = 0; k < j; k++) {
      PetscReal d = 0;
      for (int i = 0; i < N + n; i++) d += Q[k][i] * Q[j][i];
      R[k][j] = d;
      for (int i = 0; i < N + n; i++) Q[j][i] -= d * Q[k][i];
    }
    for (int i = 0; i < N + n; i++) nrm += Q[j][i] * Q[j][i];
    R[j][j] = PetscSqrtReal(nrm);
    for (int i = 0; i < N + n; i++) Q[j][i] /= R[j][j];
  }
  for (int j = 0; j < n; j++) {
    qtb[j] = 0;
    for (int i = 0; i < N + n; i++) qtb[j] += Q[j][i] * rhs[i];
  }
  for (int j = n - 1; j >= 0; j--) {
    g[j] = qtb[j];
    for (int k = j + 1; k < n; k++) g[j] -= R[j][k] * g[k];
    g[j] /= R[j][j];
  }
}

/* the replica: state of one Anderson iteration */
typedef struct {
  int       m, k, nh, accel;
  PetscReal beta, fnorm;
  PetscReal fprev[N], gprev[N], xacc[N];
  PetscReal dF[MMAX][N], dG[MMAX][N]; /* oldest first */
} Replica;

static void ReplicaUpdate(Replica *a, PetscReal x[N], const PetscReal g[N], int *rejected)
{
  PetscReal f[N], fn;
  for (int i = 0; i < N; i++) f[i] = g[i] - x[i];
  fn = Norm(f);
  if (a->k > 0 && a->accel && fn > a->fnorm) {
    for (int i = 0; i < N; i++) x[i] = a->xacc[i] + a->beta * a->fprev[i];
    a->nh = a->accel = 0;
    (*rejected)++;
    return;
  }
  if (a->m > 0 && a->k > 0) {
    if (a->nh == a->m) { /* drop the oldest */
      for (int h = 1; h < a->m; h++)
        for (int i = 0; i < N; i++) a->dF[h - 1][i] = a->dF[h][i], a->dG[h - 1][i] = a->dG[h][i];
      a->nh--;
    }
    for (int i = 0; i < N; i++) a->dF[a->nh][i] = f[i] - a->fprev[i], a->dG[a->nh][i] = g[i] - a->gprev[i];
    a->nh++;
  }
  for (int i = 0; i < N; i++) a->fprev[i] = f[i], a->gprev[i] = g[i], a->xacc[i] = x[i];
  a->fnorm = fn;
  a->accel = a->nh > 0;
  a->k++;
  for (int i = 0; i < N; i++) x[i] += a->beta * f[i];
  if (a->nh > 0) {
    PetscReal gam[MMAX], trace = 0;
    for (int h = 0; h < a->nh; h++) trace += Norm(a->dF[h]) * Norm(a->dF[h]);
    RidgeLeastSquares(a->nh, a->dF, f, 1e-5 * trace / a->nh, gam);
    for (int h = 0; h < a->nh; h++)
      for (int i = 0; i < N; i++) x[i] -= gam[h] * (a->dG[h][i] - (1.0 - a->beta) * a->dF[h][i]);
  }
}

static PetscErrorCode ToVec(const PetscReal v[N], Vec x)
{
  PetscInt     lo, hi;
  PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecGetOwnershipRange(x, &lo, &hi));
  PetscCall(VecGetArray(x, &a));
  for (PetscInt i = lo; i < hi; i++) a[i - lo] = v[i];
  PetscCall(VecRestoreArray(x, &a));
  PetscFunctionReturn(0);
}

static PetscErrorCode FromVec(Vec x, PetscReal v[N])
{
  VecScatter         sc;
  Vec                all;
  const PetscScalar *a;
  PetscFunctionBeginUser;
  PetscCall(VecScatterCreateToAll(x, &sc, &all));
  PetscCall(VecScatterBegin(sc, x, all, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(sc, x, all, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetArrayRead(all, &a));
  for (int i = 0; i < N; i++) v[i] = PetscRealPart(a[i]);
  PetscCall(VecRestoreArrayRead(all, &a));
  PetscCall(VecScatterDestroy(&sc));
  PetscCall(VecDestroy(&all));
  PetscFunctionReturn(0);
}

/* Run depth m, damping beta for at most maxit iterations from x = 0; compare every iterate with the replica. Returns
 * the iterations to |f| < 1e-10, the largest relative deviation from the replica and the rejected steps. */
static PetscErrorCode Run(int m, PetscReal beta, int maxit, int *its, PetscReal *dev, int *rejected)
{
  DepAnderson a;
  Vec         x, g;
  Replica     r;
  PetscReal   xv[N] = {0}, xr[N] = {0}, gv[N], f[N];
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&r, sizeof(r)));
  r.m       = m;
  r.beta    = beta;
  *dev      = 0;
  *rejected = 0;
  *its      = -1;
  PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, N, &x));
  PetscCall(VecDuplicate(x, &g));
  PetscCall(DepAndersonCreate(x, m, beta, &a));
  PetscCall(ToVec(xv, x));
  for (int k = 0; k < maxit; k++) {
    PetscReal e = 0;
    Map(xv, gv);
    for (int i = 0; i < N; i++) f[i] = gv[i] - xv[i];
    if (Norm(f) < 1e-10) {
      *its = k;
      break;
    }
    PetscCall(ToVec(gv, g));
    PetscCall(DepAndersonUpdate(a, x, g));
    PetscCall(FromVec(x, xv));
    Map(xr, gv);
    ReplicaUpdate(&r, xr, gv, rejected);
    for (int i = 0; i < N; i++) e = PetscMax(e, PetscAbsReal(xv[i] - xr[i]));
    *dev = PetscMax(*dev, e / PetscMax(Norm(xr), 1e-300));
    for (int i = 0; i < N; i++) xv[i] = xr[i]; /* both continue from the replica's iterate */
    PetscCall(ToVec(xv, x));
  }
  PetscCall(DepAndersonDestroy(&a));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&g));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  int       its0, its3, its6, rej0, rej3, rej6, itsw, rejw;
  PetscReal dev0, dev3, dev6, devw;
  char      line[160];
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(Run(0, 0.7, 2000, &its0, &dev0, &rej0));
  PetscCall(Run(3, 0.7, 2000, &its3, &dev3, &rej3));
  PetscCall(Run(6, 0.5, 2000, &its6, &dev6, &rej6));
  wiggle = 0.1;
  PetscCall(Run(4, 1.0, 2000, &itsw, &devw, &rejw));
  wiggle = 0.0;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "linear map, dimension %d: iterations to |f| < 1e-10: damped (beta 0.7) %d, Anderson m = 3 "
                        "(beta 0.7) %d, m = 6 (beta 0.5) %d; rejected steps %d, %d, %d\n",
                        N, its0, its3, its6, rej0, rej3, rej6));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "with 0.1 sin(5 x) added, m = 4, beta 1: %d iterations, %d Anderson steps rejected by the "
                        "safeguard\n",
                        itsw, rejw));
  snprintf(line, sizeof(line), "depth 0 is the damped iteration x + beta f (deviation %.1e)", (double) dev0);
  Expect(dev0 < 1e-14, line);
  snprintf(line, sizeof(line), "depth 3: every iterate as the replica's (largest deviation %.1e)", (double) dev3);
  Expect(dev3 < 1e-9, line);
  snprintf(line, sizeof(line), "depth 6: every iterate as the replica's (largest deviation %.1e)", (double) dev6);
  Expect(dev6 < 1e-9, line);
  snprintf(line, sizeof(line), "nonlinear map: every iterate as the replica's, safeguard included (deviation %.1e)",
           (double) devw);
  Expect(devw < 1e-9 && rejw > 0 && itsw > 0, line);
  Expect(its0 > 100 && its3 > 0 && its3 < its0 / 4 && its6 > 0 && its6 < its0 / 4,
         "Anderson converges in under a quarter of the damped iterations");
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAILED" : "all ok"));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
