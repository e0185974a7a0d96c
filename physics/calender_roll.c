/* The roll pair across the web: a Timoshenko beam on the electrode's nonlinear compaction response,
 * Newton (SNES) on a 1D DMDA with an exact Jacobian (docs/calendering.md, "Cross-web"). */
#include "calender_model.h"
#include "../solver/scalar_root.h"
#include <petscdmda.h>
#include <petscsnes.h>

typedef struct {
  PetscScalar w, phi, Q, G, p; /* deflection, rotation, running measure, rigid gap, nodal load (dimensionless) */
} RollNode;

enum { CW, CPHI, CQ, CG, CP, NC };

struct _n_CalRoll {
  PetscInt            n;
  PetscReal           span, h;
  DM                  da;
  SNES                snes;
  Vec                 X;
  Mat                 J;
  PetscReal           EI, kGA, M_end;
  PetscReal          *y, *crown, *w, *phi, *gap, *P, *contact, *floor;
  CalRollFoundationFn fn;
  void               *ctx;
  CalRollMode         mode;
  PetscReal           value;
  PetscReal           L_ref, P_ref, T_ref, sx[NC], comp;
  PetscInt            its, reason;
  PetscReal           fnorm, G;
  PetscReal           scale_norm; /* 2-norm of the rows' term magnitudes at the last residual: the round-off scale */
};

