/* Multi-objective search over a study's parameters (docs/studies.md):
 *  1. NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002): binary tournaments on (front rank, crowding distance),
 *     simulated binary crossover and polynomial mutation in the unit cube of the parameters, constrained
 *     domination (a feasible case beats an infeasible one; infeasible ones compare by total violation; a failed case
 *     is infeasible with infinite violation). The initial population is the best of the design cases (or a Latin
 *     hypercube when the study has no design); each generation is one batch of cases.
 *  2. Local refinement with PETSc TAO (bound-constrained BQNLS with forward-difference gradients, or Nelder-Mead)
 *     from points spread along the front: an epsilon-constraint problem per start (minimise the first objective
 *     with the others no worse than at the start, constraints kept), through a quadratic penalty. TAO has no Pareto
 *     solver; the starts run in parallel, each on one group.
 *  3. The Pareto filter: the feasible non-dominated set of every finished case.
 * Every random draw comes from a generator seeded by the study seed and the generation number, and every case
 * result is bit-identical wherever it runs, so the search and its front are the same on any rank count, and a
 * resumed study repeats no case: refinement starts replay their evaluations from the record. */
#include "study_impl.h"
#include <petsctao.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * Objectives and feasibility */
PetscErrorCode StudyFeasible(Study s, const double *out, PetscBool *feasible, double *violation)
{
  double v = 0.0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < s->nobj; i++)
    if (!isfinite(out[s->obj[i].output])) v = INFINITY;
  for (PetscInt i = 0; i < s->ncon && isfinite(v); i++) {
    const StudyConstraint *c = &s->con[i];
    double                 x = out[c->output];
    if (!isfinite(x))
      v = INFINITY;
    else if (x < c->lo)
      v += (c->lo - x) / PetscMax(fabs(c->lo), 1e-12);
    else if (x > c->hi)
      v += (x - c->hi) / PetscMax(fabs(c->hi), 1e-12);
  }
  *feasible  = v == 0.0 ? PETSC_TRUE : PETSC_FALSE;
  *violation = v;
  PetscFunctionReturn(0);
}

/* Objective values to minimise. */
static void MinObjectives(Study s, const double *out, double *f)
{
  for (PetscInt i = 0; i < s->nobj; i++) f[i] = s->obj[i].maximize ? -out[s->obj[i].output] : out[s->obj[i].output];
}

static PetscBool Dominates(PetscInt m, const double *a, const double *b)
{
  PetscBool better = PETSC_FALSE;
  for (PetscInt i = 0; i < m; i++) {
    if (a[i] > b[i]) return PETSC_FALSE;
    if (a[i] < b[i]) better = PETSC_TRUE;
  }
  return better;
}

typedef struct {
  int64_t  key;
  PetscInt i;
  double  *f;
  PetscInt m;
} FrontItem;

static int CompareLex(const void *x, const void *y)
{
  const FrontItem *a = (const FrontItem *) x, *b = (const FrontItem *) y;
  for (PetscInt k = 0; k < a->m; k++)
    if (a->f[k] != b->f[k]) return a->f[k] < b->f[k] ? -1 : 1;
  return a->key < b->key ? -1 : a->key > b->key ? 1 : 0;
}

/* Feasible non-dominated cases among the records of phases below max_phase (identical objective vectors: the first
 * case by identity). Returned in order of the first objective. */
