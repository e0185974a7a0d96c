/* DepTransport (physics/deposition_transport.c) on its own against exact solutions of the continuous problems it
 * discretises, with the boundary conditions of deposition_transport.h. Every exact value below comes from the closed
 * forms written out here, never from the code under test.
 *
 * Z: one-dimensional in z (foil z = 0, gun plane z = H), nx = 3 columns all fed alike and no x velocity, so no column
 * differs and nothing crosses a side plane. Uniform downward drift w (settling, or mobility Z in the uniform field
 * E = |V|/H of phi = V z/H: v_z = Z dphi/dz = -Z |V|/H), constant diffusivity D, loss rate k, inflow J at the gun
 * plane. The upward flux is F = -w c - D c' and F' = -k c:
 *     D c'' + w c' - k c = 0,  0 < z < H.
 * Gun plane: the face brings J in, carries no diffusion and lets nothing out (v_z < 0):  w c(H) + D c'(H) = J.
 * Foil: the carriers leave with s (w + v_d) c(0) (s: sticking, v_d: deposition velocity; the rest is reflected):
 *     w c(0) + D c'(0) = s (w + v_d) c(0),  i.e.  D c'(0) = a c(0),  a = s (w + v_d) - w.
 * With wall_diffusion the coefficient s (w + v_d + D/(dz0/2)) grows without bound as dz0 -> 0: the limit is the
 * absorbing foil c(0) = 0, whose flux is D c'(0) (+ w c(0) = 0).
 *     c = A e^(r1 z) + B e^(r2 z),  r1,2 = (-w +- sqrt(w^2 + 4 D k))/(2 D),
 *     A al1 + B al2 = 0  with (al1, al2) = (D r1 - a, D r2 - a)  (Dirichlet foil: (1, 1)),
 *     A be1 + B be2 = J  with be_m = e^(r_m H) (w + D r_m),
 *     A = -al2 J/det, B = al1 J/det, det = al1 be2 - al2 be1.
 * Foil flux s (w + v_d)(A + B) (Dirichlet: D (A r1 + B r2)); lost k W [A (e^(r1 H) - 1)/r1 + B (e^(r2 H) - 1)/r2]
 * per metre of machine (W the width); integrating the ODE, J W = foil W + lost.
 * Drift upwards (w < 0): nothing drifts onto the foil and the gun plane lets -w c(H) out, so with w+ = max(w, 0)
 * the conditions are w+ c(H) + D c'(H) = J and a = s (w+ + v_d) - w, be_m = e^(r_m H)(w+ + D r_m); foil flux
 * s (w+ + v_d) c(0), outflow -w c(H) W.
 * Species: settling 0.1 m/s; the same turbulent with the default profile; mobility in the field; sticking 0.3
 * (a = -0.055: most reflected); wall_diffusion; settling -0.02 m/s. On the stretched grid (beta 2) the foil is a
 * Robin face of the potential (phi = V (z + H)/(2H), the grounded conductor H below the foil: exact for the face
 * gradient) and the sticking is set to 0.5 and reset by NULL (1 for all).
 * The scheme: the drift flux on a z face takes the upstream cell, an error (w dz/2) c'' in the equation, and the foil
 * outflow takes the cell value at dz0/2 from the foil for c(0): both O(h), so first order in the max norm and in the
 * foil flux (checked: orders >= 0.9 over 20, 40, 80, 160, 320 cells, uniform and stretched, tanh beta = 2, see
 * StretchedGridMap: a smooth map of the uniform grid keeps the order). At s = 0.5 the two O(h) errors of the foil
 * flux nearly cancel (4.9e-5 at 20 cells, non-monotone up to 320): hence s = 0.3.
 *
 * P: the turbulent profile f(z) = (z + l)/(H + l), l = H/4 (f(0) = 0.2, f(H) = 1) on the z faces, k = 0. The flux is
 * then the same at every height and equal to the inflow: D f c' + w c = J, c(0) = J/(s (w + v_d)) (foil condition):
 *     c = J/w + (c(0) - J/w) (l/(z + l))^p,  p = w (H + l)/D
 *   (check: D f c' = -D (z + l)/(H + l) p/(z + l) (c - J/w) = J - w c); with no drift, w = 0:
 *     c = J/(s v_d) + J (H + l)/D ln(1 + z/l).
 * Foil flux J, nothing lost. A non-turbulent species on the same transport must ignore the profile (problem Z's
 * solution). Stretched grid beta = 1.5.
 *
 * X: one-dimensional in x. nz = 2 rows (uniform, H/2 each), the inflow J enters the top row only, and the profile
 * has f = 0 on every z face (no turbulent exchange between the rows; no z velocity) and f_rows = {0.3, 0.5}: the top
 * row is a 1-D problem of source q = J/(H/2), diffusivity D' = 0.5 D, velocity U (carrier air through DepAir, or
 * mobility Z in phi = V (x + W)/(2W), the left side a Robin face) and loss k; the bottom row stays empty (its air
 * velocity, -2 U, must not matter):
 *     D' c'' - U c' - k c + q = 0,  0 < x < W.
 * The side planes bring nothing in and carry no diffusion; the downstream one lets the carriers out with U c
 * (Danckwerts): U > 0: U c(0) - D' c'(0) = 0 and c'(W) = 0.
 *     c = q/k + A e^(r1 (x - W)) + B e^(r2 x),  r1,2 = (U +- sqrt(U^2 + 4 D' k))/(2 D'),
 *     A r1 + B r2 e^(r2 W) = 0,  A e^(-r1 W) (U - D' r1) + B (U - D' r2) = -U q/k.
 * Outflow U c(W) H/2 per metre of machine, lost k (H/2) [q W/k + A (1 - e^(-r1 W))/r1 + B (e^(r2 W) - 1)/r2],
 * J W = outflow + lost. U < 0: the mirror image x -> W - x. With D = 0 (pure upwind advection, non-turbulent):
 *     c = (q/k)(1 - e^(-k x/U)),  lost k (H/2) (q/k)(W - (U/k)(1 - e^(-k W/U))).
 * First order (upwind) in the max norm and in the outflow.
 *
 * R: problem Z's gap (nx = 3, stretched grid beta = 1) with five species, the potential
 * phi = V (z/H)(1 + z/H)/2, |grad phi| = |V| (1 + 2z/H)/(2H) = 1e5 (1 + 2z/H) V/m, and the default sticking (no call).
 *  - reactant (species 1) -> product (species 2) at kappa = 3 1/s (DepTransportSetReaction, K[2][1] = kappa,
 *    K[1][1] = -kappa in every cell): the reactant is problem Z decaying at k + kappa. The product (same w, D, k, v_d,
 * s, no inflow) obeys D c1'' + w c1' - k c1 = -kappa c0 with homogeneous boundary conditions, so c0 + c1 is problem Z
 * at k with the inflow J:  c1 = Z_k - Z_(k + kappa);  reacted = -/+ kappa W int c0 dz.
 *  - carrier air (DepAir z faces, gas factor gf = 0.8) down the gap, gf u_z = -(1 + x/W)(u0 + u1 z/H), with an air
 *    exit m (DepTransportSetAirExit) such that loss_rate + gf m = m0 (1 + x/W), and D = 0. The downward flux
 *    G = v c, v = (1 + x/W)(u0 + u1 z/H), obeys dG/dz = m0 (1 + x/W) c = m0 G/(u0 + u1 z/H):
 *        G = J ((u0 + u1 z/H)/(u0 + u1))^p,  p = m0 H/u1 = 1.5 (the same in every column),  c = G/v;
 *    foil flux J (u0/(u0 + u1))^p, lost (J - foil) W. u0 = 0.05, u1 = 0.1 m/s, m0 = 3 1/s.
 *  - a mobility field (Vec) Z = Z0 (1 + z/H)(1 + x/(2W)), Z0 = 5e-7, in E(z), D = 0, k = 0: the flux is J at
 *    every height, c = J/(Z E), foil flux J. (The face mobility is the mean of the two cells; the foil-face field of
 *    the quadratic potential is O(h).)
 *  - minus that mobility field, D = 1e-3, k = 1: up at 0.05-0.3 m/s and out through the gun plane; no closed form,
 *    the balance only (it holds the gun-plane outflow at a face velocity that differs from the one below).
 * Upwind: first order for the first four.
 *
 * D: 2-D (40 x 16, stretched beta 1): air along x, settling, deposition, mobility in phi = A x z (Dirichlet all
 * round; linear along every grid line, so |grad phi| = A sqrt(x^2 + z^2) exactly in every cell): a turbulent species
 * with the default profile equals the non-turbulent one.
 *
 * Also: a turbulent species with the DEFAULT profile (f = 1 on every face and row) gives the same solution as the
 * same non-turbulent species, in z (problem Z) and in a 2-D case with both x and z gradients (problem D); the field
 * magnitude |grad phi| in every cell; the steady balance fed = foil + outflow + lost closes to
 * < 1e-10 of fed (+ |reacted|) for every species (DepTransportGetRates; the steady solves are run to rtol 1e-13 since
 * the closure is the sum of the solver's cell residuals), fed = J W, and the exact foil flux, outflow, loss and
 * reacted amount; a backward-Euler transient from an empty gap (problems Z and R) closes
 * (in_flight(n+1) - in_flight(n))/dt = fed + reacted - foil - outflow - lost at every step. Every number compared is
 * printed with its exact value; the program exits non-zero on a failure. */
