/* Slot-die coating: pure physics functions and the thin-film levelling solver (see slot_die_model.h and
 * docs/slot_die.md for the equations and their sources). */
#include "slot_die_model.h"
#include "../mesh/cross_web_grid.h"
#include "../solver/scalar_root.h"
#include <math.h>

/* Landau & Levich (1942) drag-out film: t = 0.643 (3 Ca)^(2/3) R = 1.337 Ca^(2/3) R for a meniscus of
 * radius R. Ruschak (1976) takes the downstream meniscus to span the gap between the die lip and the film,
 * R = (G - t)/2, which gives the coefficient 1.337/2. DERIVED from those two papers (docs/slot_die.md). */
#define LANDAU_LEVICH_COEFFICIENT 1.337
#define VISCOCAPILLARY_C          (0.5 * LANDAU_LEVICH_COEFFICIENT)

PetscReal SlotDieSlurryDensity(PetscReal solids_density, PetscReal solvent_density, PetscReal w_s)
{
  return 1.0 / (w_s / solids_density + (1.0 - w_s) / solvent_density);
}

PetscReal SlotDieWetThickness(PetscReal areal_loading, PetscReal w_s, PetscReal slurry_density)
{
  return areal_loading / (w_s * slurry_density);
}

PetscReal SlotDieCapillaryNumber(PetscReal viscosity, PetscReal speed, PetscReal surface_tension)
{
  return viscosity * speed / surface_tension;
}

PetscReal SlotDieViscocapillaryMinThickness(PetscReal Ca, PetscReal coating_gap)
{
  PetscReal a = VISCOCAPILLARY_C * PetscPowReal(Ca, 2.0 / 3.0);
  return a * coating_gap / (1.0 + a);
}

PetscReal SlotDieMaxGapRatio(PetscReal Ca, PetscReal high_ca_max_gap_ratio)
{
  PetscReal vc = 1.0 + 1.0 / (VISCOCAPILLARY_C * PetscPowReal(Ca, 2.0 / 3.0)); /* G / t_min */
  return PetscMax(vc, high_ca_max_gap_ratio);
}

PetscReal SlotDieDownstreamCapillaryPressure(PetscReal sigma, PetscReal Ca, PetscReal h, PetscReal G)
{
  PetscReal kappa = LANDAU_LEVICH_COEFFICIENT * PetscPowReal(Ca, 2.0 / 3.0) / h; /* film-forming meniscus */
  if (h < G) kappa = PetscMin(kappa, 2.0 / (G - h));                             /* at most a half circle */
  return -sigma * kappa;
}

PetscReal SlotDieDynamicContactAngle(PetscReal Ca_w, PetscReal Ca_ae)
{
  return PETSC_PI * PetscCbrtReal(PetscMin(1.0, Ca_w / Ca_ae));
}

const char *const SlotDieBeadLimits[] = {"inside", "low_flow", "suction", "weeping", "air_entrainment", NULL};

PetscReal SlotDieAirEntrainmentSpeed(const SlurryRheology *r, PetscReal sigma, PetscReal Ca_ae, PetscReal l)
{
  /* eta(U/l) U/sigma = Ca_ae  <=>  tau(U/l) = Ca_ae sigma/l */
  return l * SlurryShearRate(r, Ca_ae * sigma / l);
}

