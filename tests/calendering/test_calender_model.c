/* Unit tests of the pure calendering functions (physics/calender_model.c): the compaction law and its
 * inverse (round trips to 1e-10 either way), gap <-> porosity with spring-back, the cell response and its
 * derivatives, the rigid-roll gap for a load or a target porosity (round trips), the bite pressure, line
 * load and work (closed forms against numerical quadrature of the defining integrals), roll section,
 * bending stress and uniform-load deflection, the crown shape, and the heated-roll contact heat. */
#include "calender_model.h"
#include <math.h>

static int fails = 0;

static void Check(const char *what, double got, double want, double rtol)
{
  int ok = PetscAbsReal(got - want) <= rtol * PetscMax(1e-300, PetscAbsReal(want)) || got == want;
  printf("  %-66s %.12g (want %.12g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

/* composite Gauss-Legendre (5 points) of f on [a, b] with m panels */
static double Quad(double (*f)(double, void *), void *ctx, double a, double b, int m)
{
  static const double x[5] = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640};
  static const double w[5] = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665,
                              0.2369268850561891};
  double              s = 0.0, hp = (b - a) / m;
  for (int k = 0; k < m; k++)
    for (int i = 0; i < 5; i++) s += 0.5 * hp * w[i] * f(a + hp * (k + 0.5 + 0.5 * x[i]), ctx);
  return s;
}

typedef struct {
  const CalenderBite *b;
  double              R, h_nip;
} BiteCtx;

static double PressureAt(double x, void *ctx)
{
  return CalenderBitePressure(((BiteCtx *) ctx)->b, x);
}
/* p dh along the bite: dh = 2 x / R dx */
static double PressureDh(double x, void *ctx)
{
  BiteCtx *c = (BiteCtx *) ctx;
  return CalenderBitePressure(c->b, x) * 2.0 * x / c->R;
}

typedef struct {
  double h, k, rho_cp, dT, alpha;
} HeatCtx;
/* surface flux of a semi-infinite solid through a contact conductance (Carslaw & Jaeger 2.7), in u = sqrt(t)
 * (dt = 2 u du) so that the integrand is smooth at t = 0 */