#include "physics/deposition_transport.h"
#include <math.h>

#define MAXS 8
#define MAXL 5

typedef enum { EX_NONE, EX_Z, EX_Z_PROFILE, EX_X, EX_X_ADVECTION, EX_Z_AIR, EX_Z_MOBILITY } ExactKind;

/* c = A e^(r1 z) + B e^(r2 z) of problem Z for one loss rate */
typedef struct {
  PetscReal r1, r2, A, B;
} ZSol;

typedef struct {
  ExactKind kind;
  PetscReal w, D, k, vd, s, J, H, W; /* EX_Z: a = s (max(w, 0) + vd) - w; EX_X: w is U, D is D' */
  PetscBool dirichlet;               /* EX_Z: absorbing foil (wall_diffusion) */
  PetscReal kappa;                   /* EX_Z: reaction rate into another species (decay k + kappa) */
  PetscBool product;                 /* EX_Z: fed only by that reaction of a species with these w, D, k, vd, s, J */
  PetscReal ell;                     /* EX_Z_PROFILE */
  PetscReal u0, u1, m0;              /* EX_Z_AIR, EX_Z_MOBILITY (see problem R) */
  ZSol      zk, zkk;                 /* EX_Z: at k and at k + kappa */
  PetscReal r1, r2, A, B;            /* EX_X */
} Exact;

typedef struct {
  const char *name;
  DepSpecies  sp;
  PetscReal   J, sticking;
  PetscInt    same_as; /* -1, or a species whose solution this one must reproduce to same_tol */
  PetscReal   same_tol;
  PetscReal   mobfield; /* != 0: takes this times the mobility field of problem R (0: its own mobility) */
  Exact       ex;
} Spec;

typedef struct {
  const char *name;
  PetscBool   xdir;   /* refined in x with nz = ncross (else in z with nx = ncross) */
  PetscInt    ncross; /* 0: nz = 2 (x), nx = 3 (z) */
  PetscReal   width, gap, beta;
  PetscInt    phi_kind; /* 0: Vgun z/H + Vright x/W; 1: Vgun (z/H)(1 + z/H)/2; 2: Abil x z (see Phi) */
  PetscReal   Vgun, Vright, Abil;
  PetscReal   Uair;                                  /* carrier air x velocity in the top row (-2 Uair in the others) */
  PetscReal   air_u0, air_u1, air_m0, air_k, air_gf; /* problem R: air down the gap and its exit (see there) */
  PetscReal   mob_Z0;                                /* problem R: a mobility field */
  PetscInt    rfrom, rto;                            /* problem R: reaction rfrom -> rto at kappa (not species 0, so
                                                        that a wrong sign in an index K[s ns + r] shows) */
  PetscInt  sticking_mode; /* 0: the species' values; 1: no call (the default, 1); 2: 0.5 everywhere, then NULL (1) */
  PetscReal robin_d;       /* phi kind 0: Robin (grounded conductor at distance d) at the foil and the left side */
  PetscReal kappa;
  PetscInt  profile; /* 0: default; 1: f = (z + ell)/(H + ell); 2: f_faces = 0, f_rows = {0.3, 0.5} */
  PetscReal ell;
  PetscInt  nlev, n[MAXL];
  PetscBool transient; /* backward-Euler balance check on the finest grid */
  PetscInt  ns;
  Spec      sp[MAXS];
} Problem;

static PetscInt fails = 0;

static PetscErrorCode Report(const char *what, PetscReal got, PetscReal expected, PetscReal err, PetscReal tol)
{
  const PetscBool ok = (PetscBool) (err <= tol);
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %-58s %13.6e exact %13.6e err %9.2e (tol %7.1e) %s\n", what, (double) got,
                        (double) expected, (double) err, (double) tol, ok ? "ok" : "FAIL"));
  if (!ok) fails++;
  PetscFunctionReturn(0);
}

/* relative error, or absolute when the exact value is zero */
static PetscErrorCode Check(const char *what, PetscReal got, PetscReal expected, PetscReal tol)
{
  PetscFunctionBeginUser;
  PetscCall(Report(what, got, expected,
                   expected != 0.0 ? PetscAbsReal(got - expected) / PetscAbsReal(expected) : PetscAbsReal(got), tol));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtLeast(const char *what, PetscReal got, PetscReal bound)
{
  const PetscBool ok = (PetscBool) (got >= bound);
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %-58s %13.6f >= %.2f %s\n", what, (double) got, (double) bound,
                        ok ? "ok" : "FAIL"));
  if (!ok) fails++;
  PetscFunctionReturn(0);
}

static ZSol ZSolve(const Exact *e, PetscReal k)
{
  /* drift towards the foil w > 0; w < 0 (upwards): nothing drifts onto the foil, and the gun plane lets -w c out */
  const PetscReal wd = PetscMax(e->w, 0.0), sq = PetscSqrtReal(e->w * e->w + 4.0 * e->D * k),
                  a = e->s * (wd + e->vd) - e->w;
  PetscReal al1, al2, be1, be2, det;
  ZSol      z;
  z.r1 = (-e->w + sq) / (2.0 * e->D);
  z.r2 = (-e->w - sq) / (2.0 * e->D);
  al1  = e->dirichlet ? 1.0 : e->D * z.r1 - a;
  al2  = e->dirichlet ? 1.0 : e->D * z.r2 - a;
  be1  = PetscExpReal(z.r1 * e->H) * (wd + e->D * z.r1);
  be2  = PetscExpReal(z.r2 * e->H) * (wd + e->D * z.r2);
  det  = al1 * be2 - al2 * be1;
  z.A  = -al2 * e->J / det;
  z.B  = al1 * e->J / det;
  return z;
}