static PetscErrorCode Front(Study s, const StudyRecords *rec, int max_phase, PetscInt *nfront, PetscInt **front)
{
  FrontItem *it;
  double    *f;
  PetscInt   n = 0, m = s->nobj;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(rec->n + 1, &it));
  PetscCall(PetscMalloc1((rec->n + 1) * (m ? m : 1), &f));
  for (PetscInt i = 0; i < rec->n; i++) {
    PetscBool ok;
    double    v;
    if (rec->meta[i].status != STUDY_OK || rec->meta[i].phase >= max_phase) continue;
    PetscCall(StudyFeasible(s, rec->out + i * rec->nout, &ok, &v));
    if (!ok) continue;
    it[n].key = StudyCaseKey(rec->meta[i].phase, rec->meta[i].batch, rec->meta[i].index);
    it[n].i   = i;
    it[n].f   = f + n * m;
    it[n].m   = m;
    MinObjectives(s, rec->out + i * rec->nout, it[n].f);
    n++;
  }
  qsort(it, (size_t) n, sizeof(*it), CompareLex);
  /* in lexicographic order a case can only be dominated by an earlier one, hence by an earlier front member */
  PetscCall(PetscMalloc1(n + 1, front));
  *nfront = 0;
  for (PetscInt k = 0; k < n; k++) {
    PetscBool keep = PETSC_TRUE;
    for (PetscInt j = 0; j < *nfront && keep; j++) {
      const FrontItem *g    = &it[(*front)[j]];
      PetscBool        same = PETSC_TRUE;
      for (PetscInt d = 0; d < m; d++)
        if (g->f[d] != it[k].f[d]) same = PETSC_FALSE;
      if (same || Dominates(m, g->f, it[k].f)) keep = PETSC_FALSE;
    }
    if (keep) (*front)[(*nfront)++] = k;
  }
  for (PetscInt j = 0; j < *nfront; j++) (*front)[j] = it[(*front)[j]].i;
  PetscCall(PetscFree(it));
  PetscCall(PetscFree(f));
  PetscFunctionReturn(0);
}

PetscErrorCode StudyParetoFront(Study s, const StudyRecords *rec, PetscInt *nfront, PetscInt **front)
{
  PetscFunctionBeginUser;
  PetscCall(Front(s, rec, STUDY_PHASE_REFINE + 1, nfront, front));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * NSGA-II */
typedef struct {
  PetscInt rec;       /* record index */
  double  *u;         /* unit-cube coordinates (np) */
  int64_t  key;       /* identity, for deterministic ties */
  PetscInt rank;      /* non-domination front, 0 best */
  double   crowd;     /* crowding distance */
  double   violation; /* 0 feasible, inf failed */
  double   f[STUDY_MAX_OBJ];
} Member;

/* Deb's constrained domination */
static PetscBool CDominates(PetscInt m, const Member *a, const Member *b)
{
  if (a->violation == 0.0 && b->violation > 0.0) return PETSC_TRUE;
  if (a->violation > 0.0 && b->violation == 0.0) return PETSC_FALSE;
  if (a->violation > 0.0) return a->violation < b->violation ? PETSC_TRUE : PETSC_FALSE;
  return Dominates(m, a->f, b->f);
}

static PetscErrorCode Describe(Study s, const StudyRecords *rec, Member *x)
{
  PetscBool              ok;
  const StudyRecordMeta *mt = &rec->meta[x->rec];
  PetscFunctionBeginUser;
  x->key = StudyCaseKey(mt->phase, mt->batch, mt->index);
  if (mt->status != STUDY_OK) {
    x->violation = INFINITY;
    for (PetscInt i = 0; i < s->nobj; i++) x->f[i] = INFINITY;
    PetscFunctionReturn(0);
  }
  PetscCall(StudyFeasible(s, rec->out + x->rec * rec->nout, &ok, &x->violation));
  MinObjectives(s, rec->out + x->rec * rec->nout, x->f);
  PetscFunctionReturn(0);
}

static int CompareCrowdDesc(const void *x, const void *y)
{
  const Member *a = *(Member *const *) x, *b = *(Member *const *) y;
  if (a->crowd != b->crowd) return a->crowd > b->crowd ? -1 : 1;
  return a->key < b->key ? -1 : a->key > b->key ? 1 : 0;
}

static PetscInt sort_objective; /* the objective CompareObjective sorts by (set just before qsort) */
static int      CompareObjective(const void *x, const void *y)
{
  const Member *a = *(Member *const *) x, *b = *(Member *const *) y;
  if (a->f[sort_objective] != b->f[sort_objective]) return a->f[sort_objective] < b->f[sort_objective] ? -1 : 1;
  return a->key < b->key ? -1 : a->key > b->key ? 1 : 0;
}

/* Fast non-dominated sort and crowding distances of n members. */
static PetscErrorCode RankAndCrowd(Study s, PetscInt n, Member *x)
{
  PetscInt *count, *dominated, *ndom, rank = 0, left = n;
  Member  **fr;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(n, &count));
  PetscCall(PetscMalloc1(n * n + 1, &dominated));
  PetscCall(PetscCalloc1(n, &ndom));
  PetscCall(PetscMalloc1(n + 1, &fr));
  for (PetscInt i = 0; i < n; i++) {
    x[i].rank  = -1;
    x[i].crowd = 0.0;
    for (PetscInt j = 0; j < n; j++) {
      if (i == j) continue;
      if (CDominates(s->nobj, &x[i], &x[j]))
        dominated[i * n + ndom[i]++] = j;
      else if (CDominates(s->nobj, &x[j], &x[i]))
        count[i]++;
    }
  }
  while (left > 0) {
    PetscInt nf = 0;
    for (PetscInt i = 0; i < n; i++)
      if (x[i].rank < 0 && count[i] == 0) fr[nf++] = &x[i];
    if (!nf) break;
    for (PetscInt k = 0; k < nf; k++) fr[k]->rank = rank;
    for (PetscInt k = 0; k < nf; k++) {
      PetscInt i = fr[k] - x;
      count[i]   = -1;
      for (PetscInt d = 0; d < ndom[i]; d++) count[dominated[i * n + d]]--;
    }
    /* crowding distance within this front, objective by objective */
    for (PetscInt o = 0; o < s->nobj; o++) {
      double lo, hi;
      sort_objective = o;
      qsort(fr, (size_t) nf, sizeof(*fr), CompareObjective);
      lo           = fr[0]->f[o];
      hi           = fr[nf - 1]->f[o];
      fr[0]->crowd = fr[nf - 1]->crowd = INFINITY;
      if (!(hi > lo) || !isfinite(hi - lo)) continue;
      for (PetscInt k = 1; k + 1 < nf; k++) fr[k]->crowd += (fr[k + 1]->f[o] - fr[k - 1]->f[o]) / (hi - lo);
    }
    left -= nf;
    rank++;
  }
  PetscCall(PetscFree(count));
  PetscCall(PetscFree(dominated));
  PetscCall(PetscFree(ndom));
  PetscCall(PetscFree(fr));
  PetscFunctionReturn(0);
}

