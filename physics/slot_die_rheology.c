/* Slurry rheology of the slot-die stage and its viscometric flows (see slot_die_rheology.h, docs/slot_die.md). */
#include "slot_die_rheology.h"
#include "../solver/scalar_root.h"
#include <math.h>

const char *const SlurryRheologyTypes[] = {"newtonian", "power_law", "carreau", NULL};

/* 10-point Gauss-Legendre rule on [-1, 1] (Abramowitz & Stegun 25.4.30) */
static const PetscReal GLx[5] = {0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845,
                                 0.9739065285171717};
static const PetscReal GLw[5] = {0.2955242247147529, 0.2692667193099963, 0.2190863625159820, 0.1494513491505806,
                                 0.0666713443086881};

SlurryRheology SlurryNewtonian(PetscReal mu, PetscReal tau_y)
{
  SlurryRheology r = {SLURRY_NEWTONIAN, mu, 1.0, mu, mu, 0.0, tau_y};
  return r;
}

SlurryRheology SlurryPowerLaw(PetscReal mu_ref, PetscReal lambda, PetscReal n, PetscReal tau_y)
{
  /* eta = mu_ref (lambda g)^(n-1): K = mu_ref lambda^(n-1) */
  SlurryRheology r = {SLURRY_POWER_LAW, mu_ref * PetscPowReal(lambda, n - 1.0), n, 0.0, 0.0, lambda, tau_y};
  return r;
}

SlurryRheology SlurryCarreau(PetscReal eta0, PetscReal eta_inf, PetscReal lambda, PetscReal n, PetscReal tau_y)
{
  SlurryRheology r = {SLURRY_CARREAU, 0.0, n, eta0, eta_inf, lambda, tau_y};
  return r;
}

/* viscous part of the stress, tau - tau_y */
static inline PetscReal ViscousStress(const SlurryRheology *r, PetscReal g)
{
  if (r->type == SLURRY_CARREAU) {
    PetscReal x = r->lambda * r->lambda * g * g;
    return g * (r->eta_inf + (r->eta0 - r->eta_inf) * PetscPowReal(1.0 + x, 0.5 * (r->n - 1.0)));
  }
  return r->K * PetscPowReal(g, r->n);
}

PetscReal SlurryStress(const SlurryRheology *r, PetscReal g)
{
  if (g <= 0) return 0.0;
  return r->tau_y + ViscousStress(r, g);
}

PetscReal SlurryViscosity(const SlurryRheology *r, PetscReal g)
{
  return SlurryStress(r, g) / g;
}

PetscReal SlurryShearRate(const SlurryRheology *r, PetscReal s)
{
  return SlurryShearRateSteps(r, s, NULL);
}

PetscReal SlurryShearRateSteps(const SlurryRheology *r, PetscReal s, PetscInt *steps)
{
  PetscReal t = s - r->tau_y, lo, hi, u, lnt, m = 0.5 * (r->n - 1.0);
  if (steps) *steps = 0;
  if (t <= 0) return 0.0;
  if (r->type != SLURRY_CARREAU) return PetscPowReal(t / r->K, 1.0 / r->n);
  /* Carreau: g eta(g) = t, increasing in g. Newton on F(u) = ln tau_v(e^u) - ln t in u = ln g, where the
   * stress is close to a power law (slope 1 at low rates, n beyond the corner 1/lambda, 1 again with eta_inf):
   * two to five steps, six where eta_inf takes over. Bracket [lo, hi] in u kept for a bisection fall-back. t/eta0 is a
   * lower bound (eta <= eta0), t/eta_inf an upper bound when eta_inf > 0; the power-law asymptote is a lower bound too.
   */
  lnt = PetscLogReal(t);
  lo  = PetscLogReal(t / r->eta0);
  u   = lo;
  if (r->n < 1.0) {
    PetscReal up = (lnt - PetscLogReal(r->eta0 - r->eta_inf) - (r->n - 1.0) * PetscLogReal(r->lambda)) / r->n;
    /* the asymptote (eta0 - eta_inf)(lambda g)^n / lambda = t, a lower bound where the stress there is below t */
    if (up > u && ViscousStress(r, PetscExpReal(up)) < t) u = up;
  }
  lo = u;
  hi = r->eta_inf > 0.0 ? PetscLogReal(t / r->eta_inf) : PETSC_MAX_REAL;
  for (PetscInt it = 0; it < 200; it++) {
    PetscReal g = PetscExpReal(u), x = r->lambda * r->lambda * g * g, p = PetscPowReal(1.0 + x, m - 1.0);
    if (steps) *steps = it + 1;
    PetscReal tv  = g * (r->eta_inf + (r->eta0 - r->eta_inf) * p * (1.0 + x));
    PetscReal dtv = r->eta_inf + (r->eta0 - r->eta_inf) * p * (1.0 + r->n * x); /* d tau_v / d g */
    PetscReal F   = PetscLogReal(tv) - lnt, du, un;
    if (F > 0)
      hi = u;
    else
      lo = u;
    if (F == 0.0) return g;
    du = -F * tv / (g * dtv);
    un = u + du;
    if (!(un > lo && un < hi)) un = hi < PETSC_MAX_REAL ? 0.5 * (lo + hi) : lo + 1.0;
    if (PetscAbsReal(un - u) <= 4 * PETSC_MACHINE_EPSILON) return PetscExpReal(un);
    u = un;
  }
  return PetscExpReal(u);
}