PetscErrorCode SlotDieBeadEvaluate(const SlotDieBead *b, PetscReal U, SlotDieBeadState *s)
{
  const SlurryRheology *r = &b->rheology;
  PetscReal             h = b->h, G = b->gap, P, width;
  PetscFunctionBeginUser;
  s->Ca         = SlotDieCapillaryNumber(SlurryViscosity(r, U / h), U, b->sigma);
  s->Ca_w       = SlotDieCapillaryNumber(SlurryViscosity(r, U / b->wetting_length), U, b->sigma);
  s->ratio      = G / h;
  s->ratio_max  = SlotDieMaxGapRatio(s->Ca, b->ratio_high_ca);
  s->p_cap_down = SlotDieDownstreamCapillaryPressure(b->sigma, s->Ca, h, G);
  /* downstream lip, slot exit (x = 0) to the meniscus (x = L_d): p(0) - p(L_d) = -dp/dx L_d */
  PetscCall(SlurryCouettePoiseuille(r, U, G, h * U, &P));
  s->p_lip_down = -P * b->lip_down;
  s->p_bead     = s->p_cap_down + s->p_lip_down;
  /* upstream lip: no net flow, the web drags against the gradient grad_up > 0 */
  PetscCall(SlurryCouettePoiseuille(r, U, G, 0.0, &s->grad_up));
  s->theta_d   = SlotDieDynamicContactAngle(s->Ca_w, b->ca_ae);
  s->kappa_up  = (1.0 + PetscCosReal(s->theta_d)) / G; /* lip and foil wetted at rest: cos 0 = 1 */
  s->kappa_pin = PetscCosReal(s->theta_d) / G;         /* turned by the 90 degree lip edge: cos 90 = 0 */
  /* liquid at the free upstream meniscus: p_bead - grad_up x_u = -vacuum - sigma kappa_up */
  s->x_up       = (s->p_bead + b->vacuum + b->sigma * s->kappa_up) / s->grad_up;
  s->vac_min    = -s->p_bead - b->sigma * s->kappa_up;
  s->vac_max    = -s->p_bead - b->sigma * s->kappa_pin + s->grad_up * b->lip_up;
  s->speed_ae   = SlotDieAirEntrainmentSpeed(r, b->sigma, b->ca_ae, b->wetting_length);
  width         = s->vac_max - s->vac_min; /* grad_up L_u + sigma/G > 0 */
  s->m_low_flow = (s->ratio_max - s->ratio) / s->ratio_max;
  s->m_suction  = (b->vacuum - s->vac_min) / width;
  s->m_weeping  = (s->vac_max - b->vacuum) / width;
  s->m_air      = s->speed_ae > 0 ? (s->speed_ae - U) / s->speed_ae : -1.0;
  s->margin     = s->m_low_flow;
  s->limit      = BEAD_LOW_FLOW;
  if (s->m_suction < s->margin) s->margin = s->m_suction, s->limit = BEAD_SUCTION;
  if (s->m_weeping < s->margin) s->margin = s->m_weeping, s->limit = BEAD_WEEPING;
  if (s->m_air < s->margin) s->margin = s->m_air, s->limit = BEAD_AIR_ENTRAINMENT;
  PetscFunctionReturn(0);
}

/* margin as a function of one setting (speed or gap), the others held */
typedef struct {
  SlotDieBead bead;
  PetscReal   U;
  PetscBool   vary_gap;
} WindowCtx;

static PetscErrorCode WindowMargin(WindowCtx *c, PetscReal x, PetscReal *m)
{
  SlotDieBeadState s;
  PetscReal        U = c->U;
  PetscFunctionBeginUser;
  if (c->vary_gap)
    c->bead.gap = x;
  else
    U = x;
  PetscCall(SlotDieBeadEvaluate(&c->bead, U, &s));
  *m = s.margin;
  PetscFunctionReturn(0);
}

static PetscErrorCode EdgeMargin(PetscReal lx, PetscReal *m, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(WindowMargin((WindowCtx *) ctx, PetscExpReal(lx), m));
  PetscFunctionReturn(0);
}

/* edge between a (margin ma) and b (margin mb) of opposite signs: Brent in log x to 1e-9 relative */
static PetscErrorCode WindowEdge(WindowCtx *c, PetscReal a, PetscReal ma, PetscReal b, PetscReal mb, PetscReal *edge)
{
  PetscReal lx;
  PetscFunctionBeginUser;
  PetscCall(ScalarRootBrent(EdgeMargin, c, PetscLogReal(a), PetscLogReal(b), ma, mb, 1e-9, &lx, NULL));
  *edge = PetscExpReal(lx);
  PetscFunctionReturn(0);
}

