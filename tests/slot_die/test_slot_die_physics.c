/* Slot-die physics against closed forms and independent calculations (docs/slot_die.md, "Verification").
 *   rheology:  slot, pipe and Couette-Poiseuille flows of the numerical (generic) path against the Newtonian,
 *              power-law and Bingham closed forms written out here; the Couette-Poiseuille solution of shear-thinning
 *              and yield-stress slurries against a brute-force integration of its velocity profile.
 *   bead:      the capped Landau-Levich meniscus, the Couette limit, the vacuum window width 6 mu U L_u/G^2 + sigma/G,
 *              the air-entrainment speed (Newtonian Ca sigma/mu, power law l (Ca sigma/(K l))^(1/n)).
 *   manifold:  the shooting solver against the exact Newtonian cosh solution, its CV against the closed-form CV,
 *              mass conservation and the direction of shear thinning and yield stress.
 *   levelling: linear decay with gravity, k h^3 q^4 (1 + 1/(q l_c)^2), and the yield stress that stops it.
 * usage: test_slot_die_physics rheology|bead|manifold|levelling */
#include "../../physics/slot_die_model.h"
#include <string.h>

static int fail = 0;
#define CHECK(cond, ...)                                                                                               \
  do {                                                                                                                 \
    if (!(cond)) {                                                                                                     \
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: " __VA_ARGS__));                                                  \
      fail = 1;                                                                                                        \
    }                                                                                                                  \
  } while (0)

static PetscReal Rel(PetscReal a, PetscReal b)
{
  return PetscAbsReal(a - b) / PetscMax(PetscAbsReal(b), 1e-300);
}

/* velocity profile of the Couette-Poiseuille solution by brute force: integrate du/dy = f(s0 + P y) from the web
 * (u = U) with the trapezoidal rule on N cells; returns u(G) and the flow int u dy. s0 from the no-slip condition at
 * the lip by bisection, independent of the library's root finding. */
static PetscReal WallSlip(const SlurryRheology *r, PetscReal U, PetscReal G, PetscReal P, PetscReal s0, PetscInt N)
{
  PetscReal du = 0.0; /* midpoint rule for int_0^G F dy, plus U: zero when the lip is at rest */
  for (PetscInt i = 0; i < N; i++) {
    PetscReal s = s0 + P * (i + 0.5) * G / N;
    du += (s < 0 ? -SlurryShearRate(r, -s) : SlurryShearRate(r, s)) * G / N;
  }
  return du + U;
}

static void BruteForceCP(const SlurryRheology *r, PetscReal U, PetscReal G, PetscReal P, PetscReal *flow)
{
  const PetscInt N = 4000;
  PetscReal      a = -SlurryStress(r, U / G) - PetscAbsReal(P) * G, b = a + 2.0 * PetscAbsReal(P) * G, s0 = a;
  PetscReal      fa = WallSlip(r, U, G, P, a, N), fb = WallSlip(r, U, G, P, b, N);
  PetscInt       side = 0;
  /* Illinois regula falsi on s0 (independent of the library's Newton on (s0, P)) */
  for (PetscInt it = 0; it < 100 && PetscAbsReal(b - a) > 1e-14 * PetscAbsReal(a); it++) {
    PetscReal fs;
    s0 = (a * fb - b * fa) / (fb - fa);
    fs = WallSlip(r, U, G, P, s0, N);
    if (PetscAbsReal(fs) < 1e-15 * U) break;
    if (fs * fb > 0) {
      b  = s0;
      fb = fs;
      if (side == -1) fa *= 0.5;
      side = -1;
    } else {
      a  = s0;
      fa = fs;
      if (side == 1) fb *= 0.5;
      side = 1;
    }
  }
  {
    PetscReal u = U, q = 0.0;
    for (PetscInt i = 0; i < N; i++) {
      PetscReal s = s0 + P * (i + 0.5) * G / N, F = s < 0 ? -SlurryShearRate(r, -s) : SlurryShearRate(r, s);
      q += (u + 0.5 * F * G / N) * G / N; /* u at the cell centre */
      u += F * G / N;
    }
    *flow = q;
  }
}

static PetscErrorCode Rheology(void)
{
  const PetscReal mu = 2.0, H = 500e-6, L = 0.03, R = 0.0125, U = 0.5, G = 200e-6, ty = 30.0; /* SI */
  const PetscReal q = 60e-6, Q = 2e-5, hs[3] = {0.25, 0.64, 1.0};
  SlurryRheology  newt = SlurryNewtonian(mu, 0.0), car1 = SlurryCarreau(mu, 0.0, 0.01, 1.0, 0.0);
  SlurryRheology  bing = SlurryNewtonian(mu, ty);
  PetscReal       dp, tau, P, e, worst = 0;
  PetscFunctionBeginUser;
  /* Newtonian closed forms, through the generic (Carreau n = 1) path */
  PetscCall(SlurrySlotPressureDrop(&car1, q, H, L, &dp));
  e = Rel(dp, 12.0 * mu * q * L / (H * H * H));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "slot dp, Carreau n = 1 vs 12 mu q L/H^3 = %.6g Pa: %.2e\n",
                        (double) (12.0 * mu * q * L / (H * H * H)), (double) e));
  CHECK(e < 1e-10, "slot pressure drop of the generic path\n");
  PetscCall(SlurryPipeWallStress(&car1, R, Q, &tau));
  e = Rel(tau, 4.0 * mu * Q / (PETSC_PI * R * R * R));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "pipe wall stress vs 4 mu Q/(pi R^3): %.2e\n", (double) e));
  CHECK(e < 1e-10, "pipe wall stress of the generic path\n");
  for (PetscInt i = 0; i < 3; i++) {
    PetscReal Pn = 12.0 * mu * (0.5 * U * G - hs[i] * G * U) / (G * G * G);
    PetscCall(SlurryCouettePoiseuille(&car1, U, G, hs[i] * G * U, &P));
    e = Rel(P, Pn);
    PetscCall(SlurryCouettePoiseuille(&newt, U, G, hs[i] * G * U, &dp));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "Couette-Poiseuille h/G = %.2f: generic %.10g, closed form %.10g Pa/m (%.1e)\n",
                          (double) hs[i], (double) P, (double) Pn, (double) e));
    CHECK(e < 1e-9 && Rel(dp, Pn) < 1e-15, "Newtonian Couette-Poiseuille\n");
  }
  /* power law: slot q = n H^2 f_w/(2 (2n+1)), pipe Q = n pi R^3 f_w/(3n+1), f_w = (tau_w/K)^(1/n) */
  {
    SlurryRheology pl = SlurryPowerLaw(3.0, 1.0 / 800.0, 0.4, 0.0);
    PetscReal      tw = 2000.0, fw = PetscPowReal(tw / pl.K, 1.0 / pl.n);
    e     = Rel(SlurrySlotFlow(&pl, H, tw), pl.n * H * H * fw / (2.0 * (2.0 * pl.n + 1.0)));
    worst = PetscMax(worst, e);
    e     = Rel(SlurryPipeFlow(&pl, R, tw), pl.n * PETSC_PI * R * R * R * fw / (3.0 * pl.n + 1.0));
    worst = PetscMax(worst, e);
    /* the viscosity at 1/lambda is the reference one */
    e     = Rel(SlurryViscosity(&pl, 800.0), 3.0);
    worst = PetscMax(worst, e);
    /* round trips through the closed-form wall stresses */
    PetscCall(SlurrySlotPressureDrop(&pl, q, H, L, &dp));
    worst = PetscMax(worst, Rel(SlurrySlotFlow(&pl, H, dp * H / (2.0 * L)), q));
    PetscCall(SlurryPipeWallStress(&pl, R, Q, &tau));
    worst = PetscMax(worst, Rel(SlurryPipeFlow(&pl, R, tau), Q));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "power law slot, pipe, reference viscosity, round trips: worst %.2e\n",
                          (double) worst));
    CHECK(worst < 1e-12, "power-law flows\n");
  }
  /* Bingham: slot q = tau_w H^2/(6 mu) (1 - 3/2 phi + 1/2 phi^3), pipe Q = pi R^3 tau_w/(4 mu) (1 - 4/3 phi + phi^4/3)
   * (Buckingham-Reiner), phi = tau_y/tau_w; the generic path finds tau_w by root finding */
  {
    PetscReal tw, phi, qb, Qb;
    PetscCall(SlurrySlotPressureDrop(&bing, q, H, L, &dp));
    tw  = dp * H / (2.0 * L);
    phi = ty / tw;
    qb  = tw * H * H / (6.0 * mu) * (1.0 - 1.5 * phi + 0.5 * phi * phi * phi);
    e   = Rel(qb, q);
    PetscCall(SlurryPipeWallStress(&bing, R, Q, &tw));
    phi = ty / tw;
    Qb  = PETSC_PI * R * R * R * tw / (4.0 * mu) * (1.0 - 4.0 / 3.0 * phi + phi * phi * phi * phi / 3.0);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "Bingham (tau_y %g Pa): slot flow %.2e, pipe flow %.2e from Buckingham-Reiner\n", (double) ty,
                          (double) e, (double) Rel(Qb, Q)));
    CHECK(e < 1e-10 && Rel(Qb, Q) < 1e-10, "Bingham slot/pipe flow\n");
  }
  /* Couette-Poiseuille of shear-thinning and yield-stress slurries against the brute-force profile */
  {
    SlurryRheology rs[3] = {SlurryCarreau(10.0, 0.0, 0.0092, 0.4, 0.0), SlurryPowerLaw(3.0, 1.0 / 800.0, 0.5, 0.0),
                            SlurryCarreau(10.0, 0.05, 0.0092, 0.4, 200.0)};
    worst                = 0;
    for (PetscInt k = 0; k < 3; k++)
      for (PetscInt i = 0; i < 3; i++) {
        PetscReal flow, qi = hs[i] * G * U;
        PetscCall(SlurryCouettePoiseuille(&rs[k], U, G, qi, &P));
        BruteForceCP(&rs[k], U, G, P, &flow);
        e     = PetscAbsReal(flow - qi) / (U * G);
        worst = PetscMax(worst, e);
        PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                              "  CP law %d h/G %.2f: dp/dx %.6g Pa/m, brute-force flow error %.1e UG\n", (int) k,
                              (double) hs[i], (double) P, (double) e));
      }
    CHECK(worst < 1e-6, "Couette-Poiseuille against the brute-force profile: %.2e\n", (double) worst);
    /* the nested root finding (fallback of the Newton solve) gives the same gradients */
    worst = 0;
    for (PetscInt k = 0; k < 3; k++)
      for (PetscInt i = 0; i < 3; i++) {
        PetscReal Pn, Pb;
        PetscCall(SlurryCouettePoiseuille(&rs[k], U, G, hs[i] * G * U, &Pn));
        PetscCall(SlurryCouettePoiseuilleNested(&rs[k], U, G, hs[i] * G * U, &Pb));
        worst = PetscMax(worst, Rel(Pb, Pn));
      }
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD, "Couette-Poiseuille, nested root finding vs Newton: %.1e\n", (double) worst));
    CHECK(worst < 1e-9, "nested Couette-Poiseuille\n");
  }
  /* the inverse shear rate and the slot and pipe flows of every law against midpoint quadrature of the stress
   * integrals q = H^2/(2 tw^2) int_0^tw t f(t) dt, Q = pi R^3/tw^3 int_0^tw t^2 f(t) dt (independent of M_k) */
  {
    SlurryRheology rs[4] = {SlurryCarreau(10.0, 0.05, 0.0092, 0.4, 30.0), SlurryCarreau(10.0, 0.0, 0.0092, 0.4, 0.0),
                            SlurryPowerLaw(3.0, 1.0 / 800.0, 0.4, 5.0), SlurryNewtonian(2.0, 0.0)};
    PetscReal      winv = 0, wq = 0;
    for (PetscInt k = 0; k < 4; k++) {
      for (PetscReal st = 40.0; st < 1e7; st *= 3.7)
        winv = PetscMax(winv, Rel(SlurryStress(&rs[k], SlurryShearRate(&rs[k], st)), st));
      for (PetscReal tw = 100.0; tw < 1e5; tw *= 10.0) {
        const PetscInt N  = 20000;
        PetscReal      i2 = 0, i3 = 0;
        for (PetscInt i = 0; i < N; i++) {
          PetscReal t = (i + 0.5) * tw / N, f = SlurryShearRate(&rs[k], t);
          i2 += t * f * tw / N;
          i3 += t * t * f * tw / N;
        }
        wq = PetscMax(wq, Rel(SlurrySlotFlow(&rs[k], H, tw), 0.5 * H * H * i2 / (tw * tw)));
        wq = PetscMax(wq, Rel(SlurryPipeFlow(&rs[k], R, tw), PETSC_PI * R * R * R * i3 / (tw * tw * tw)));
      }
    }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "four laws: tau(f(s)) = s to %.1e; slot and pipe flows vs quadrature %.1e\n", (double) winv,
                          (double) wq));
    CHECK(winv < 1e-12 && wq < 1e-6, "inverse or flow integrals\n");
  }
  /* The solvers' steps. Every root above is bracketed, so a wrong derivative or a poor first guess would still give
   * the same numbers, only later (or through the nested fallback). The Carreau inversion is Newton in log space on a
   * nearly power-law function (two to five steps where the stress follows one power, six where eta_inf takes over;
   * the exact total over the sweep);
   * the Couette-Poiseuille Newton on (s0, P) starts from the Newtonian solution at the apparent viscosity and must
   * converge without the fallback, in few steps (exact total over the sweep). A change in either count means the
   * steering changed: check that it is not slower before updating the count. */
  {
    SlurryRheology cs[3] = {SlurryCarreau(10.0, 0.0, 0.0092, 0.4, 0.0), SlurryCarreau(10.0, 0.05, 0.0092, 0.4, 200.0),
                            SlurryCarreau(8.0, 0.0, 0.03, 0.25, 0.0)};
    SlurryRheology rs[4] = {cs[0], cs[1], cs[2], SlurryPowerLaw(3.0, 1.0 / 800.0, 0.5, 20.0)};
    /* flow ratios h/G on both sides of the Couette point 1/2: near it the stress hardly varies across the gap and
     * the integrals and their Jacobian come from the Gauss-Legendre branch */
    const PetscReal hn[5] = {0.25, 0.499, 0.5015, 0.64, 1.0};
    PetscInt        nmax = 0, ntot = 0, nsolve = 0, cmax = 0, ctot = 0, nfall = 0;
    for (PetscInt k = 0; k < 3; k++)
      for (PetscReal st = 0.3; st < 1e5; st *= 2.9) { /* 0.3 Pa to 1e5 Pa above the yield stress */
        PetscInt steps;
        (void) SlurryShearRateSteps(&cs[k], cs[k].tau_y + st, &steps);
        nmax = PetscMax(nmax, steps);
        ntot += steps;
        nsolve++;
      }
    for (PetscInt k = 0; k < 4; k++)
      for (PetscReal Us = 0.01; Us < 5.0; Us *= 4.0)
        for (PetscInt i = 0; i < 5; i++) {
          PetscReal Pn, Pb;
          PetscInt  its;
          PetscCall(SlurryCouettePoiseuilleNewton(&rs[k], Us, G, hn[i] * G * Us, &Pn, &its));
          if (its < 0) {
            nfall++;
            continue;
          }
          PetscCall(SlurryCouettePoiseuilleNested(&rs[k], Us, G, hn[i] * G * Us, &Pb));
          CHECK(Rel(Pn, Pb) < 1e-9, "Newton vs nested CP at U %g h/G %g law %d: %.2e\n", (double) Us, (double) hn[i],
                (int) k, (double) Rel(Pn, Pb));
          cmax = PetscMax(cmax, its);
          ctot += its;
        }
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD,
                    "Carreau inversion: %d solves, at most %d Newton steps, %d in all; Couette-Poiseuille Newton: "
                    "%d fallbacks, at most %d steps, %d in all\n",
                    (int) nsolve, (int) nmax, (int) ntot, (int) nfall, (int) cmax, (int) ctot));
    CHECK(nsolve == 36 && nmax <= 6 && ntot == 112,
          "Carreau inversion steps: %d solves, at most %d (want <= 6), %d in all (want 112)\n", (int) nsolve,
          (int) nmax, (int) ntot);
    CHECK(nfall == 0 && cmax <= 8 && ctot == 443,
          "Couette-Poiseuille Newton: %d fallbacks (want 0), at most %d steps (want <= 8), %d in all (want 443)\n",
          (int) nfall, (int) cmax, (int) ctot);
  }
  /* dQ/dtau_w of the pipe (the manifold's stress-parametrised march): the zero-flow limits pi R^3/(4 eta(0)) (Carreau:
   * eta0; a power law of index 1: K; index < 1: 0, the viscosity is infinite there) and central differences of Q */
  {
    SlurryRheology cz = SlurryCarreau(10.0, 0.0, 0.0092, 0.4, 0.0), p1 = SlurryPowerLaw(3.0, 1.0 / 800.0, 1.0, 0.0);
    SlurryRheology p4 = SlurryPowerLaw(3.0, 1.0 / 800.0, 0.4, 0.0), cy = SlurryCarreau(10.0, 0.05, 0.0092, 0.4, 30.0);
    PetscReal      e0           = Rel(SlurryPipeFlowDerivative(&cz, R, 0.0), PETSC_PI * R * R * R / (4.0 * 10.0));
    PetscReal      e1           = Rel(SlurryPipeFlowDerivative(&p1, R, 0.0), PETSC_PI * R * R * R / (4.0 * 3.0));
    PetscReal      efd          = 0;
    const SlurryRheology *ls[3] = {&cz, &p4, &cy};
    for (PetscInt k = 0; k < 3; k++)
      for (PetscReal tw = 50.0; tw < 1e5; tw *= 7.0) {
        PetscReal h = 1e-5 * tw, fd = (SlurryPipeFlow(ls[k], R, tw + h) - SlurryPipeFlow(ls[k], R, tw - h)) / (2 * h);
        efd = PetscMax(efd, Rel(SlurryPipeFlowDerivative(ls[k], R, tw), fd));
      }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "pipe dQ/dtau: zero-flow limit Carreau %.1e, power law n = 1 %.1e, n = 0.4 %g; against "
                          "central differences %.1e\n",
                          (double) e0, (double) e1, (double) SlurryPipeFlowDerivative(&p4, R, 0.0), (double) efd));
    CHECK(e0 < 1e-14 && e1 < 1e-14 && SlurryPipeFlowDerivative(&p4, R, 0.0) == 0.0 && efd < 1e-6,
          "pipe flow derivative\n");
  }
  /* Carreau far above 1/lambda with eta_inf = 0 is the power law K = eta0 lambda^(n-1) */
  {
    SlurryRheology c = SlurryCarreau(10.0, 0.0, 1.0, 0.4, 0.0), p = SlurryPowerLaw(10.0, 1.0, 0.4, 0.0);
    PetscReal      dc, dpl;
    PetscCall(SlurrySlotPressureDrop(&c, 1e-2, H, L, &dc));
    PetscCall(SlurrySlotPressureDrop(&p, 1e-2, H, L, &dpl));
    e = Rel(dc, dpl);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Carreau at lambda g ~ 1e5 vs power law: %.2e\n", (double) e));
    CHECK(e < 1e-3, "Carreau high-shear limit\n");
  }
  PetscFunctionReturn(0);
}