/* Gauss-Legendre integral of tau^k over [a, b] */
static PetscReal PanelMoment(const SlurryRheology *r, PetscReal a, PetscReal b, PetscInt k)
{
  PetscReal c = 0.5 * (a + b), d = 0.5 * (b - a), s = 0.0;
  for (PetscInt i = 0; i < 5; i++) {
    PetscReal t1 = SlurryStress(r, c + d * GLx[i]), t2 = SlurryStress(r, c - d * GLx[i]);
    s += GLw[i] * (PetscPowRealInt(t1, k) + PetscPowRealInt(t2, k));
  }
  return d * s;
}

PetscReal SlurryStressMoment(const SlurryRheology *r, PetscReal g, PetscInt k)
{
  PetscReal ty = r->tau_y;
  if (g <= 0) return 0.0;
  if (r->type != SLURRY_CARREAU) { /* tau = ty + K g^n */
    PetscReal K = r->K, n = r->n, a = K * PetscPowReal(g, n);
    switch (k) {
    case 1:
      return g * (ty + a / (n + 1.0));
    case 2:
      return g * (ty * ty + 2.0 * ty * a / (n + 1.0) + a * a / (2.0 * n + 1.0));
    default:
      return g * (ty * ty * ty + 3.0 * ty * ty * a / (n + 1.0) + 3.0 * ty * a * a / (2.0 * n + 1.0) +
                  a * a * a / (3.0 * n + 1.0));
    }
  }
  if (k == 1) { /* int g (1 + l^2 g^2)^m dg = ((1 + l^2 g^2)^(m+1) - 1)/(2 l^2 (m+1)), m + 1 = (n+1)/2 */
    PetscReal l2 = r->lambda * r->lambda;
    return g * (ty + 0.5 * r->eta_inf * g) +
           (r->eta0 - r->eta_inf) * expm1(0.5 * (r->n + 1.0) * log1p(l2 * g * g)) / (l2 * (r->n + 1.0));
  }
  { /* geometric panels beyond the Carreau corner 1/lambda: tau^k is smooth on each */
    PetscReal gc = 1.0 / r->lambda, a, s;
    if (g <= gc) return PanelMoment(r, 0.0, g, k);
    s = PanelMoment(r, 0.0, gc, k);
    for (a = gc; a < g; a *= 4.0) s += PanelMoment(r, a, PetscMin(4.0 * a, g), k);
    return s;
  }
}

PetscReal SlurryFlowIntegral(const SlurryRheology *r, PetscReal s, PetscInt k)
{
  PetscReal a = PetscAbsReal(s), g = SlurryShearRate(r, a), v;
  if (g <= 0) return 0.0;
  v = (PetscPowRealInt(a, k) * g - SlurryStressMoment(r, g, k)) / k;
  return (s < 0 && k == 2) ? -v : v;
}

