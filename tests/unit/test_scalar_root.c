/* Scalar root finding (solver/scalar_root.c) on reference problems with known roots: the root to the tolerance, and
 * the exact number of function evaluations. The counts are what the steering decides (which interpolation is
 * accepted, when Newton gives way to bisection, how a bracket grows); the root alone would not notice a slower or
 * broken step, since every method keeps a bracket. The counts were measured once and checked against the methods'
 * expected behaviour: 6-10 evaluations on smooth simple roots (superlinear); on the triple root Newton converges
 * linearly with ratio 2/3, log(1e-12/0.5)/log(2/3) = 66 steps (65 measured), and zeroin's interpolations mostly
 * fail their safeguard there (98 evaluations, within Brent's bound of about the square of bisection's 33); a
 * bracket grown by a fixed factor needs the steps counted by hand below. */
#include "../../solver/scalar_root.h"
#include <math.h>
#include <stdio.h>

static int fails = 0;

static void Check(const char *what, double got, double want, double atol)
{
  int ok = fabs(got - want) <= atol;
  printf("  %-66s %.17g (want %.17g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

static void CheckCount(const char *what, PetscInt got, PetscInt want)
{
  int ok = got == want;
  printf("  %-66s %d (want %d) %s\n", what, (int) got, (int) want, ok ? "ok" : "FAIL");
  fails += !ok;
}

/* f and f' of the reference problems, chosen by ctx */
typedef enum {
  WALLIS,
  DOTTIE,
  OMEGA,
  TRIPLE,
  STEP,
  CBRT,
  DECAY,
  ATAN,
  ATAN_STEEP,
  ATAN_FLAT,
  SQUARE50,
  LINE,
  NOROOT
} Problem;

static PetscErrorCode FDeriv(PetscReal x, PetscReal *f, PetscReal *df, void *ctx)
{
  PetscReal d = 0;
  switch (*(Problem *) ctx) {
  case WALLIS: /* x^3 - 2x - 5: 2.0945514815423265 (Wallis' example) */
    *f = x * x * x - 2.0 * x - 5.0, d = 3.0 * x * x - 2.0;
    break;
  case DOTTIE: /* cos x - x: 0.7390851332151607 */
    *f = cos(x) - x, d = -sin(x) - 1.0;
    break;
  case OMEGA: /* x e^x - 1: the omega constant 0.5671432904097838 */
    *f = x * exp(x) - 1.0, d = (1.0 + x) * exp(x);
    break;
  case TRIPLE: /* (x - 1/3)^3: triple root, interpolation is poor */
    *f = pow(x - 1.0 / 3.0, 3), d = 3.0 * pow(x - 1.0 / 3.0, 2);
    break;
  case STEP: /* tanh(50 (x - 0.3)): nearly a step */
    *f = tanh(50.0 * (x - 0.3)), d = 50.0 / pow(cosh(50.0 * (x - 0.3)), 2);
    break;
  case CBRT: /* cube root: infinite slope at the root 0 */
    *f = cbrt(x), d = 0;
    break;
  case DECAY: /* e^-x - 1/2, decreasing: ln 2 */
    *f = exp(-x) - 0.5, d = -exp(-x);
    break;
  case ATAN: /* atan(x - 1): Newton from far away overshoots */
    *f = atan(x - 1.0), d = 1.0 / (1.0 + (x - 1.0) * (x - 1.0));
    break;
  case ATAN_STEEP: /* the same scaled by 1e4 and by 1e-4: the bracket test must not depend on the scale of f */
    *f = 1e4 * atan(x - 1.0), d = 1e4 / (1.0 + (x - 1.0) * (x - 1.0));
    break;
  case ATAN_FLAT:
    *f = 1e-4 * atan(x - 1.0), d = 1e-4 / (1.0 + (x - 1.0) * (x - 1.0));
    break;
  case SQUARE50:
    *f = x * x - 50.0, d = 2.0 * x;
    break;
  case LINE: /* 0.5 - x, decreasing */
    *f = 0.5 - x, d = -1.0;
    break;
  case NOROOT:
    *f = 1.0 + x * x, d = 2.0 * x;
    break;
  }
  if (df) *df = d;
  return 0;
}

static PetscErrorCode F(PetscReal x, PetscReal *f, void *ctx)
{
  return FDeriv(x, f, NULL, ctx);
}

static PetscErrorCode Brent(const char *what, Problem p, PetscReal a, PetscReal b, PetscReal tol, PetscReal root,
                            PetscInt nfev)
{
  PetscReal fa, fb, x;
  PetscInt  n;
  char      line[128];
  PetscFunctionBeginUser;
  PetscCall(F(a, &fa, &p));
  PetscCall(F(b, &fb, &p));
  PetscCall(ScalarRootBrent(F, &p, a, b, fa, fb, tol, &x, &n));
  snprintf(line, sizeof(line), "Brent %s: root", what);
  Check(line, x, root, tol + 4 * PETSC_MACHINE_EPSILON * fabs(root));
  snprintf(line, sizeof(line), "Brent %s: evaluations", what);
  CheckCount(line, n, nfev);
  PetscFunctionReturn(0);
}

static PetscErrorCode Newton(const char *what, Problem p, PetscReal a, PetscReal b, PetscReal rtol, PetscReal root,
                             PetscInt nfev)
{
  PetscReal fa, fb, x;
  PetscInt  n;
  char      line[128];
  PetscFunctionBeginUser;
  PetscCall(F(a, &fa, &p));
  PetscCall(F(b, &fb, &p));
  PetscCall(ScalarRootNewtonSafe(FDeriv, &p, a, b, fa, fb, rtol, &x, &n));
  snprintf(line, sizeof(line), "safeguarded Newton %s: root", what);
  Check(line, x, root, 4 * rtol * fabs(root));
  snprintf(line, sizeof(line), "safeguarded Newton %s: evaluations", what);
  CheckCount(line, n, nfev);
  PetscFunctionReturn(0);
}

/* Grow a bracket from the end a and the guess b; the flag, the steps, both ends and f at the new b, by hand */
static PetscErrorCode Expand(const char *what, Problem p, PetscReal anchor, PetscReal factor, PetscInt max_steps,
                             PetscReal a, PetscReal b, PetscBool found_want, PetscInt steps_want, PetscReal a_want,
                             PetscReal b_want, PetscReal tol)
{
  PetscReal fa, fb, fb_want;
  PetscBool found;
  PetscInt  n;
  PetscFunctionBeginUser;
  PetscCall(F(a, &fa, &p));
  PetscCall(F(b, &fb, &p));
  PetscCall(ScalarRootExpand(F, &p, anchor, factor, max_steps, &a, &fa, &b, &fb, &found, &n));
  PetscCall(F(b_want, &fb_want, &p));
  printf("  %s\n", what);
  CheckCount("found", found, found_want);
  CheckCount("steps", n, steps_want);
  Check("a (the last point on the side of the first end)", a, a_want, tol * PetscAbsReal(a_want));
  Check("b", b, b_want, tol * PetscAbsReal(b_want));
  Check("f(b)", fb, fb_want, tol * PetscAbsReal(fb_want));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscErrorCode st;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));

  printf("Brent (zeroin)\n");
  PetscCall(Brent("x^3 - 2x - 5 on [2, 3]", WALLIS, 2.0, 3.0, 1e-14, 2.0945514815423265, 6));
  PetscCall(Brent("cos x - x on [0, 1]", DOTTIE, 0.0, 1.0, 1e-14, 0.7390851332151607, 6));
  PetscCall(Brent("x e^x - 1 on [0, 1]", OMEGA, 0.0, 1.0, 1e-14, 0.5671432904097838, 7));
  PetscCall(Brent("x e^x - 1 on [1, 0] (ends swapped)", OMEGA, 1.0, 0.0, 1e-14, 0.5671432904097838, 7));
  PetscCall(Brent("tanh(50 (x - 0.3)) on [0, 1]", STEP, 0.0, 1.0, 1e-13, 0.3, 10));
  PetscCall(Brent("(x - 1/3)^3 on [0, 1]", TRIPLE, 0.0, 1.0, 1e-10, 1.0 / 3.0, 98));
  PetscCall(Brent("cbrt(x) on [-1, 3]", CBRT, -1.0, 3.0, 1e-12, 0.0, 31));
  PetscCall(Brent("0.5 - x on [0.5, 2] (root at an end)", LINE, 0.5, 2.0, 1e-14, 0.5, 0));

  printf("safeguarded Newton\n");
  PetscCall(Newton("x^3 - 2x - 5 on [2, 3]", WALLIS, 2.0, 3.0, 1e-15, 2.0945514815423265, 6));
  PetscCall(Newton("e^-x - 1/2 on [0, 5] (decreasing)", DECAY, 0.0, 5.0, 1e-15, 0.6931471805599453, 7));
  PetscCall(Newton("atan(x - 1) on [-10, 30] (Newton overshoots)", ATAN, -10.0, 30.0, 1e-15, 1.0, 7));
  PetscCall(Newton("1e4 atan(x - 1) on [-10, 30]", ATAN_STEEP, -10.0, 30.0, 1e-15, 1.0, 7));
  PetscCall(Newton("1e-4 atan(x - 1) on [-10, 30]", ATAN_FLAT, -10.0, 30.0, 1e-15, 1.0, 7));
  PetscCall(Newton("(x - 1/3)^3 on [0, 1] (triple root)", TRIPLE, 0.0, 1.0, 1e-12, 1.0 / 3.0, 65));
  PetscCall(Newton("0.5 - x on [0, 0.5] (root at an end)", LINE, 0.0, 0.5, 1e-15, 0.5, 0));

  printf("bracket expansion\n");
  PetscCall(
      Expand("x^2 - 50 from [0, 1], doubling: 2, 4, 8", SQUARE50, 0.0, 2.0, 50, 0.0, 1.0, PETSC_TRUE, 3, 4.0, 8.0, 0));
  PetscCall(Expand("0.5 - x downwards from 1: distances to the anchor 1 double (0.9, 0.8, 0.6, 0.2)", LINE, 1.0, 2.0,
                   50, 1.0, 0.9, PETSC_TRUE, 3, 0.6, 0.2, 1e-15));
  PetscCall(Expand("0.5 - x shrinking towards 0 by 0.8 from 10: 10 * 0.8^k < 0.5 first at k = 14", LINE, 0.0, 0.8, 50,
                   20.0, 10.0, PETSC_TRUE, 14, 10.0 * pow(0.8, 13), 10.0 * pow(0.8, 14), 1e-14));
  PetscCall(Expand("1 + x^2 has no root: 10 steps, not found", NOROOT, 0.0, 2.0, 10, 0.0, 1.0, PETSC_FALSE, 10, 512.0,
                   1024.0, 0));

  printf("errors\n");
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  {
    Problem   p = NOROOT;
    PetscReal x;
    st = ScalarRootBrent(F, &p, 0.0, 1.0, 1.0, 2.0, 1e-12, &x, NULL);
    CheckCount("Brent without a sign change: PETSC_ERR_PLIB", st, PETSC_ERR_PLIB);
    st = ScalarRootNewtonSafe(FDeriv, &p, 0.0, 1.0, 1.0, 2.0, 1e-12, &x, NULL);
    CheckCount("safeguarded Newton without a sign change: PETSC_ERR_PLIB", st, PETSC_ERR_PLIB);
  }
  {
    Problem   p = CBRT;
    PetscReal x;
    st = ScalarRootBrent(F, &p, -1.0, 1e300, -1.0, 1e100, 0.0, &x, NULL);
    CheckCount("Brent to tolerance 0 from 1e300: not converged in 200", st, PETSC_ERR_NOT_CONVERGED);
  }
  PetscCall(PetscPopErrorHandler());

  printf("%s\n", fails ? "FAILED" : "all ok");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
