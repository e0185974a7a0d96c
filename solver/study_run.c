/* StudyRun: the phases of a study on every rank (reference case, design, optimisation), then the analysis and the
 * report on the manager. See docs/studies.md. */
#include "study_runner.h"
#include "../postproc/h5io.h"
#include "case.h"
#include <math.h>
#include <string.h>

static const char *KindName(StudyParameterKind k)
{
  return k == STUDY_CHOICE ? "choice" : k == STUDY_INTEGER ? "integer" : "real";
}

/* S.h5 -> S_front.csv beside it */
static void CsvName(const char *output, char *csv, size_t len)
{
  size_t l = strlen(output);
  if (l > 3 && !strcmp(output + l - 3, ".h5"))
    snprintf(csv, len, "%.*s_front.csv", (int) (l - 3), output);
  else
    snprintf(csv, len, "%s_front.csv", output);
}

static PetscErrorCode RunDesign(Study s, StudyRunner r)
{
  PetscInt       n;
  double        *values;
  StudyCaseTask *t;
  PetscFunctionBeginUser;
  PetscCall(StudyDesignPoints(s, &n, &values));
  PetscCall(PetscMalloc1(n ? n : 1, &t));
  for (PetscInt i = 0; i < n; i++) {
    t[i].phase  = STUDY_PHASE_DESIGN;
    t[i].batch  = 0;
    t[i].index  = (int) i;
    t[i].values = values + i * s->np;
  }
  PetscCall(StudyRunnerEvaluate(r, n, t));
  PetscCall(PetscFree(t));
  PetscCall(PetscFree(values));
  PetscFunctionReturn(0);
}

static void PrintValue(const StudyParameter *p, double v, char *buf, size_t len)
{
  if (p->kind == STUDY_CHOICE)
    snprintf(buf, len, "\"%s\"", v >= 0 ? p->choices[(int) v] : "?");
  else
    snprintf(buf, len, "%.6g", v);
}