static double ContactFlux(double u, void *ctx)
{
  HeatCtx *c = (HeatCtx *) ctx;
  double   b = c->h * sqrt(c->alpha) * u / c->k;
  return c->h * c->dT * exp(b * b) * erfc(b) * 2.0 * u;
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  printf("compaction law eps(q) = eps_min + (eps0 - eps_min) exp(-q/gamma_c) and its inverse\n");
  {
    const PetscReal e0 = 0.45, em = 0.20, gam = 1000e3;
    double          worst = 0.0;
    Check("q = 0 keeps eps0", CalenderPorosity(e0, em, gam, 0.0), e0, 1e-15);
    Check("q = gamma_c: eps_min + (eps0 - eps_min)/e", CalenderPorosity(e0, em, gam, gam), em + 0.25 / exp(1.0), 1e-14);
    Check("hand: q for 30 % from 45 % = 1000 ln(0.25/0.10) N/mm (N/m)", CalenderLineLoad(e0, em, gam, 0.30),
          1000e3 * log(2.5), 1e-14);
    Check("eps >= eps0 needs no load", CalenderLineLoad(e0, em, gam, 0.46), 0.0, 0);
    Check("eps <= eps_min is out of reach (PETSC_INFINITY: 1)", CalenderLineLoad(e0, em, gam, 0.2) >= PETSC_INFINITY, 1,
          0);
    for (int i = 1; i < 200; i++) { /* load -> porosity -> load and porosity -> load -> porosity */
      double q = i * 50e3, eps = em + (e0 - em) * i / 200.0;
      worst = PetscMax(worst, fabs(CalenderLineLoad(e0, em, gam, CalenderPorosity(e0, em, gam, q)) - q) / q);
      worst = PetscMax(worst, fabs(CalenderPorosity(e0, em, gam, CalenderLineLoad(e0, em, gam, eps)) - eps) / eps);
    }
    Check("round trips q->eps->q and eps->q->eps, 50..9950 N/mm (worst rel.)", worst < 1e-10, 1, 0);
    printf("    worst round-trip error %.2e\n", worst);
  }
  printf("gap, spring-back and the cell response\n");
  {
    CalenderCell c = {
        .s = 0.2 / 4400.0, .eps_in = 0.45, .eps_min = 0.2, .gamma_c = 1000e3, .t_foil = 15e-6, .springback = 0.02};
    PetscReal hi = CalenderCellInletThickness(&c), q, dq, e, de, g, worst = 0.0;
    PetscBool valid;
    Check("inlet thickness s/(1 - eps_in)", hi, c.s / 0.55, 1e-15);
    g = CalenderGapForThickness(60e-6, c.t_foil, c.springback);
    Check("gap for 60 um out: 60/1.02 + 15 um", g, 60e-6 / 1.02 + 15e-6, 1e-15);
    Check("exit thickness of that gap", CalenderExitThickness(g, c.t_foil, c.springback, hi), 60e-6, 1e-14);
    Check("exit thickness never above the inlet", CalenderExitThickness(1e-3, c.t_foil, c.springback, hi), hi, 0);
    CalenderCellResponse(&c, g, &q, &dq, &e, &de, &valid);
    Check("porosity at that gap: 1 - s/60 um", e, 1.0 - c.s / 60e-6, 1e-14);
    Check("its line load from the law's inverse", q, CalenderLineLoad(c.eps_in, c.eps_min, c.gamma_c, e), 1e-13);
    {
      double d = 1e-6 * g, qp, qm, ep, em;
      CalenderCellResponse(&c, g + d, &qp, NULL, &ep, NULL, NULL);
      CalenderCellResponse(&c, g - d, &qm, NULL, &em, NULL, NULL);
      Check("dq/dg against central differences", dq, (qp - qm) / (2 * d), 1e-7);
      Check("deps/dg against central differences", de, (ep - em) / (2 * d), 1e-7);
    }
    CalenderCellResponse(&c, CalenderGapForThickness(hi, c.t_foil, c.springback) + 1e-9, &q, &dq, &e, &de, &valid);
    Check("gap above the inlet thickness: no load", q, 0.0, 0);
    Check("... and the inlet porosity", e, c.eps_in, 0);
    CalenderCellResponse(&c, CalenderGapForThickness(c.s / (1 - c.eps_min), c.t_foil, c.springback), &q, NULL, &e, NULL,
                         &valid);
    Check("at the eps_min gap the law is continued (valid = 0)", valid, 0, 0);
    Check("... with a finite load (1 = yes)", PetscIsInfOrNanReal(q) ? 0 : 1, 1, 0);
    for (int i = 1; i < 100; i++) { /* gap -> porosity -> load -> porosity -> gap */
      double eps = c.eps_min + (c.eps_in - c.eps_min) * i / 100.0,
             ql  = CalenderLineLoad(c.eps_in, c.eps_min, c.gamma_c, eps);
      double e2  = CalenderPorosity(c.eps_in, c.eps_min, c.gamma_c, ql);
      double g2  = CalenderGapForThickness(c.s / (1 - e2), c.t_foil, c.springback), q2;
      CalenderCellResponse(&c, g2, &q2, NULL, &e, NULL, NULL);
      worst = PetscMax(worst, fabs(e - eps) / eps);
      worst = PetscMax(worst, fabs(q2 - ql) / PetscMax(ql, 1.0));
    }
    Check("round trips porosity -> load -> gap -> porosity and load (worst)", worst < 1e-10, 1, 0);
    printf("    worst round-trip error %.2e\n", worst);
  }
  printf("rigid rolls: the gap for a mean load or a mean porosity\n");
  {
    CalenderCell cells[5];
    PetscReal    gap, gap2, limit, mean = 0.0;
    PetscBool    ok;
    for (int j = 0; j < 5; j++) {
      cells[j] = (CalenderCell){.s          = (0.2 + 0.004 * (j - 2)) / 4400.0,
                                .eps_in     = 0.45,
                                .eps_min    = 0.2,
                                .gamma_c    = 1000e3,
                                .t_foil     = 15e-6,
                                .springback = 0.02};
    }
    PetscCall(CalenderRigidGap(5, cells, NULL, 1, 0.30, &gap, &ok, &limit));
    for (int j = 0; j < 5; j++) {
      PetscReal e;
      CalenderCellResponse(&cells[j], gap, NULL, NULL, &e, NULL, NULL);
      mean += e / 5;
    }
    Check("mean porosity at the gap for 0.30", mean, 0.30, 1e-12);
    {
      PetscReal qm = 0.0;
      for (int j = 0; j < 5; j++) {
        PetscReal q;
        CalenderCellResponse(&cells[j], gap, &q, NULL, NULL, NULL, NULL);
        qm += q / 5;
      }
      PetscCall(CalenderRigidGap(5, cells, NULL, 0, qm, &gap2, &ok, &limit));
      Check("round trip: the gap for the mean load found there", gap2, gap, 1e-10);
    }
    PetscCall(CalenderRigidGap(5, cells, NULL, 1, 0.2001, &gap, &ok, &limit));
    Check("a mean porosity near eps_min is out of reach (ok = 0)", ok, 0, 0);
    Check("... the mean reached is above the target (1 = yes)", limit > 0.2001, 1, 0);
  }
  printf("bite: pressure p = p_c ln(A/(A - B zeta)), line load and work (closed forms vs quadrature)\n");
  {
    const PetscReal R = 0.3, hin = 81.8e-6, hout = 64.2e-6, sb = 0.02, e0 = 0.45, e1 = 0.30, em = 0.2, q = 916e3;
    PetscReal hnip = hout / (1 + sb), L = sqrt(R * (hin - hnip)), A = e0 - em, B = e0 - e1, a = A - B, r = sqrt(B / a);
    CalenderBite b;
    BiteCtx      ctx;
    CalenderBiteEvaluate(R, hin, hnip, e0, e1, em, q, &b);
    ctx.b = &b;
    ctx.R = R;
    Check("bite length sqrt(R dh)", b.length, L, 1e-15);
    Check("hand: p_c = q / (2 L (1 - atan(r)/r))", b.p_scale, q / (2 * L * (1 - atan(r) / r)), 1e-13);
    Check("peak pressure p_c ln(A/(A - B)) at the nip", b.peak_pressure, b.p_scale * log(A / a), 1e-13);
    Check("p(0) is the peak", CalenderBitePressure(&b, 0.0), b.peak_pressure, 1e-13);
    Check("p = 0 at the bite entry", CalenderBitePressure(&b, L), 0.0, 0);
    Check("int p dx over the bite = line load (quadrature, 400 panels)", Quad(PressureAt, &ctx, 0.0, L, 400), q, 1e-9);
    Check("hand: W = p_c dh (1 - (a/B) ln(A/a))", b.work, b.p_scale * (hin - hnip) * (1 - a / B * log(A / a)), 1e-13);
    Check("W = int p dh along the bite (quadrature)", Quad(PressureDh, &ctx, 0.0, L, 400), b.work, 1e-9);
    Check("mean pressure q / L", b.mean_pressure, q / L, 1e-15);
    printf("    L = %.3f mm, p_peak = %.0f MPa, W = %.1f J/m2 (uniform-pressure estimate q sqrt(dh/R) = %.1f)\n",
           (double) (L * 1e3), (double) (b.peak_pressure * 1e-6), (double) b.work,
           (double) (q * sqrt((hin - hnip) / R)));
    {
      CalenderBite b2;
      CalenderBiteEvaluate(R, hin, hin - 1e-12, e0, e0 - 1e-9, em, 1.0, &b2);
      Check("tiny draft: W -> (3/4) q sqrt(dh/R) (series branch)", b2.work, 0.75 * 1.0 * sqrt(1e-12 / R), 1e-4);
    }
    CalenderBiteEvaluate(R, hin, hnip, e0, e1, em, 0.0, &b);
    Check("no load: no work", b.work, 0.0, 0);
  }
  printf("roll section, strength, deflection and crown\n");
  {
    PetscReal A, Imom, Z, D = 0.6, d = 0.2;
    CalenderRollSection(D, d, &A, &Imom, &Z);
    Check("area pi/4 (D^2 - d^2)", A, PETSC_PI / 4 * (D * D - d * d), 1e-15);
    Check("I = pi/64 (D^4 - d^4)", Imom, PETSC_PI / 64 * (pow(D, 4) - pow(d, 4)), 1e-15);
    Check("Z = 2 I / D", Z, 2 * Imom / D, 1e-15);
    Check("hand: stress F (2 S - b) / 8 / Z, 0.5 MN, S 1 m, b 0.6 m", CalenderRollBendingStress(5e5, 1.0, 0.6, Z),
          5e5 * 1.4 / 8 / Z, 1e-15);
    {
      PetscReal EI = 2.1e11 * Imom, kGA = 0.886 * 81e9 * A, q = 1e6, S = 1.0;
      Check("UDL over the whole span: 5 q S^4/(384 EI) + q S^2/(8 kGA)",
            CalenderRollDeflectionUniform(S, S, q, EI, kGA, 0.5 * S), 5 * q / (384 * EI) + q / (8 * kGA), 1e-13);
      Check("zero at the bearings", CalenderRollDeflectionUniform(S, 0.6, q, EI, kGA, 0.0), 0.0, 0);
      Check("symmetric about mid-span", CalenderRollDeflectionUniform(S, 0.6, q, EI, kGA, 0.8),
            CalenderRollDeflectionUniform(S, 0.6, q, EI, kGA, 0.2), 1e-13);
      /* centred load F = q b: EB mid-span F (8 S^3 - 4 S b^2 + b^3) / (384 EI b) ... (Roark, Table 8.1 case 2e) */
      Check("centred partial load, mid-span: F (8S^3 - 4S b^2 + b^3)/(384 EI) + F (2S - b)/(8 kGA)",
            CalenderRollDeflectionUniform(S, 0.6, q, EI, kGA, 0.5),
            q * 0.6 * (8 - 4 * 0.36 + 0.216) / (384 * EI) + q * 0.6 * (2 - 0.6) / (8 * kGA), 1e-13);
    }
    Check("crown shape 1 at mid-face", CalenderCrownShape(0.5, 1.0, 0.7), 1.0, 1e-15);
    Check("crown shape 0 at the face ends", CalenderCrownShape(0.15, 1.0, 0.7), 0.0, 1e-12);
    Check("crown shape 0 beyond the face", CalenderCrownShape(0.05, 1.0, 0.7), 0.0, 0);
    Check("crown shape parabolic: 1 - (0.2/0.35)^2 at 0.2 m off centre", CalenderCrownShape(0.7, 1.0, 0.7),
          1 - pow(0.2 / 0.35, 2), 1e-14);
  }
  printf("heated roll: contact heat into a semi-infinite layer\n");
  {
    HeatCtx c = {.h = 1e4, .k = 0.5, .rho_cp = 2.3e6, .dT = 55.0};
    c.alpha   = c.k / c.rho_cp;
    Check("Q against the time integral of the surface flux, t = 2.4 ms",
          CalenderContactHeat(c.h, c.k, c.rho_cp, 2.4e-3, c.dT), Quad(ContactFlux, &c, 0.0, sqrt(2.4e-3), 200), 1e-9);
    Check("short contact: h dT t (to first order in b = 1e-5)", CalenderContactHeat(c.h, c.k, c.rho_cp, 1e-12, c.dT),
          c.h * c.dT * 1e-12, 2e-5);
    Check("perfect contact: 2 sqrt(k rho cp / pi) dT sqrt(t)", CalenderContactHeat(1e9, c.k, c.rho_cp, 1.0, c.dT),
          2 * sqrt(c.k * c.rho_cp / PETSC_PI) * c.dT, 1e-3);
  }
  printf("%s\n", fails ? "FAILED" : "all passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