PetscReal SlurrySlotFlow(const SlurryRheology *r, PetscReal H, PetscReal tau_w)
{
  if (tau_w <= r->tau_y) return 0.0;
  return 0.5 * H * H * SlurryFlowIntegral(r, tau_w, 2) / (tau_w * tau_w);
}

/* f(tau) - target, increasing in tau, bracketed by expansion from a guess */
typedef struct {
  const SlurryRheology *r;
  PetscReal             size, target; /* gap H or radius R; flow */
  PetscBool             pipe;
} FlowCtx;

static PetscErrorCode FlowResidual(PetscReal tau, PetscReal *f, void *ctx)
{
  FlowCtx *c = (FlowCtx *) ctx;
  *f         = (c->pipe ? SlurryPipeFlow(c->r, c->size, tau) : SlurrySlotFlow(c->r, c->size, tau)) - c->target;
  return 0;
}

/* the flow vanishes at the yield stress: double the stress from the guess until it carries the target */
static PetscErrorCode SolveWallStress(FlowCtx *c, PetscReal guess, PetscReal *tau)
{
  PetscReal lo = c->r->tau_y, hi = PetscMax(guess, 2.0 * lo), flo, fhi;
  PetscBool found;
  PetscFunctionBeginUser;
  if (c->target <= 0) {
    *tau = lo;
    PetscFunctionReturn(0);
  }
  flo = -c->target;
  PetscCall(FlowResidual(hi, &fhi, c));
  PetscCall(ScalarRootExpand(FlowResidual, c, 0.0, 2.0, 200, &lo, &flo, &hi, &fhi, &found, NULL));
  PetscCheck(found, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED, "no wall stress carries the flow %g", (double) c->target);
  PetscCall(ScalarRootBrent(FlowResidual, c, lo, hi, flo, fhi, 1e-14 * hi, tau, NULL));
  PetscFunctionReturn(0);
}

PetscErrorCode SlurrySlotPressureDrop(const SlurryRheology *r, PetscReal q, PetscReal H, PetscReal L, PetscReal *dp)
{
  PetscReal tau;
  PetscFunctionBeginUser;
  if (r->type != SLURRY_CARREAU && r->tau_y == 0) { /* closed form: f_w = 2 (2n+1) q/(n H^2) */
    tau = r->K * PetscPowReal(2.0 * (2.0 * r->n + 1.0) * q / (r->n * H * H), r->n);
  } else {
    FlowCtx c = {r, H, q, PETSC_FALSE};
    PetscCall(SolveWallStress(&c, r->tau_y + SlurryViscosity(r, 6.0 * q / (H * H)) * 6.0 * q / (H * H), &tau));
  }
  *dp = 2.0 * tau * L / H;
  PetscFunctionReturn(0);
}

PetscReal SlurryPipeFlow(const SlurryRheology *r, PetscReal R, PetscReal tau_w)
{
  if (tau_w <= r->tau_y) return 0.0;
  return PETSC_PI * R * R * R * SlurryFlowIntegral(r, tau_w, 3) / (tau_w * tau_w * tau_w);
}

PetscReal SlurryPipeFlowDerivative(const SlurryRheology *r, PetscReal R, PetscReal tau_w)
{
  PetscReal t4 = tau_w * tau_w * tau_w * tau_w;
  if (tau_w <= 0 && r->tau_y == 0) { /* limit at zero flow: pi R^3/(4 eta(0)) */
    if (r->type == SLURRY_CARREAU) return PETSC_PI * R * R * R / (4.0 * r->eta0);
    return r->n == 1.0 ? PETSC_PI * R * R * R / (4.0 * r->K) : 0.0;
  }
  if (tau_w <= r->tau_y) return 0.0;
  return PETSC_PI * R * R * R * (SlurryShearRate(r, tau_w) / tau_w - 3.0 * SlurryFlowIntegral(r, tau_w, 3) / t4);
}