#define WINDOW_SCAN 31
static PetscErrorCode WindowInterval(WindowCtx *c, PetscReal x0, PetscReal xa, PetscReal xb, PetscReal *lo,
                                     PetscReal *hi)
{
  PetscReal x[WINDOW_SCAN + 1], m[WINDOW_SCAN + 1], best = PETSC_MAX_REAL;
  PetscInt  n = 0, i0 = -1, ilo = -1, ihi = -1;
  PetscFunctionBeginUser;
  /* log scan with the operating point inserted in order */
  for (PetscInt i = 0; i < WINDOW_SCAN; i++) {
    PetscReal xi = xa * PetscPowReal(xb / xa, (PetscReal) i / (WINDOW_SCAN - 1));
    if (i0 < 0 && x0 <= xi) x[i0 = n++] = x0;
    if (xi != x0) x[n++] = xi;
  }
  if (i0 < 0) x[i0 = n++] = x0;
  for (PetscInt i = 0; i < n; i++) PetscCall(WindowMargin(c, x[i], &m[i]));
  /* the run of positive margins holding the operating point, or the nearest run */
  for (PetscInt i = 0; i < n; i++) {
    PetscReal d;
    if (m[i] <= 0) continue;
    d = PetscAbsReal(PetscLogReal(x[i] / x0));
    if (d < best) best = d, ilo = ihi = i;
  }
  if (ilo < 0) {
    *lo = *hi = NAN;
    PetscFunctionReturn(0);
  }
  while (ilo > 0 && m[ilo - 1] > 0) ilo--;
  while (ihi < n - 1 && m[ihi + 1] > 0) ihi++;
  if (ilo == 0)
    *lo = x[0];
  else
    PetscCall(WindowEdge(c, x[ilo], m[ilo], x[ilo - 1], m[ilo - 1], lo));
  if (ihi == n - 1)
    *hi = x[n - 1];
  else
    PetscCall(WindowEdge(c, x[ihi], m[ihi], x[ihi + 1], m[ihi + 1], hi));
  PetscFunctionReturn(0);
}

PetscErrorCode SlotDieSpeedWindow(const SlotDieBead *b, PetscReal U, PetscReal *lo, PetscReal *hi)
{
  WindowCtx c = {*b, U, PETSC_FALSE};
  PetscFunctionBeginUser;
  PetscCall(WindowInterval(&c, U, 1e-4, 20.0, lo, hi));
  PetscFunctionReturn(0);
}

PetscErrorCode SlotDieGapWindow(const SlotDieBead *b, PetscReal U, PetscReal *lo, PetscReal *hi)
{
  WindowCtx c = {*b, U, PETSC_TRUE};
  PetscFunctionBeginUser;
  PetscCall(WindowInterval(&c, b->gap, 0.2 * b->h, 20.0 * b->h, lo, hi));
  PetscFunctionReturn(0);
}

PetscReal SlotDieManifoldRatio(PetscReal width, PetscReal slot_gap, PetscReal slot_length, PetscReal manifold_diameter)
{
  PetscReal R = 0.5 * manifold_diameter;
  return width * width * slot_gap * slot_gap * slot_gap / (12.0 * PETSC_PI * R * R * R * R * slot_length);
}

PetscReal SlotDieManifoldNewtonian(PetscReal beta, PetscReal z)
{
  /* a cosh(a (1 - z))/sinh(a) written with decaying exponentials (no overflow for large a) */
  PetscReal a = PetscSqrtReal(2.0 * beta);
  if (a < 1e-6) return 1.0 + beta * (2.0 / 3.0 - 2.0 * z + z * z); /* series to O(beta) */
  return a * (PetscExpReal(-a * z) + PetscExpReal(-a * (2.0 - z))) / (-expm1(-2.0 * a));
}

/* ------------------------------------------------------------------------------------------------
 * Manifold of any rheology: state (z, p) integrated from the feed (u = 0) to the closed end (u = 1). */
typedef struct {
  const SlurryRheology *r;
  PetscReal             Qh, W, R, H, L, bowing, tau0, tau_end;
  PetscBool             by_flow; /* independent variable: the manifold flow (closed-form wall stress) or the stress */
  PetscInt              nsteps;
  PetscReal            *zs, *ps, *ds; /* nsteps + 1 samples of the last shot: z, p, dp/dz */
} ManifoldCtx;

static inline PetscReal LocalSlotFlow(const ManifoldCtx *c, PetscReal z, PetscReal p)
{
  PetscReal H = c->H * (1.0 + c->bowing * (1.0 - z * z));
  return p > 0 ? SlurrySlotFlow(c->r, H, 0.5 * p * H / c->L) : 0.0;
}

/* d(z, p)/du; returns 1 when the slot stops flowing before the manifold is empty (overshoot) */
static inline PetscReal PipeStress(const ManifoldCtx *c, PetscReal u)
{
  if (c->by_flow) /* power law: closed-form wall stress of the flow Qh (1 - u) */
    return c->r->K *
           PetscPowReal((3.0 * c->r->n + 1.0) * c->Qh * (1.0 - u) / (c->r->n * PETSC_PI * c->R * c->R * c->R), c->r->n);
  return c->tau_end + (c->tau0 - c->tau_end) * (1.0 - u);
}