static PetscReal ZValue(const ZSol *z, PetscReal y)
{
  return z->A * PetscExpReal(z->r1 * y) + z->B * PetscExpReal(z->r2 * y);
}

static PetscReal ZFoil(const Exact *e, const ZSol *z)
{
  return e->dirichlet ? e->D * (z->A * z->r1 + z->B * z->r2) : e->s * (PetscMax(e->w, 0.0) + e->vd) * (z->A + z->B);
}

/* integral of c over the gap */
static PetscReal ZIntegral(const Exact *e, const ZSol *z)
{
  return z->A * expm1(z->r1 * e->H) / z->r1 + z->B * expm1(z->r2 * e->H) / z->r2;
}

static void ExactSetUp(Exact *e)
{
  if (e->kind == EX_Z) {
    e->zkk = ZSolve(e, e->k + e->kappa);
    e->zk  = ZSolve(e, e->k);
  } else if (e->kind == EX_X) {
    const PetscReal U = PetscAbsReal(e->w), sq = PetscSqrtReal(U * U + 4.0 * e->D * e->k), q = e->J / (0.5 * e->H);
    PetscReal       m;
    e->r1 = (U + sq) / (2.0 * e->D);
    e->r2 = (U - sq) / (2.0 * e->D);
    /* A = -B r2 e^(r2 W)/r1 in the x = 0 condition */
    m    = -e->r2 * PetscExpReal(e->r2 * e->W) / e->r1;
    e->B = -U * q / e->k / (m * PetscExpReal(-e->r1 * e->W) * (U - e->D * e->r1) + (U - e->D * e->r2));
    e->A = m * e->B;
  }
}

/* EX_X*: the top row along the downstream coordinate y */
static PetscReal XLine(const Exact *e, PetscReal y)
{
  if (e->kind == EX_X)
    return e->J / (0.5 * e->H) / e->k + e->A * PetscExpReal(e->r1 * (y - e->W)) + e->B * PetscExpReal(e->r2 * y);
  return e->J / (0.5 * e->H) / e->k * (1.0 - PetscExpReal(-e->k * y / PetscAbsReal(e->w)));
}

/* EX_Z_AIR: exponent p = (k + m) H/(u1 g) = m0 H/u1 of the flux G = J ((u0 + u1 z/H)/(u0 + u1))^p */
static PetscReal AirExponent(const Exact *e)
{
  return e->m0 * e->H / e->u1;
}

static PetscReal ExactValue(const Exact *e, PetscReal x, PetscReal z)
{
  switch (e->kind) {
  case EX_Z:
    return e->product ? ZValue(&e->zk, z) - ZValue(&e->zkk, z) : ZValue(&e->zkk, z);
  case EX_Z_PROFILE: {
    const PetscReal c0 = e->J / (e->s * (e->w + e->vd));
    if (e->w == 0.0) return c0 + e->J * (e->H + e->ell) / e->D * PetscLogReal(1.0 + z / e->ell);
    return e->J / e->w + (c0 - e->J / e->w) * PetscPowReal(e->ell / (z + e->ell), e->w * (e->H + e->ell) / e->D);
  }
  case EX_Z_AIR: {
    const PetscReal v = (1.0 + x / e->W) * (e->u0 + e->u1 * z / e->H);
    return e->J * PetscPowReal((e->u0 + e->u1 * z / e->H) / (e->u0 + e->u1), AirExponent(e)) / v;
  }
  case EX_Z_MOBILITY: /* Z = u0 (1 + z/H)(1 + x/(2W)), E = u1 (1 + 2z/H)/2 */
    return e->J / (e->u0 * (1.0 + z / e->H) * (1.0 + 0.5 * x / e->W) * e->u1 * 0.5 * (1.0 + 2.0 * z / e->H));
  case EX_X:
  case EX_X_ADVECTION:
    if (z < 0.5 * e->H) return 0.0; /* the bottom row stays empty */
    return XLine(e, e->w > 0 ? x : e->W - x);
  default:
    return 0.0;
  }
}

/* foil flux, amount/(m2 s), under a column */
static PetscReal ExactFoil(const Exact *e)
{
  switch (e->kind) {
  case EX_Z:
    return e->product ? ZFoil(e, &e->zk) - ZFoil(e, &e->zkk) : ZFoil(e, &e->zkk);
  case EX_Z_AIR:
    return e->J * PetscPowReal(e->u0 / (e->u0 + e->u1), AirExponent(e));
  case EX_Z_PROFILE:
  case EX_Z_MOBILITY:
    return e->J;
  default:
    return 0.0;
  }
}

/* the foil takes all the inflow (k = 0, no other exit): the discrete balance makes it J to round-off */
static PetscBool FoilTakesAll(const Exact *e)
{
  return (PetscBool) (e->kind == EX_Z_PROFILE || e->kind == EX_Z_MOBILITY);
}

/* outflow through the side and gun planes, amount/(m s) */
static PetscReal ExactOutflow(const Exact *e)
{
  if (e->kind == EX_X || e->kind == EX_X_ADVECTION) return PetscAbsReal(e->w) * XLine(e, e->W) * 0.5 * e->H;
  if (e->kind == EX_Z && e->w < 0.0) return -e->w * ZValue(&e->zkk, e->H) * e->W; /* through the gun plane */
  return 0.0;
}

/* loss k times the content (and the air exit), amount/(m s) */
static PetscReal ExactLost(const Exact *e)
{
  const PetscReal q = e->J / (0.5 * e->H), U = PetscAbsReal(e->w);
  switch (e->kind) {
  case EX_Z:
    return e->k * e->W * (e->product ? ZIntegral(e, &e->zk) - ZIntegral(e, &e->zkk) : ZIntegral(e, &e->zkk));
  case EX_Z_AIR:
    return (e->J - ExactFoil(e)) * e->W;
  case EX_X:
    return e->k * 0.5 * e->H *
           (q * e->W / e->k - e->A * expm1(-e->r1 * e->W) / e->r1 + e->B * expm1(e->r2 * e->W) / e->r2);
  case EX_X_ADVECTION:
    return e->k * 0.5 * e->H * q / e->k * (e->W + U / e->k * expm1(-e->k * e->W / U));
  default:
    return 0.0;
  }
}

/* amount gained by the reactions, amount/(m s) */
static PetscReal ExactReacted(const Exact *e)
{
  if (e->kind != EX_Z || e->kappa == 0.0) return 0.0;
  return (e->product ? 1.0 : -1.0) * e->kappa * e->W * ZIntegral(e, &e->zkk);
}

/* The potential (V). Kinds 0 and 2 are linear along every grid line, so the two-point face gradients (and the
 * half-cell ones at Dirichlet faces) are exact on any grid, and so is the cell field magnitude (mean of the face
 * gradients). Kind 1 (quadratic in z) is exact only to O(h) at the foil face. */
static PetscReal Phi(const Problem *P, PetscReal x, PetscReal z)
{
  switch (P->phi_kind) {
  case 1:
    return P->Vgun * (z / P->gap) * (1.0 + z / P->gap) / 2.0;
  case 2:
    return P->Abil * x * z;
  default:
    return P->Vgun * (z + P->robin_d) / (P->gap + P->robin_d) + P->Vright * (x + P->robin_d) / (P->width + P->robin_d);
  }
}

