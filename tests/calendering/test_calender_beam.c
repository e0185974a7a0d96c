/* Verification of the roll-pair solver (physics/calender_roll.c).
 * 1. A Timoshenko beam simply supported on its bearings, on a uniform elastic (Winkler) foundation of
 *    modulus k under a uniform load q, against the closed form. Hetenyi (1946) solves the Euler-Bernoulli
 *    beam on an elastic foundation with w = q/k + e^{+-lambda x}(C cos + D sin); for a Timoshenko beam the
 *    same method applies to EI w'''' - (EI k / kGA) w'' + k w = q (the shear strain w' - phi carries the
 *    foundation load), whose characteristic roots are +-alpha +- i beta with
 *      r^2 = sqrt(k/EI) e^{+-i psi},  cos psi = k / (2 kGA sqrt(k/EI)),
 *    (Hetenyi's alpha = beta = (k/4EI)^(1/4) when kGA -> infinity). With the simply supported ends
 *    (w = 0, M = EI phi' = 0, i.e. w'' = -q/kGA) the symmetric solution
 *      w = q/k + C1 cosh(alpha x) cos(beta x) + C2 sinh(alpha x) sin(beta x)
 *    is exact for the Timoshenko model the solver discretises: the shear of a 0.5 m roll adds ~25 % to the
 *    deflection here, so the Euler-Bernoulli closed form would not do. The discrete solution must match to
 *    1e-6 and converge at second order.
 * 2. The nonlinear electrode foundation (the compaction law across a 600 mm web on rolls 1 m between the
 *    bearings): mesh convergence of the mid-span deflection (observed order). The Newton iteration counts are
 *    asserted exactly (1 on the linear problem, 4 on the web at every mesh, 8 with edges out of contact): with the
 *    exact Jacobian they are mesh-independent, and a wrong Jacobian entry or a worse first guess shows as more
 *    iterations while the solution stays the same. */
#include "calender_model.h"
#include <math.h>

static int fails = 0;

static void Expect(int cond, const char *what)
{
  printf("  %-74s %s\n", what, cond ? "ok" : "FAIL");
  fails += !cond;
}

typedef struct {
  PetscReal q, k;
} Winkler;

/* nodal load over [ylo, yhi] of a uniform load q and a Winkler foundation k at gap g = 2 w */
static PetscErrorCode WinklerFoundation(PetscInt i, PetscReal ylo, PetscReal yhi, PetscReal g, PetscReal *P,
                                        PetscReal *dP, PetscReal *T, PetscReal *dT, void *ctx)
{
  Winkler  *wk  = (Winkler *) ctx;
  PetscReal len = yhi - ylo;
  PetscFunctionBeginUser;
  *P  = len * (wk->q - wk->k * 0.5 * g);
  *dP = -len * wk->k * 0.5;
  *T  = *P;
  *dT = *dP;
  PetscFunctionReturn(0);
}

/* closed form at x from mid-span (half span l) */
static double ClosedForm(double EI, double kGA, double k, double q, double l, double x)
{
  double rho = sqrt(k / EI), psi = acos(k / (2 * kGA * rho)), alpha = sqrt(rho) * cos(0.5 * psi),
         beta = sqrt(rho) * sin(0.5 * psi);
  double a = alpha * alpha - beta * beta, b = 2 * alpha * beta;
  double f1 = cosh(alpha * l) * cos(beta * l), f2 = sinh(alpha * l) * sin(beta * l);
  /* [f1 f2; a f1 - b f2, a f2 + b f1] [C1 C2] = [-q/k, -q/kGA] */
  double m11 = f1, m12 = f2, m21 = a * f1 - b * f2, m22 = a * f2 + b * f1, det = m11 * m22 - m12 * m21;
  double C1 = (-q / k * m22 - m12 * (-q / kGA)) / det, C2 = (m11 * (-q / kGA) - m21 * (-q / k)) / det;
  return q / k + C1 * cosh(alpha * x) * cos(beta * x) + C2 * sinh(alpha * x) * sin(beta * x);
}

static PetscErrorCode SolveWinkler(PetscInt n, double span, double EI, double kGA, Winkler *wk, double *w_mid,
                                   double *max_err, PetscInt *its)
{
  CalRoll          r;
  const PetscReal *y, *w;
  PetscReal       *contact;
  PetscFunctionBeginUser;
  PetscCall(CalRollCreate(n, span, "beam_", &r));
  PetscCall(CalRollSetSection(r, EI, kGA));
  PetscCall(PetscMalloc1(n + 1, &contact));
  for (PetscInt i = 0; i <= n; i++) contact[i] = 2 * wk->q / wk->k; /* the foundation unloads at w = q/k */
  PetscCall(CalRollSetFoundation(r, WinklerFoundation, contact, NULL, wk));
  PetscCall(PetscFree(contact));
  PetscCall(CalRollSetMode(r, CALROLL_FIXED_GAP, 0.0));
  PetscCall(CalRollSetScales(r, wk->q / wk->k, wk->q, wk->q));
  PetscCall(CalRollSolve(r, 0.0));
  PetscCall(CalRollGetSolution(r, &y, &w, NULL, NULL, NULL, NULL));
  PetscCall(CalRollGetStats(r, its, NULL, NULL));
  *w_mid   = w[n / 2];
  *max_err = 0.0;
  for (PetscInt i = 0; i <= n; i++)
    *max_err = PetscMax(*max_err, fabs(w[i] - ClosedForm(EI, kGA, wk->k, wk->q, 0.5 * span, y[i] - 0.5 * span)));
  PetscCall(CalRollDestroy(&r));
  PetscFunctionReturn(0);
}

