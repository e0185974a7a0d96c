/* Calendering model: pure functions (docs/calendering.md). The roll-pair solver is in calender_roll.c. */
#include "calender_model.h"
#include <math.h>

PetscReal CalenderPorosity(PetscReal eps0, PetscReal eps_min, PetscReal gamma_c, PetscReal q)
{
  if (eps0 <= eps_min) return eps0;
  return eps_min + (eps0 - eps_min) * PetscExpReal(-q / gamma_c);
}

PetscReal CalenderLineLoad(PetscReal eps0, PetscReal eps_min, PetscReal gamma_c, PetscReal eps)
{
  if (eps >= eps0) return 0.0;
  if (eps <= eps_min) return PETSC_INFINITY;
  return gamma_c * PetscLogReal((eps0 - eps_min) / (eps - eps_min));
}

PetscReal CalenderExitThickness(PetscReal gap, PetscReal t_foil, PetscReal springback, PetscReal h_in)
{
  return PetscMin((gap - t_foil) * (1.0 + springback), h_in);
}

PetscReal CalenderGapForThickness(PetscReal h_out, PetscReal t_foil, PetscReal springback)
{
  return h_out / (1.0 + springback) + t_foil;
}

PetscReal CalenderCellInletThickness(const CalenderCell *c)
{
  return c->s / (1.0 - c->eps_in);
}

/* Law in the thickness h of the coating after the nip: porosity, line load and their h-derivatives. */
static void LawOfThickness(const CalenderCell *c, PetscReal h, PetscReal *q, PetscReal *dq, PetscReal *eps,
                           PetscReal *deps)
{
  *eps  = 1.0 - c->s / h;
  *deps = c->s / (h * h);
  *q    = c->gamma_c * PetscLogReal((c->eps_in - c->eps_min) / (*eps - c->eps_min));
  *dq   = -c->gamma_c * *deps / (*eps - c->eps_min);
}

void CalenderCellResponse(const CalenderCell *c, PetscReal g, PetscReal *q, PetscReal *dq_dg, PetscReal *eps,
                          PetscReal *deps_dg, PetscBool *valid)
{
  const PetscReal dh_dg = 1.0 + c->springback;
  PetscReal       h = (g - c->t_foil) * dh_dg, h_in = CalenderCellInletThickness(c);
  PetscReal       q_, dq_, e_, de_;
  PetscBool       ok = PETSC_TRUE;
  if (h >= h_in) {
    q_ = dq_ = de_ = 0.0;
    e_             = c->eps_in;
  } else {
    const PetscReal delta = 1e-6 * (c->eps_in - c->eps_min);
    const PetscReal h_d   = c->s / (1.0 - c->eps_min - delta); /* thickness where eps - eps_min = delta */
    if (h > h_d)
      LawOfThickness(c, h, &q_, &dq_, &e_, &de_);
    else {
      LawOfThickness(c, h_d, &q_, &dq_, &e_, &de_);
      q_ += dq_ * (h - h_d);
      e_ += de_ * (h - h_d);
      ok = PETSC_FALSE;
    }
  }
  if (q) *q = q_;
  if (dq_dg) *dq_dg = dq_ * dh_dg;
  if (eps) *eps = e_;
  if (deps_dg) *deps_dg = de_ * dh_dg;
  if (valid) *valid = ok;
}

/* Mean over the cells of the line load (mode 0) or exit porosity (mode 1) minus the target, and its slope. */
static void RigidResidual(PetscInt n, const CalenderCell cells[], const PetscReal offset[], PetscInt mode,
                          PetscReal target, PetscReal g, PetscReal *f, PetscReal *df)
{
  PetscReal sum = 0.0, dsum = 0.0;
  for (PetscInt j = 0; j < n; j++) {
    PetscReal q, dq, e, de;
    CalenderCellResponse(&cells[j], g + (offset ? offset[j] : 0.0), &q, &dq, &e, &de, NULL);
    sum += mode == 0 ? q : e;
    dsum += mode == 0 ? dq : de;
  }
  *f  = sum / n - target;
  *df = dsum / n;
}