/* Newtonian window written out (docs/slot_die.md section 3): margins of the four limits at speed U and gap G */
static PetscReal HandMargin(PetscReal mu, PetscReal sigma, PetscReal h, PetscReal G, PetscReal Ld, PetscReal Lu,
                            PetscReal V, PetscReal U)
{
  PetscReal Ca = mu * U / sigma, kd = 1.337 * PetscPowReal(Ca, 2.0 / 3.0) / h, pb, th, vmin, vmax, w, rmax, m;
  if (h < G) kd = PetscMin(kd, 2.0 / (G - h));
  pb   = -sigma * kd + 12.0 * mu * Ld * (h * U - 0.5 * U * G) / (G * G * G);
  th   = PETSC_PI * PetscCbrtReal(PetscMin(1.0, Ca));
  vmin = -pb - sigma * (1.0 + PetscCosReal(th)) / G;
  vmax = -pb - sigma * PetscCosReal(th) / G + 6.0 * mu * U * Lu / (G * G);
  w    = vmax - vmin;
  rmax = PetscMax(1.0 + 1.0 / (0.6685 * PetscPowReal(Ca, 2.0 / 3.0)), 3.0);
  m    = PetscMin((rmax - G / h) / rmax, PetscMin((V - vmin) / w, (vmax - V) / w));
  return PetscMin(m, (sigma / mu - U) / (sigma / mu));
}

