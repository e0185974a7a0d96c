/* Analytic test models for the study machinery: a study names one (`model = { name = "ishigami"; ... }`) instead
 * of a base case, and each case evaluates it in place of a route. They exist so that designs, sensitivities,
 * the optimiser, the scheduler and resume are checked against known answers (docs/studies.md):
 *   ishigami  f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i in [-pi, pi] (Ishigami and Homma 1990); its Sobol
 *             indices are known in closed form.
 *   zdt1      f1 = x1, g = 1 + 9/(n-1) sum_{i>=2} x_i, f2 = g (1 - sqrt(f1/g)), x_i in [0, 1] (Zitzler, Deb and
 *             Thiele 2000); its Pareto front is f2 = 1 - sqrt(f1), f1 in [0, 1] (all x_i = 0 for i >= 2).
 * A model is registered by adding it to the table below (one entry each), as stages are in the stage registry. */
#include "study_impl.h"
#include <math.h>
#include <string.h>

static void Ishigami(PetscInt n, const double *x, const double *c, double *out)
{
  double s2 = sin(x[1]);
  (void) n;
  out[0] = sin(x[0]) + c[0] * s2 * s2 + c[1] * pow(x[2], 4) * sin(x[0]);
}

static void ZDT1(PetscInt n, const double *x, const double *c, double *out)
{
  double g = 0.0;
  (void) c;
  for (PetscInt i = 1; i < n; i++) g += x[i];
  g      = 1.0 + 9.0 * g / (double) (n - 1);
  out[0] = x[0];
  out[1] = g * (1.0 - sqrt(x[0] / g));
}

static const StudyModel models[] = {
    {"ishigami",
     "Ishigami function (sensitivity benchmark): inputs x1..x3 in [-pi, pi]; constants a, b",
     3,
     3,
     -PETSC_PI,
     PETSC_PI,
     1,
     {"f"},
     {"-"},
     2,
     {"a", "b"},
     {7.0, 0.1},
     Ishigami},
    {"zdt1",
     "ZDT1 (two-objective benchmark): inputs x1..xn in [0, 1], n >= 2; minimise f1 and f2",
     2,
     64,
     0.0,
     1.0,
     2,
     {"f1", "f2"},
     {"-", "-"},
     0,
     {NULL},
     {0.0},
     ZDT1},
};

PetscErrorCode StudyModelFind(const char *name, const StudyModel **m)
{
  PetscFunctionBeginUser;
  *m = NULL;
  for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
    if (!strcmp(models[i].name, name)) *m = &models[i];
  PetscFunctionReturn(0);
}

PetscErrorCode StudyModelNames(char *buf, size_t len)
{
  PetscFunctionBeginUser;
  buf[0] = 0;
  for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
    if (i) PetscCall(PetscStrlcat(buf, ", ", len));
    PetscCall(PetscStrlcat(buf, models[i].name, len));
  }
  PetscFunctionReturn(0);
}