/* The report on stdout: counts, the reference, the front, the comparison with the base case, sensitivities. */
static PetscErrorCode Report(Study s, StudyRunner r, const char *output, const char *csv, PetscInt nfront,
                             const PetscInt *front, PetscInt nsens, const StudySobolIndices *sens)
{
  StudyRecords *rec;
  PetscInt      ndone, nrun, nfailed, ref;
  double        elapsed;
  PetscFunctionBeginUser;
  PetscCall(StudyRunnerGetRecords(r, &rec));
  PetscCall(StudyRunnerStats(r, &ndone, &nrun, &nfailed, &elapsed));
  printf("study '%s': %d cases in %s (%d run now in %.2f s: %.1f cases/s), %d failed\n", s->name, (int) rec->n, output,
         (int) nrun, elapsed, elapsed > 0 ? nrun / elapsed : 0.0, (int) nfailed);
  ref = StudyRecordsFind(rec, STUDY_PHASE_REFERENCE, 0, 0);
  if (s->nobj) printf("\nfeasible non-dominated cases: %d (also in %s)\n", (int) nfront, csv);
  if (s->nobj) printf("  %-12s", "case");
  for (PetscInt o = 0; o < s->nobj; o++) printf(" %24.24s", s->obj[o].name);
  if (s->nobj) printf("   (parameters in the CSV)\n");
  for (PetscInt k = 0; k < nfront; k++) {
    PetscInt q = front[k];
    char     id[32];
    if (nfront > 24 && k >= 12 && k < nfront - 12) {
      if (k == 12) printf("  ...\n");
      continue;
    }
    snprintf(id, sizeof(id), "%d.%d.%d", rec->meta[q].phase, rec->meta[q].batch, rec->meta[q].index);
    printf("  %-12s", id);
    for (PetscInt o = 0; o < s->nobj; o++) printf(" %24.10g", rec->out[q * rec->nout + s->obj[o].output]);
    printf("\n");
  }
  if (ref >= 0 && !s->model && s->nobj) {
    /* the best case that is no worse than the base case in every objective and within the constraints */
    PetscInt  best = -1;
    double    fb[STUDY_MAX_OBJ], fr[STUDY_MAX_OBJ];
    PetscBool ok;
    double    v;
    for (PetscInt o = 0; o < s->nobj; o++)
      fr[o] = (s->obj[o].maximize ? -1 : 1) * rec->out[ref * rec->nout + s->obj[o].output];
    for (PetscInt i = 0; i < rec->n; i++) {
      PetscBool nw = PETSC_TRUE;
      if (rec->meta[i].status != STUDY_OK || i == ref) continue;
      PetscCall(StudyFeasible(s, rec->out + i * rec->nout, &ok, &v));
      if (!ok) continue;
      for (PetscInt o = 0; o < s->nobj; o++) {
        double f = (s->obj[o].maximize ? -1 : 1) * rec->out[i * rec->nout + s->obj[o].output];
        if (f > fr[o]) nw = PETSC_FALSE;
        fb[o] = f;
      }
      if (!nw) continue;
      if (best < 0 || fb[0] < (s->obj[0].maximize ? -1 : 1) * rec->out[best * rec->nout + s->obj[0].output]) best = i;
    }
    PetscCall(StudyFeasible(s, rec->out + ref * rec->nout, &ok, &v));
    printf("\nbase case (%s)%s:", s->base_case, ok ? "" : " (outside the constraints)");
    for (PetscInt o = 0; o < s->nobj; o++)
      printf(" %s = %.6g", s->obj[o].name, rec->out[ref * rec->nout + s->obj[o].output]);
    printf("\n");
    if (best >= 0) {
      double e0 = rec->out[ref * rec->nout + s->obj[0].output], e1 = rec->out[best * rec->nout + s->obj[0].output];
      printf("best case no worse than the base case in every objective, within the constraints: %d.%d.%d\n",
             rec->meta[best].phase, rec->meta[best].batch, rec->meta[best].index);
      for (PetscInt o = 0; o < s->nobj; o++)
        printf("  %-34s %14.6g (base %.6g)\n", s->obj[o].name, rec->out[best * rec->nout + s->obj[o].output],
               rec->out[ref * rec->nout + s->obj[o].output]);
      for (PetscInt c = 0; c < s->ncon; c++) {
        char allowed[96];
        if (isfinite(s->con[c].lo) && isfinite(s->con[c].hi))
          snprintf(allowed, sizeof(allowed), "%g to %g", s->con[c].lo, s->con[c].hi);
        else if (isfinite(s->con[c].lo))
          snprintf(allowed, sizeof(allowed), ">= %g", s->con[c].lo);
        else
          snprintf(allowed, sizeof(allowed), "<= %g", s->con[c].hi);
        printf("  %-34s %14.6g (base %.6g; allowed %s)\n", s->con[c].name,
               rec->out[best * rec->nout + s->con[c].output], rec->out[ref * rec->nout + s->con[c].output], allowed);
      }
      for (PetscInt i = 0; i < s->np; i++) {
        char a[64], b[64];
        PrintValue(&s->param[i], rec->param[best * rec->np + i], a, sizeof(a));
        PrintValue(&s->param[i], rec->param[ref * rec->np + i], b, sizeof(b));
        printf("  %-50s %12s (base %s)\n", s->param[i].name, a, b);
      }
      printf("  %s: %.1f %% %s than the base case\n", s->obj[0].name,
             100.0 * fabs(e1 - e0) / PetscMax(fabs(e0), 1e-300), (e1 < e0) == !s->obj[0].maximize ? "better" : "worse");
    } else
      printf("no finished case is no worse than the base case in every objective within the constraints\n");
  }
  for (PetscInt k = 0; k < nsens; k++) {
    const StudySobolIndices *ix = &sens[k];
    printf("\nSobol indices of %s (%d of %d base samples, variance %.6g; %g %% bootstrap intervals)\n", ix->output,
           (int) ix->nused, (int) ix->nbase, ix->variance, 100 * s->sens.confidence);
    printf("  %-50s %10s %23s %10s %23s\n", "parameter", "first", "interval", "total", "interval");
    for (PetscInt i = 0; i < s->np; i++)
      printf("  %-50s %10.4f [%9.4f, %9.4f] %10.4f [%9.4f, %9.4f]\n", s->param[i].name, ix->first[i], ix->first_lo[i],
             ix->first_hi[i], ix->total[i], ix->total_lo[i], ix->total_hi[i]);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Manager(Study s, StudyRunner r, const char *output)
{
  StudyRecords      *rec;
  PetscInt           nfront = 0, *front = NULL, nsens = 0;
  StudySobolIndices *sens = NULL;
  StudyFile          file;
  StudyFileAnalysis  a;
  char               csv[PETSC_MAX_PATH_LEN + 16];
  PetscFunctionBeginUser;
  PetscCall(RunDesign(s, r));
  PetscCall(StudyOptimizeRun(s, r));
  PetscCall(StudyRunnerGetRecords(r, &rec));
  if (s->nobj) PetscCall(StudyParetoFront(s, rec, &nfront, &front));
  PetscCall(StudySensitivityCompute(s, rec, &nsens, &sens));
  CsvName(output, csv, sizeof(csv));
  a.nfront = nfront;
  a.front  = front;
  a.nsens  = nsens;
  a.sens   = sens;
  a.csv    = s->nobj ? csv : NULL;
  PetscCall(StudyRunnerGetFile(r, &file));
  PetscCall(StudyFileFinish(file, rec, &a));
  PetscCall(StudyRunnerStop(r));
  PetscCall(Report(s, r, output, csv, nfront, front, nsens, sens));
  PetscCall(PetscFree(front));
  PetscCall(StudySensitivityFree(nsens, &sens));
  PetscFunctionReturn(0);
}

/* -study_plan: what the study would run */
static PetscErrorCode Plan(Study s, const char *output)
{
  PetscInt    nd, n;
  PetscMPIInt rank;
  const char *designs[] = {"none", "full grid", "Latin hypercube", "Sobol sequence", "Saltelli samples"};
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(s->comm, &rank));
  if (rank) PetscFunctionReturn(0);
  PetscCall(StudyDesignSize(s, &nd));
  n = (s->model ? 0 : 1) + nd;
  printf("study '%s' (%s, definition hash %016llx) -> %s\n", s->name, s->file, (unsigned long long) s->hash, output);
  printf("  evaluates %s\n", s->model ? s->model->name : s->base_case);
  for (PetscInt i = 0; i < s->np; i++) {
    const StudyParameter *p        = &s->param[i];
    const char           *disp     = "";
    char                  more[32] = "";
    if (strcmp(p->unit, "-")) PetscCall(UnitsToSI(p->unit, NULL, NULL, &disp));
    if (p->nkeys > 1) snprintf(more, sizeof(more), " (and %d more keys)", (int) p->nkeys - 1);
    if (p->kind == STUDY_CHOICE)
      printf("  parameter %s%s: %d choices\n", p->name, more, (int) p->nchoices);
    else
      printf("  parameter %s%s: %s, %g to %g %s%s\n", p->name, more, KindName(p->kind), p->lo, p->hi, disp,
             p->scale == STUDY_LOG ? " (log scale)" : "");
  }
  printf("  design: %s, %d cases\n", designs[s->design], (int) nd);
  if (s->opt.enabled) {
    PetscInt ng = s->opt.population * (s->opt.generations + (nd ? 0 : 1)),
             nr = s->opt.refine_starts * s->opt.refine_evaluations;
    printf(
        "  optimisation: NSGA-II, population %d, %d generations (%d cases); refinement %s from %d starts, up to about "
        "%d cases\n",
        (int) s->opt.population, (int) s->opt.generations, (int) ng, s->opt.refine_method, (int) s->opt.refine_starts,
        (int) nr);
    n += ng + nr;
  }
  printf("  outputs: %d; objectives %d, constraints %d; about %d cases in all\n", (int) s->nout, (int) s->nobj,
         (int) s->ncon, (int) n);
  PetscFunctionReturn(0);
}

/* An error found on rank 0 only: every rank leaves with the same code (rank 0 has printed the message). */
static PetscErrorCode Agree(MPI_Comm comm, PetscErrorCode ierr)
{
  int code = (int) ierr;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Bcast(&code, 1, MPI_INT, 0, comm));
  PetscFunctionReturn((PetscErrorCode) code);
}