static int ManifoldRHS(const ManifoldCtx *c, PetscReal u, PetscReal z, PetscReal p, PetscReal *dz, PetscReal *dp)
{
  PetscReal tau = PipeStress(c, u), dQ, q = LocalSlotFlow(c, z, p);
  if (c->by_flow)
    dQ = -c->Qh;
  else
    dQ = -SlurryPipeFlowDerivative(c->r, c->R, tau) * (c->tau0 - c->tau_end);
  if (q <= 0) return 1;
  *dz = -dQ / (0.5 * c->W * q);
  *dp = -0.5 * c->W * (2.0 * tau / c->R) * (*dz);
  return 0;
}

/* Shooting residual for the feed pressure p0, continuous and decreasing in p0: z(u = 1) - 1 < 0 when the manifold
 * empties before the die end, 1 - u* > 0 (the flow left in the manifold) when the slot reaches the end z = 1 at u*
 * first (linear interpolation of the crossing; a slot that stops flowing crosses z = 1 at once) */
static PetscReal ManifoldShot(PetscReal p0, void *ctx)
{
  ManifoldCtx *c  = (ManifoldCtx *) ctx;
  PetscReal    du = 1.0 / c->nsteps, z = 0.0, p = p0;
  c->zs[0] = z;
  c->ps[0] = p;
  c->ds[0] = -c->W * PipeStress(c, 0.0) / c->R;
  for (PetscInt i = 0; i < c->nsteps; i++) {
    PetscReal u = i * du, k1z, k1p, k2z, k2p, k3z, k3p, k4z, k4p, zn;
    if (ManifoldRHS(c, u, z, p, &k1z, &k1p) ||
        ManifoldRHS(c, u + 0.5 * du, z + 0.5 * du * k1z, p + 0.5 * du * k1p, &k2z, &k2p) ||
        ManifoldRHS(c, u + 0.5 * du, z + 0.5 * du * k2z, p + 0.5 * du * k2p, &k3z, &k3p) ||
        ManifoldRHS(c, u + du, z + du * k3z, p + du * k3p, &k4z, &k4p))
      return 1.0 - u;
    zn = z + du * (k1z + 2.0 * k2z + 2.0 * k3z + k4z) / 6.0;
    p += du * (k1p + 2.0 * k2p + 2.0 * k3p + k4p) / 6.0;
    if (zn > 1.0 && i < c->nsteps - 1) return 1.0 - (u + du * (1.0 - z) / (zn - z));
    z            = zn;
    c->zs[i + 1] = z;
    c->ps[i + 1] = p;
    c->ds[i + 1] = -c->W * PipeStress(c, u + du) / c->R;
  }
  return z - 1.0;
}

static PetscErrorCode ManifoldShoot(PetscReal p0, PetscReal *f, void *ctx)
{
  *f = ManifoldShot(p0, ctx);
  return 0;
}

PetscErrorCode SlotDieManifoldSolve(const SlurryRheology *r, PetscReal Q, PetscReal W, PetscReal R, PetscReal H,
                                    PetscReal L, PetscReal bowing, PetscInt nsteps, PetscInt n, const PetscReal z[],
                                    PetscReal q[], PetscReal *p_feed, PetscReal *p_end)
{
  ManifoldCtx c;
  PetscReal   a, b, fa, fb, p0;
  PetscInt    j     = 0;
  PetscBool   found = PETSC_TRUE;
  PetscFunctionBeginUser;
  c.r       = r;
  c.Qh      = 0.5 * Q;
  c.W       = W;
  c.R       = R;
  c.H       = H;
  c.L       = L;
  c.bowing  = bowing;
  c.nsteps  = nsteps;
  c.by_flow = (PetscBool) (r->type != SLURRY_CARREAU && r->tau_y == 0);
  c.tau_end = r->tau_y;
  PetscCall(SlurryPipeWallStress(r, R, c.Qh, &c.tau0));
  PetscCall(PetscMalloc3(nsteps + 1, &c.zs, nsteps + 1, &c.ps, nsteps + 1, &c.ds));
  /* bracket the feed pressure around the slot pressure drop at the mean flow (the bowed centre may need less) */
  PetscCall(SlurrySlotPressureDrop(r, Q / W, H, L, &p0));
  a  = p0 * (1.0 - 3.0 * bowing - 0.01);
  b  = p0 * 1.05;
  fa = ManifoldShot(a, &c);
  fb = ManifoldShot(b, &c);
  /* the residual decreases with p0: lower a until it is >= 0, raise b until it is <= 0 */
  if (fa < 0) PetscCall(ScalarRootExpand(ManifoldShoot, &c, 0.0, 0.8, 200, &b, &fb, &a, &fa, &found, NULL));
  PetscCheck(found, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED, "slot-die manifold: no feed pressure found");
  if (fb > 0) PetscCall(ScalarRootExpand(ManifoldShoot, &c, 0.0, 1.25, 200, &a, &fa, &b, &fb, &found, NULL));
  PetscCheck(found, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED, "slot-die manifold: no feed pressure found");
  PetscCall(ScalarRootBrent(ManifoldShoot, &c, a, b, fa, fb, 1e-13 * b, &p0, NULL));
  (void) ManifoldShot(p0, &c); /* samples of the converged shot */
  *p_feed = p0;
  *p_end  = c.ps[nsteps];
  for (PetscInt i = 0; i < n; i++) { /* z[] need not be ordered: search from the start when it decreases */
    PetscReal t, p, h;
    if (j > 0 && z[i] < c.zs[j]) j = 0;
    while (j < nsteps - 1 && c.zs[j + 1] < z[i]) j++;
    h = c.zs[j + 1] - c.zs[j]; /* cubic Hermite interpolation with the pipe pressure gradient */
    t = (z[i] - c.zs[j]) / h;
    p = (2 * t * t * t - 3 * t * t + 1) * c.ps[j] + (t * t * t - 2 * t * t + t) * h * c.ds[j] +
        (-2 * t * t * t + 3 * t * t) * c.ps[j + 1] + (t * t * t - t * t) * h * c.ds[j + 1];
    q[i] = LocalSlotFlow(&c, z[i], p);
  }
  PetscCall(PetscFree3(c.zs, c.ps, c.ds));
  PetscFunctionReturn(0);
}