/* |grad phi| (V/m) */
static PetscReal FieldMagnitude(const Problem *P, PetscReal x, PetscReal z)
{
  switch (P->phi_kind) {
  case 1:
    return PetscAbsReal(P->Vgun) * (1.0 + 2.0 * z / P->gap) / (2.0 * P->gap);
  case 2:
    return PetscAbsReal(P->Abil) * PetscSqrtReal(x * x + z * z);
  default:
    return PetscSqrtReal(PetscSqr(P->Vgun / (P->gap + P->robin_d)) + PetscSqr(P->Vright / (P->width + P->robin_d)));
  }
}

/* Dirichlet with the exact potential where it varies along the boundary's normal, Neumann 0 where it does not; with
 * robin_d the foil and the left side are Robin faces (phi = 0 at the distance d beyond them: exact for kind 0) */
static PetscErrorCode BC(PetscInt b, PetscReal x, PetscReal z, void *ctx, DepBCType *type, PetscReal *value)
{
  const Problem  *P = (const Problem *) ctx;
  const PetscBool normal =
      (PetscBool) (P->phi_kind == 2 || (b == DEP_FOIL || b == DEP_GUN_PLANE ? P->phi_kind == 1 || P->Vgun != 0.0
                                                                            : P->phi_kind == 0 && P->Vright != 0.0));
  PetscFunctionBeginUser;
  *type  = normal ? DEP_BC_DIRICHLET : DEP_BC_NEUMANN;
  *value = normal ? Phi(P, x, z) : 0.0;
  if (normal && P->robin_d > 0.0 && (b == DEP_FOIL || b == DEP_LEFT)) {
    *type  = DEP_BC_ROBIN;
    *value = P->robin_d;
  }
  PetscFunctionReturn(0);
}

/* Balance residual of species s, fed + reacted - foil - outflow - lost, relative to fed + |reacted| (the product of
 * a reaction is fed by it alone). */
static PetscReal Closure(StretchedGrid g, const DepRates *r, PetscInt s)
{
  PetscReal foil = 0.0;
  for (PetscInt i = 0; i < g->nx; i++) foil += r->foil_flux[s * g->nx + i] * g->dx[i];
  return (r->fed[s] + r->reacted[s] - foil - r->outflow[s] - r->lost[s]) / (r->fed[s] + PetscAbsReal(r->reacted[s]));
}

/* One grid: n cells along the refined direction. err[s]: max-norm error / max|exact|, l1[s]: L1 error / L1 norm,
 * berr[s]: relative error of the foil flux (worst column; z problems) or of the outflow (x problems). */