PetscErrorCode CalenderRigidGap(PetscInt n, const CalenderCell cells[], const PetscReal offset[], PetscInt mode,
                                PetscReal target, PetscReal *gap, PetscBool *reachable, PetscReal *limit)
{
  PetscReal lo = -PETSC_MAX_REAL, hi = -PETSC_MAX_REAL, flo, fhi, g, f, df, dfl;
  PetscFunctionBeginUser;
  PetscCheck(n > 0 && (mode == 0 || mode == 1), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Bad rigid-gap problem");
  for (PetscInt j = 0; j < n; j++) {
    const CalenderCell *c     = &cells[j];
    PetscReal           off   = offset ? offset[j] : 0.0;
    PetscReal           delta = 1e-6 * (c->eps_in - c->eps_min);
    PetscCheck(c->eps_in > c->eps_min, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
               "Cell %" PetscInt_FMT " comes in at porosity %g, at or below the minimum porosity %g of the law", j,
               (double) c->eps_in, (double) c->eps_min);
    hi = PetscMax(hi, CalenderGapForThickness(CalenderCellInletThickness(c), c->t_foil, c->springback) - off);
    lo = PetscMax(lo, CalenderGapForThickness(c->s / (1.0 - c->eps_min - delta), c->t_foil, c->springback) - off);
  }
  RigidResidual(n, cells, offset, mode, target, lo, &flo, &dfl);
  RigidResidual(n, cells, offset, mode, target, hi, &fhi, &dfl);
  if (reachable) *reachable = (PetscBool) (flo * fhi <= 0);
  if (limit) *limit = flo + target;
  if (flo * fhi > 0) {
    PetscCheck(reachable, PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED, "The rigid-roll target %g is out of reach",
               (double) target);
    *gap = lo;
    PetscFunctionReturn(0);
  }
  g = 0.5 * (lo + hi);
  for (PetscInt it = 0; it < 200; it++) {
    PetscReal gn;
    RigidResidual(n, cells, offset, mode, target, g, &f, &df);
    if (f == 0.0) break;
    if ((f > 0) == (flo > 0))
      lo = g;
    else
      hi = g;
    gn = df != 0.0 ? g - f / df : 0.5 * (lo + hi);
    if (!(gn > PetscMin(lo, hi) && gn < PetscMax(lo, hi))) gn = 0.5 * (lo + hi);
    if (PetscAbsReal(gn - g) <= 1e-14 * PetscAbsReal(g)) {
      g = gn;
      break;
    }
    g = gn;
  }
  *gap = g;
  PetscFunctionReturn(0);
}

void CalenderBiteEvaluate(PetscReal R, PetscReal h_in, PetscReal h_nip, PetscReal eps_in, PetscReal eps_out,
                          PetscReal eps_min, PetscReal q, CalenderBite *b)
{
  PetscReal dh = h_in - h_nip, a, x, r, shape, ln_Aa, work_bracket;
  b->A         = eps_in - eps_min;
  b->B         = eps_in - eps_out;
  b->R         = R;
  if (dh <= 0 || q <= 0 || b->B <= 0) {
    b->length = b->p_scale = b->peak_pressure = b->mean_pressure = b->work = 0.0;
    return;
  }
  a         = b->A - b->B;
  x         = b->B / a;
  r         = PetscSqrtReal(x);
  b->length = PetscSqrtReal(R * dh);
  /* 1 - atan(r)/r and 1 - ln(1 + x)/x lose digits for tiny x: their series there */
  shape            = r < 1e-4 ? x / 3.0 - x * x / 5.0 : 1.0 - PetscAtanReal(r) / r;
  ln_Aa            = log1p(x);
  work_bracket     = x < 1e-6 ? x / 2.0 - x * x / 3.0 : 1.0 - ln_Aa / x;
  b->p_scale       = q / (2.0 * b->length * shape);
  b->peak_pressure = b->p_scale * ln_Aa;
  b->mean_pressure = q / b->length;
  b->work          = b->p_scale * dh * work_bracket;
}

PetscReal CalenderBitePressure(const CalenderBite *b, PetscReal x)
{
  PetscReal zeta;
  if (b->length <= 0 || x >= b->length || x < 0) return 0.0;
  zeta = 1.0 - x * x / (b->length * b->length);
  return b->p_scale * PetscLogReal(b->A / (b->A - b->B * zeta));
}

void CalenderRollSection(PetscReal D, PetscReal d, PetscReal *area, PetscReal *Imom, PetscReal *Z)
{
  PetscReal D2 = D * D, d2 = d * d;
  if (area) *area = 0.25 * PETSC_PI * (D2 - d2);
  if (Imom) *Imom = PETSC_PI / 64.0 * (D2 * D2 - d2 * d2);
  if (Z) *Z = PETSC_PI / 32.0 * (D2 * D2 - d2 * d2) / D;
}

PetscReal CalenderRollBendingStress(PetscReal F, PetscReal span, PetscReal b, PetscReal Z)
{
  return F * (2.0 * span - b) / 8.0 / Z;
}

PetscReal CalenderRollDeflectionUniform(PetscReal span, PetscReal b, PetscReal q, PetscReal EI, PetscReal kGA,
                                        PetscReal y)
{
  PetscReal a = 0.5 * (span - b), R = 0.5 * q * b, C = R * span * span / 8.0 - q * b * b * b / 48.0, xa, M;
  if (y > 0.5 * span) y = span - y; /* symmetric */
  xa = PetscMax(y - a, 0.0);
  M  = R * y - 0.5 * q * xa * xa;
  return (-R * y * y * y / 6.0 + q * xa * xa * xa * xa / 24.0 + C * y) / EI + M / kGA;
}

PetscReal CalenderCrownShape(PetscReal y, PetscReal span, PetscReal face)
{
  PetscReal u = 2.0 * (y - 0.5 * span) / face;
  return PetscAbsReal(u) < 1.0 ? 1.0 - u * u : 0.0;
}

PetscReal CalenderContactHeat(PetscReal h_c, PetscReal k, PetscReal rho_cp, PetscReal t, PetscReal dT)
{
  PetscReal alpha = k / rho_cp, beta, bracket;
  if (t <= 0 || h_c <= 0) return 0.0;
  beta = h_c * PetscSqrtReal(alpha * t) / k;
  if (beta < 1e-4)
    bracket = beta * beta * (1.0 - 4.0 * beta / (3.0 * PetscSqrtReal(PETSC_PI)));
  else if (beta > 20.0) {
    PetscReal b2 = beta * beta;
    bracket      = (1.0 - 0.5 / b2 + 0.75 / (b2 * b2)) / (beta * PetscSqrtReal(PETSC_PI)) - 1.0 +
              2.0 * beta / PetscSqrtReal(PETSC_PI);
  } else
    bracket = PetscExpReal(beta * beta) * erfc(beta) - 1.0 + 2.0 * beta / PetscSqrtReal(PETSC_PI);
  return k * k * dT / (h_c * alpha) * bracket;
}