/* bisection (in log x) of the hand margin between a (inside) and b (outside); speed (gap = 0) or gap (gap = 1) */
static PetscReal HandEdge(PetscReal mu, PetscReal sigma, PetscReal h, PetscReal G, PetscReal U, PetscBool gap,
                          PetscReal a, PetscReal b)
{
  for (PetscInt i = 0; i < 200; i++) {
    PetscReal x = PetscSqrtReal(a * b), m = gap ? HandMargin(mu, sigma, h, x, 1e-3, 1e-3, 0.0, U)
                                                : HandMargin(mu, sigma, h, G, 1e-3, 1e-3, 0.0, x);
    if (m > 0)
      a = x;
    else
      b = x;
  }
  return PetscSqrtReal(a * b);
}

static PetscErrorCode Bead(void)
{
  const PetscReal  mu = 3.0, sigma = 0.0407, G = 200e-6, U = 40.0 / 60.0, Lu = 1e-3, Ld = 1.5e-3;
  SlotDieBead      b = {SlurryNewtonian(mu, 0.0), sigma, 128e-6, G, Ld, Lu, 0.0, 3.0, 1.0, 1e-6};
  SlotDieBeadState s;
  PetscReal        w, Ca, pc;
  PetscFunctionBeginUser;
  /* capped Landau-Levich: low Ca follows 1.337 Ca^(2/3) sigma/h, high Ca the half circle 2 sigma/(G - h) */
  Ca = 1e-3;
  pc = SlotDieDownstreamCapillaryPressure(sigma, Ca, 100e-6, G);
  CHECK(Rel(pc, -1.337 * PetscPowReal(Ca, 2.0 / 3.0) * sigma / 100e-6) < 1e-14, "Landau-Levich curvature\n");
  pc = SlotDieDownstreamCapillaryPressure(sigma, 10.0, 100e-6, G);
  CHECK(Rel(pc, -2.0 * sigma / (G - 100e-6)) < 1e-14, "capped curvature\n");
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "downstream meniscus: %.6g Pa at Ca 1e-3, %.6g Pa (capped) at Ca 10\n",
                        (double) SlotDieDownstreamCapillaryPressure(sigma, 1e-3, 100e-6, G), (double) pc));
  /* vacuum window width: grad_up L_u + sigma (kappa_free - kappa_pinned) = 6 mu U L_u/G^2 + sigma/G */
  PetscCall(SlotDieBeadEvaluate(&b, U, &s));
  w = 6.0 * mu * U * Lu / (G * G) + sigma / G;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "vacuum window %.6g to %.6g Pa: width %.10g Pa, closed form %.10g Pa\n",
                        (double) s.vac_min, (double) s.vac_max, (double) (s.vac_max - s.vac_min), (double) w));
  CHECK(Rel(s.vac_max - s.vac_min, w) < 1e-12, "vacuum window width\n");
  /* bead pressure by hand: -2 sigma/(G - h) (capped at Ca 49) + 12 mu L_d (q - U G/2)/G^3 */
  {
    PetscReal pb = -2.0 * sigma / (G - b.h) + 12.0 * mu * Ld * (b.h * U - 0.5 * U * G) / (G * G * G);
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD, "bead pressure %.10g Pa, by hand %.10g Pa\n", (double) s.p_bead, (double) pb));
    CHECK(Rel(s.p_bead, pb) < 1e-12, "bead pressure\n");
    /* suction limit by hand: -p_bead - sigma (1 + cos theta_d)/G, theta_d = pi at Ca_w = 49 > Ca_ae */
    CHECK(Rel(s.vac_min, -pb) < 1e-12, "suction limit\n");
  }
  /* Couette limit: h = G/2, no net pressure under the downstream lip */
  b.h = 0.5 * G;
  PetscCall(SlotDieBeadEvaluate(&b, U, &s));
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD, "Couette limit h = G/2: downstream-lip pressure %.3e Pa\n", (double) s.p_lip_down));
  CHECK(PetscAbsReal(s.p_lip_down) < 1e-9, "Couette limit\n");
  /* the window around 40 m/min for a 50 mPa s slurry (G 200 um, h 128 um, lips 1 mm, no vacuum): speed edges
   * (weeping below, air entrainment above) and gap edges against bisection of the margins written out above */
  {
    SlotDieBead w = {SlurryNewtonian(0.05, 0.0), sigma, 128e-6, G, 1e-3, 1e-3, 0.0, 3.0, 1.0, 1e-6};
    PetscReal   lo, hi, glo, ghi, e1, e2, e3, e4;
    PetscCall(SlotDieSpeedWindow(&w, U, &lo, &hi));
    PetscCall(SlotDieGapWindow(&w, U, &glo, &ghi));
    e1 = Rel(lo, HandEdge(0.05, sigma, 128e-6, G, U, PETSC_FALSE, U, 1e-4));
    e2 = Rel(hi, HandEdge(0.05, sigma, 128e-6, G, U, PETSC_FALSE, U, 20.0));
    e3 = Rel(glo, HandEdge(0.05, sigma, 128e-6, G, U, PETSC_TRUE, G, 0.2 * 128e-6));
    e4 = Rel(ghi, HandEdge(0.05, sigma, 128e-6, G, U, PETSC_TRUE, G, 20.0 * 128e-6));
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD,
                    "window of a 50 mPa s slurry: %.6g-%.6g m/min (Ca sigma/mu = %.6g), gap %.6g-%.6g um; vs hand "
                    "bisection %.1e %.1e %.1e %.1e\n",
                    (double) (60 * lo), (double) (60 * hi), (double) (60 * sigma / 0.05), (double) (1e6 * glo),
                    (double) (1e6 * ghi), (double) e1, (double) e2, (double) e3, (double) e4));
    CHECK(PetscMax(PetscMax(e1, e2), PetscMax(e3, e4)) < 1e-7, "window edges\n");
    CHECK(Rel(hi, sigma / 0.05) < 1e-8, "the upper speed limit is air entrainment\n");
    /* the stage's margin is the hand margin */
    PetscCall(SlotDieBeadEvaluate(&w, U, &s));
    CHECK(Rel(s.margin, HandMargin(0.05, sigma, 128e-6, G, 1e-3, 1e-3, 0.0, U)) < 1e-12, "margin\n");
  }
  /* low-flow limit written out (Ruschak 1976 with Landau-Levich, docs/slot_die.md): at Ca = 1e-3, Ca^(2/3) = 1e-2 and
   * c = 1.337/2 = 0.6685, so G/t_min = 1 + 1/0.006685 = 150.587..., far above the high-Ca ratio 3, and
   * t_min = 0.006685 G/1.006685; at Ca = 10 the viscocapillary bound 1 + 1/(0.6685 * 4.6416) = 1.322 is below 3 */
  {
    PetscReal rmax = SlotDieMaxGapRatio(1e-3, 3.0), tmin = SlotDieViscocapillaryMinThickness(1e-3, G);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "low-flow limit at Ca 1e-3: G/t_min %.10g (hand %.10g), t_min %.6g um\n",
                          (double) rmax, (double) (1.0 + 1.0 / 0.006685), (double) (1e6 * tmin)));
    CHECK(Rel(rmax, 1.0 + 1.0 / 0.006685) < 1e-12, "viscocapillary gap ratio\n");
    CHECK(Rel(tmin, 0.006685 * G / 1.006685) < 1e-12 && Rel(G / tmin, rmax) < 1e-12, "viscocapillary thickness\n");
    CHECK(SlotDieMaxGapRatio(10.0, 3.0) == 3.0, "high-Ca gap ratio\n");
  }
  CHECK(PetscAbsReal(SlotDieDynamicContactAngle(0.125, 1.0) - 0.5 * PETSC_PI) < 1e-15 &&
            SlotDieDynamicContactAngle(2.0, 1.0) == PETSC_PI,
        "dynamic contact angle\n");
  /* air entrainment: Newtonian Ca_ae sigma/mu, power law l ((Ca_ae sigma/l)/K)^(1/n) */
  {
    SlurryRheology pl = SlurryPowerLaw(3.0, 1.0 / 800.0, 0.4, 0.0);
    PetscReal      un = SlotDieAirEntrainmentSpeed(&b.rheology, sigma, 1.0, 1e-6);
    PetscReal      up = SlotDieAirEntrainmentSpeed(&pl, sigma, 1.0, 1e-6);
    PetscReal      uh = 1e-6 * PetscPowReal(sigma / 1e-6 / pl.K, 1.0 / pl.n);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "air entrainment: Newtonian %.6g m/min (Ca sigma/mu %.6g), power law %.6g (%.6g)\n",
                          (double) (60 * un), (double) (60 * sigma / mu), (double) (60 * up), (double) (60 * uh)));
    CHECK(Rel(un, sigma / mu) < 1e-14 && Rel(up, uh) < 1e-12, "air-entrainment speed\n");
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Manifold(void)
{
  const PetscReal W = 0.6, H = 800e-6, L = 0.03, D = 0.025, mu = 3.0, q = 128.3e-6 * 40.0 / 60.0;
  const PetscInt  n = 600;
  PetscReal      *z, *qs, pf, pe, worst = 0, beta, a, m = 0, m2 = 0, cv, cvx, dps;
  SlurryRheology  rs[2] = {SlurryCarreau(mu, 0.0, 0.01, 1.0, 0.0), SlurryPowerLaw(mu, 1.0, 1.0, 0.0)};
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc2(n, &z, n, &qs));
  for (PetscInt i = 0; i < n; i++) z[i] = (i + 0.5) / n;
  /* a narrow manifold makes beta of order one: D = 8 mm */
  beta = SlotDieManifoldRatio(W, H, L, 0.008);
  a    = PetscSqrtReal(2.0 * beta);
  for (PetscInt k = 0; k < 2; k++) {
    PetscCall(SlotDieManifoldSolve(&rs[k], q * W, W, 0.004, H, L, 0.0, 50, n, z, qs, &pf, &pe));
    worst = 0;
    for (PetscInt i = 0; i < n; i++) worst = PetscMax(worst, Rel(qs[i] / q, SlotDieManifoldNewtonian(beta, z[i])));
    PetscCall(SlurrySlotPressureDrop(&rs[k], q, H, L, &dps));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "manifold beta %.4f (%s path): flow vs a cosh(a(1-z))/sinh(a) worst %.2e; feed %.6g Pa vs "
                          "a/tanh(a) dp %.6g Pa\n",
                          (double) beta, k ? "flow" : "stress", (double) worst, (double) pf,
                          (double) (dps * a / PetscTanhReal(a))));
    CHECK(worst < 1e-6, "manifold against the cosh solution\n");
    CHECK(Rel(pf, dps * a / PetscTanhReal(a)) < 1e-6, "manifold feed pressure\n");
  }
  /* vanishing manifold loss: the O(beta) series 1 + beta (2/3 - 2z + z^2) of a cosh(a(1-z))/sinh(a) (the series
   * branch at beta 1e-13 to round-off, the exponential branch at beta 1e-5 to O(beta)) */
  {
    PetscReal es = 0, ex = 0;
    for (PetscInt i = 0; i <= 10; i++) {
      PetscReal zz = 0.1 * i;
      es           = PetscMax(es,
                              PetscAbsReal(SlotDieManifoldNewtonian(1e-13, zz) - (1.0 + 1e-13 * (2.0 / 3.0 - 2 * zz + zz * zz))));
      ex           = PetscMax(ex,
                              PetscAbsReal((SlotDieManifoldNewtonian(1e-5, zz) - 1.0) / 1e-5 - (2.0 / 3.0 - 2 * zz + zz * zz)));
    }
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD, "manifold series: beta 1e-13 %.1e, beta 1e-5 %.1e\n", (double) es, (double) ex));
    CHECK(es < 1e-15 && ex < 1e-4, "manifold small-beta limit\n");
  }
  /* bowing alone (a 400 mm bore: manifold loss 2e-7): a Newtonian slot flow follows the local gap cubed */
  {
    PetscReal eb = 0, b = 0.05;
    PetscCall(SlotDieManifoldSolve(&rs[0], q * W, W, 0.2, H, L, b, 50, n, z, qs, &pf, &pe));
    for (PetscInt i = 0; i < n; i++)
      eb = PetscMax(
          eb, Rel(qs[i] / qs[0], PetscPowReal((1.0 + b * (1.0 - z[i] * z[i])) / (1.0 + b * (1.0 - z[0] * z[0])), 3.0)));
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD, "5 %% bowing, no manifold loss: flow vs (local gap)^3 %.1e\n", (double) eb));
    CHECK(eb < 1e-6, "bowing in the manifold solve\n");
  }
  /* order of the shooting integration: with bowing and a manifold loss of order one the slot flow depends on z
   * within each step, and classical RK4 (with the cubic Hermite samples) must converge as du^4: the error of 25 and
   * 50 steps against 800 steps falls by about 2^4 = 16; both paths (stress for Carreau, flow for the power law) */
  for (PetscInt k = 0; k < 2; k++) {
    const PetscInt ns[3] = {25, 50, 800};
    PetscReal     *qq[3], e[2] = {0, 0};
    for (PetscInt l = 0; l < 3; l++) {
      PetscCall(PetscMalloc1(n, &qq[l]));
      PetscCall(SlotDieManifoldSolve(&rs[k], q * W, W, 0.004, H, L, 0.05, ns[l], n, z, qq[l], &pf, &pe));
    }
    for (PetscInt i = 0; i < n; i++)
      for (PetscInt l = 0; l < 2; l++) e[l] = PetscMax(e[l], Rel(qq[l][i], qq[2][i]));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "manifold with 5 %% bowing, beta %.3f (%s path): error 25 steps %.3e, 50 steps %.3e, "
                          "ratio %.2f (RK4: 16)\n",
                          (double) beta, k ? "flow" : "stress", (double) e[0], (double) e[1], (double) (e[0] / e[1])));
    CHECK(e[0] / e[1] > 12.0 && e[0] / e[1] < 20.0, "fourth-order manifold integration\n");
    for (PetscInt l = 0; l < 3; l++) PetscCall(PetscFree(qq[l]));
  }
  /* CV of the cosh profile: mean sinh(a)/a, mean square (1 + sinh(2a)/(2a))/2 (per unit amplitude) */
  for (PetscInt i = 0; i < n; i++) {
    PetscReal f = SlotDieManifoldNewtonian(beta, z[i]);
    m += f / n;
    m2 += f * f / n;
  }
  cv  = PetscSqrtReal(m2 / (m * m) - 1.0);
  cvx = PetscSqrtReal(0.5 * (1.0 + PetscSinhReal(2 * a) / (2 * a)) / PetscSqr(PetscSinhReal(a) / a) - 1.0);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "manifold CV on %d cells %.8f, closed form %.8f (%.1e)\n", (int) n,
                        (double) cv, (double) cvx, (double) Rel(cv, cvx)));
  CHECK(Rel(cv, cvx) < 1e-5, "manifold CV\n");
  /* shear thinning starves the die ends more; the flow is conserved (mean q) */
  {
    SlurryRheology c    = SlurryCarreau(10.0, 0.0, 0.0092, 0.4, 0.0);
    SlurryRheology cy   = SlurryCarreau(10.0, 0.0, 0.0092, 0.4, 20.0);
    PetscReal      mean = 0, end_c, end_cy, end_n = SlotDieManifoldNewtonian(SlotDieManifoldRatio(W, H, L, D), 1.0);
    PetscCall(SlotDieManifoldSolve(&c, q * W, W, 0.5 * D, H, L, 0.0, 50, n, z, qs, &pf, &pe));
    for (PetscInt i = 0; i < n; i++) mean += qs[i] / n;
    end_c = qs[n - 1] / mean;
    PetscCall(SlotDieManifoldSolve(&cy, q * W, W, 0.5 * D, H, L, 0.0, 50, n, z, qs, &pf, &pe));
    mean = 0;
    for (PetscInt i = 0; i < n; i++) mean += qs[i] / n;
    end_cy = qs[n - 1] / mean;
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD,
                    "25 mm manifold, flow at the die end / mean: Newtonian %.5f, Carreau n 0.4 %.5f, + 20 Pa yield "
                    "%.5f; Carreau mean flow %.8f of the pump's\n",
                    (double) end_n, (double) end_c, (double) end_cy, (double) (mean / q)));
    CHECK(end_c < end_n - 0.01 && end_cy < end_c, "shear thinning and yield stress must starve the die ends more\n");
    CHECK(PetscAbsReal(mean / q - 1) < 2e-3, "manifold loses flow\n");
  }
  PetscCall(PetscFree2(z, qs));
  PetscFunctionReturn(0);
}