/* The best P of n members (ranked): whole fronts, then the last one by crowding. Moves them to x[0..P-1]. */
static PetscErrorCode SelectBest(PetscInt n, Member *x, PetscInt P)
{
  Member **order, *tmp;
  PetscInt k = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(n, &order));
  PetscCall(PetscMalloc1(n, &tmp));
  for (PetscInt r = 0; k < n; r++) {
    PetscInt start = k;
    for (PetscInt i = 0; i < n; i++)
      if (x[i].rank == r) order[k++] = &x[i];
    qsort(order + start, (size_t) (k - start), sizeof(*order), CompareCrowdDesc);
    if (k == start && r > n) break;
  }
  for (PetscInt i = 0; i < n; i++) tmp[i] = *order[i];
  for (PetscInt i = 0; i < n; i++) x[i] = tmp[i];
  (void) P;
  PetscCall(PetscFree(order));
  PetscCall(PetscFree(tmp));
  PetscFunctionReturn(0);
}

static const Member *Tournament(StudyRng *rng, PetscInt P, const Member *pop)
{
  const Member *a = &pop[StudyRngNext(rng) % (uint64_t) P], *b = &pop[StudyRngNext(rng) % (uint64_t) P];
  if (a->rank != b->rank) return a->rank < b->rank ? a : b;
  if (a->crowd != b->crowd) return a->crowd > b->crowd ? a : b;
  return a->key <= b->key ? a : b;
}