PetscErrorCode StudyRun(Study s, const char *output)
{
  StudyRunner    r;
  PetscBool      manager, resume = PETSC_FALSE;
  PetscErrorCode ierr = 0;
  PetscInt       nout;
  char(*names)[64] = NULL, (*units)[32] = NULL;
  StudyRecordMeta refm;
  double         *refvalues = NULL, *refout = NULL;
  PetscMPIInt     size;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(s->comm, &size));
  PetscCall(StudyRunnerCreate(s, &r));
  PetscCall(StudyRunnerIsManager(r, &manager));
  /* 1. the study file: absent or of this study (before any case runs) */
  if (manager) {
    ierr = H5CheckTarget(PETSC_COMM_SELF, output, s->file);
    if (!ierr) ierr = StudyFileCheck(output, s->hash, &resume);
  }
  ierr = Agree(s->comm, ierr);
  if (ierr) {
    PetscCall(StudyRunnerDestroy(&r));
    PetscFunctionReturn(ierr);
  }
  /* 2. the reference case (its summary names are the outputs); objective names are checked against them */
  {
    PetscMPIInt rank;
    PetscCallMPI(MPI_Comm_rank(s->comm, &rank));
    if (rank) PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL)); /* rank 0 alone prints */
    ierr = StudyRunnerReference(r, &nout, &names, &units, &refm, &refvalues, &refout);
    if (!ierr) ierr = StudyResolveOutputs(s, nout, (const char(*)[64]) names, (const char(*)[32]) units);
    if (rank) PetscCall(PetscPopErrorHandler());
    if (ierr) {
      PetscCall(PetscFree(names));
      PetscCall(PetscFree(units));
      PetscCall(PetscFree(refvalues));
      PetscCall(PetscFree(refout));
      PetscCall(StudyRunnerDestroy(&r));
      PetscFunctionReturn(ierr);
    }
  }
  PetscCall(StudyRunnerSetUp(r));
  if (s->plan_only) {
    PetscCall(Plan(s, output));
    PetscCall(PetscFree(names));
    PetscCall(PetscFree(units));
    PetscCall(PetscFree(refvalues));
    PetscCall(PetscFree(refout));
    PetscCall(StudyRunnerDestroy(&r));
    PetscFunctionReturn(0);
  }
  /* 3. open (or resume) the study file */
  if (manager) {
    StudyFileLayout lay;
    const char    **pn, **pu, **ps, **pk, **on, **ou;
    double         *lo, *hi;
    PetscCall(PetscMemzero(&lay, sizeof(lay)));
    PetscCall(PetscMalloc6(s->np, &pn, s->np, &pu, s->np, &ps, s->np, &pk, s->np, &lo, s->np, &hi));
    PetscCall(PetscMalloc2(s->nout, &on, s->nout, &ou));
    for (PetscInt i = 0; i < s->np; i++) {
      pn[i] = s->param[i].name;
      pu[i] = s->param[i].unit;
      ps[i] = s->param[i].scale == STUDY_LOG ? "log" : "linear";
      pk[i] = KindName(s->param[i].kind);
      lo[i] = s->param[i].lo;
      hi[i] = s->param[i].hi;
    }
    for (PetscInt i = 0; i < s->nout; i++) {
      on[i] = s->out_name[i];
      ou[i] = s->out_unit[i];
    }
    lay.hash        = s->hash;
    lay.definition  = s->definition;
    lay.study_file  = s->file;
    lay.study_name  = s->name;
    lay.np          = s->np;
    lay.nout        = s->nout;
    lay.param_names = pn;
    lay.param_units = pu;
    lay.param_scale = ps;
    lay.param_kind  = pk;
    lay.param_lo    = lo;
    lay.param_hi    = hi;
    lay.out_names   = on;
    lay.out_units   = ou;
    {
      PetscInt nd;
      PetscCall(StudyDesignSize(s, &nd));
      PetscCall(StudyRunnerAddPlanned(r, (s->model ? 0 : 1) + nd));
      if (s->opt.enabled) PetscCall(StudyRunnerAddPlanned(r, s->opt.population * (s->opt.generations + (nd ? 0 : 1))));
    }
    ierr = StudyRunnerOpen(r, output, &lay, &refm, refvalues, refout);
    PetscCall(PetscFree6(pn, pu, ps, pk, lo, hi));
    PetscCall(PetscFree2(on, ou));
  }
  PetscCall(PetscFree(names));
  PetscCall(PetscFree(units));
  PetscCall(PetscFree(refvalues));
  PetscCall(PetscFree(refout));
  ierr = Agree(s->comm, ierr);
  if (ierr) {
    PetscCall(StudyRunnerDestroy(&r));
    PetscFunctionReturn(ierr);
  }
  /* 4. the cases: the manager drives, every other rank serves until it is stopped */
  if (manager)
    ierr = Manager(s, r, output);
  else
    ierr = StudyRunnerWork(r);
  if (ierr && size > 1) {
    /* the others may be waiting for this rank: nothing else can end them */
    fprintf(stderr, "eproc: study stopped by an error on rank %d; the study file keeps every finished case\n",
            manager ? 0 : -1);
    MPI_Abort(s->comm, ierr == PETSC_ERR_USER_INPUT ? 2 : 1);
  }
  PetscCall(StudyRunnerDestroy(&r));
  PetscCall(ierr);
  (void) resume;
  PetscFunctionReturn(0);
}