PetscErrorCode SlotDieApplyEdgesAndNormalise(PetscInt n, const PetscReal y[], PetscReal W, PetscReal bead_height,
                                             PetscReal bead_width, PetscReal shape[])
{
  PetscReal sum = 0.0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) {
    PetscReal d = PetscMin(y[i], W - y[i]); /* distance to the nearer film edge */
    if (d < bead_width) {
      PetscReal c = PetscCosReal(0.5 * PETSC_PI * d / bead_width);
      shape[i] *= 1.0 + bead_height * c * c;
    }
    sum += shape[i];
  }
  PetscCheck(sum > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "slot-die flow distribution is empty");
  /* the pump sets the total flow: redistribute, never create mass */
  for (PetscInt i = 0; i < n; i++) shape[i] *= n / sum;
  PetscFunctionReturn(0);
}

PetscReal ThinFilmFaceFlux(PetscReal k, PetscReal dy, PetscReal hm1, PetscReal h0, PetscReal h1, PetscReal h2)
{
  PetscReal hf = 0.5 * (h0 + h1);
  return k * hf * hf * hf * (h2 - 3.0 * h1 + 3.0 * h0 - hm1) / (dy * dy * dy);
}

void ThinFilmFaceFluxDerivative(PetscReal k, PetscReal dy, PetscReal hm1, PetscReal h0, PetscReal h1, PetscReal h2,
                                PetscReal d[4])
{
  PetscReal hf = 0.5 * (h0 + h1), dy3 = dy * dy * dy;
  PetscReal D3 = (h2 - 3.0 * h1 + 3.0 * h0 - hm1) / dy3, c3 = k * hf * hf * hf / dy3, dh = 1.5 * k * hf * hf * D3;
  d[0] = -c3;
  d[1] = dh + 3.0 * c3;
  d[2] = dh - 3.0 * c3;
  d[3] = c3;
}

/* Bingham factor of the lubrication flux and its derivative: (1 - s)^2 (1 + s/2), -3/2 (1 - s^2), 0 for s >= 1 */
static inline void BinghamFactor(PetscReal s, PetscReal *phi, PetscReal *dphi)
{
  if (s >= 1) {
    *phi = *dphi = 0.0;
  } else {
    *phi  = (1.0 - s) * (1.0 - s) * (1.0 + 0.5 * s);
    *dphi = -1.5 * (1.0 - s * s);
  }
}

PetscReal ThinFilmFaceFluxFull(PetscReal k, PetscReal c, PetscReal ty, PetscReal dy, PetscReal hm1, PetscReal h0,
                               PetscReal h1, PetscReal h2)
{
  PetscReal hf = 0.5 * (h0 + h1), A = (h2 - 3.0 * h1 + 3.0 * h0 - hm1) / (dy * dy * dy) - c * (h1 - h0) / dy;
  PetscReal phi = 1.0, dphi;
  if (ty > 0) BinghamFactor(A != 0 ? ty / (PetscAbsReal(A) * hf) : 2.0, &phi, &dphi);
  return k * hf * hf * hf * A * phi;
}