/* Simulated binary crossover (bounded form, Deb and Agrawal 1995) of one variable in [0, 1]. */
static void SBX(StudyRng *rng, double eta, double x1, double x2, double *c1, double *c2)
{
  double lo = 0.0, hi = 1.0, y1 = PetscMin(x1, x2), y2 = PetscMax(x1, x2), r = StudyRngUniform(rng), beta, alpha, betaq;
  if (y2 - y1 < 1e-14) {
    *c1 = x1;
    *c2 = x2;
    return;
  }
  beta  = 1.0 + 2.0 * (y1 - lo) / (y2 - y1);
  alpha = 2.0 - pow(beta, -(eta + 1.0));
  betaq = r <= 1.0 / alpha ? pow(r * alpha, 1.0 / (eta + 1.0)) : pow(1.0 / (2.0 - r * alpha), 1.0 / (eta + 1.0));
  *c1   = 0.5 * ((y1 + y2) - betaq * (y2 - y1));
  beta  = 1.0 + 2.0 * (hi - y2) / (y2 - y1);
  alpha = 2.0 - pow(beta, -(eta + 1.0));
  betaq = r <= 1.0 / alpha ? pow(r * alpha, 1.0 / (eta + 1.0)) : pow(1.0 / (2.0 - r * alpha), 1.0 / (eta + 1.0));
  *c2   = 0.5 * ((y1 + y2) + betaq * (y2 - y1));
  *c1   = PetscMin(PetscMax(*c1, lo), hi);
  *c2   = PetscMin(PetscMax(*c2, lo), hi);
  if (StudyRngUniform(rng) < 0.5) {
    double t = *c1;
    *c1      = *c2;
    *c2      = t;
  }
  if (x1 > x2) {
    double t = *c1;
    *c1      = *c2;
    *c2      = t;
  }
}

/* Polynomial mutation (Deb and Goyal 1996) of one variable in [0, 1]. */
static double Mutate(StudyRng *rng, double eta, double x)
{
  double r = StudyRngUniform(rng), d1 = x, d2 = 1.0 - x, dq;
  if (r < 0.5)
    dq = pow(2.0 * r + (1.0 - 2.0 * r) * pow(1.0 - d1, eta + 1.0), 1.0 / (eta + 1.0)) - 1.0;
  else
    dq = 1.0 - pow(2.0 * (1.0 - r) + 2.0 * (r - 0.5) * pow(1.0 - d2, eta + 1.0), 1.0 / (eta + 1.0));
  return PetscMin(PetscMax(x + dq, 0.0), 1.0);
}

/* Unit-cube coordinate of a parameter value (the middle of its cell for integers and choices). */
static double Coordinate(const StudyParameter *p, double v)
{
  if (p->kind == STUDY_CHOICE) return (v + 0.5) / (double) p->nchoices;
  if (p->kind == STUDY_INTEGER) {
    if (p->scale == STUDY_LOG) return (log(v + 0.5) - log(p->lo)) / (log(p->hi + 1.0) - log(p->lo));
    return (v - p->lo + 0.5) / (p->hi - p->lo + 1.0);
  }
  if (p->scale == STUDY_LOG) return (log(v) - log(p->lo)) / (log(p->hi) - log(p->lo));
  return (v - p->lo) / (p->hi - p->lo);
}

/* Evaluate unit-cube points as the cases (phase, batch, 0..n-1); x[i].rec is set. */
static PetscErrorCode EvaluatePoints(Study s, StudyRunner r, int phase, int batch, PetscInt n, Member *x)
{
  StudyCaseTask *t;
  double        *values;
  StudyRecords  *rec;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(n, &t));
  PetscCall(PetscMalloc1(n * s->np, &values));
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt k = 0; k < s->np; k++) values[i * s->np + k] = StudyParameterValue(&s->param[k], x[i].u[k]);
    t[i].phase  = phase;
    t[i].batch  = batch;
    t[i].index  = (int) i;
    t[i].values = values + i * s->np;
  }
  PetscCall(StudyRunnerEvaluate(r, n, t));
  PetscCall(StudyRunnerGetRecords(r, &rec));
  for (PetscInt i = 0; i < n; i++) {
    x[i].rec = StudyRecordsFind(rec, phase, batch, (int) i);
    PetscCheck(x[i].rec >= 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Case %d.%d.%d was not recorded", phase, batch, (int) i);
    PetscCall(Describe(s, rec, &x[i]));
  }
  PetscCall(PetscFree(t));
  PetscCall(PetscFree(values));
  PetscFunctionReturn(0);
}