PetscErrorCode SlurryPipeWallStress(const SlurryRheology *r, PetscReal R, PetscReal Q, PetscReal *tau)
{
  PetscFunctionBeginUser;
  if (r->type != SLURRY_CARREAU && r->tau_y == 0) { /* closed form: f_w = (3n+1) Q/(n pi R^3) */
    *tau = r->K * PetscPowReal((3.0 * r->n + 1.0) * Q / (r->n * PETSC_PI * R * R * R), r->n);
  } else {
    FlowCtx   c = {r, R, Q, PETSC_TRUE};
    PetscReal g = 4.0 * Q / (PETSC_PI * R * R * R);
    PetscCall(SolveWallStress(&c, r->tau_y + SlurryViscosity(r, g) * g, tau));
  }
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------------
 * Couette-Poiseuille: web at y = 0 moving at U, lip at y = G, shear stress s(y) = s0 + P y, du/dy = F(s). */
static inline PetscReal F(const SlurryRheology *r, PetscReal s)
{
  return s < 0 ? -SlurryShearRate(r, -s) : SlurryShearRate(r, s);
}

/* d tau/d g of the viscous part (infinite at g = 0 for a power law with n < 1) */
static PetscReal StressDerivative(const SlurryRheology *r, PetscReal g)
{
  if (r->type == SLURRY_CARREAU) {
    PetscReal x = r->lambda * r->lambda * g * g;
    return r->eta_inf + (r->eta0 - r->eta_inf) * PetscPowReal(1.0 + x, 0.5 * (r->n - 1.0) - 1.0) * (1.0 + r->n * x);
  }
  if (g <= 0) return r->n < 1 ? PETSC_MAX_REAL : r->K;
  return r->K * r->n * PetscPowReal(g, r->n - 1.0);
}

/* F = du/dy, dF/ds, Phi_1 and Phi_2 at the stress s (one inversion) */
static void StressPoint(const SlurryRheology *r, PetscReal s, PetscReal *Fs, PetscReal *dFs, PetscReal *P1,
                        PetscReal *P2)
{
  PetscReal a = PetscAbsReal(s), g = SlurryShearRate(r, a), p1 = 0.0, p2 = 0.0;
  if (g > 0) {
    p1 = a * g - SlurryStressMoment(r, g, 1);
    p2 = 0.5 * (a * a * g - SlurryStressMoment(r, g, 2));
  }
  *Fs = s < 0 ? -g : g;
  if (dFs) *dFs = a > r->tau_y ? 1.0 / StressDerivative(r, g) : 0.0;
  *P1 = p1;               /* even */
  *P2 = s < 0 ? -p2 : p2; /* odd */
}

/* I1 = int_0^G F dy, I2 = int_0^G y F dy and J = d(I1, I2)/d(s0, P) (row major). Exact through Phi_1, Phi_2 when the
 * stress varies enough across the gap; otherwise (nearly uniform stress: the differences would cancel)
 * Gauss-Legendre in y, split where s = 0 and +-tau_y. */
static void CPIntegrals(const SlurryRheology *r, PetscReal G, PetscReal s0, PetscReal P, PetscReal *I1, PetscReal *I2,
                        PetscReal J[4])
{
  PetscReal sG = s0 + P * G, d = P * G;
  if (PetscAbsReal(d) > 0.05 * PetscMax(PetscAbsReal(s0), PetscAbsReal(sG))) {
    PetscReal Fa, Fb, a1, b1, a2, b2;
    StressPoint(r, s0, &Fa, NULL, &a1, &a2);
    StressPoint(r, sG, &Fb, NULL, &b1, &b2);
    *I1  = (b1 - a1) / P;
    *I2  = (b2 - a2 - s0 * (b1 - a1)) / (P * P);
    J[0] = (Fb - Fa) / P;
    J[1] = J[2] = (G * Fb - *I1) / P;
    J[3]        = (G * G * Fb - 2.0 * *I2) / P;
  } else {
    PetscReal y[5];
    PetscInt  nb = 0;
    y[nb++]      = 0.0;
    if (P != 0) {
      const PetscReal cuts[3] = {-r->tau_y, 0.0, r->tau_y};
      for (PetscInt i = 0; i < 3; i++) {
        PetscReal yc = (cuts[i] - s0) / P;
        if (yc > 0 && yc < G) y[nb++] = yc;
      }
    }
    y[nb++] = G;
    /* sort the (at most 5) break points */
    for (PetscInt i = 1; i < nb; i++)
      for (PetscInt j = i; j > 0 && y[j] < y[j - 1]; j--) {
        PetscReal t = y[j];
        y[j]        = y[j - 1];
        y[j - 1]    = t;
      }
    *I1 = *I2 = J[0] = J[1] = J[2] = J[3] = 0.0;
    for (PetscInt k = 0; k + 1 < nb; k++) {
      PetscReal c = 0.5 * (y[k] + y[k + 1]), h = 0.5 * (y[k + 1] - y[k]);
      for (PetscInt i = 0; i < 10; i++) {
        PetscReal yi = c + (i < 5 ? h : -h) * GLx[i % 5], w = h * GLw[i % 5], Fs, dFs, p1, p2;
        StressPoint(r, s0 + P * yi, &Fs, &dFs, &p1, &p2);
        *I1 += w * Fs;
        *I2 += w * yi * Fs;
        J[0] += w * dFs;
        J[1] += w * yi * dFs;
        J[3] += w * yi * yi * dFs;
      }
    }
    J[2] = J[1];
  }
}

typedef struct {
  const SlurryRheology *r;
  PetscReal             U, G, q, P;
} CPCtx;

static PetscErrorCode CPInner(PetscReal s0, PetscReal *f, void *ctx)
{
  CPCtx    *c = (CPCtx *) ctx;
  PetscReal I1, I2, J[4];
  CPIntegrals(c->r, c->G, s0, c->P, &I1, &I2, J);
  *f = I1 + c->U;
  return 0;
}

/* stress at the web for the pressure gradient P (no-slip on both walls); the bracket [sc - |P| G, sc + |P| G],
 * sc = -tau(U/G), always holds the root since F is monotone */
static PetscErrorCode CPStressAtWeb(CPCtx *c, PetscReal P, PetscReal *s0)
{
  PetscReal sc = -SlurryStress(c->r, c->U / c->G), w = PetscAbsReal(P) * c->G, lo = sc - w, hi = sc + w, flo, fhi;
  PetscFunctionBeginUser;
  c->P = P;
  if (w == 0) {
    *s0 = sc;
    PetscFunctionReturn(0);
  }
  PetscCall(CPInner(lo, &flo, c));
  PetscCall(CPInner(hi, &fhi, c));
  PetscCall(ScalarRootBrent(CPInner, c, lo, hi, flo, fhi, 1e-15 * (PetscAbsReal(sc) + w), s0, NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode CPOuter(PetscReal P, PetscReal *f, void *ctx)
{
  CPCtx    *c  = (CPCtx *) ctx;
  PetscReal s0 = 0, I1, I2, J[4];
  PetscFunctionBeginUser;
  PetscCall(CPStressAtWeb(c, P, &s0));
  CPIntegrals(c->r, c->G, s0, P, &I1, &I2, J);
  *f = -I2 - c->q;
  PetscFunctionReturn(0);
}

/* Newton on (s0, P) from the Newtonian solution with the apparent viscosity at U/G, with backtracking on the scaled
 * residual (R1/U, R2/(U G)); 0 on convergence to 1e-13 in the scaled residual, with the number of Newton steps */
static int CPNewton(const SlurryRheology *r, PetscReal U, PetscReal G, PetscReal q, PetscReal *dpdx, PetscInt *its)
{
  PetscReal mu = SlurryViscosity(r, U / G), P = 12.0 * mu * (0.5 * U * G - q) / (G * G * G),
            s0 = -mu * U / G - 0.5 * P * G;
  PetscReal I1, I2, J[4], R1, R2, nrm;
  CPIntegrals(r, G, s0, P, &I1, &I2, J);
  R1  = (I1 + U) / U;
  R2  = (-I2 - q) / (U * G);
  nrm = R1 * R1 + R2 * R2;
  for (PetscInt it = 0; it < 60; it++) {
    /* Jacobian of (R1, R2): rows (J0, J1)/U and -(J2, J3)/(U G) */
    PetscReal a = J[0] / U, b = J[1] / U, c = -J[2] / (U * G), d = -J[3] / (U * G), det = a * d - b * c, ds, dP,
              t = 1.0;
    *its        = it;
    if (nrm < 1e-26) {
      *dpdx = P;
      return 0;
    }
    if (!(det != 0) || PetscIsInfOrNanReal(det)) return 1;
    ds = -(d * R1 - b * R2) / det;
    dP = -(-c * R1 + a * R2) / det;
    for (PetscInt ls = 0; ls < 30; ls++, t *= 0.5) {
      PetscReal s1 = s0 + t * ds, P1 = P + t * dP, n1, J1[4];
      CPIntegrals(r, G, s1, P1, &I1, &I2, J1);
      R1 = (I1 + U) / U;
      R2 = (-I2 - q) / (U * G);
      n1 = R1 * R1 + R2 * R2;
      if (n1 < nrm || n1 < 1e-26) {
        s0  = s1;
        P   = P1;
        nrm = n1;
        for (PetscInt k = 0; k < 4; k++) J[k] = J1[k];
        break;
      }
      if (ls == 29) return 1;
    }
  }
  return 1;
}

PetscErrorCode SlurryCouettePoiseuilleNewton(const SlurryRheology *r, PetscReal U, PetscReal G, PetscReal q,
                                             PetscReal *dpdx, PetscInt *its)
{
  PetscFunctionBeginUser;
  if (CPNewton(r, U, G, q, dpdx, its)) *its = -1;
  PetscFunctionReturn(0);
}

PetscErrorCode SlurryCouettePoiseuille(const SlurryRheology *r, PetscReal U, PetscReal G, PetscReal q, PetscReal *dpdx)
{
  PetscInt its;
  PetscFunctionBeginUser;
  if (r->type == SLURRY_NEWTONIAN && r->tau_y == 0) {
    *dpdx = 12.0 * r->K * (0.5 * U * G - q) / (G * G * G);
    PetscFunctionReturn(0);
  }
  /* q(P = 0) - q: plane Couette flow carries U G/2 for any generalised Newtonian fluid */
  if (0.5 * U * G - q == 0) {
    *dpdx = 0.0;
    PetscFunctionReturn(0);
  }
  PetscCall(SlurryCouettePoiseuilleNewton(r, U, G, q, dpdx, &its));
  if (its < 0) PetscCall(SlurryCouettePoiseuilleNested(r, U, G, q, dpdx)); /* fall back on nested root finding */
  PetscFunctionReturn(0);
}

PetscErrorCode SlurryCouettePoiseuilleNested(const SlurryRheology *r, PetscReal U, PetscReal G, PetscReal q,
                                             PetscReal *dpdx)
{
  CPCtx     c = {r, U, G, q, 0.0};
  PetscReal h0, a = 0.0, b, fa, fb, scale;
  PetscBool found;
  PetscFunctionBeginUser;
  h0 = 0.5 * U * G - q;
  if (h0 == 0) {
    *dpdx = 0.0;
    PetscFunctionReturn(0);
  }
  /* s0 for each P, then P. Newtonian estimate with the apparent viscosity at U/G, doubled until it brackets;
   * q(P) decreases with P and q(0) - q = h0 */
  scale = 12.0 * SlurryViscosity(r, U / G) * PetscAbsReal(h0) / (G * G * G);
  b     = h0 > 0 ? scale : -scale;
  fa    = h0;
  PetscCall(CPOuter(b, &fb, &c));
  PetscCall(ScalarRootExpand(CPOuter, &c, 0.0, 2.0, 200, &a, &fa, &b, &fb, &found, NULL));
  PetscCheck(found, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED, "Couette-Poiseuille: no pressure gradient found");
  PetscCall(ScalarRootBrent(CPOuter, &c, a, b, fa, fb, 1e-13 * PetscAbsReal(b), dpdx, NULL));
  PetscFunctionReturn(0);
}