void ThinFilmFaceFluxFullDerivative(PetscReal k, PetscReal c, PetscReal ty, PetscReal dy, PetscReal hm1, PetscReal h0,
                                    PetscReal h1, PetscReal h2, PetscReal d[4])
{
  PetscReal hf = 0.5 * (h0 + h1), dy3 = dy * dy * dy, A = (h2 - 3.0 * h1 + 3.0 * h0 - hm1) / dy3 - c * (h1 - h0) / dy;
  PetscReal s = 0.0, phi = 1.0, dphi = 0.0, FA, Fh;
  if (ty > 0) {
    s = A != 0 ? ty / (PetscAbsReal(A) * hf) : 2.0;
    BinghamFactor(s, &phi, &dphi);
  }
  FA   = k * hf * hf * hf * (phi - s * dphi);      /* dF/dA (s depends on A as 1/|A|) */
  Fh   = k * hf * hf * A * (3.0 * phi - s * dphi); /* dF/dhf */
  d[0] = -FA / dy3;
  d[1] = FA * (3.0 / dy3 + c / dy) + 0.5 * Fh;
  d[2] = -FA * (3.0 / dy3 + c / dy) + 0.5 * Fh;
  d[3] = FA / dy3;
}

/* mirror across the pinned edges: h_{-1} = h_0, h_{-2} = h_1, h_M = h_{M-1}, h_{M+1} = h_{M-2} */
static inline PetscInt Mirror(PetscInt i, PetscInt M)
{
  if (i < 0) return -i - 1;
  if (i >= M) return 2 * M - 1 - i;
  return i;
}

void ThinFilmDivergence(PetscReal k, PetscReal dy, PetscInt M, PetscInt xs, PetscInt xm, const PetscReal h[],
                        PetscReal div[])
{
  for (PetscInt i = xs; i < xs + xm; i++) {
    PetscReal Fr = 0.0, Fl = 0.0; /* zero flux through the pinned edges */
    if (i < M - 1) Fr = ThinFilmFaceFlux(k, dy, h[Mirror(i - 1, M)], h[i], h[i + 1], h[Mirror(i + 2, M)]);
    if (i > 0) Fl = ThinFilmFaceFlux(k, dy, h[Mirror(i - 2, M)], h[i - 1], h[i], h[Mirror(i + 1, M)]);
    div[i - xs] = (Fr - Fl) / dy;
  }
}

