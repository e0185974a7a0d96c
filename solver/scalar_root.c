/* Scalar root finding (see scalar_root.h). */
#include "scalar_root.h"

#define SCALAR_ROOT_MAX_IT 200

static inline PetscBool SameStrictSign(PetscReal u, PetscReal v)
{
  return (u > 0 && v > 0) || (u < 0 && v < 0) ? PETSC_TRUE : PETSC_FALSE;
}

PetscErrorCode ScalarRootExpand(ScalarFn f, void *ctx, PetscReal anchor, PetscReal factor, PetscInt max_steps,
                                PetscReal *a, PetscReal *fa, PetscReal *b, PetscReal *fb, PetscBool *found,
                                PetscInt *nfev)
{
  const PetscReal sign_a = *fa;
  PetscInt        steps  = 0;
  PetscFunctionBeginUser;
  while (SameStrictSign(*fb, sign_a) && steps < max_steps) {
    *a  = *b;
    *fa = *fb;
    *b  = anchor + factor * (*b - anchor);
    PetscCall(f(*b, fb, ctx));
    steps++;
  }
  *found = SameStrictSign(*fb, sign_a) ? PETSC_FALSE : PETSC_TRUE;
  if (nfev) *nfev = steps;
  PetscFunctionReturn(0);
}

PetscErrorCode ScalarRootBrent(ScalarFn f, void *ctx, PetscReal a, PetscReal b, PetscReal fa, PetscReal fb,
                               PetscReal tol, PetscReal *root, PetscInt *nfev)
{
  PetscReal c = a, fc = fa, d = b - a, e = d;
  PetscInt  it;
  PetscFunctionBeginUser;
  PetscCheck(!SameStrictSign(fa, fb), PETSC_COMM_SELF, PETSC_ERR_PLIB, "root not bracketed: f(%g) = %g, f(%g) = %g",
             (double) a, (double) fa, (double) b, (double) fb);
  for (it = 0; it < SCALAR_ROOT_MAX_IT; it++) {
    PetscReal tol1, xm;
    if (SameStrictSign(fb, fc)) { /* keep the root between b and c */
      c  = a;
      fc = fa;
      d = e = b - a;
    }
    if (PetscAbsReal(fc) < PetscAbsReal(fb)) { /* b is the best estimate */
      a  = b;
      b  = c;
      c  = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    tol1 = 2.0 * PETSC_MACHINE_EPSILON * PetscAbsReal(b) + 0.5 * tol;
    xm   = 0.5 * (c - b);
    if (PetscAbsReal(xm) <= tol1 || fb == 0) break;
    if (PetscAbsReal(e) >= tol1 && PetscAbsReal(fa) > PetscAbsReal(fb)) {
      PetscReal s = fb / fa, p, q;
      if (a == c) { /* secant */
        p = 2.0 * xm * s;
        q = 1.0 - s;
      } else { /* inverse quadratic interpolation through a, b, c */
        PetscReal qa = fa / fc, r = fb / fc;
        p = s * (2.0 * xm * qa * (qa - r) - (b - a) * (r - 1.0));
        q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
      }
      if (p > 0) q = -q;
      p = PetscAbsReal(p);
      /* accept the interpolation only inside the bracket and when it shrinks faster than bisection */
      if (2.0 * p < PetscMin(3.0 * xm * q - PetscAbsReal(tol1 * q), PetscAbsReal(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a  = b;
    fa = fb;
    b += PetscAbsReal(d) > tol1 ? d : (xm > 0 ? tol1 : -tol1);
    PetscCall(f(b, &fb, ctx));
  }
  PetscCheck(it < SCALAR_ROOT_MAX_IT, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
             "Brent root finding did not converge in %d evaluations", SCALAR_ROOT_MAX_IT);
  *root = b;
  if (nfev) *nfev = it;
  PetscFunctionReturn(0);
}

PetscErrorCode ScalarRootNewtonSafe(ScalarFnDeriv f, void *ctx, PetscReal a, PetscReal b, PetscReal fa, PetscReal fb,
                                    PetscReal rtol, PetscReal *root, PetscInt *nfev)
{
  PetscReal lo = fa < 0 ? a : b, hi = fa < 0 ? b : a; /* f(lo) < 0 < f(hi) */
  PetscReal x = 0.5 * (a + b), dx = PetscAbsReal(b - a), dxold = dx, fx, dfx;
  PetscInt  it;
  PetscFunctionBeginUser;
  PetscCheck(!SameStrictSign(fa, fb), PETSC_COMM_SELF, PETSC_ERR_PLIB, "root not bracketed: f(%g) = %g, f(%g) = %g",
             (double) a, (double) fa, (double) b, (double) fb);
  if (fa == 0 || fb == 0) {
    *root = fa == 0 ? a : b;
    if (nfev) *nfev = 0;
    PetscFunctionReturn(0);
  }
  for (it = 1; it <= SCALAR_ROOT_MAX_IT; it++) {
    PetscCall(f(x, &fx, &dfx, ctx));
    if (fx == 0) break;
    if (fx < 0)
      lo = x;
    else
      hi = x;
    /* bisect when the Newton step would leave [lo, hi] or would not halve the step before last */
    if (((x - hi) * dfx - fx) * ((x - lo) * dfx - fx) > 0 || PetscAbsReal(2.0 * fx) > PetscAbsReal(dxold * dfx)) {
      dxold = dx;
      dx    = 0.5 * (hi - lo);
      x     = lo + dx;
    } else {
      dxold = dx;
      dx    = fx / dfx;
      x -= dx;
    }
    if (PetscAbsReal(dx) <= rtol * PetscAbsReal(x) || PetscAbsReal(hi - lo) <= rtol * PetscAbsReal(x)) break;
  }
  PetscCheck(it <= SCALAR_ROOT_MAX_IT, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
             "safeguarded Newton did not converge in %d evaluations", SCALAR_ROOT_MAX_IT);
  *root = x;
  if (nfev) *nfev = it;
  PetscFunctionReturn(0);
}
