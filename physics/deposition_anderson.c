/* DepAnderson: Anderson acceleration of the deposition stage's space-charge coupling. */
#include "deposition_anderson.h"
#include <petscblaslapack.h>

struct _p_DepAnderson {
  PetscInt  m, k, nh;              /* depth, iterations seen, history held (<= m) */
  PetscReal beta;                  /* damping */
  Vec       f, fprev, gprev, xacc; /* residual; residual, map value and point of the last accepted iterate */
  Vec      *dF, *dG;               /* circular history of residual and map differences */
  PetscInt  head;                  /* index of the oldest entry */
  PetscReal fnorm;                 /* |f| of the last accepted iterate */
  PetscBool accel;                 /* the last step was an Anderson step (not the plain damped one) */
};

PetscErrorCode DepAndersonCreate(Vec model, PetscInt m, PetscReal beta, DepAnderson *out)
{
  DepAnderson a;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&a));
  a->m    = m;
  a->beta = beta;
  PetscCall(VecDuplicate(model, &a->f));
  PetscCall(VecDuplicate(model, &a->fprev));
  PetscCall(VecDuplicate(model, &a->gprev));
  PetscCall(VecDuplicate(model, &a->xacc));
  if (m > 0) {
    PetscCall(VecDuplicateVecs(model, m, &a->dF));
    PetscCall(VecDuplicateVecs(model, m, &a->dG));
  }
  *out = a;
  PetscFunctionReturn(0);
}

PetscErrorCode DepAndersonReset(DepAnderson a)
{
  PetscFunctionBeginUser;
  a->k = a->nh = a->head = 0;
  a->accel               = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode DepAndersonDestroy(DepAnderson *a)
{
  PetscFunctionBeginUser;
  if (!*a) PetscFunctionReturn(0);
  PetscCall(VecDestroy(&(*a)->f));
  PetscCall(VecDestroy(&(*a)->fprev));
  PetscCall(VecDestroy(&(*a)->gprev));
  PetscCall(VecDestroy(&(*a)->xacc));
  if ((*a)->m > 0) {
    PetscCall(VecDestroyVecs((*a)->m, &(*a)->dF));
    PetscCall(VecDestroyVecs((*a)->m, &(*a)->dG));
  }
  PetscCall(PetscFree(*a));
  PetscFunctionReturn(0);
}

/* Solve the n x n symmetric positive definite system A y = b in place (A is overwritten by its Cholesky factor; being
 * symmetric, its row- or column-major storage is the same) with LAPACK; *ok = false if A is not positive definite. */
static PetscErrorCode CholeskySolve(PetscInt n, PetscReal *A, PetscReal *b, PetscBool *ok)
{
  PetscBLASInt bn, one = 1, info;
  PetscFunctionBeginUser;
  PetscCall(PetscBLASIntCast(n, &bn));
  PetscCallBLAS("LAPACKpotrf", LAPACKpotrf_("L", &bn, A, &bn, &info));
  *ok = (PetscBool) (info == 0);
  if (!*ok) PetscFunctionReturn(0);
  PetscCallBLAS("LAPACKpotrs", LAPACKpotrs_("L", &bn, &one, A, &bn, b, &bn, &info));
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK potrs failed: info %d", (int) info);
  PetscFunctionReturn(0);
}

PetscErrorCode DepAndersonUpdate(DepAnderson a, Vec x, Vec g)
{
  PetscReal fn;
  PetscFunctionBeginUser;
  PetscCall(VecWAXPY(a->f, -1.0, x, g)); /* f = g - x */
  PetscCall(VecNorm(a->f, NORM_2, &fn));
  if (a->k > 0 && a->accel && fn > a->fnorm) {
    /* safeguard: an Anderson step that did not lower the residual is rejected; the plain damped step from the last
     * accepted iterate replaces it and the history starts again (a plain step is always accepted) */
    PetscCall(VecWAXPY(x, a->beta, a->fprev, a->xacc));
    a->nh = a->head = 0;
    a->accel        = PETSC_FALSE;
    PetscFunctionReturn(0);
  }
  if (a->m > 0 && a->k > 0) {
    /* new history entry: dF = f - fprev, dG = g - gprev, in the slot after the newest */
    const PetscInt slot = (a->head + a->nh) % a->m;
    if (a->nh == a->m)
      a->head = (a->head + 1) % a->m;
    else
      a->nh++;
    PetscCall(VecWAXPY(a->dF[slot], -1.0, a->fprev, a->f));
    PetscCall(VecWAXPY(a->dG[slot], -1.0, a->gprev, g));
  }
  PetscCall(VecCopy(a->f, a->fprev));
  PetscCall(VecCopy(g, a->gprev));
  PetscCall(VecCopy(x, a->xacc));
  a->fnorm = fn;
  a->accel = (PetscBool) (a->nh > 0);
  a->k++;
  /* x = x + beta f (the relaxed fixed point), then the Anderson correction */
  PetscCall(VecAXPY(x, a->beta, a->f));
  if (a->nh > 0) {
    const PetscInt n          = a->nh;
    PetscReal      A[32 * 32] = {0}, b[32] = {0}, gamma[32] = {0}, trace = 0.0;
    PetscScalar    dots[32];
    Vec            F[32], G[32];
    PetscBool      ok = PETSC_FALSE;
    PetscCheck(n <= 32, PETSC_COMM_SELF, PETSC_ERR_SUP, "Anderson depth at most 32");
    for (PetscInt i = 0; i < n; i++) {
      F[i] = a->dF[(a->head + i) % a->m];
      G[i] = a->dG[(a->head + i) % a->m];
    }
    for (PetscInt i = 0; i < n; i++) {
      PetscCall(VecMDot(F[i], n, F, dots));
      for (PetscInt j = 0; j < n; j++) A[i * n + j] = PetscRealPart(dots[j]);
      trace += A[i * n + i];
    }
    PetscCall(VecMDot(a->f, n, F, dots));
    for (PetscInt i = 0; i < n; i++) {
      b[i] = PetscRealPart(dots[i]);
      A[i * n + i] += 1e-5 * trace / n;
    }
    PetscCall(CholeskySolve(n, A, b, &ok));
    if (!ok) { /* degenerate history: start again from this iterate */
      a->nh = a->head = 0;
      a->accel        = PETSC_FALSE;
      PetscFunctionReturn(0);
    }
    for (PetscInt i = 0; i < n; i++) gamma[i] = -b[i];
    /* x -= sum gamma_i (dG_i - (1 - beta) dF_i) */
    for (PetscInt i = 0; i < n; i++) {
      PetscCall(VecAXPY(x, gamma[i], G[i]));
      PetscCall(VecAXPY(x, -(1.0 - a->beta) * gamma[i], F[i]));
    }
  }
  PetscFunctionReturn(0);
}