typedef struct {
  CalenderCell cell;
  PetscReal    a, b; /* web edges on the span */
  PetscBool    by_porosity;
} Web1;

static PetscErrorCode WebFoundation(PetscInt i, PetscReal ylo, PetscReal yhi, PetscReal g, PetscReal *P, PetscReal *dP,
                                    PetscReal *T, PetscReal *dT, void *ctx)
{
  Web1     *wb  = (Web1 *) ctx;
  PetscReal len = PetscMin(yhi, wb->b) - PetscMax(ylo, wb->a), q, dq, e, de;
  PetscFunctionBeginUser;
  if (len <= 0) PetscFunctionReturn(0);
  CalenderCellResponse(&wb->cell, g, &q, &dq, &e, &de, NULL);
  *P  = len * q;
  *dP = len * dq;
  *T  = wb->by_porosity ? len * e : *P;
  *dT = wb->by_porosity ? len * de : *dP;
  PetscFunctionReturn(0);
}

static PetscErrorCode SolveWeb(PetscInt n, Web1 *wb, double crown, double target, double *w_mid, double *mean,
                               PetscInt *its, double *fnorm, PetscInt *unloaded)
{
  CalRoll          r;
  const PetscReal *w, *P;
  PetscReal       *contact, *floor, G0, area, Imom, span = 1.0, D = 0.6;
  PetscBool        ok;
  PetscFunctionBeginUser;
  CalenderRollSection(D, 0.0, &area, &Imom, NULL);
  PetscCall(CalRollCreate(n, span, "web_", &r));
  PetscCall(CalRollSetSection(r, 210e9 * Imom, 0.886 * 81e9 * area));
  PetscCall(PetscMalloc2(n + 1, &contact, n + 1, &floor));
  for (PetscInt i = 0; i <= n; i++) {
    PetscReal y = i * span / n, on = PetscMin(y + 0.5 * span / n, wb->b) - PetscMax(y - 0.5 * span / n, wb->a);
    contact[i] =
        on > 0 ? CalenderGapForThickness(CalenderCellInletThickness(&wb->cell), wb->cell.t_foil, wb->cell.springback)
               : PETSC_NINFINITY;
    floor[i] = on > 0
                   ? CalenderGapForThickness(wb->cell.s / (1 - wb->cell.eps_min), wb->cell.t_foil, wb->cell.springback)
                   : PETSC_NINFINITY;
  }
  PetscCall(CalRollSetFoundation(r, WebFoundation, contact, floor, wb));
  PetscCall(CalRollSetCrown(r, crown, wb->b - wb->a));
  PetscCall(CalenderRigidGap(1, &wb->cell, NULL, wb->by_porosity ? 1 : 0, target, &G0, &ok, NULL, NULL));
  PetscCall(CalRollSetMode(r, CALROLL_MEASURE, target * (wb->b - wb->a)));
  PetscCall(CalRollSetScales(r, 60e-6, 1e6, wb->by_porosity ? 1.0 : 1e6));
  PetscCall(CalRollSolve(r, G0));
  PetscCall(CalRollGetSolution(r, NULL, &w, NULL, NULL, &P, NULL));
  PetscCall(CalRollGetStats(r, its, fnorm, NULL));
  *w_mid    = w[n / 2];
  *mean     = 0.0;
  *unloaded = 0;
  for (PetscInt i = 0; i <= n; i++) *mean += P[i] / (wb->b - wb->a);
  {
    const PetscReal *gap;
    PetscCall(CalRollGetSolution(r, NULL, NULL, NULL, &gap, NULL, NULL));
    for (PetscInt i = 0; i <= n; i++)
      if (contact[i] > PETSC_NINFINITY && P[i] == 0.0) {
        (*unloaded)++;
        if (gap[i] < contact[i]) *unloaded = -1000000; /* an unloaded node must stand open */
      }
  }
  PetscCall(PetscFree2(contact, floor));
  PetscCall(CalRollDestroy(&r));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  printf("1. Timoshenko roll on a Winkler foundation against the closed form\n");
  {
    /* a 0.5 m steel roll, bearings 1.2 m apart, a soft foundation (lambda l = 0.8): the roll carries the load */
    const double D = 0.5, span = 1.2, E = 210e9, G = 81e9, kappa = 0.886, q = 1e6;
    double       area = 0.25 * PETSC_PI * D * D, EI = E * PETSC_PI * pow(D, 4) / 64, kGA = kappa * G * area;
    double lambda = 0.8 / (0.5 * span), k = 4 * EI * pow(lambda, 4), w_ref = ClosedForm(EI, kGA, k, q, 0.5 * span, 0.0);
    double w_eb = ClosedForm(EI, 1e30, k, q, 0.5 * span, 0.0), err[6], wm = 0.0, emax = 0.0;
    Winkler  wk    = {q, k};
    PetscInt ns[6] = {25, 50, 100, 200, 400, 3200}, its;
    printf("    closed form mid-span %.6f um (Euler-Bernoulli, Hetenyi: %.6f um; shear adds %.1f %%)\n", w_ref * 1e6,
           w_eb * 1e6, 100 * (w_ref / w_eb - 1));
    Expect(w_ref / w_eb - 1 > 0.1, "shear matters for a 0.5 m roll: > 10 % more deflection than Euler-Bernoulli");
    for (int m = 0; m < 6; m++) {
      PetscCall(SolveWinkler(ns[m], span, EI, kGA, &wk, &wm, &emax, &its));
      err[m] = fabs(wm - w_ref) / w_ref;
      printf("    n = %5d: mid-span %.9f um, rel. error %.3e, max nodal error %.3e um, %d Newton iterations\n",
             (int) ns[m], wm * 1e6, err[m], emax * 1e6, (int) its);
      if (m > 0 && m < 5) printf("      observed order %.3f\n", log(err[m - 1] / err[m]) / log(2.0));
      if (m > 1 && m < 5) Expect(fabs(log(err[m - 1] / err[m]) / log(2.0) - 2.0) < 0.1, "second order (1.9 .. 2.1)");
      Expect(its == 1, "linear problem: Newton with the exact Jacobian converges in 1 iteration");
    }
    Expect(err[5] < 1e-6, "n = 3200 matches the closed form to 1e-6 (relative, mid-span)");
    Expect(emax < 1e-6 * w_ref, "... and at every node (max error / mid-span < 1e-6)");
  }
  printf("2. rolls on the electrode's compaction response: mesh convergence (NMC811 20 mg/cm2, 600 mm web)\n");
  {
    Web1 wb = {
        {.s = 0.2 / 4400.0, .eps_in = 0.45, .eps_min = 0.2, .gamma_c = 1000e3, .t_foil = 15e-6, .springback = 0.02},
        0.2,
        0.8,
        PETSC_FALSE};
    PetscInt ns[5] = {50, 100, 200, 400, 800}, its, nu;
    double   wm[5], mean, fnorm;
    for (int m = 0; m < 5; m++) {
      PetscCall(SolveWeb(ns[m], &wb, 0.0, 600e3, &wm[m], &mean, &its, &fnorm, &nu));
      printf("    n = %4d: mid-span %.9f um, mean line load %.6f N/mm, %d Newton iterations, residual %.1e\n",
             (int) ns[m], wm[m] * 1e6, mean * 1e-3, (int) its, fnorm);
      Expect(fabs(mean - 600e3) < 1e-9 * 600e3, "the nodal loads carry the line load (1e-9)");
      Expect(its == 4 && fnorm < 1e-8, "Newton converged in 4 iterations (quadratic: the Jacobian is exact)");
    }
    for (int m = 2; m < 5; m++) {
      double p = log(fabs(wm[m - 2] - wm[m - 1]) / fabs(wm[m - 1] - wm[m])) / log(2.0);
      printf("    observed order (n = %d, %d, %d): %.3f\n", (int) ns[m - 2], (int) ns[m - 1], (int) ns[m], p);
      Expect(p > 1.8, "observed order > 1.8");
    }
    wb.by_porosity = PETSC_TRUE;
    PetscCall(SolveWeb(400, &wb, 0.0, 0.33, &wm[0], &mean, &its, &fnorm, &nu));
    printf("    target mean porosity 0.33: mean line load %.3f N/mm, %d Newton iterations\n", mean * 1e-3, (int) its);
    Expect(its == 4 && fnorm < 1e-8, "target-porosity mode converges in 4 iterations");
    wb.by_porosity = PETSC_FALSE;
    PetscCall(SolveWeb(400, &wb, 60e-6, 300e3, &wm[0], &mean, &its, &fnorm, &nu));
    printf(
        "    over-crowned (60 um on the web width, 300 N/mm): %d web nodes out of contact, mid-span %.3f um, %d Newton "
        "iterations\n",
        (int) nu, wm[0] * 1e6, (int) its);
    Expect(nu > 10, "the web edges lose contact (> 10 nodes unloaded, every one standing open)");
    Expect(fabs(mean - 300e3) < 1e-9 * 300e3 && its == 8 && fnorm < 1e-8,
           "... and the centre carries the line load (1e-9), 8 Newton iterations");
  }
  printf("%s\n", fails ? "FAILED" : "all passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