/* ripple decay rate with gravity; a yield stress above the capillary stress freezes the film */
static PetscErrorCode Levelling(void)
{
  const PetscReal mu = 0.1, sigma = 0.04, rho = 2000.0, h0 = 100e-6, eps = 1e-3, lambda = 4e-3, g = 9.80665;
  const PetscReal qk = 2.0 * PETSC_PI / lambda, k = sigma / (3.0 * mu), c = rho * g / sigma;
  const PetscReal rate = k * h0 * h0 * h0 * qk * qk * qk * qk * (1.0 + c / (qk * qk)), T = 1.0 / rate;
  const PetscInt  n = 128;
  PetscReal      *h, a0 = 0, a1 = 0, measured, W = 2 * lambda, change = 0;
  ThinFilm        tf;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(n, &h));
  for (PetscInt i = 0; i < n; i++) h[i] = h0 * (1.0 + eps * PetscCosReal(qk * (i + 0.5) * W / n));
  for (PetscInt i = 0; i < n; i++) a0 += 2.0 / n * (h[i] - h0) * PetscCosReal(qk * (i + 0.5) * W / n);
  PetscCall(ThinFilmCreate(PETSC_COMM_WORLD, n, W, k, "slotdie_", &tf));
  PetscCall(ThinFilmSetGravity(tf, c));
  PetscCall(ThinFilmSolve(tf, h, T, 1e-3 * T, h, NULL));
  for (PetscInt i = 0; i < n; i++) a1 += 2.0 / n * (h[i] - h0) * PetscCosReal(qk * (i + 0.5) * W / n);
  measured = -PetscLogReal(a1 / a0) / T;
  PetscCall(PetscPrintf(
      PETSC_COMM_WORLD,
      "levelling with gravity, lambda 4 mm: %.6g 1/s, theory %.6g 1/s (%+.2e); gravity adds %.1f %%\n",
      (double) measured, (double) rate, (double) ((measured - rate) / rate), (double) (100 * c / (qk * qk))));
  CHECK(PetscAbsReal(measured - rate) < 0.01 * rate, "decay rate with gravity\n");
  /* face-flux derivatives against central differences, without and with gravity and a yield stress */
  {
    const PetscReal st[4] = {101e-6, 99.5e-6, 100.7e-6, 98.9e-6}, dy = 5e-5;
    PetscReal       d[4], dfull[4], worst = 0;
    ThinFilmFaceFluxDerivative(k, dy, st[0], st[1], st[2], st[3], d);
    for (PetscInt cse = 0; cse < 3; cse++) {
      PetscReal cc = cse ? c : 0.0, ty = cse == 2 ? 1500.0 : 0.0; /* plug depth about half the film */
      ThinFilmFaceFluxFullDerivative(k, cc, ty, dy, st[0], st[1], st[2], st[3], dfull);
      for (PetscInt j = 0; j < 4; j++) {
        PetscReal hp[4], hm[4], eps = 1e-6 * st[j], fd;
        for (PetscInt l = 0; l < 4; l++) hp[l] = hm[l] = st[l];
        hp[j] += eps;
        hm[j] -= eps;
        fd = (ThinFilmFaceFluxFull(k, cc, ty, dy, hp[0], hp[1], hp[2], hp[3]) -
              ThinFilmFaceFluxFull(k, cc, ty, dy, hm[0], hm[1], hm[2], hm[3])) /
             (2 * eps);
        worst = PetscMax(worst, PetscAbsReal(dfull[j] - fd) / PetscMax(PetscAbsReal(fd), 1e-30));
        if (cse == 0) worst = PetscMax(worst, PetscAbsReal(d[j] - fd) / PetscAbsReal(fd));
      }
    }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "face-flux Jacobian vs central differences (gravity, 60 Pa yield): %.1e\n",
                          (double) worst));
    CHECK(worst < 1e-5, "face-flux derivatives\n");
    CHECK(Rel(ThinFilmFaceFluxFull(k, 0, 0, dy, st[0], st[1], st[2], st[3]),
              ThinFilmFaceFlux(k, dy, st[0], st[1], st[2], st[3])) < 1e-14,
          "full flux without gravity and yield\n");
  }
  /* yield stress: the capillary wall stress sigma h eps h0 q^3 (~0.0016 Pa here) is far below 1 Pa: nothing moves */
  for (PetscInt i = 0; i < n; i++) h[i] = h0 * (1.0 + eps * PetscCosReal(qk * (i + 0.5) * W / n));
  PetscCall(ThinFilmSetYieldStress(tf, 1.0 / sigma));
  PetscCall(ThinFilmSolve(tf, h, T, 1e-3 * T, h, NULL));
  for (PetscInt i = 0; i < n; i++)
    change = PetscMax(change, PetscAbsReal(h[i] - h0 * (1.0 + eps * PetscCosReal(qk * (i + 0.5) * W / n))));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "yield stress 1 Pa: largest change %.3e m (ripple %.1e m)\n", (double) change,
                        (double) (eps * h0)));
  CHECK(change < 1e-6 * eps * h0, "a yield stress above the capillary stress must stop levelling\n");
  PetscCall(ThinFilmDestroy(&tf));
  PetscCall(PetscFree(h));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc >= 2, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "usage: %s rheology|bead|manifold|levelling", argv[0]);
  if (!strcmp(argv[1], "rheology"))
    PetscCall(Rheology());
  else if (!strcmp(argv[1], "bead"))
    PetscCall(Bead());
  else if (!strcmp(argv[1], "manifold"))
    PetscCall(Manifold());
  else
    PetscCall(Levelling());
  if (fail) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "slot-die physics test FAILED\n"));
  PetscCall(PetscFinalize());
  return fail;
}
