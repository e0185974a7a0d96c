/* Scalar root finding shared by the physics: one tested implementation of each method instead of one per stage.
 *
 *   ScalarRootExpand     grows a bracket geometrically from a first guess until the function changes sign
 *   ScalarRootBrent      Brent's zeroin (Brent 1973, "Algorithms for minimization without derivatives", ch. 4):
 *                        inverse quadratic interpolation and secant steps inside a bisection safeguard
 *   ScalarRootNewtonSafe Newton's method kept inside a bracket, bisecting when a step would leave it or would not
 *                        halve the previous one (Press et al., Numerical Recipes, 3rd ed., 9.4, "rtsafe")
 *
 * Each counts the function evaluations it made (nfev, may be NULL): the tests hold the counts on reference problems,
 * so a change in the steering (a slower interpolation, a wrong derivative) shows even though the root is the same. */
#pragma once
#include <petscsys.h>

typedef PetscErrorCode (*ScalarFn)(PetscReal x, PetscReal *f, void *ctx);
typedef PetscErrorCode (*ScalarFnDeriv)(PetscReal x, PetscReal *f, PetscReal *dfdx, void *ctx);

/* From the end a (f(a) = fa) and the guess b (f(b) = fb), while f(b) has the strict sign of fa: a <- b and
 * b <- anchor + factor (b - anchor). On return with *found, [a, b] (in either order) holds a sign change and a is the
 * last point tried with the sign of the original fa. Not found after max_steps steps: *found = PETSC_FALSE (the
 * caller words the error). */
PETSC_EXTERN PetscErrorCode ScalarRootExpand(ScalarFn f, void *ctx, PetscReal anchor, PetscReal factor,
                                             PetscInt max_steps, PetscReal *a, PetscReal *fa, PetscReal *b,
                                             PetscReal *fb, PetscBool *found, PetscInt *nfev);
/* Root of f on [a, b] with fa fb <= 0 (an error otherwise), to the absolute tolerance tol in x (plus 2 eps |x|). */
PETSC_EXTERN PetscErrorCode ScalarRootBrent(ScalarFn f, void *ctx, PetscReal a, PetscReal b, PetscReal fa, PetscReal fb,
                                            PetscReal tol, PetscReal *root, PetscInt *nfev);
/* Root of f on [a, b] with fa fb <= 0 (an error otherwise) by safeguarded Newton from the midpoint; stops when the
 * step or the bracket is below rtol |x|. The root is the last iterate (f was evaluated one step before it). */
PETSC_EXTERN PetscErrorCode ScalarRootNewtonSafe(ScalarFnDeriv f, void *ctx, PetscReal a, PetscReal b, PetscReal fa,
                                                 PetscReal fb, PetscReal rtol, PetscReal *root, PetscInt *nfev);