static PetscErrorCode NSGA2(Study s, StudyRunner r)
{
  PetscInt      P = s->opt.population, np = s->np, ninit = 0;
  Member       *pop, *all;
  double       *ubuf;
  StudyRecords *rec;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(2 * P + 1, &all));
  PetscCall(PetscMalloc1((2 * P + 1) * (np ? np : 1), &ubuf));
  for (PetscInt i = 0; i < 2 * P; i++) all[i].u = ubuf + i * np;
  pop = all;
  PetscCall(StudyRunnerGetRecords(r, &rec));
  /* generation 0: the best P design cases, completed by a Latin hypercube (batch 0) */
  {
    PetscInt nd = 0;
    Member  *cand;
    double  *cu;
    for (PetscInt i = 0; i < rec->n; i++)
      if (rec->meta[i].phase == STUDY_PHASE_DESIGN) nd++;
    if (nd) {
      PetscInt k = 0;
      PetscCall(PetscCalloc1(nd, &cand));
      PetscCall(PetscMalloc1(nd * np, &cu));
      for (PetscInt i = 0; i < rec->n; i++)
        if (rec->meta[i].phase == STUDY_PHASE_DESIGN) {
          cand[k].rec = i;
          cand[k].u   = cu + k * np;
          for (PetscInt j = 0; j < np; j++) cand[k].u[j] = Coordinate(&s->param[j], rec->param[i * np + j]);
          PetscCall(Describe(s, rec, &cand[k]));
          k++;
        }
      PetscCall(RankAndCrowd(s, nd, cand));
      PetscCall(SelectBest(nd, cand, P));
      ninit = PetscMin(nd, P);
      for (PetscInt i = 0; i < ninit; i++) {
        double *u = pop[i].u;
        pop[i]    = cand[i];
        pop[i].u  = u;
        PetscCall(PetscArraycpy(u, cand[i].u, np));
      }
      PetscCall(PetscFree(cand));
      PetscCall(PetscFree(cu));
    }
    if (ninit < P) {
      PetscInt n = P - ninit;
      double  *u;
      PetscCall(PetscMalloc1(n * np, &u));
      PetscCall(StudyLatinHypercube(n, np, s->seed ^ 0x6E5A2000ull, u));
      for (PetscInt i = 0; i < n; i++) PetscCall(PetscArraycpy(pop[ninit + i].u, u + i * np, np));
      PetscCall(PetscFree(u));
      PetscCall(EvaluatePoints(s, r, STUDY_PHASE_GENERATION, 0, n, pop + ninit));
    }
  }
  PetscCall(RankAndCrowd(s, P, pop));
  for (PetscInt g = 1; g <= s->opt.generations; g++) {
    StudyRng rng;
    Member  *kids = all + P;
    StudyRngSeed(&rng, s->seed, 0x6E5A0000ull + (uint64_t) g);
    for (PetscInt k = 0; k < P; k += 2) {
      const Member *a = Tournament(&rng, P, pop), *b = Tournament(&rng, P, pop);
      PetscBool     cross = StudyRngUniform(&rng) < s->opt.crossover_probability ? PETSC_TRUE : PETSC_FALSE;
      for (PetscInt j = 0; j < np; j++) {
        double c1 = a->u[j], c2 = b->u[j];
        if (cross && StudyRngUniform(&rng) < 0.5) SBX(&rng, s->opt.crossover_eta, a->u[j], b->u[j], &c1, &c2);
        kids[k].u[j]     = c1;
        kids[k + 1].u[j] = c2;
      }
      for (PetscInt c = 0; c < 2; c++)
        for (PetscInt j = 0; j < np; j++)
          if (StudyRngUniform(&rng) < 1.0 / (double) np)
            kids[k + c].u[j] = Mutate(&rng, s->opt.mutation_eta, kids[k + c].u[j]);
    }
    PetscCall(EvaluatePoints(s, r, STUDY_PHASE_GENERATION, (int) g, P, kids));
    PetscCall(RankAndCrowd(s, 2 * P, all));
    PetscCall(SelectBest(2 * P, all, P));
    /* SelectBest copied the members: point each at its own coordinate storage again */
    {
      double *u;
      PetscCall(PetscMalloc1(2 * P * np, &u));
      for (PetscInt i = 0; i < 2 * P; i++) PetscCall(PetscArraycpy(u + i * np, all[i].u, np));
      for (PetscInt i = 0; i < 2 * P; i++) {
        all[i].u = ubuf + i * np;
        PetscCall(PetscArraycpy(all[i].u, u + i * np, np));
      }
      PetscCall(PetscFree(u));
    }
    PetscCall(RankAndCrowd(s, P, pop));
  }
  PetscCall(PetscFree(all));
  PetscCall(PetscFree(ubuf));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Local refinement with TAO */