/* divergence with gravity and yield stress (same stencil and mirror ghosts as ThinFilmDivergence) */
static void ThinFilmDivergenceFull(PetscReal k, PetscReal c, PetscReal ty, PetscReal dy, PetscInt M, PetscInt xs,
                                   PetscInt xm, const PetscReal h[], PetscReal div[])
{
  for (PetscInt i = xs; i < xs + xm; i++) {
    PetscReal Fr = 0.0, Fl = 0.0;
    if (i < M - 1) Fr = ThinFilmFaceFluxFull(k, c, ty, dy, h[Mirror(i - 1, M)], h[i], h[i + 1], h[Mirror(i + 2, M)]);
    if (i > 0) Fl = ThinFilmFaceFluxFull(k, c, ty, dy, h[Mirror(i - 2, M)], h[i - 1], h[i], h[Mirror(i + 1, M)]);
    div[i - xs] = (Fr - Fl) / dy;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Levelling solver */
struct _p_ThinFilm {
  DM               dm;
  TS               ts;
  Vec              h;
  Mat              J;
  PetscInt         M;
  PetscReal        k, dy;
  PetscReal        c, ty; /* gravity rho g/sigma (1/m2), yield stress tau_y/sigma (1/m); 0: none */
  ThinFilmSourceFn source;
  void            *source_ctx;
};

static PetscErrorCode ThinFilmIFunction(TS ts, PetscReal t, Vec H, Vec Hdot, Vec F, void *ctx)
{
  ThinFilm           tf = (ThinFilm) ctx;
  Vec                Hl;
  const PetscScalar *h, *hdot;
  PetscScalar       *f;
  PetscInt           xs, xm;
  PetscFunctionBeginUser;
  (void) ts;
  PetscCall(DMDAGetCorners(tf->dm, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMGetLocalVector(tf->dm, &Hl));
  PetscCall(DMGlobalToLocalBegin(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMGlobalToLocalEnd(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMDAVecGetArrayRead(tf->dm, Hl, &h));
  PetscCall(DMDAVecGetArrayRead(tf->dm, Hdot, &hdot));
  PetscCall(DMDAVecGetArray(tf->dm, F, &f));
  if (tf->c == 0 && tf->ty == 0)
    ThinFilmDivergence(tf->k, tf->dy, tf->M, xs, xm, h, &f[xs]);
  else
    ThinFilmDivergenceFull(tf->k, tf->c, tf->ty, tf->dy, tf->M, xs, xm, h, &f[xs]);
  for (PetscInt i = xs; i < xs + xm; i++) {
    f[i] += hdot[i];
    if (tf->source) f[i] -= tf->source((i + 0.5) * tf->dy, t, tf->source_ctx);
  }
  PetscCall(DMDAVecRestoreArray(tf->dm, F, &f));
  PetscCall(DMDAVecRestoreArrayRead(tf->dm, Hdot, &hdot));
  PetscCall(DMDAVecRestoreArrayRead(tf->dm, Hl, &h));
  PetscCall(DMRestoreLocalVector(tf->dm, &Hl));
  PetscFunctionReturn(0);
}

static inline void FaceDerivative(ThinFilm tf, PetscReal hm1, PetscReal h0, PetscReal h1, PetscReal h2, PetscReal d[4])
{
  if (tf->c == 0 && tf->ty == 0)
    ThinFilmFaceFluxDerivative(tf->k, tf->dy, hm1, h0, h1, h2, d);
  else
    ThinFilmFaceFluxFullDerivative(tf->k, tf->c, tf->ty, tf->dy, hm1, h0, h1, h2, d);
}

static PetscErrorCode ThinFilmIJacobian(TS ts, PetscReal t, Vec H, Vec Hdot, PetscReal shift, Mat A, Mat P, void *ctx)
{
  ThinFilm           tf = (ThinFilm) ctx;
  Vec                Hl;
  const PetscScalar *h;
  PetscInt           xs, xm, M = tf->M;
  PetscFunctionBeginUser;
  (void) ts;
  (void) t;
  (void) Hdot;
  PetscCall(DMDAGetCorners(tf->dm, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMGetLocalVector(tf->dm, &Hl));
  PetscCall(DMGlobalToLocalBegin(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMGlobalToLocalEnd(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMDAVecGetArrayRead(tf->dm, Hl, &h));
  for (PetscInt i = xs; i < xs + xm; i++) {
    PetscScalar vals[5] = {0, 0, 0, 0, 0}, v[5];
    MatStencil  row     = {0}, cols[5];
    PetscInt    nc      = 0;
    PetscReal   d[4];
    vals[2] = shift;
    if (i < M - 1) { /* + F_{i+1/2}/dy over cells i-1, i, i+1, i+2 */
      PetscInt c[4] = {Mirror(i - 1, M), i, i + 1, Mirror(i + 2, M)};
      FaceDerivative(tf, h[c[0]], h[c[1]], h[c[2]], h[c[3]], d);
      for (PetscInt q = 0; q < 4; q++) vals[c[q] - i + 2] += d[q] / tf->dy;
    }
    if (i > 0) { /* - F_{i-1/2}/dy over cells i-2, i-1, i, i+1 */
      PetscInt c[4] = {Mirror(i - 2, M), i - 1, i, Mirror(i + 1, M)};
      FaceDerivative(tf, h[c[0]], h[c[1]], h[c[2]], h[c[3]], d);
      for (PetscInt q = 0; q < 4; q++) vals[c[q] - i + 2] -= d[q] / tf->dy;
    }
    row.i = i;
    for (PetscInt q = 0; q < 5; q++) {
      PetscInt j = i + q - 2;
      if (j < 0 || j >= M) continue;
      cols[nc].i = j;
      cols[nc].j = cols[nc].k = cols[nc].c = 0;
      v[nc++]                              = vals[q];
    }
    PetscCall(MatSetValuesStencil(P, 1, &row, nc, cols, v, INSERT_VALUES));
  }
  PetscCall(DMDAVecRestoreArrayRead(tf->dm, Hl, &h));
  PetscCall(DMRestoreLocalVector(tf->dm, &Hl));
  PetscCall(MatAssemblyBegin(P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(P, MAT_FINAL_ASSEMBLY));
  if (A != P) {
    PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmCreate(MPI_Comm comm, PetscInt ncells, PetscReal width, PetscReal k, const char *prefix,
                              ThinFilm *tfp)
{
  ThinFilm    tf;
  SNES        snes;
  KSP         ksp;
  PC          pc;
  PetscMPIInt size;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&tf));
  tf->M  = ncells;
  tf->k  = k;
  tf->dy = width / ncells;
  PetscCall(CrossWebDMCreate(comm, ncells, width, 2, prefix, &tf->dm));
  PetscCall(DMCreateGlobalVector(tf->dm, &tf->h));
  PetscCall(PetscObjectSetName((PetscObject) tf->h, "wet_thickness"));
  PetscCall(DMCreateMatrix(tf->dm, &tf->J));
  PetscCall(TSCreate(comm, &tf->ts));
  PetscCall(TSSetDM(tf->ts, tf->dm));
  PetscCall(TSSetOptionsPrefix(tf->ts, prefix));
  PetscCall(TSSetProblemType(tf->ts, TS_NONLINEAR));
  PetscCall(TSSetIFunction(tf->ts, NULL, ThinFilmIFunction, tf));
  PetscCall(TSSetIJacobian(tf->ts, tf->J, tf->J, ThinFilmIJacobian, tf));
  /* defaults: the operator is stiff (dt_explicit ~ dy^4/(k h^3)), so an L-stable-like implicit BDF2 with
   * error control; a direct solve of the pentadiagonal system (redundant LU in parallel). */
  PetscCall(TSSetType(tf->ts, TSBDF));
  PetscCall(TSBDFSetOrder(tf->ts, 2));
  PetscCall(TSSetExactFinalTime(tf->ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscCall(TSSetMaxSNESFailures(tf->ts, -1));
  /* error control in metres: the film is ~1e-4 m, so PETSc's default atol = rtol = 1e-4 would accept any
   * step; 1e-8 relative keeps the time error far below cross-web features of 1e-3 h and more */
  PetscCall(TSSetTolerances(tf->ts, 1e-14, NULL, 1e-8, NULL));
  PetscCall(TSGetSNES(tf->ts, &snes));
  PetscCall(SNESGetKSP(snes, &ksp));
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(PCSetType(pc, size == 1 ? PCLU : PCREDUNDANT));
  PetscCall(TSSetFromOptions(tf->ts));
  *tfp = tf;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmSetSource(ThinFilm tf, ThinFilmSourceFn f, void *ctx)
{
  PetscFunctionBeginUser;
  tf->source     = f;
  tf->source_ctx = ctx;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmSetGravity(ThinFilm tf, PetscReal rho_g_over_sigma)
{
  PetscFunctionBeginUser;
  tf->c = rho_g_over_sigma;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmSetYieldStress(ThinFilm tf, PetscReal yield_over_sigma)
{
  PetscFunctionBeginUser;
  tf->ty = yield_over_sigma;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmGetTS(ThinFilm tf, TS *ts)
{
  PetscFunctionBeginUser;
  *ts = tf->ts;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmSolve(ThinFilm tf, const PetscReal h_in[], PetscReal t_final, PetscReal dt0, PetscReal h_out[],
                             PetscInt *steps)
{
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(CrossWebVecFromReplicated(tf->dm, h_in, tf->h));
  PetscCall(TSSetTime(tf->ts, 0.0));
  PetscCall(TSSetStepNumber(tf->ts, 0));
  PetscCall(TSSetMaxTime(tf->ts, t_final));
  PetscCall(TSSetMaxSteps(tf->ts, PETSC_MAX_INT));
  PetscCall(TSSetTimeStep(tf->ts, PetscMin(dt0, t_final)));
  PetscCall(TSSolve(tf->ts, tf->h));
  PetscCall(TSGetStepNumber(tf->ts, &n));
  if (steps) *steps = n;
  PetscCall(CrossWebVecToReplicated(tf->h, h_out));
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmDestroy(ThinFilm *tf)
{
  PetscFunctionBeginUser;
  if (!*tf) PetscFunctionReturn(0);
  PetscCall(TSDestroy(&(*tf)->ts));
  PetscCall(MatDestroy(&(*tf)->J));
  PetscCall(VecDestroy(&(*tf)->h));
  PetscCall(DMDestroy(&(*tf)->dm));
  PetscCall(PetscFree(*tf));
  PetscFunctionReturn(0);
}