static PetscErrorCode Run(Problem *P, PetscInt n, PetscBool finest, PetscReal err[], PetscReal l1[], PetscReal berr[])
{
  const PetscInt ns = P->ns, nx = P->xdir ? n : (P->ncross ? P->ncross : 3),
                 nz = P->xdir ? (P->ncross ? P->ncross : 2) : n;
  StretchedGrid g;
  DepTransport  tr;
  DepSpecies    sp[MAXS];
  DepRates      rates;
  DM            dm;
  Vec           phi, c, mob         = NULL;
  PetscReal    *stick, *inflow, *ux = NULL, *uz = NULL, *exit_rate = NULL, *K = NULL;
  PetscInt     *coupling   = NULL;
  PetscReal     emax[MAXS] = {0}, cmax[MAXS] = {0}, e1[MAXS] = {0}, n1[MAXS] = {0}, dmax[MAXS] = {0}, rmax[MAXS] = {0};
  PetscInt      xs, ys, xm, ym;
  DepAir        air;
  char          what[128];
  PetscFunctionBeginUser;
  PetscCall(StretchedGridCreate(PETSC_COMM_WORLD, nx, nz, P->width, P->gap, P->beta, &g));
  if (P->kappa > 0.0) {
    PetscCall(PetscCalloc1(ns * ns, &coupling));
    coupling[P->rto * ns + P->rfrom] = 1; /* the product takes from the reactant */
  }
  PetscCall(DepTransportCreate(g, ns, "exact_", coupling, &tr));
  PetscCall(PetscFree(coupling));
  PetscCall(DepTransportGetCorners(tr, &xs, &ys, &xm, &ym));
  if (P->kappa > 0.0) {
    /* reactant -> product at kappa in every cell: the columns of K sum to zero */
    PetscCall(PetscCalloc1(xm * ym * ns * ns, &K));
    for (PetscInt k = 0; k < xm * ym; k++) {
      K[k * ns * ns + P->rfrom * ns + P->rfrom] = -P->kappa;
      K[k * ns * ns + P->rto * ns + P->rfrom]   = P->kappa;
    }
    PetscCall(DepTransportSetReaction(tr, K));
    PetscCall(PetscFree(K));
  }
  if (P->air_m0 > 0.0) {
    /* air exit: gas factor x rate = m0 (1 + x/W) - k, so that with its loss rate k the decay is m0 (1 + x/W) */
    PetscCall(PetscMalloc1(xm * ym, &exit_rate));
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++)
        exit_rate[(j - ys) * xm + (i - xs)] = (P->air_m0 * (1.0 + g->xc[i] / P->width) - P->air_k) / P->air_gf;
    PetscCall(DepTransportSetAirExit(tr, exit_rate));
    PetscCall(PetscFree(exit_rate));
  }
  for (PetscInt s = 0; s < ns; s++) sp[s] = P->sp[s].sp;
  PetscCall(DepTransportSetSpecies(tr, sp));
  if (P->profile) {
    PetscReal *ff, *fr;
    PetscCall(PetscMalloc2(nz + 1, &ff, nz, &fr));
    for (PetscInt j = 0; j <= nz; j++) ff[j] = P->profile == 1 ? (g->zf[j] + P->ell) / (P->gap + P->ell) : 0.0;
    for (PetscInt j = 0; j < nz; j++) fr[j] = P->profile == 1 ? (g->zc[j] + P->ell) / (P->gap + P->ell) : 0.3 + 0.2 * j;
    PetscCall(DepTransportSetDiffusivityProfile(tr, ff, fr));
    PetscCall(PetscFree2(ff, fr));
  }
  PetscCall(PetscMalloc2(ns * nx, &stick, ns * nx, &inflow));
  for (PetscInt s = 0; s < ns; s++)
    for (PetscInt i = 0; i < nx; i++) {
      stick[s * nx + i]  = P->sp[s].sticking;
      inflow[s * nx + i] = P->sp[s].J;
    }
  if (P->sticking_mode == 0)
    PetscCall(DepTransportSetSticking(tr, stick));
  else if (P->sticking_mode == 2) {
    for (PetscInt k = 0; k < ns * nx; k++) stick[k] = 0.5;
    PetscCall(DepTransportSetSticking(tr, stick));
    PetscCall(DepTransportSetSticking(tr, NULL));
  }
  /* the potential at the cell centres (see Phi) */
  PetscCall(DMCreateGlobalVector(g->da, &phi));
  {
    PetscScalar **p;
    PetscCall(DMDAGetCorners(g->da, &xs, &ys, NULL, &xm, &ym, NULL));
    PetscCall(DMDAVecGetArray(g->da, phi, &p));
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++) p[j][i] = Phi(P, g->xc[i], g->zc[j]);
    PetscCall(DMDAVecRestoreArray(g->da, phi, &p));
  }
  if (P->Uair != 0.0 || P->air_u0 != 0.0) {
    /* x: Uair in the top row, -2 Uair below (problem X: the bottom row is empty, its velocity must not matter; the
     * reversed flow there makes a wrong row index in the face velocities drain the top row through the left side);
     * z (problem R): gas factor x velocity = -(1 + x/W)(u0 + u1 z/H) on the z faces */
    PetscCall(PetscCalloc2((nx + 1) * nz, &ux, nx * (nz + 1), &uz));
    for (PetscInt j = 0; j < nz; j++)
      for (PetscInt i = 0; i <= nx; i++) ux[j * (nx + 1) + i] = j == nz - 1 ? P->Uair : -2.0 * P->Uair;
    if (P->air_u0 != 0.0)
      for (PetscInt j = 0; j <= nz; j++)
        for (PetscInt i = 0; i < nx; i++)
          uz[j * nx + i] = -(1.0 + g->xc[i] / P->width) * (P->air_u0 + P->air_u1 * g->zf[j] / P->gap) / P->air_gf;
    air.ux = ux;
    air.uz = uz;
  }
  if (P->mob_Z0 > 0.0) {
    /* mobility field: Z0 (1 + z/H)(1 + x/(2W)) for the species that take it, the own mobility for the others */
    PetscScalar ***m;
    PetscCall(DepTransportGetDM(tr, &dm));
    PetscCall(DMCreateGlobalVector(dm, &mob));
    PetscCall(DMDAVecGetArrayDOF(dm, mob, &m));
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++)
        for (PetscInt s = 0; s < ns; s++)
          m[j][i][s] = P->sp[s].mobfield != 0.0 ? P->sp[s].mobfield * P->mob_Z0 * (1.0 + g->zc[j] / P->gap) *
                                                      (1.0 + 0.5 * g->xc[i] / P->width)
                                                : P->sp[s].sp.mobility;
    PetscCall(DMDAVecRestoreArrayDOF(dm, mob, &m));
  }
  PetscCall(DepTransportSetFields(tr, phi, BC, P, ux ? &air : NULL, mob));
  PetscCall(VecDestroy(&mob));
  PetscCall(DepTransportSetInflow(tr, inflow));
  PetscCall(DepTransportGetDM(tr, &dm));
  PetscCall(DMCreateGlobalVector(dm, &c));
  /* the balance closes to the solver's residual (the sum of the cell residuals times the volumes is exactly
   * fed - foil - outflow - lost): 1e-13 instead of the default 1e-11 (2 ranks, ASM: closure ~1.6e-10 with 1e-11) */
  PetscCall(DepTransportSetTolerance(tr, 1e-13));
  PetscCall(DepTransportSolveSteady(tr, c));
  PetscCall(DepRatesCreate(tr, &rates));
  PetscCall(DepTransportGetRates(tr, c, &rates));

  /* errors against the exact solutions at the cell centres, and the identities */
  PetscCall(DepTransportGetCorners(tr, &xs, &ys, &xm, &ym));
  {
    const PetscScalar ***a;
    PetscCall(DMDAVecGetArrayDOFRead(dm, c, &a));
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++)
        for (PetscInt s = 0; s < ns; s++) {
          const PetscReal V = g->dx[i] * g->dz[j];
          if (P->sp[s].ex.kind != EX_NONE) {
            const PetscReal ce = ExactValue(&P->sp[s].ex, g->xc[i], g->zc[j]), d = PetscAbsReal(a[j][i][s] - ce);
            emax[s] = PetscMax(emax[s], d);
            cmax[s] = PetscMax(cmax[s], PetscAbsReal(ce));
            e1[s] += d * V;
            n1[s] += PetscAbsReal(ce) * V;
          }
          if (P->sp[s].same_as >= 0) {
            const PetscInt r = P->sp[s].same_as;
            dmax[s]          = PetscMax(dmax[s], PetscAbsReal(a[j][i][s] - a[j][i][r]));
            rmax[s]          = PetscMax(rmax[s], PetscAbsReal(a[j][i][r]));
          }
        }
    PetscCall(DMDAVecRestoreArrayDOFRead(dm, c, &a));
  }
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, emax, ns, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, cmax, ns, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, dmax, ns, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, rmax, ns, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, e1, ns, MPIU_REAL, MPIU_SUM, PETSC_COMM_WORLD));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, n1, ns, MPIU_REAL, MPIU_SUM, PETSC_COMM_WORLD));

  PetscCall(PetscPrintf(PETSC_COMM_WORLD, " %s, %" PetscInt_FMT " x %" PetscInt_FMT " cells:\n", P->name, nx, nz));
  for (PetscInt s = 0; s < ns; s++) {
    const Exact *e = &P->sp[s].ex;
    err[s] = l1[s] = berr[s] = 0.0;
    if (e->kind != EX_NONE) {
      err[s] = emax[s] / cmax[s];
      l1[s]  = e1[s] / n1[s];
      PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                            "  [%" PetscInt_FMT
                            "] %-44s max|c - exact| %.4e (max|exact| %.4e, rel %.4e)  L1 rel %.4e\n",
                            s, P->sp[s].name, (double) emax[s], (double) cmax[s], (double) err[s], (double) l1[s]));
      if (P->xdir) {
        const PetscReal o = ExactOutflow(e);
        berr[s]           = PetscAbsReal(rates.outflow[s] - o) / o;
        PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] outflow through the side plane", s));
        PetscCall(Report(what, rates.outflow[s], o, berr[s], 0.2));
      } else {
        const PetscReal F = ExactFoil(e);
        for (PetscInt i = 0; i < nx; i++)
          berr[s] = PetscMax(berr[s], PetscAbsReal(rates.foil_flux[s * nx + i] - F) / F);
        PetscCall(PetscSNPrintf(what, sizeof(what),
                                "[%" PetscInt_FMT "] foil flux (worst of %" PetscInt_FMT " columns)", s, nx));
        /* k = 0 and no other exit: the discrete balance sends all of J to the foil */
        PetscCall(Report(what, rates.foil_flux[s * nx], F, berr[s], FoilTakesAll(e) ? 1e-10 : 0.2));
      }
    }
    if (P->sp[s].same_as >= 0) {
      PetscCall(PetscSNPrintf(what, sizeof(what),
                              "[%" PetscInt_FMT "] max|c - c[%" PetscInt_FMT "]|/max|c[%" PetscInt_FMT
                              "]| (same problem)",
                              s, P->sp[s].same_as, P->sp[s].same_as));
      PetscCall(Report(what, dmax[s] / rmax[s], 0.0, dmax[s] / rmax[s], P->sp[s].same_tol));
    }
  }

  if (finest) {
    /* field magnitude, balances and the exact boundary rates */
    const PetscReal *E;
    PetscReal        Em[3] = {0, 0, 0}; /* worst |E - exact|, E there, exact there */
    PetscCall(DepTransportGetFieldMagnitude(tr, &E));
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++) {
        const PetscReal Ee = FieldMagnitude(P, g->xc[i], g->zc[j]), Ec = E[(j - ys) * xm + (i - xs)];
        if (PetscAbsReal(Ec - Ee) >= Em[0]) {
          Em[0] = PetscAbsReal(Ec - Ee);
          Em[1] = Ec;
          Em[2] = Ee;
        }
      }
    {
      PetscMPIInt size;
      PetscReal  *all;
      PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
      PetscCall(PetscMalloc1(3 * size, &all));
      PetscCallMPI(MPI_Allgather(Em, 3, MPIU_REAL, all, 3, MPIU_REAL, PETSC_COMM_WORLD));
      for (PetscMPIInt r = 0; r < size; r++)
        if (all[3 * r] >= Em[0]) PetscCall(PetscArraycpy(Em, &all[3 * r], 3));
      PetscCall(PetscFree(all));
    }
    /* kind 1: the O(h) foil-face gradient of the quadratic (0.3 % at 320 cells); the others exact */
    PetscCall(Report("|grad phi| in the cells (worst cell)", Em[1], Em[2], Em[2] > 0 ? Em[0] / Em[2] : Em[0],
                     P->phi_kind == 1 ? 0.01 : 1e-11));
    for (PetscInt s = 0; s < ns; s++) {
      const Exact    *e    = &P->sp[s].ex;
      const PetscReal fedx = P->sp[s].J * P->width;
      PetscReal       foil = 0.0;
      for (PetscInt i = 0; i < nx; i++) foil += rates.foil_flux[s * nx + i] * g->dx[i];
      PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] fed = J W", s));
      PetscCall(Check(what, rates.fed[s], fedx, 1e-14));
      PetscCall(PetscSNPrintf(what, sizeof(what),
                              "[%" PetscInt_FMT "] balance: fed + reacted - foil - outflow - lost (rel.)", s));
      PetscCall(Report(what, Closure(g, &rates, s), 0.0, PetscAbsReal(Closure(g, &rates, s)), 1e-10));
      PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] reacted", s));
      PetscCall(Check(what, rates.reacted[s], ExactReacted(e), ExactReacted(e) != 0.0 ? 0.02 : 0.0));
      if (e->kind == EX_NONE) {
        PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                              "  [%" PetscInt_FMT "] (no exact solution) foil %.6e outflow %.6e lost %.6e\n", s,
                              (double) foil, (double) rates.outflow[s], (double) rates.lost[s]));
        continue;
      }
      PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] foil flux x width", s));
      PetscCall(Check(what, foil, ExactFoil(e) * P->width, P->xdir ? 0.0 : 0.02));
      PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] outflow (side and gun planes)", s));
      PetscCall(Check(what, rates.outflow[s], ExactOutflow(e), ExactOutflow(e) != 0.0 ? 0.02 : 0.0));
      PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] lost (k x content)", s));
      PetscCall(Check(what, rates.lost[s], ExactLost(e), ExactLost(e) != 0.0 ? 0.02 : 0.0));
      {
        const PetscReal sum = ExactFoil(e) * P->width + ExactOutflow(e) + ExactLost(e) - ExactReacted(e);
        PetscCall(PetscSNPrintf(what, sizeof(what),
                                "[%" PetscInt_FMT "] exact balance: foil + outflow + lost - reacted = J W", s));
        PetscCall(Report(what, sum, fedx, PetscAbsReal(sum - fedx) / (fedx + PetscAbsReal(ExactReacted(e))), 1e-12));
      }
    }
  }

  if (finest && P->transient) {
    /* backward Euler from an empty gap: (c1 - c0)/dt = J c1 + b, summed over the cells (times their volumes) */
    TS        ts;
    PetscReal in0[MAXS], dt = 2e-3;
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  backward Euler, dt = %g s, from an empty gap:\n", (double) dt));
    PetscCall(VecZeroEntries(c));
    PetscCall(DepTransportCreateTS(tr, &ts));
    PetscCall(TSSetTimeStep(ts, dt));
    PetscCall(TSSetMaxTime(ts, 1.0));
    PetscCall(TSSetSolution(ts, c));
    PetscCall(TSSetUp(ts));
    {
      /* as for the steady solves: the step balance closes to the linear solver's residual (default rtol 1e-11: the
       * product of the reaction, still small after the first steps, closed to ~1e-9 of its rates on 2 ranks) */
      SNES snes;
      KSP  ksp;
      PetscCall(TSGetSNES(ts, &snes));
      PetscCall(SNESGetKSP(snes, &ksp));
      PetscCall(KSPSetTolerances(ksp, 1e-14, 1e-300, PETSC_DEFAULT, 2000));
    }
    PetscCall(DepTransportGetRates(tr, c, &rates));
    for (PetscInt s = 0; s < ns; s++) in0[s] = rates.in_flight[s];
    for (PetscInt step = 1; step <= 4; step++) {
      PetscCall(TSStep(ts));
      PetscCall(DepTransportGetRates(tr, c, &rates));
      for (PetscInt s = 0; s < ns; s++) {
        const PetscReal din = (rates.in_flight[s] - in0[s]) / dt;
        PetscReal       cl  = Closure(g, &rates, s) - din / (rates.fed[s] + PetscAbsReal(rates.reacted[s]));
        PetscCall(PetscSNPrintf(what, sizeof(what),
                                "[%" PetscInt_FMT "] step %" PetscInt_FMT ": fed - foil - out - lost - d(in)/dt", s,
                                step));
        PetscCall(Report(what, cl, 0.0, PetscAbsReal(cl), 1e-10));
        in0[s] = rates.in_flight[s];
      }
    }
    PetscCall(TSDestroy(&ts));
  }

  PetscCall(DepRatesDestroy(&rates));
  PetscCall(PetscFree2(ux, uz));
  PetscCall(PetscFree2(stick, inflow));
  PetscCall(VecDestroy(&c));
  PetscCall(VecDestroy(&phi));
  PetscCall(DepTransportDestroy(&tr));
  PetscCall(StretchedGridDestroy(&g));
  PetscFunctionReturn(0);
}