/* payload of a start: u0[np], the start's objectives f0[nobj] (minimised), their scales[nobj] */
PetscErrorCode StudyRefinePayloadLength(Study s, PetscInt *len)
{
  PetscFunctionBeginUser;
  *len = s->np + 2 * s->nobj;
  PetscFunctionReturn(0);
}

typedef struct {
  Study         s;
  StudyRunner   r;
  PetscInt      start, evaluations;
  const double *f0, *scale;
  double       *values, *out;
  PetscBool     mapped; /* Nelder-Mead: u = (1 - cos(pi z)) / 2 keeps it inside [0, 1] */
  PetscBool     spent;  /* the budget of cases is spent */
  double        best;
} Refine;

/* The penalised epsilon-constraint objective at unit-cube point u: one case. */
static PetscErrorCode Penalised(Refine *ctx, const double *u, double *F)
{
  Study           s = ctx->s;
  StudyRecordMeta m;
  double          f[STUDY_MAX_OBJ], viol = 0.0, mu = s->opt.penalty;
  PetscBool       ok;
  PetscFunctionBeginUser;
  if (ctx->evaluations >= s->opt.refine_evaluations) { /* the budget is spent: no more cases, TAO gets nowhere */
    ctx->spent = PETSC_TRUE;
    *F         = 1e6;
    PetscFunctionReturn(0);
  }
  for (PetscInt i = 0; i < s->np; i++) ctx->values[i] = StudyParameterValue(&s->param[i], u[i]);
  PetscCall(StudyRunnerCase(ctx->r, STUDY_PHASE_REFINE, (int) ctx->start, (int) ctx->evaluations++, ctx->values, &m,
                            ctx->out));
  if (m.status != STUDY_OK) {
    *F = 1e6;
    PetscFunctionReturn(0);
  }
  PetscCall(StudyFeasible(s, ctx->out, &ok, &viol));
  if (!isfinite(viol)) {
    *F = 1e6;
    PetscFunctionReturn(0);
  }
  MinObjectives(s, ctx->out, f);
  *F = (f[0] - ctx->f0[0]) / ctx->scale[0];
  for (PetscInt i = 1; i < s->nobj; i++) {
    double e = PetscMax(0.0, (f[i] - ctx->f0[i]) / ctx->scale[i] + 1e-3);
    *F += mu * e * e;
  }
  /* the constraints with a small margin, so that the optimum of the penalised problem is feasible */
  if (viol > 0 || s->ncon) {
    double vm = 0.0;
    for (PetscInt i = 0; i < s->ncon; i++) {
      const StudyConstraint *c = &s->con[i];
      double                 x = ctx->out[c->output];
      if (isfinite(c->lo)) vm += PetscSqr(PetscMax(0.0, (c->lo - x) / PetscMax(fabs(c->lo), 1e-12) + 1e-3));
      if (isfinite(c->hi)) vm += PetscSqr(PetscMax(0.0, (x - c->hi) / PetscMax(fabs(c->hi), 1e-12) + 1e-3));
    }
    *F += mu * vm;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Point(Refine *ctx, Vec X, double *u)
{
  const PetscScalar *x;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(X, &x));
  for (PetscInt i = 0; i < ctx->s->np; i++)
    u[i] = ctx->mapped ? 0.5 * (1.0 - cos(PETSC_PI * (double) x[i])) : PetscMin(PetscMax((double) x[i], 0.0), 1.0);
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscFunctionReturn(0);
}

static PetscErrorCode Objective(Tao tao, Vec X, PetscReal *F, void *vctx)
{
  Refine *ctx = (Refine *) vctx;
  double  u[128], f;
  PetscFunctionBeginUser;
  PetscCall(Point(ctx, X, u));
  PetscCall(Penalised(ctx, u, &f));
  *F = (PetscReal) f;
  PetscFunctionReturn(0);
}

/* Objective and forward-difference gradient in the unit cube (backward at the upper bound): np + 1 cases. */
static PetscErrorCode ObjectiveGradient(Tao tao, Vec X, PetscReal *F, Vec G, void *vctx)
{
  Refine      *ctx = (Refine *) vctx;
  double       u[128], f0, h = ctx->s->opt.fd_step;
  PetscScalar *g;
  PetscFunctionBeginUser;
  PetscCall(Point(ctx, X, u));
  PetscCall(Penalised(ctx, u, &f0));
  PetscCall(VecGetArray(G, &g));
  for (PetscInt i = 0; i < ctx->s->np; i++) {
    double ui = u[i], step = ui + h <= 1.0 ? h : -h, f;
    u[i] = ui + step;
    PetscCall(Penalised(ctx, u, &f));
    g[i] = (PetscScalar) ((f - f0) / step);
    u[i] = ui;
  }
  PetscCall(VecRestoreArray(G, &g));
  *F = (PetscReal) f0;
  PetscFunctionReturn(0);
}

/* TAO's own tests, and the start's budget of cases. */
static PetscErrorCode Converged(Tao tao, void *vctx)
{
  Refine *ctx = (Refine *) vctx;
  PetscFunctionBeginUser;
  PetscCall(TaoDefaultConvergenceTest(tao, NULL));
  /* stop when the budget cannot pay for another step (a gradient costs np + 1 cases, Nelder-Mead one or two) */
  if (ctx->spent || ctx->evaluations + (ctx->mapped ? 1 : ctx->s->np + 1) > ctx->s->opt.refine_evaluations)
    PetscCall(TaoSetConvergedReason(tao, TAO_CONVERGED_USER));
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRefineStart(Study s, StudyRunner r, PetscInt start, PetscInt len, const double *payload)
{
  Tao          tao;
  Vec          X, lo, hi;
  Refine       ctx;
  PetscScalar *x;
  PetscFunctionBeginUser;
  PetscCheck(s->np <= 128, PETSC_COMM_SELF, PETSC_ERR_SUP, "Refinement supports up to 128 parameters");
  PetscCall(PetscMemzero(&ctx, sizeof(ctx)));
  ctx.s      = s;
  ctx.r      = r;
  ctx.start  = start;
  ctx.f0     = payload + s->np;
  ctx.scale  = payload + s->np + s->nobj;
  ctx.mapped = !strcmp(s->opt.refine_method, "nm") ? PETSC_TRUE : PETSC_FALSE;
  PetscCall(PetscMalloc2(s->np, &ctx.values, s->nout, &ctx.out));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, s->np, &X));
  PetscCall(VecGetArray(X, &x));
  for (PetscInt i = 0; i < s->np; i++)
    x[i] = ctx.mapped ? (PetscScalar) (acos(1.0 - 2.0 * payload[i]) / PETSC_PI) : (PetscScalar) payload[i];
  PetscCall(VecRestoreArray(X, &x));
  PetscCall(TaoCreate(PETSC_COMM_SELF, &tao));
  PetscCall(TaoSetOptionsPrefix(tao, "study_refine_"));
  PetscCall(TaoSetSolution(tao, X));
  if (ctx.mapped) {
    PetscCall(TaoSetType(tao, TAONM));
    PetscCall(TaoSetObjective(tao, Objective, &ctx));
  } else {
    PetscCall(TaoSetType(tao, TAOBQNLS));
    PetscCall(TaoSetObjectiveAndGradient(tao, NULL, ObjectiveGradient, &ctx));
    PetscCall(VecDuplicate(X, &lo));
    PetscCall(VecDuplicate(X, &hi));
    PetscCall(VecSet(lo, 0.0));
    PetscCall(VecSet(hi, 1.0));
    PetscCall(TaoSetVariableBounds(tao, lo, hi));
    PetscCall(VecDestroy(&lo));
    PetscCall(VecDestroy(&hi));
  }
  PetscCall(TaoSetTolerances(tao, 1e-8, 1e-8, 0.0));
  PetscCall(TaoSetMaximumIterations(tao, 10000));
  PetscCall(TaoSetMaximumFunctionEvaluations(tao, s->opt.refine_evaluations));
  PetscCall(TaoSetConvergenceTest(tao, Converged, &ctx));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoDestroy(&tao));
  PetscCall(VecDestroy(&X));
  PetscCall(PetscFree2(ctx.values, ctx.out));
  (void) len;
  PetscFunctionReturn(0);
}