PetscErrorCode CalRollCreate(PetscInt n, PetscReal span, const char *prefix, CalRoll *pr)
{
  CalRoll r;
  KSP     ksp;
  PC      pc;
  PetscFunctionBeginUser;
  PetscCheck(n >= 2 && span > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "The roll needs >= 2 cells and a span");
  PetscCall(PetscNew(&r));
  r->n    = n;
  r->span = span;
  r->h    = span / n;
  r->mode = CALROLL_FIXED_GAP;
  PetscCall(PetscCalloc6(n + 1, &r->y, n + 1, &r->crown, n + 1, &r->w, n + 1, &r->phi, n + 1, &r->gap, n + 1, &r->P));
  PetscCall(PetscMalloc2(n + 1, &r->contact, n + 1, &r->floor));
  for (PetscInt i = 0; i <= n; i++) {
    r->y[i]       = i * r->h;
    r->contact[i] = PETSC_NINFINITY;
    r->floor[i]   = PETSC_NINFINITY;
  }
  PetscCall(DMDACreate1d(PETSC_COMM_SELF, DM_BOUNDARY_NONE, n + 1, NC, 1, NULL, &r->da));
  PetscCall(DMSetUp(r->da));
  PetscCall(DMDASetFieldName(r->da, CW, "deflection"));
  PetscCall(DMDASetFieldName(r->da, CPHI, "rotation"));
  PetscCall(DMDASetFieldName(r->da, CQ, "running_measure"));
  PetscCall(DMDASetFieldName(r->da, CG, "rigid_gap"));
  PetscCall(DMDASetFieldName(r->da, CP, "nodal_load"));
  PetscCall(DMCreateGlobalVector(r->da, &r->X));
  PetscCall(DMCreateMatrix(r->da, &r->J));
  PetscCall(SNESCreate(PETSC_COMM_SELF, &r->snes));
  PetscCall(SNESSetDM(r->snes, r->da));
  if (prefix) PetscCall(SNESSetOptionsPrefix(r->snes, prefix));
  /* defaults through the API; -<prefix>snes_* / -<prefix>pc_* still override */
  PetscCall(SNESSetTolerances(r->snes, 1e-10, 1e-12, 0.0, 50, 10000));
  PetscCall(SNESGetKSP(r->snes, &ksp));
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCLU));
  /* natural order: the running sum and the gap chain give nonzero pivots in this order */
  PetscCall(PCFactorSetMatOrderingType(pc, MATORDERINGNATURAL));
  *pr = r;
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollDestroy(CalRoll *pr)
{
  CalRoll r = *pr;
  PetscFunctionBeginUser;
  if (!r) PetscFunctionReturn(0);
  PetscCall(SNESDestroy(&r->snes));
  PetscCall(MatDestroy(&r->J));
  PetscCall(VecDestroy(&r->X));
  PetscCall(DMDestroy(&r->da));
  PetscCall(PetscFree6(r->y, r->crown, r->w, r->phi, r->gap, r->P));
  PetscCall(PetscFree2(r->contact, r->floor));
  PetscCall(PetscFree(*pr));
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollSetSection(CalRoll r, PetscReal EI, PetscReal kGA)
{
  PetscFunctionBeginUser;
  PetscCheck(EI > 0 && kGA > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Roll stiffnesses must be positive");
  r->EI  = EI;
  r->kGA = kGA;
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollSetEndMoment(CalRoll r, PetscReal M)
{
  PetscFunctionBeginUser;
  r->M_end = M;
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollSetCrown(CalRoll r, PetscReal crown, PetscReal face)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i <= r->n; i++) r->crown[i] = crown > 0 ? crown * CalenderCrownShape(r->y[i], r->span, face) : 0;
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollSetFoundation(CalRoll r, CalRollFoundationFn fn, const PetscReal contact[],
                                    const PetscReal floor[], void *ctx)
{
  PetscFunctionBeginUser;
  r->fn  = fn;
  r->ctx = ctx;
  for (PetscInt i = 0; i <= r->n; i++) {
    r->contact[i] = contact ? contact[i] : PETSC_NINFINITY;
    r->floor[i]   = floor ? floor[i] : PETSC_NINFINITY;
    PetscCheck(r->contact[i] > r->floor[i] || r->contact[i] == PETSC_NINFINITY, PETSC_COMM_SELF,
               PETSC_ERR_ARG_OUTOFRANGE, "Node %" PetscInt_FMT ": the contact gap must lie above the floor gap", i);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollSetMode(CalRoll r, CalRollMode mode, PetscReal value)
{
  PetscFunctionBeginUser;
  r->mode  = mode;
  r->value = value;
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollSetScales(CalRoll r, PetscReal length, PetscReal load, PetscReal measure)
{
  PetscFunctionBeginUser;
  PetscCheck(length > 0 && load > 0 && measure > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "Roll scales must be positive");
  r->L_ref    = length;
  r->P_ref    = load;
  r->T_ref    = measure;
  r->sx[CW]   = length;
  r->sx[CPHI] = length / r->span;
  r->sx[CQ]   = measure * r->span;
  r->sx[CG]   = length;
  r->sx[CP]   = load * r->h;
  r->comp     = length / (load * r->h); /* opening per unit of negative nodal load */
  PetscFunctionReturn(0);
}

static PetscBool OnWeb(CalRoll r, PetscInt i)
{
  return r->contact[i] > PETSC_NINFINITY ? PETSC_TRUE : PETSC_FALSE;
}

/* Scale of residual row (i, c): each row becomes O(1) for O(1) dimensionless unknowns. */
static PetscReal RowScale(CalRoll r, PetscInt i, PetscInt c)
{
  switch (c) {
  case CW:
    return (i == 0 || i == r->n) ? 1.0 / r->L_ref : 1.0 / (r->P_ref * r->h);
  case CPHI:
    return 1.0 / (r->P_ref * r->h * r->span);
  case CQ:
    return 1.0 / (r->T_ref * r->h);
  case CG:
    return (i == r->n && r->mode == CALROLL_MEASURE) ? 1.0 / (r->T_ref * r->span) : 1.0 / r->L_ref;
  default:
    return OnWeb(r, i) ? 1.0 / r->L_ref : 1.0 / (r->P_ref * r->h);
  }
}

static PetscErrorCode CallFoundation(CalRoll r, PetscInt i, PetscReal g, PetscReal *P, PetscReal *dP, PetscReal *T,
                                     PetscReal *dT)
{
  PetscReal ylo = PetscMax(r->y[i] - 0.5 * r->h, 0.0), yhi = PetscMin(r->y[i] + 0.5 * r->h, r->span);
  PetscFunctionBeginUser;
  *P = *dP = *T = *dT = 0.0;
  if (r->fn) PetscCall(r->fn(i, ylo, yhi, g, P, dP, T, dT, r->ctx));
  PetscFunctionReturn(0);
}

/* Load residual P(g) - p of node i at the gap g, decreasing in g (the web stiffens as it is pressed) */
typedef struct {
  CalRoll   r;
  PetscInt  i;
  PetscReal p;
} NodeLoadCtx;

static PetscErrorCode NodeLoadResidualDeriv(PetscReal gap, PetscReal *f, PetscReal *dfdg, void *ctx)
{
  NodeLoadCtx *c = (NodeLoadCtx *) ctx;
  PetscReal    P, dP, T, dT;
  PetscFunctionBeginUser;
  PetscCall(CallFoundation(c->r, c->i, gap, &P, &dP, &T, &dT));
  *f = P - c->p;
  if (dfdg) *dfdg = dP;
  PetscFunctionReturn(0);
}

static PetscErrorCode NodeLoadResidual(PetscReal gap, PetscReal *f, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(NodeLoadResidualDeriv(gap, f, NULL, ctx));
  PetscFunctionReturn(0);
}

/* The gap at which node i carries the load p, and the measure there, with derivatives in p. Loads <= 0 stand
 * for an opening beyond the contact gap (no load, measure of the uncompressed web). */
static PetscErrorCode NodeGap(CalRoll r, PetscInt i, PetscReal p, PetscReal *g, PetscReal *dg, PetscReal *T,
                              PetscReal *dT)
{
  NodeLoadCtx ctx = {r, i, p};
  PetscReal   c = r->contact[i], a = c, fa = -p, b, fb, x, P, dP, dTg;
  PetscBool   found;
  PetscFunctionBeginUser;
  if (p <= 0) {
    PetscCall(CallFoundation(r, i, c, &P, &dP, T, &dTg));
    *g  = c - p * r->comp;
    *dg = -r->comp;
    *dT = 0.0;
    PetscFunctionReturn(0);
  }
  /* P(c) = 0 < p at the contact gap; from the floor (or one reference length below contact) double the closure
   * until P >= p: the law is continued linearly below its floor */
  b = r->floor[i] > PETSC_NINFINITY ? r->floor[i] : c - r->L_ref;
  PetscCall(NodeLoadResidual(b, &fb, &ctx));
  PetscCall(ScalarRootExpand(NodeLoadResidual, &ctx, c, 2.0, 60, &a, &fa, &b, &fb, &found, NULL));
  PetscCheck(found, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED, "Node %" PetscInt_FMT ": no gap carries %g N", i,
             (double) p);
  PetscCall(ScalarRootNewtonSafe(NodeLoadResidualDeriv, &ctx, a, b, fa, fb, 1e-15, &x, NULL));
  PetscCall(CallFoundation(r, i, x, &P, &dP, T, &dTg));
  PetscCheck(dP < 0, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
             "Node %" PetscInt_FMT ": the web does not stiffen at gap %g", i, (double) x);
  *g  = x;
  *dg = 1.0 / dP;
  *dT = dTg / dP;
  PetscFunctionReturn(0);
}

static PetscErrorCode FormFunction(SNES snes, Vec X, Vec F, void *ctx)
{
  CalRoll         r = (CalRoll) ctx;
  const RollNode *x;
  RollNode       *f;
  PetscReal      *mw, *mphi; /* magnitudes of the terms the beam rows are made of: they set the round-off */
  PetscInt        n = r->n;
  PetscReal       h = r->h, sum2 = 0.0;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc2(n + 1, &mw, n + 1, &mphi));
  PetscCall(DMDAVecGetArrayRead(r->da, X, &x));
  PetscCall(DMDAVecGetArray(r->da, F, &f));
  for (PetscInt i = 0; i <= n; i++) f[i].w = f[i].phi = f[i].Q = f[i].G = f[i].p = 0.0;
  for (PetscInt e = 0; e < n; e++) {
    PetscReal w0 = x[e].w * r->sx[CW], w1 = x[e + 1].w * r->sx[CW];
    PetscReal p0 = x[e].phi * r->sx[CPHI], p1 = x[e + 1].phi * r->sx[CPHI];
    PetscReal V = r->kGA * ((w1 - w0) / h - 0.5 * (p0 + p1)), M = r->EI * (p1 - p0) / h;
    PetscReal mV = r->kGA * (PetscAbsReal(w1 - w0) / h + PetscAbsReal(p0) + PetscAbsReal(p1));
    PetscReal mM = r->EI * (PetscAbsReal(p1) + PetscAbsReal(p0)) / h;
    f[e].w -= V;
    f[e + 1].w += V;
    f[e].phi += -M - 0.5 * h * V;
    f[e + 1].phi += M - 0.5 * h * V;
    mw[e] += mV;
    mw[e + 1] += mV;
    mphi[e] += mM + h * mV;
    mphi[e + 1] += mM + h * mV;
  }
  f[0].phi += r->M_end;
  f[n].phi -= r->M_end;
  for (PetscInt i = 0; i <= n; i++) {
    PetscReal w = x[i].w * r->sx[CW], G = x[i].G * r->sx[CG], p = x[i].p * r->sx[CP], g = 0, dg, T = 0, dT;
    if (OnWeb(r, i)) {
      PetscCall(NodeGap(r, i, p, &g, &dg, &T, &dT));
      f[i].w -= PetscMax(p, 0.0);
      f[i].p = G + 2.0 * w - r->crown[i] - g;
    } else
      f[i].p = p;
    f[i].Q = x[i].Q * r->sx[CQ] - (i > 0 ? x[i - 1].Q * r->sx[CQ] : 0.0) - T;
    if (i < n)
      f[i].G = (x[i + 1].G - x[i].G) * r->sx[CG];
    else
      f[i].G = r->mode == CALROLL_FIXED_GAP ? G - r->value : x[i].Q * r->sx[CQ] - r->value;
  }
  f[0].w = x[0].w * r->sx[CW]; /* bearings: w = 0 replaces the force balance */
  f[n].w = x[n].w * r->sx[CW];
  mw[0] = mw[n] = 0.0;
  for (PetscInt i = 0; i <= n; i++) {
    f[i].w *= RowScale(r, i, CW);
    f[i].phi *= RowScale(r, i, CPHI);
    f[i].Q *= RowScale(r, i, CQ);
    f[i].G *= RowScale(r, i, CG);
    f[i].p *= RowScale(r, i, CP);
    sum2 += PetscSqr(mw[i] * RowScale(r, i, CW)) + PetscSqr(mphi[i] * RowScale(r, i, CPHI));
  }
  r->scale_norm = PetscSqrtReal(sum2);
  PetscCall(DMDAVecRestoreArray(r->da, F, &f));
  PetscCall(DMDAVecRestoreArrayRead(r->da, X, &x));
  PetscCall(PetscFree2(mw, mphi));
  PetscFunctionReturn(0);
}

/* Converged also when the residual is down to the round-off of the terms it is made of (the stiff beam rows
 * cancel terms ~n^2 larger than the loads, so no fixed absolute tolerance fits every mesh). */
static PetscErrorCode ConvergedToRoundoff(SNES snes, PetscInt it, PetscReal xnorm, PetscReal snorm, PetscReal fnorm,
                                          SNESConvergedReason *reason, void *ctx)
{
  CalRoll r = (CalRoll) ctx;
  PetscFunctionBeginUser;
  PetscCall(SNESConvergedDefault(snes, it, xnorm, snorm, fnorm, reason, NULL));
  if (*reason == SNES_CONVERGED_ITERATING && it > 0 && fnorm <= 10.0 * PETSC_MACHINE_EPSILON * r->scale_norm)
    *reason = SNES_CONVERGED_FNORM_ABS;
  PetscFunctionReturn(0);
}

/* One Jacobian entry d(row i, component ci) / d(unknown j, component cj), physical value v. */
static PetscErrorCode Add(CalRoll r, Mat A, PetscInt i, PetscInt ci, PetscInt j, PetscInt cj, PetscReal v)
{
  MatStencil  row, col;
  PetscScalar val = v * RowScale(r, i, ci) * r->sx[cj];
  PetscFunctionBeginUser;
  row.i = i;
  row.c = ci;
  col.i = j;
  col.c = cj;
  PetscCall(MatSetValuesStencil(A, 1, &row, 1, &col, &val, ADD_VALUES));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormJacobian(SNES snes, Vec X, Mat J, Mat Pmat, void *ctx)
{
  CalRoll         r = (CalRoll) ctx;
  const RollNode *x;
  PetscInt        n = r->n;
  PetscReal       h = r->h, S = r->kGA, EI = r->EI;
  PetscFunctionBeginUser;
  PetscCall(MatZeroEntries(Pmat));
  PetscCall(DMDAVecGetArrayRead(r->da, X, &x));
  for (PetscInt e = 0; e < n; e++) {
    const PetscInt  node[2]   = {e, e + 1};
    const PetscReal dgam_w[2] = {-1.0 / h, 1.0 / h}, dgam_p[2] = {-0.5, -0.5}, dkap_p[2] = {-1.0 / h, 1.0 / h};
    const PetscReal sgn[2] = {-1.0, 1.0}; /* element shear and moment enter node a with -, node b with + */
    for (PetscInt a = 0; a < 2; a++) {
      PetscInt i = node[a];
      for (PetscInt b = 0; b < 2; b++) {
        PetscInt j = node[b];
        if (i != 0 && i != n) {
          PetscCall(Add(r, Pmat, i, CW, j, CW, sgn[a] * S * dgam_w[b]));
          PetscCall(Add(r, Pmat, i, CW, j, CPHI, sgn[a] * S * dgam_p[b]));
        }
        PetscCall(Add(r, Pmat, i, CPHI, j, CW, -0.5 * h * S * dgam_w[b]));
        PetscCall(Add(r, Pmat, i, CPHI, j, CPHI, sgn[a] * EI * dkap_p[b] - 0.5 * h * S * dgam_p[b]));
      }
    }
  }
  for (PetscInt i = 0; i <= n; i++) {
    PetscReal p = x[i].p * r->sx[CP], g, dg, T, dT = 0.0;
    if (i == 0 || i == n) PetscCall(Add(r, Pmat, i, CW, i, CW, 1.0));
    if (OnWeb(r, i)) {
      PetscCall(NodeGap(r, i, p, &g, &dg, &T, &dT));
      if (i != 0 && i != n && p > 0) PetscCall(Add(r, Pmat, i, CW, i, CP, -1.0));
      PetscCall(Add(r, Pmat, i, CP, i, CW, 2.0));
      PetscCall(Add(r, Pmat, i, CP, i, CG, 1.0));
      PetscCall(Add(r, Pmat, i, CP, i, CP, -dg));
    } else
      PetscCall(Add(r, Pmat, i, CP, i, CP, 1.0));
    PetscCall(Add(r, Pmat, i, CQ, i, CQ, 1.0));
    if (i > 0) PetscCall(Add(r, Pmat, i, CQ, i - 1, CQ, -1.0));
    PetscCall(Add(r, Pmat, i, CQ, i, CP, -dT));
    if (i < n) {
      PetscCall(Add(r, Pmat, i, CG, i + 1, CG, 1.0));
      PetscCall(Add(r, Pmat, i, CG, i, CG, -1.0));
    } else if (r->mode == CALROLL_FIXED_GAP)
      PetscCall(Add(r, Pmat, i, CG, i, CG, 1.0));
    else {
      PetscCall(Add(r, Pmat, i, CG, i, CQ, 1.0));
      PetscCall(Add(r, Pmat, i, CG, i, CG, 0.0)); /* keep the diagonal in the pattern: filled by the factorisation */
    }
  }
  PetscCall(DMDAVecRestoreArrayRead(r->da, X, &x));
  PetscCall(MatAssemblyBegin(Pmat, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(Pmat, MAT_FINAL_ASSEMBLY));
  if (J != Pmat) {
    PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollSolve(CalRoll r, PetscReal G0)
{
  RollNode           *x;
  SNESConvergedReason reason;
  PetscReal           sum = 0.0;
  const char         *prefix;
  PetscFunctionBeginUser;
  PetscCheck(r->EI > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONGSTATE, "Call CalRollSetSection() before CalRollSolve()");
  PetscCheck(r->L_ref > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONGSTATE, "Call CalRollSetScales() before CalRollSolve()");
  PetscCall(SNESSetFunction(r->snes, NULL, FormFunction, r));
  PetscCall(SNESSetJacobian(r->snes, r->J, r->J, FormJacobian, r));
  PetscCall(SNESSetConvergenceTest(r->snes, ConvergedToRoundoff, r, NULL));
  PetscCall(SNESSetFromOptions(r->snes));
  /* first guess: straight rolls at G0, the nodal loads of the web there (a gap past the floor, e.g. under a
   * crown G0 did not allow for, taken halfway between floor and contact) */
  PetscCall(DMDAVecGetArray(r->da, r->X, &x));
  for (PetscInt i = 0; i <= r->n; i++) {
    PetscReal g = G0 - r->crown[i], p = 0.0, P, dP, T = 0.0, dT;
    if (OnWeb(r, i)) {
      if (g <= r->floor[i]) g = 0.5 * (r->floor[i] + r->contact[i]);
      PetscCall(CallFoundation(r, i, PetscMin(g, r->contact[i]), &P, &dP, &T, &dT));
      p = g < r->contact[i] ? P : -(g - r->contact[i]) / r->comp;
    }
    sum += T;
    x[i].w = x[i].phi = 0.0;
    x[i].Q            = sum / r->sx[CQ];
    x[i].G            = G0 / r->sx[CG];
    x[i].p            = p / r->sx[CP];
  }
  PetscCall(DMDAVecRestoreArray(r->da, r->X, &x));
  PetscCall(SNESSolve(r->snes, NULL, r->X));
  PetscCall(SNESGetConvergedReason(r->snes, &reason));
  PetscCall(SNESGetIterationNumber(r->snes, &r->its));
  PetscCall(SNESGetFunctionNorm(r->snes, &r->fnorm));
  r->reason = (PetscInt) reason;
  PetscCall(SNESGetOptionsPrefix(r->snes, &prefix));
  PetscCheck(reason > 0, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED,
             "The roll-deflection solve did not converge (%s after %" PetscInt_FMT
             " Newton iterations, residual %g): try -%ssnes_monitor",
             SNESConvergedReasons[reason], r->its, (double) r->fnorm, prefix ? prefix : "");
  PetscCall(DMDAVecGetArray(r->da, r->X, &x));
  for (PetscInt i = 0; i <= r->n; i++) {
    r->w[i]   = x[i].w * r->sx[CW];
    r->phi[i] = x[i].phi * r->sx[CPHI];
    r->gap[i] = x[i].G * r->sx[CG] + 2.0 * r->w[i] - r->crown[i];
    r->P[i]   = OnWeb(r, i) ? PetscMax(x[i].p * r->sx[CP], 0.0) : 0.0;
  }
  r->G = x[r->n].G * r->sx[CG];
  PetscCall(DMDAVecRestoreArray(r->da, r->X, &x));
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollGetSolution(CalRoll r, const PetscReal **y, const PetscReal **w, const PetscReal **phi,
                                  const PetscReal **gap, const PetscReal **P, PetscReal *G)
{
  PetscFunctionBeginUser;
  if (y) *y = r->y;
  if (w) *w = r->w;
  if (phi) *phi = r->phi;
  if (gap) *gap = r->gap;
  if (P) *P = r->P;
  if (G) *G = r->G;
  PetscFunctionReturn(0);
}

PetscErrorCode CalRollGetStats(CalRoll r, PetscInt *its, PetscReal *fnorm, PetscInt *reason)
{
  PetscFunctionBeginUser;
  if (its) *its = r->its;
  if (fnorm) *fnorm = r->fnorm;
  if (reason) *reason = r->reason;
  PetscFunctionReturn(0);
}