static PetscErrorCode Study(Problem *P, PetscReal min_order, PetscReal max_err)
{
  PetscReal err[MAXL][MAXS], l1[MAXL][MAXS], berr[MAXL][MAXS];
  char      what[128];
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\n== %s ==\n", P->name));
  for (PetscInt s = 0; s < P->ns; s++) {
    Exact *e = &P->sp[s].ex;
    e->W     = P->width;
    e->H     = P->gap;
    ExactSetUp(e);
  }
  for (PetscInt l = 0; l < P->nlev; l++)
    PetscCall(Run(P, P->n[l], (PetscBool) (l == P->nlev - 1), err[l], l1[l], berr[l]));
  if (P->nlev < 2) PetscFunctionReturn(0);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, " observed orders (n -> 2n) and finest errors:\n"));
  for (PetscInt s = 0; s < P->ns; s++) {
    if (P->sp[s].ex.kind == EX_NONE) continue;
    for (PetscInt l = 1; l < P->nlev; l++) {
      const PetscReal o = PetscLog2Real(err[l - 1][s] / err[l][s]), ol = PetscLog2Real(l1[l - 1][s] / l1[l][s]),
                      ob = PetscLog2Real(berr[l - 1][s] / berr[l][s]);
      PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                            "  [%" PetscInt_FMT "] %4" PetscInt_FMT " -> %4" PetscInt_FMT ": max-norm %.3f  L1 %.3f", s,
                            P->n[l - 1], P->n[l], (double) o, (double) ol));
      if (FoilTakesAll(&P->sp[s].ex))
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\n"));
      else
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %s %.3f\n", P->xdir ? "outflow" : "foil flux", (double) ob));
      PetscCall(PetscSNPrintf(what, sizeof(what),
                              "[%" PetscInt_FMT "] order, max norm, %" PetscInt_FMT " -> %" PetscInt_FMT, s,
                              P->n[l - 1], P->n[l]));
      PetscCall(AtLeast(what, o, min_order));
      if (FoilTakesAll(&P->sp[s].ex)) continue; /* its foil flux is J to round-off (checked above) */
      PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] order, %s, %" PetscInt_FMT " -> %" PetscInt_FMT,
                              s, P->xdir ? "outflow" : "foil flux", P->n[l - 1], P->n[l]));
      PetscCall(AtLeast(what, ob, min_order));
    }
    PetscCall(PetscSNPrintf(what, sizeof(what), "[%" PetscInt_FMT "] finest max-norm error (relative)", s));
    PetscCall(Report(what, err[P->nlev - 1][s], 0.0, err[P->nlev - 1][s], max_err));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  /* H = 50 mm gap, W = 30 mm; J = 2e-3 kg/(m2 s); D = 1e-3 m2/s; w = 0.1 m/s (Peclet w H/D = 5); k = 2 1/s */
  const PetscReal H = 0.05, W = 0.03, J = 2e-3, D = 1e-3, w = 0.1, k = 2.0, vd = 0.05, Vgun = -1e4;
  const PetscReal Z  = w / (PetscAbsReal(Vgun) / H); /* mobility giving the drift w in the field |V|/H = 2e5 V/m */
  Problem         Pz = {.name      = "Z: drift-diffusion-loss in z, uniform grid",
                        .width     = W,
                        .gap       = H,
                        .beta      = 0.0,
                        .Vgun      = Vgun,
                        .nlev      = 5,
                        .n         = {20, 40, 80, 160, 320},
                        .transient = PETSC_TRUE,
                        .ns        = 6};
  Problem         Pzs, Pp, Px, Pd, Pr;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  /* [0] settling; a = v_d = 0.05 */
  Pz.sp[0] = (Spec){.name     = "settling w, D, k, v_d",
                    .sp       = {.settling = w, .diffusivity = D, .loss_rate = k, .wall_velocity = vd},
                    .J        = J,
                    .sticking = 1.0,
                    .same_as  = -1,
                    .ex       = {.kind = EX_Z, .w = w, .D = D, .k = k, .vd = vd, .s = 1.0, .J = J}};
  /* [1] the same, turbulent with the default profile: must be [0] (f = 1) */
  Pz.sp[1]              = Pz.sp[0];
  Pz.sp[1].name         = "the same, turbulent, default profile";
  Pz.sp[1].sp.turbulent = PETSC_TRUE;
  Pz.sp[1].same_as      = 0;
  Pz.sp[1].same_tol     = 1e-14;
  /* [2] the drift from the mobility in the field 2e5 V/m instead of settling */
  Pz.sp[2]             = Pz.sp[0];
  Pz.sp[2].name        = "mobility Z in the field |V|/H, no settling";
  Pz.sp[2].sp.settling = 0.0;
  Pz.sp[2].sp.mobility = Z;
  Pz.sp[2].same_as     = 0;
  Pz.sp[2].same_tol    = 1e-9;
  /* [3] sticking 0.3 with v_d = 0.05: a = 0.3 (0.15) - 0.1 = -0.055 (most reflected; s = 0.5 gives a = -0.025, where
   * the O(h) errors of the foil flux nearly cancel and its observed order is pre-asymptotic up to 320 cells) */
  Pz.sp[3]          = Pz.sp[0];
  Pz.sp[3].name     = "sticking s = 0.3";
  Pz.sp[3].sticking = 0.3;
  Pz.sp[3].ex.s     = 0.3;
  /* [4] molecular diffusion to an absorbing foil: c(0) = 0 in the limit */
  Pz.sp[4]                   = Pz.sp[0];
  Pz.sp[4].name              = "wall_diffusion: absorbing foil";
  Pz.sp[4].sp.wall_diffusion = PETSC_TRUE;
  Pz.sp[4].ex.dirichlet      = PETSC_TRUE;
  /* [5] settling upwards (w = -0.02): leaves through the gun plane with 0.02 c(H), the foil takes v_d c(0) */
  Pz.sp[5]             = Pz.sp[0];
  Pz.sp[5].name        = "drift up, w = -0.02: out through the gun plane";
  Pz.sp[5].sp.settling = -0.02;
  Pz.sp[5].ex.w        = -0.02;

  Pzs           = Pz;
  Pzs.name      = "Z: drift-diffusion-loss in z, stretched grid (beta 2)";
  Pzs.beta      = 2.0;
  Pzs.transient = PETSC_FALSE;
  /* sticking 0.5 set and then reset by NULL: every species sticks with 1 (also [3] here) */
  Pzs.sticking_mode  = 2;
  Pzs.sp[3].name     = "v_d 0.05 (sticking reset to 1 by NULL)";
  Pzs.sp[3].sticking = 1.0;
  Pzs.sp[3].ex.s     = 1.0;
  /* the foil a Robin boundary of the potential: conductor d = H below it, phi = V (z + H)/(2H), E = |V|/(2H):
   * [2] needs twice the mobility for the same drift */
  Pzs.robin_d           = H;
  Pzs.sp[2].name        = "mobility 2Z in the field |V|/(2H) (Robin foil)";
  Pzs.sp[2].sp.mobility = 2.0 * Z;

  /* P: profile f = (z + l)/(H + l), l = H/4; p = w (H + l)/D = 0.02 * 0.0625/1e-3 = 1.25 */
  Pp            = (Problem){.name    = "P: turbulent profile (z + l)/(H + l), k = 0, stretched grid (beta 1.5)",
                            .width   = W,
                            .gap     = H,
                            .beta    = 1.5,
                            .profile = 1,
                            .ell     = 0.25 * H,
                            .nlev    = 5,
                            .n       = {20, 40, 80, 160, 320},
                            .ns      = 3};
  Pp.sp[0]      = (Spec){.name     = "turbulent, drift 0.02, v_d 0.03",
                         .sp       = {.settling = 0.02, .diffusivity = D, .turbulent = PETSC_TRUE, .wall_velocity = 0.03},
                         .J        = J,
                         .sticking = 1.0,
                         .same_as  = -1,
                         .ex = {.kind = EX_Z_PROFILE, .w = 0.02, .D = D, .vd = 0.03, .s = 1.0, .J = J, .ell = 0.25 * H}};
  Pp.sp[1]      = (Spec){.name     = "turbulent, pure diffusion, v_d 0.03, s 0.7",
                         .sp       = {.diffusivity = D, .turbulent = PETSC_TRUE, .wall_velocity = 0.03},
                         .J        = J,
                         .sticking = 0.7,
                         .same_as  = -1,
                         .ex = {.kind = EX_Z_PROFILE, .w = 0.0, .D = D, .vd = 0.03, .s = 0.7, .J = J, .ell = 0.25 * H}};
  Pp.sp[2]      = Pz.sp[0];
  Pp.sp[2].name = "non-turbulent (ignores the profile)";

  /* X: U = 0.2 m/s over W = 0.1 m, gap 10 mm (two rows of 5 mm), D = 4e-3 (D' = 2e-3), k = 1 */
  Px       = (Problem){.name    = "X: drift-diffusion-loss along x in the top row (Danckwerts)",
                       .xdir    = PETSC_TRUE,
                       .width   = 0.1,
                       .gap     = 0.01,
                       .Vright  = -1e3,
                       .robin_d = 0.1,
                       .Uair    = 0.2,
                       .profile = 2,
                       .nlev    = 5,
                       .n       = {20, 40, 80, 160, 320},
                       .ns      = 3};
  Px.sp[0] = (Spec){.name     = "carrier air +0.2 m/s, turbulent f_row 0.5",
                    .sp       = {.gas_factor = 1.0, .diffusivity = 4e-3, .turbulent = PETSC_TRUE, .loss_rate = 1.0},
                    .J        = J,
                    .sticking = 1.0,
                    .same_as  = -1,
                    .ex       = {.kind = EX_X, .w = 0.2, .D = 0.5 * 4e-3, .k = 1.0, .J = J}};
  /* the left side a Robin face of the potential (conductor d = W beyond it): phi = V (x + W)/(2W),
   * dphi/dx = -1e3/0.2 = -5e3 V/m; mobility 4e-5: -0.2 m/s */
  Px.sp[1] = (Spec){.name     = "mobility in the field, -0.2 m/s, turbulent",
                    .sp       = {.mobility = 4e-5, .diffusivity = 4e-3, .turbulent = PETSC_TRUE, .loss_rate = 1.0},
                    .J        = J,
                    .sticking = 1.0,
                    .same_as  = -1,
                    .ex       = {.kind = EX_X, .w = -0.2, .D = 0.5 * 4e-3, .k = 1.0, .J = J}};
  Px.sp[2] = (Spec){.name     = "carrier air, D = 0 (pure advection)",
                    .sp       = {.gas_factor = 1.0, .loss_rate = 1.0},
                    .J        = J,
                    .sticking = 1.0,
                    .same_as  = -1,
                    .ex       = {.kind = EX_X_ADVECTION, .w = 0.2, .k = 1.0, .J = J}};

  /* D: 2-D (air along x, settling in z, deposition): turbulent with the default profile = non-turbulent */
  Pd                    = (Problem){.name     = "D: 2-D, default profile, stretched grid (beta 1)",
                                    .xdir     = PETSC_TRUE,
                                    .ncross   = 16,
                                    .width    = 0.1,
                                    .gap      = 0.01,
                                    .beta     = 1.0,
                                    .phi_kind = 2,
                                    .Abil     = 1e8,
                                    .Uair     = 0.2,
                                    .nlev     = 1,
                                    .n        = {40},
                                    .ns       = 2};
  Pd.sp[0]              = (Spec){.name     = "non-turbulent, air, settling, v_d",
                                 .sp       = {.gas_factor    = 1.0,
                                              .mobility      = 1e-8,
                                              .settling      = 0.05,
                                              .diffusivity   = 2e-3,
                                              .loss_rate     = 1.0,
                                              .wall_velocity = 0.02},
                                 .J        = J,
                                 .sticking = 1.0,
                                 .same_as  = -1};
  Pd.sp[1]              = Pd.sp[0];
  Pd.sp[1].name         = "turbulent, default profile";
  Pd.sp[1].sp.turbulent = PETSC_TRUE;
  Pd.sp[1].same_as      = 0;
  Pd.sp[1].same_tol     = 1e-14;

  /* R: reaction reactant -> product (kappa = 3 1/s), carrier air down the gap with an exit, a mobility field */
  Pr                  = (Problem){.name          = "R: reaction, carrier air with exit, mobility field; stretched grid (beta 1)",
                                  .width         = W,
                                  .gap           = H,
                                  .beta          = 1.0,
                                  .phi_kind      = 1,
                                  .Vgun          = Vgun,
                                  .air_u0        = 0.05,
                                  .air_u1        = 0.1,
                                  .air_m0        = 3.0,
                                  .air_k         = 0.5,
                                  .air_gf        = 0.8,
                                  .mob_Z0        = 5e-7,
                                  .sticking_mode = 1,
                                  .rfrom         = 1,
                                  .rto           = 2,
                                  .kappa         = 3.0,
                                  .nlev          = 5,
                                  .n             = {20, 40, 80, 160, 320},
                                  .transient     = PETSC_TRUE,
                                  .ns            = 5};
  Pr.sp[0]            = (Spec){.name     = "carrier air (gas factor 0.8) with exit, D = 0",
                               .sp       = {.gas_factor = 0.8, .loss_rate = 0.5},
                               .J        = J,
                               .sticking = 1.0,
                               .same_as  = -1,
                               .ex       = {.kind = EX_Z_AIR, .J = J, .u0 = 0.05, .u1 = 0.1, .m0 = 3.0}};
  Pr.sp[1]            = Pz.sp[0];
  Pr.sp[1].name       = "reactant: problem Z decaying at k + kappa";
  Pr.sp[1].ex.kappa   = 3.0;
  Pr.sp[2]            = Pr.sp[1];
  Pr.sp[2].name       = "product: Z(k) - Z(k + kappa), no inflow";
  Pr.sp[2].J          = 0.0;
  Pr.sp[2].ex.product = PETSC_TRUE;
  Pr.sp[3]            = (Spec){.name     = "mobility field, E = 1e5 (1 + 2z/H), D = 0",
                               .sp       = {.mobility = 1.0 /* replaced by the field */},
                               .J        = J,
                               .sticking = 1.0,
                               .same_as  = -1,
                               .mobfield = 1.0,
                               .ex       = {.kind = EX_Z_MOBILITY, .J = J, .u0 = 5e-7, .u1 = 2e5}};
  /* [4] minus the mobility field: drifts up at 0.05-0.3 m/s (faster towards the gun plane) and leaves through it;
   * no closed form (D > 0 with a varying velocity): the balance only */
  Pr.sp[4] = (Spec){.name     = "minus the mobility field: up and out, D, k",
                    .sp       = {.diffusivity = D, .loss_rate = 1.0},
                    .J        = J,
                    .sticking = 1.0,
                    .same_as  = -1,
                    .mobfield = -1.0};

  PetscCall(Study(&Pz, 0.9, 0.02));
  PetscCall(Study(&Pzs, 0.9, 0.02));
  PetscCall(Study(&Pp, 0.9, 0.02));
  PetscCall(Study(&Px, 0.9, 0.02));
  PetscCall(Study(&Pr, 0.9, 0.02));
  PetscCall(Study(&Pd, 0.9, 0.02));
  { /* a sticking fraction outside [0, 1] is refused (above 1 the foil would take more than arrives) */
    StretchedGrid  g;
    DepTransport   t;
    PetscReal      st[2 * 4];
    PetscErrorCode ierr;
    PetscCall(StretchedGridCreate(PETSC_COMM_WORLD, 4, 4, 0.1, 0.1, 1.0, &g));
    PetscCall(DepTransportCreate(g, 2, "refuse_", NULL, &t));
    for (PetscInt k = 0; k < 8; k++) st[k] = k == 5 ? 1.1 : 0.5;
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = DepTransportSetSticking(t, st);
    PetscCall(PetscPopErrorHandler());
    PetscCall(Check("sticking 1.1 refused: PETSC_ERR_ARG_OUTOFRANGE", (PetscReal) ierr,
                    (PetscReal) PETSC_ERR_ARG_OUTOFRANGE, 0.0));
    st[5] = 1.0;
    PetscCall(DepTransportSetSticking(t, st)); /* 0 and 1 are allowed */
    PetscCall(DepTransportDestroy(&t));
    PetscCall(StretchedGridDestroy(&g));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\n%s (%" PetscInt_FMT " failed)\n", fails ? "FAIL" : "PASS", fails));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