/* Starts spread along the front of the search so far (by the first objective); the least infeasible cases when
 * nothing is feasible. */
static PetscErrorCode RefineAll(Study s, StudyRunner r)
{
  StudyRecords *rec;
  PetscInt      nf, *front, L, S = s->opt.refine_starts, ns = 0, m = s->nobj, np = s->np;
  double       *payload, scale[STUDY_MAX_OBJ];
  PetscFunctionBeginUser;
  if (S <= 0) PetscFunctionReturn(0);
  PetscCall(StudyRunnerGetRecords(r, &rec));
  PetscCall(Front(s, rec, STUDY_PHASE_REFINE, &nf, &front));
  if (!nf) { /* nothing feasible: the least violating finished case */
    double   best = INFINITY;
    PetscInt k    = -1;
    for (PetscInt i = 0; i < rec->n; i++) {
      PetscBool ok;
      double    v;
      if (rec->meta[i].status != STUDY_OK || rec->meta[i].phase >= STUDY_PHASE_REFINE) continue;
      PetscCall(StudyFeasible(s, rec->out + i * rec->nout, &ok, &v));
      if (v < best) best = v, k = i;
    }
    if (k < 0) PetscFunctionReturn(0);
    front[0] = k;
    nf       = 1;
  }
  /* scales: the spread of each objective over the front, or its size */
  for (PetscInt o = 0; o < m; o++) {
    double lo = INFINITY, hi = -INFINITY, f[STUDY_MAX_OBJ];
    for (PetscInt k = 0; k < nf; k++) {
      MinObjectives(s, rec->out + front[k] * rec->nout, f);
      lo = PetscMin(lo, f[o]);
      hi = PetscMax(hi, f[o]);
    }
    scale[o] = hi - lo > 1e-12 * PetscMax(fabs(hi), 1.0) ? hi - lo : PetscMax(fabs(hi), 1e-12);
  }
  PetscCall(StudyRefinePayloadLength(s, &L));
  PetscCall(PetscMalloc1(S * L, &payload));
  for (PetscInt k = 0, last = -1; k < S && k < nf; k++) {
    PetscInt i = S == 1 ? 0 : (PetscInt) floor(k * (double) (nf - 1) / (double) (S - 1) + 0.5), q = front[i];
    double  *p = payload + ns * L;
    if (i == last) continue;
    last = i;
    for (PetscInt j = 0; j < np; j++) p[j] = Coordinate(&s->param[j], rec->param[q * np + j]);
    MinObjectives(s, rec->out + q * rec->nout, p + np);
    for (PetscInt o = 0; o < m; o++) p[np + m + o] = scale[o];
    ns++;
  }
  PetscCall(StudyRunnerAddPlanned(r, ns * s->opt.refine_evaluations));
  PetscCall(StudyRunnerRefine(r, ns, L, payload));
  PetscCall(PetscFree(payload));
  PetscCall(PetscFree(front));
  PetscFunctionReturn(0);
}

PetscErrorCode StudyOptimizeRun(Study s, StudyRunner r)
{
  PetscFunctionBeginUser;
  if (!s->opt.enabled) PetscFunctionReturn(0);
  PetscCall(NSGA2(s, r));
  PetscCall(RefineAll(s, r));
  PetscFunctionReturn(0);
}
