/* The study scheduler: MPI_COMM_WORLD is split into groups of -study_group_size ranks; each group runs one case at
 * a time on its own communicator, in process (eproc.h). World rank 0 is the manager: it drives the study
 * (designs, optimiser), hands cases out dynamically (each group leader holds at most two, so it never waits for
 * the next), receives every finished case and records it at once in the study file; unless
 * -study_dedicated_manager is given it also runs cases with its own group, serving the others between its cases.
 *
 * Every case has an identity (phase, batch, index) that does not depend on the ranks, and its result depends only
 * on its parameters, so any rank count, group size or hand-out order gives the same cases and results; a case
 * found in the study file (resume) is never run again.
 *
 * Waiting polls for SPIN_S (a sleep costs a whole scheduling round on a loaded machine, far longer than a short case),
 * then sleeps in growing steps, so that idle ranks do not take a core from busy ones when oversubscribed or when
 * the cases are long. Leaders hold up to MIN_DEPTH cases, more when cases are very short (about CHUNK_S of work),
 * so that they rarely wait for the manager. A manager that runs cases itself serves the others only between its
 * own cases; with cases of similar length a leader's result then tends to arrive just after the manager looked, so
 * a leader holding two would wait most of a case for its third: it holds one more (measured on the 200-case NMP
 * study on 2 ranks: 53 -> 61 cases/s, 32.5 on 1 rank). Sends never block (PostSend). */
#include "study_impl.h"
#include "eproc.h"
#include "study_runner.h"
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TAG_TASK     7101
#define TAG_RESULT   7102
#define MIN_DEPTH    2   /* cases a group leader holds: the one it runs and the next */
#define MAX_DEPTH    256 /* ... and for very short cases, about CHUNK_S of work */
#define CHUNK_S      0.02
#define SPIN_S       2e-3 /* a wait polls this long before it sleeps */
#define ALONE_CASE_S 2e-5 /* cases shorter than this stay with the manager (recording one takes about as long) */

enum { TASK_CASE = 1, TASK_REFINE = 2, TASK_STOP = 3 };
enum { GROUP_RUN = 1, GROUP_STOP = 2 };
enum { RESULT_PART = 0, RESULT_DONE = 1, RESULT_REFINE_DONE = 2 };

typedef struct {
  int      kind, phase, batch, index;
  PetscInt len;
  double  *payload;
} Task;

struct _p_StudyRunner {
  Study       s;
  MPI_Comm    world, group;
  PetscMPIInt rank, size, grank, gsize, group_id, ngroups;
  PetscBool   manager, computes;
  /* manager */
  StudyRecords rec;
  StudyFile    file;
  PetscInt    *outstanding; /* per world rank (leaders only) */
  PetscInt    *running_refine;
  PetscInt     planned, ndone, nfailed, nrun;
  double       wall_sum; /* of the cases run now: their mean sets the depth */
  double       drawn;    /* when the progress line was last drawn on a terminal */
  double       t0;
  PetscBool    tty;
  /* leader during a refinement: the evaluations already recorded */
  PetscInt      ncached, cache_batch;
  const double *cache;
  /* buffers */
  size_t         reclen;
  unsigned char *msg;
  /* sends in flight (results to the manager, tasks to leaders) and their buffers */
  PetscInt        npend, maxpend;
  MPI_Request    *pend_req;
  unsigned char **pend_buf;
  double         *values, *out;
};

/* ---------------------------------------------------------------------------------------------
 * Waiting without spinning */
typedef struct {
  double t0;
  int    us;
} Idle;

static void IdleStart(Idle *w)
{
  w->t0 = -1;
  w->us = 20;
}

/* One step of waiting: poll (return at once) for SPIN_S, then sleep 20 us, 40 us, ... up to 2 ms. */
static void IdleStep(Idle *w)
{
  double now = MPI_Wtime();
  if (w->t0 < 0) w->t0 = now;
  if (now - w->t0 < SPIN_S) return;
  {
    struct timespec ts = {0, (long) w->us * 1000L};
    nanosleep(&ts, NULL);
  }
  w->us = PetscMin(2 * w->us, 2000);
}

static PetscErrorCode Wait(MPI_Request *req)
{
  int  flag = 0;
  Idle w;
  PetscFunctionBeginUser;
  IdleStart(&w);
  for (;;) {
    PetscCallMPI(MPI_Test(req, &flag, MPI_STATUS_IGNORE));
    if (flag) break;
    IdleStep(&w);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode GroupBcast(StudyRunner r, void *buf, int count, MPI_Datatype type)
{
  MPI_Request req;
  PetscFunctionBeginUser;
  if (r->gsize == 1) PetscFunctionReturn(0);
  PetscCallMPI(MPI_Ibcast(buf, count, type, 0, r->group, &req));
  PetscCall(Wait(&req));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * One case on the calling group */

/* The summary of a route as the study's outputs (NaN where a name is not produced). */
static PetscErrorCode Outputs(Study s, Summary sum, double *out)
{
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < s->nout; k++) {
    PetscReal v   = NAN;
    PetscBool set = PETSC_FALSE;
    PetscInt  n;
    PetscCall(SummaryGetSize(sum, &n));
    for (PetscInt i = 0; i < n; i++) {
      const SummaryEntry *e;
      PetscCall(SummaryGetEntry(sum, i, &e));
      if (!strcmp(e->name, s->out_name[k])) {
        v   = e->value;
        set = e->set;
      }
    }
    out[k] = set ? (double) v : NAN;
  }
  PetscFunctionReturn(0);
}

/* Run the case with these parameter values on the group: every rank of the group calls this. Errors of the case
 * (bad input at this combination, a solver that does not converge) are recorded, not raised. */
static PetscErrorCode RunOnGroup(StudyRunner r, const double *values, StudyRecordMeta *m, double *out)
{
  Study              s = r->s;
  double             t = MPI_Wtime();
  StudyCapturedError cap;
  PetscErrorCode     ierr = 0;
  PetscFunctionBeginUser;
  m->status    = STUDY_OK;
  m->reason[0] = 0;
  m->group     = r->group_id;
  if (s->model) {
    s->model->eval(s->np, values, s->model_constants, out);
    for (PetscInt k = 0; k < s->nout; k++)
      if (!isfinite(out[k])) {
        m->status = STUDY_FAILED;
        snprintf(m->reason, sizeof(m->reason), "the model gave %s", s->out_name[k]);
      }
  } else {
    PetscInt  nsets;
    char    **sets;
    EprocCase c  = NULL;
    Route     rt = NULL;
    cap.msg[0]   = 0;
    PetscCall(StudyCaseSets(s, values, &nsets, &sets));
    PetscCall(PetscPushErrorHandler(StudyCaptureHandler, &cap));
    ierr = EprocCaseLoad(r->group, s->base_case, nsets, (const char *const *) sets, &c);
    if (!ierr) ierr = EprocRouteCreate(c, s->case_options, &rt);
    if (!ierr) ierr = RouteRun(rt);
    PetscCall(PetscPopErrorHandler());
    if (!ierr) {
      Summary sum;
      PetscCall(RouteGetSummary(rt, &sum));
      PetscCall(Outputs(s, sum, out));
    } else {
      for (PetscInt k = 0; k < s->nout; k++) out[k] = NAN;
      m->status = ierr == PETSC_ERR_USER_INPUT ? STUDY_BAD_INPUT : STUDY_FAILED;
      snprintf(m->reason, sizeof(m->reason), "%s", cap.msg[0] ? cap.msg : "error");
      for (char *p = m->reason; *p; p++)
        if (*p == '\n') *p = ' ';
    }
    PetscCall(RouteDestroy(&rt));
    PetscCall(CaseDestroy(&c));
    PetscCall(StudyFreeSets(nsets, &sets));
  }
  m->wall_s = MPI_Wtime() - t;
  PetscFunctionReturn(0);
}

/* The leader runs a case with its group: the members are told the parameters first. */
static PetscErrorCode LeaderRun(StudyRunner r, const double *values, StudyRecordMeta *m, double *out)
{
  int cmd = GROUP_RUN;
  PetscFunctionBeginUser;
  PetscCall(PetscArraycpy(r->values, values, r->s->np));
  PetscCall(GroupBcast(r, &cmd, 1, MPI_INT));
  PetscCall(GroupBcast(r, r->values, (int) r->s->np, MPI_DOUBLE));
  PetscCall(RunOnGroup(r, r->values, m, out));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Manager: recording and progress */
static PetscErrorCode Progress(StudyRunner r, const StudyRecordMeta *m)
{
  double el = MPI_Wtime() - r->t0, rate = el > 0 ? r->nrun / el : 0, eta;
  PetscFunctionBeginUser;
  if (!r->s->progress) PetscFunctionReturn(0);
  eta = rate > 0 ? PetscMax(r->planned - r->ndone, 0) / rate : 0;
  if (r->tty && r->ndone < r->planned && el - r->drawn < 0.1) PetscFunctionReturn(0); /* redrawn 10 times a second */
  r->drawn = el;
  if (r->tty)
    fprintf(stderr, "\r\033[Kstudy: %d/%d cases, %d failed, %.1f cases/s, ETA %.0f s", (int) r->ndone, (int) r->planned,
            (int) r->nfailed, rate, eta);
  else
    fprintf(stderr, "study: %d/%d cases, %d failed, %.1f cases/s, ETA %.0f s (case %d.%d.%d %s%s%s)\n", (int) r->ndone,
            (int) r->planned, (int) r->nfailed, rate, eta, m->phase, m->batch, m->index,
            m->status == STUDY_OK          ? "ok"
            : m->status == STUDY_BAD_INPUT ? "bad input"
                                           : "failed",
            m->status ? ": " : "", m->status ? m->reason : "");
  fflush(stderr);
  PetscFunctionReturn(0);
}

static PetscErrorCode Record(StudyRunner r, const StudyRecordMeta *m, const double *values, const double *out)
{
  PetscFunctionBeginUser;
  if (StudyRecordsFind(&r->rec, m->phase, m->batch, m->index) >= 0) PetscFunctionReturn(0); /* never twice */
  PetscCall(StudyRecordsAdd(&r->rec, m, values, out));
  if (r->file) PetscCall(StudyFileAppend(r->file, m, values, out));
  r->ndone++;
  r->nrun++;
  r->wall_sum += m->wall_s;
  if (m->status) r->nfailed++;
  PetscCall(Progress(r, m));
  PetscFunctionReturn(0);
}

/* Cases a leader may hold: two (three when the manager computes too), or about CHUNK_S of work when cases are
   shorter than CHUNK_S / 2; near the end of a batch (fewer cases left to hand out than two per group) one fewer,
   so that the last cases are not queued behind a busy leader while others are idle. */
static PetscInt Depth(StudyRunner r, PetscInt left)
{
  double   mean = r->nrun ? r->wall_sum / r->nrun : 1.0;
  PetscInt d    = MIN_DEPTH + (r->computes ? 1 : 0);
  if (left < 2 * r->ngroups) d--;
  return (PetscInt) PetscMax(d, PetscMin(MAX_DEPTH, CHUNK_S / PetscMax(mean, 1e-9)));
}

PetscErrorCode StudyRunnerAddPlanned(StudyRunner r, PetscInt n)
{
  PetscFunctionBeginUser;
  r->planned += n;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRunnerGetRecords(StudyRunner r, StudyRecords **rec)
{
  PetscFunctionBeginUser;
  *rec = &r->rec;
  PetscFunctionReturn(0);
}

/* Sends never block: a blocking send of even a small message can wait until the receiver next polls, which for
   the manager is after its own case (measured: 13 ms per result on 2 ranks, 30 % of a 35 ms NMP case). The buffer
   (taken over) is freed when its send completes. */
static PetscErrorCode ReapSends(StudyRunner r)
{
  PetscInt k = 0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < r->npend; i++) {
    int done;
    PetscCallMPI(MPI_Test(&r->pend_req[i], &done, MPI_STATUS_IGNORE));
    if (done)
      PetscCall(PetscFree(r->pend_buf[i]));
    else {
      r->pend_req[k]   = r->pend_req[i];
      r->pend_buf[k++] = r->pend_buf[i];
    }
  }
  r->npend = k;
  PetscFunctionReturn(0);
}

static PetscErrorCode PostSend(StudyRunner r, unsigned char *buf, size_t n, PetscMPIInt dest, int tag)
{
  PetscFunctionBeginUser;
  PetscCall(ReapSends(r));
  if (r->npend == r->maxpend) {
    PetscInt        m = 2 * r->maxpend + 4;
    MPI_Request    *req;
    unsigned char **b;
    PetscCall(PetscMalloc2(m, &req, m, &b));
    PetscCall(PetscArraycpy(req, r->pend_req, r->npend));
    PetscCall(PetscArraycpy(b, r->pend_buf, r->npend));
    PetscCall(PetscFree2(r->pend_req, r->pend_buf));
    r->pend_req = req;
    r->pend_buf = b;
    r->maxpend  = m;
  }
  r->pend_buf[r->npend] = buf;
  PetscCallMPI(MPI_Isend(buf, (int) n, MPI_BYTE, dest, tag, r->world, &r->pend_req[r->npend]));
  r->npend++;
  PetscFunctionReturn(0);
}

static PetscErrorCode WaitSends(StudyRunner r)
{
  PetscFunctionBeginUser;
  if (r->npend) PetscCallMPI(MPI_Waitall((int) r->npend, r->pend_req, MPI_STATUSES_IGNORE));
  for (PetscInt i = 0; i < r->npend; i++) PetscCall(PetscFree(r->pend_buf[i]));
  r->npend = 0;
  PetscFunctionReturn(0);
}

/* Result messages: a flag (part of a refinement, a case done, a refinement done) then the packed record. */
static PetscErrorCode SendResult(StudyRunner r, int flag, const StudyRecordMeta *m, const double *values,
                                 const double *out)
{
  unsigned char *buf;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(r->reclen + 8, &buf));
  memcpy(buf, &flag, sizeof(int));
  memset(buf + sizeof(int), 0, 8 - sizeof(int));
  StudyRecordPack(r->s->np, r->s->nout, m, values, out, buf + 8);
  PetscCall(PostSend(r, buf, r->reclen + 8, 0, TAG_RESULT));
  PetscFunctionReturn(0);
}

/* Receive every result that has arrived; a leader whose task is done gets room for another. */
static PetscErrorCode ReceiveResults(StudyRunner r, PetscBool *any)
{
  int        flag;
  MPI_Status st;
  PetscFunctionBeginUser;
  if (any) *any = PETSC_FALSE;
  for (;;) {
    PetscCallMPI(MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, r->world, &flag, &st));
    if (!flag) break;
    PetscCallMPI(
        MPI_Recv(r->msg, (int) (r->reclen + 8), MPI_BYTE, st.MPI_SOURCE, TAG_RESULT, r->world, MPI_STATUS_IGNORE));
    memcpy(&flag, r->msg, sizeof(int));
    if (flag != RESULT_REFINE_DONE) {
      StudyRecordMeta m;
      PetscCheck(StudyRecordUnpack(r->s->np, r->s->nout, r->msg + 8, &m, r->values, r->out), PETSC_COMM_SELF,
                 PETSC_ERR_PLIB, "Corrupt result message from rank %d", st.MPI_SOURCE);
      PetscCall(Record(r, &m, r->values, r->out));
    }
    if (flag != RESULT_PART) {
      r->outstanding[st.MPI_SOURCE]--;
      if (flag == RESULT_REFINE_DONE) r->running_refine[st.MPI_SOURCE] = 0;
    }
    if (any) *any = PETSC_TRUE;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode SendTask(StudyRunner r, PetscMPIInt dest, const Task *t)
{
  int32_t        head[5] = {t->kind, t->phase, t->batch, t->index, (int32_t) t->len};
  size_t         n       = sizeof(head) + 8 * (size_t) t->len;
  unsigned char *buf;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(n, &buf));
  memcpy(buf, head, sizeof(head));
  if (t->len) memcpy(buf + sizeof(head), t->payload, 8 * (size_t) t->len);
  PetscCall(PostSend(r, buf, n, dest, TAG_TASK));
  PetscFunctionReturn(0);
}

/* One case to leader l, counted as outstanding until its result arrives. */
static PetscErrorCode HandOut(StudyRunner r, PetscMPIInt l, const StudyCaseTask *t)
{
  Task tk = {TASK_CASE, t->phase, t->batch, t->index, r->s->np, t->values};
  PetscFunctionBeginUser;
  PetscCall(SendTask(r, l, &tk));
  r->outstanding[l]++;
  PetscFunctionReturn(0);
}

static PetscBool IsLeader(StudyRunner r, PetscMPIInt rank)
{
  /* leaders: the first rank of each group (rank 0 leads its own group) */
  PetscInt g = r->s->group_size;
  if (rank == 0) return PETSC_TRUE;
  if (r->s->dedicated_manager) return (rank - 1) % g == 0 ? PETSC_TRUE : PETSC_FALSE;
  return rank % g == 0 ? PETSC_TRUE : PETSC_FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Manager: batches of cases */
PetscErrorCode StudyRunnerEvaluate(StudyRunner r, PetscInt n, const StudyCaseTask tasks[])
{
  PetscInt *queue, nq = 0, qi = 0, busy;
  Idle      w;
  PetscBool alone;
  PetscFunctionBeginUser;
  IdleStart(&w);
  PetscCheck(r->manager, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONGSTATE, "Only the manager evaluates batches");
  PetscCall(PetscMalloc1(n ? n : 1, &queue));
  for (PetscInt i = 0; i < n; i++)
    if (StudyRecordsFind(&r->rec, tasks[i].phase, tasks[i].batch, tasks[i].index) < 0) queue[nq++] = i;
  /* the first cases of a study without a reference case: the manager times them; in a large batch the other
     leaders get their first case meanwhile (as long as the manager's timing: they would idle otherwise) */
  if (r->computes && r->nrun < 3 && nq - qi >= 8 * r->ngroups)
    for (PetscMPIInt l = 1; l < r->size; l++) {
      if (!IsLeader(r, l) || r->running_refine[l]) continue;
      while (r->outstanding[l] < MIN_DEPTH) PetscCall(HandOut(r, l, &tasks[queue[qi++]]));
    }
  while (r->computes && r->nrun < 3 && qi < nq) {
    const StudyCaseTask *t = &tasks[queue[qi++]];
    StudyRecordMeta      m;
    PetscCall(LeaderRun(r, t->values, &m, r->out));
    m.phase = t->phase;
    m.batch = t->batch;
    m.index = t->index;
    PetscCall(Record(r, &m, t->values, r->out));
  }
  /* a batch that is less work than one exchange with another rank is worth: the manager runs it alone */
  /* (or cases shorter than recording one: the manager records every case, so others cannot make it faster) */
  alone = r->computes && r->nrun > 0 && (nq * (r->wall_sum / r->nrun) < CHUNK_S || r->wall_sum / r->nrun < ALONE_CASE_S)
              ? PETSC_TRUE
              : PETSC_FALSE;
  for (;;) {
    PetscBool any;
    PetscCall(ReceiveResults(r, &any));
    busy = 0;
    for (PetscMPIInt l = 1; l < r->size; l++) {
      if (!IsLeader(r, l)) continue;
      while (r->outstanding[l] < Depth(r, nq - qi) && !r->running_refine[l] && qi < nq && !alone)
        PetscCall(HandOut(r, l, &tasks[queue[qi++]]));
      busy += r->outstanding[l];
    }
    if (qi < nq && r->computes) {
      const StudyCaseTask *t = &tasks[queue[qi++]];
      StudyRecordMeta      m;
      PetscCall(LeaderRun(r, t->values, &m, r->out));
      m.phase = t->phase;
      m.batch = t->batch;
      m.index = t->index;
      PetscCall(Record(r, &m, t->values, r->out));
      IdleStart(&w);
      continue;
    }
    if (qi >= nq && !busy) break;
    if (any)
      IdleStart(&w);
    else
      IdleStep(&w);
  }
  PetscCall(PetscFree(queue));
  PetscFunctionReturn(0);
}

/* The evaluations of refinement start `batch` already recorded: appended to its task (index, status, values,
 * outputs each). */
static PetscErrorCode CachedEvaluations(StudyRunner r, int batch, PetscInt *n, double **cache)
{
  PetscInt np = r->s->np, nout = r->s->nout, w = 2 + np + nout, k = 0;
  PetscFunctionBeginUser;
  *n = 0;
  for (PetscInt i = 0; i < r->rec.n; i++)
    if (r->rec.meta[i].phase == STUDY_PHASE_REFINE && r->rec.meta[i].batch == batch) (*n)++;
  PetscCall(PetscMalloc1(*n * w + 1, cache));
  for (PetscInt i = 0; i < r->rec.n; i++)
    if (r->rec.meta[i].phase == STUDY_PHASE_REFINE && r->rec.meta[i].batch == batch) {
      double *c = *cache + k++ * w;
      c[0]      = r->rec.meta[i].index;
      c[1]      = r->rec.meta[i].status;
      PetscCall(PetscArraycpy(c + 2, r->rec.param + i * np, np));
      PetscCall(PetscArraycpy(c + 2 + np, r->rec.out + i * nout, nout));
    }
  PetscFunctionReturn(0);
}

static PetscErrorCode LeaderRefine(StudyRunner r, int batch, PetscInt len, const double *payload)
{
  PetscInt L;
  PetscFunctionBeginUser;
  PetscCall(StudyRefinePayloadLength(r->s, &L));
  PetscCheck(len >= L + 1, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Short refinement task");
  r->ncached     = (PetscInt) payload[L];
  r->cache       = payload + L + 1;
  r->cache_batch = batch;
  PetscCall(StudyRefineStart(r->s, r, batch, L, payload));
  r->ncached = 0;
  r->cache   = NULL;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRunnerRefine(StudyRunner r, PetscInt nstarts, PetscInt L, const double *payloads)
{
  PetscInt next = 0, busy;
  Idle     w;
  PetscFunctionBeginUser;
  PetscCheck(r->manager, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONGSTATE, "Only the manager hands out refinements");
  IdleStart(&w);
  for (;;) {
    PetscBool any;
    PetscCall(ReceiveResults(r, &any));
    busy = 0;
    for (PetscMPIInt l = 1; l < r->size; l++) {
      if (!IsLeader(r, l)) continue;
      if (!r->outstanding[l] && next < nstarts) {
        PetscInt nc;
        double  *cache, *payload;
        Task     tk;
        PetscCall(CachedEvaluations(r, (int) next, &nc, &cache));
        PetscCall(PetscMalloc1(L + 1 + nc * (2 + r->s->np + r->s->nout), &payload));
        PetscCall(PetscArraycpy(payload, payloads + next * L, L));
        payload[L] = (double) nc;
        PetscCall(PetscArraycpy(payload + L + 1, cache, nc * (2 + r->s->np + r->s->nout)));
        tk.kind    = TASK_REFINE;
        tk.phase   = STUDY_PHASE_REFINE;
        tk.batch   = (int) next;
        tk.index   = 0;
        tk.len     = L + 1 + nc * (2 + r->s->np + r->s->nout);
        tk.payload = payload;
        PetscCall(SendTask(r, l, &tk));
        PetscCall(PetscFree(cache));
        PetscCall(PetscFree(payload));
        r->outstanding[l]++;
        r->running_refine[l] = 1;
        next++;
      }
      busy += r->outstanding[l];
    }
    if (next < nstarts && r->computes) { /* the manager's own group takes a start; it serves between evaluations */
      PetscCall(StudyRefineStart(r->s, r, next, L, payloads + next * L));
      next++;
      IdleStart(&w);
      continue;
    }
    if (next >= nstarts && !busy) break;
    if (any)
      IdleStart(&w);
    else
      IdleStep(&w);
  }
  PetscFunctionReturn(0);
}

/* One case inside a refinement (any leader): taken from the record when it is there, else run and recorded. */
PetscErrorCode StudyRunnerCase(StudyRunner r, int phase, int batch, int index, const double *values, StudyRecordMeta *m,
                               double *out)
{
  Study    s  = r->s;
  PetscInt np = s->np, nout = s->nout;
  PetscFunctionBeginUser;
  if (r->manager) {
    PetscInt k = StudyRecordsFind(&r->rec, phase, batch, index);
    if (k >= 0) {
      for (PetscInt i = 0; i < np; i++)
        PetscCheck(r->rec.param[k * np + i] == values[i], PETSC_COMM_SELF, PETSC_ERR_PLIB,
                   "Resume: case %d.%d.%d was recorded with other parameters than it has now", phase, batch, index);
      *m = r->rec.meta[k];
      PetscCall(PetscArraycpy(out, r->rec.out + k * nout, nout));
      PetscFunctionReturn(0);
    }
    PetscCall(ReceiveResults(r, NULL));
    PetscCall(LeaderRun(r, values, m, out));
    m->phase = phase;
    m->batch = batch;
    m->index = index;
    PetscCall(Record(r, m, values, out));
    PetscCall(ReceiveResults(r, NULL));
    PetscFunctionReturn(0);
  }
  for (PetscInt c = 0; c < r->ncached; c++) {
    const double *e = r->cache + c * (2 + np + nout);
    if ((int) e[0] != index || batch != r->cache_batch) continue;
    for (PetscInt i = 0; i < np; i++)
      PetscCheck(e[2 + i] == values[i], PETSC_COMM_SELF, PETSC_ERR_PLIB,
                 "Resume: case %d.%d.%d was recorded with other parameters than it has now", phase, batch, index);
    PetscCall(PetscMemzero(m, sizeof(*m)));
    m->phase  = phase;
    m->batch  = batch;
    m->index  = index;
    m->status = (int32_t) e[1];
    PetscCall(PetscArraycpy(out, e + 2 + np, nout));
    PetscFunctionReturn(0);
  }
  PetscCall(LeaderRun(r, values, m, out));
  m->phase = phase;
  m->batch = batch;
  m->index = index;
  PetscCall(SendResult(r, RESULT_PART, m, values, out));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Workers */
static PetscErrorCode MemberLoop(StudyRunner r)
{
  int             cmd;
  StudyRecordMeta m;
  PetscFunctionBeginUser;
  for (;;) {
    PetscCall(GroupBcast(r, &cmd, 1, MPI_INT));
    if (cmd == GROUP_STOP) break;
    PetscCall(GroupBcast(r, r->values, (int) r->s->np, MPI_DOUBLE));
    PetscCall(RunOnGroup(r, r->values, &m, r->out));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode LeaderLoop(StudyRunner r)
{
  int            cmd = GROUP_STOP;
  MPI_Status     st;
  unsigned char *buf = NULL;
  PetscFunctionBeginUser;
  for (;;) {
    int                  flag = 0, count;
    int32_t              head[5];
    const unsigned char *payload;
    Idle                 w;
    IdleStart(&w);
    while (!flag) {
      PetscCallMPI(MPI_Iprobe(0, TAG_TASK, r->world, &flag, &st));
      if (!flag) IdleStep(&w);
    }
    PetscCallMPI(MPI_Get_count(&st, MPI_BYTE, &count));
    PetscCall(PetscMalloc1(count, &buf));
    PetscCallMPI(MPI_Recv(buf, count, MPI_BYTE, 0, TAG_TASK, r->world, MPI_STATUS_IGNORE));
    memcpy(head, buf, sizeof(head));
    payload = buf + sizeof(head);
    if (head[0] == TASK_STOP) {
      PetscCall(PetscFree(buf));
      break;
    }
    if (head[0] == TASK_CASE) {
      StudyRecordMeta m;
      double         *values;
      PetscCall(PetscMalloc1(r->s->np, &values));
      memcpy(values, payload, 8 * (size_t) r->s->np);
      PetscCall(LeaderRun(r, values, &m, r->out));
      m.phase = head[1];
      m.batch = head[2];
      m.index = head[3];
      PetscCall(SendResult(r, RESULT_DONE, &m, values, r->out));
      PetscCall(PetscFree(values));
    } else {
      double *copy;
      PetscCall(PetscMalloc1(head[4] ? head[4] : 1, &copy));
      memcpy(copy, payload, 8 * (size_t) head[4]);
      PetscCall(LeaderRefine(r, head[2], head[4], copy));
      PetscCall(PetscFree(copy));
      StudyRecordMeta none;
      PetscCall(PetscMemzero(&none, sizeof(none)));
      PetscCall(SendResult(r, RESULT_REFINE_DONE, &none, r->values, r->out)); /* the record is not read */
    }
    PetscCall(PetscFree(buf));
  }
  PetscCall(WaitSends(r));
  PetscCall(GroupBcast(r, &cmd, 1, MPI_INT));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Life cycle */
PetscErrorCode StudyRunnerCreate(Study s, StudyRunner *out)
{
  StudyRunner r;
  int         color;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&r));
  r->s     = s;
  r->world = s->comm;
  PetscCallMPI(MPI_Comm_rank(r->world, &r->rank));
  PetscCallMPI(MPI_Comm_size(r->world, &r->size));
  if (r->size == 1) s->dedicated_manager = PETSC_FALSE;
  PetscCheck(s->group_size >= 1 && (r->size - (s->dedicated_manager ? 1 : 0)) % s->group_size == 0, r->world,
             PETSC_ERR_USER_INPUT, "-study_group_size %d does not divide the %d ranks%s into groups; choose a divisor",
             (int) s->group_size, r->size - (s->dedicated_manager ? 1 : 0),
             s->dedicated_manager ? " besides the manager" : "");
  if (s->dedicated_manager)
    color = r->rank ? 1 + (r->rank - 1) / (int) s->group_size : 0;
  else
    color = r->rank / (int) s->group_size;
  PetscCallMPI(MPI_Comm_split(r->world, color, r->rank, &r->group));
  PetscCallMPI(MPI_Comm_rank(r->group, &r->grank));
  PetscCallMPI(MPI_Comm_size(r->group, &r->gsize));
  r->group_id = color;
  r->ngroups  = (r->size - (s->dedicated_manager ? 1 : 0)) / (int) s->group_size; /* groups that run cases */
  r->manager  = r->rank == 0 ? PETSC_TRUE : PETSC_FALSE;
  r->computes = !s->dedicated_manager;
  r->tty      = isatty(2) ? PETSC_TRUE : PETSC_FALSE;
  r->t0       = MPI_Wtime();
  PetscCall(PetscCalloc1(r->size, &r->outstanding));
  PetscCall(PetscCalloc1(r->size, &r->running_refine));
  *out = r;
  PetscFunctionReturn(0);
}

/* Buffers sized for the outputs (after StudyResolveOutputs). */
PetscErrorCode StudyRunnerSetUp(StudyRunner r)
{
  PetscFunctionBeginUser;
  r->reclen = StudyRecordPackedSize(r->s->np, r->s->nout);
  PetscCall(PetscMalloc1(r->reclen + 8, &r->msg));
  PetscCall(PetscMalloc1(r->s->np, &r->values));
  PetscCall(PetscMalloc1(r->s->nout ? r->s->nout : 1, &r->out));
  PetscCall(StudyRecordsInit(&r->rec, r->s->np, r->s->nout));
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRunnerDestroy(StudyRunner *r)
{
  PetscFunctionBeginUser;
  if (!*r) PetscFunctionReturn(0);
  PetscCall(WaitSends(*r));
  PetscCall(PetscFree2((*r)->pend_req, (*r)->pend_buf));
  PetscCall(StudyFileClose(&(*r)->file));
  PetscCall(StudyRecordsFree(&(*r)->rec));
  PetscCall(PetscFree((*r)->outstanding));
  PetscCall(PetscFree((*r)->running_refine));
  PetscCall(PetscFree((*r)->msg));
  PetscCall(PetscFree((*r)->values));
  PetscCall(PetscFree((*r)->out));
  if ((*r)->group != MPI_COMM_NULL) PetscCallMPI(MPI_Comm_free(&(*r)->group));
  PetscCall(PetscFree(*r));
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRunnerIsManager(StudyRunner r, PetscBool *manager)
{
  PetscFunctionBeginUser;
  *manager = r->manager;
  PetscFunctionReturn(0);
}

/* Ranks other than the manager: serve until the manager stops the study. */
PetscErrorCode StudyRunnerWork(StudyRunner r)
{
  PetscFunctionBeginUser;
  if (r->manager) PetscFunctionReturn(0);
  if (r->grank == 0)
    PetscCall(LeaderLoop(r));
  else
    PetscCall(MemberLoop(r));
  PetscFunctionReturn(0);
}

/* The manager ends the study: every leader (and through it every member) stops; its own members too. */
PetscErrorCode StudyRunnerStop(StudyRunner r)
{
  int cmd = GROUP_STOP;
  PetscFunctionBeginUser;
  if (!r->manager) PetscFunctionReturn(0);
  for (PetscMPIInt l = 1; l < r->size; l++)
    if (IsLeader(r, l)) {
      Task t = {TASK_STOP, 0, 0, 0, 0, NULL};
      PetscCall(SendTask(r, l, &t));
    }
  PetscCall(WaitSends(r));
  PetscCall(GroupBcast(r, &cmd, 1, MPI_INT));
  if (r->tty && r->s->progress) fprintf(stderr, "\n");
  PetscFunctionReturn(0);
}

/* The parameters' values in the base case (file units; a choice: its index, -1 when not among the choices). */
static PetscErrorCode BaseValues(Study s, EprocCase c, double *values)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < s->np; i++) {
    const StudyParameter *p = &s->param[i];
    if (p->kind == STUDY_CHOICE) {
      const char *v = NULL;
      char        buf[64];
      PetscBool   b;
      values[i] = -1;
      if (!strcmp(p->choices[0], "false") || !strcmp(p->choices[0], "true")) {
        PetscErrorCode ierr;
        PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
        ierr = CaseGetBool(c, p->keys[0], &b);
        PetscCall(PetscPopErrorHandler());
        if (!ierr) {
          snprintf(buf, sizeof(buf), "%s", b ? "true" : "false");
          v = buf;
        }
      }
      if (!v) {
        PetscErrorCode ierr;
        PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
        ierr = CaseGetString(c, p->keys[0], &v);
        PetscCall(PetscPopErrorHandler());
        if (ierr) v = NULL;
      }
      for (PetscInt k = 0; v && k < p->nchoices; k++)
        if (!strcmp(v, p->choices[k])) values[i] = (double) k;
    } else if (p->kind == STUDY_INTEGER) {
      PetscInt v;
      PetscCall(CaseGetInt(c, p->keys[0], &v));
      values[i] = (double) v;
    } else {
      PetscReal si;
      double    scale, offset;
      PetscCall(CaseGetReal(c, p->keys[0], &si));
      PetscCall(UnitsToSI(p->unit, &scale, &offset, NULL));
      values[i] = ((double) si - offset) / scale;
    }
  }
  PetscFunctionReturn(0);
}

/* The base case on the manager's group (its summary names are the study's outputs); for a model, its outputs. */
static PetscErrorCode Reference(StudyRunner r, PetscInt *nout, char (**names)[64], char (**units)[32],
                                StudyRecordMeta *m, double **values, double **out)
{
  Study s = r->s;
  PetscFunctionBeginUser;
  *out = NULL;
  PetscCall(PetscMalloc1(s->np, values));
  for (PetscInt i = 0; i < s->np; i++) (*values)[i] = NAN;
  if (s->model) {
    *nout = s->model->noutputs;
    PetscCall(PetscMalloc1(*nout, names));
    PetscCall(PetscMalloc1(*nout, units));
    for (PetscInt i = 0; i < *nout; i++) {
      PetscCall(PetscStrncpy((*names)[i], s->model->outputs[i], 64));
      PetscCall(PetscStrncpy((*units)[i], s->model->units[i], 32));
    }
    PetscFunctionReturn(0);
  }
  {
    EprocCase          c  = NULL;
    Route              rt = NULL;
    Summary            sum;
    PetscInt           n;
    double             t = MPI_Wtime();
    StudyCapturedError cap;
    PetscErrorCode     ierr;
    cap.msg[0] = 0;
    PetscCall(PetscPushErrorHandler(StudyCaptureHandler, &cap));
    ierr = EprocCaseLoad(r->group, s->base_case, 0, NULL, &c);
    if (!ierr) ierr = EprocRouteCreate(c, s->case_options, &rt);
    if (!ierr) ierr = RouteRun(rt);
    PetscCall(PetscPopErrorHandler());
    if (ierr) {
      PetscCall(RouteDestroy(&rt));
      PetscCall(CaseDestroy(&c));
      SETERRQ(PETSC_COMM_SELF, ierr == PETSC_ERR_USER_INPUT ? PETSC_ERR_USER_INPUT : PETSC_ERR_NOT_CONVERGED,
              "%s: the base case %s does not run: %s", s->file, s->base_case, cap.msg);
    }
    PetscCall(RouteGetSummary(rt, &sum));
    PetscCall(SummaryGetSize(sum, &n));
    *nout = n;
    PetscCall(PetscMalloc1(n, names));
    PetscCall(PetscMalloc1(n, units));
    for (PetscInt i = 0; i < n; i++) {
      const SummaryEntry *e;
      PetscCall(SummaryGetEntry(sum, i, &e));
      PetscCall(PetscStrncpy((*names)[i], e->name, 64));
      PetscCall(PetscStrncpy((*units)[i], e->unit, 32));
    }
    /* the outputs in the study's order (set by the caller); keep the raw summary values here */
    PetscCall(PetscMalloc1(n, out));
    for (PetscInt i = 0; i < n; i++) {
      const SummaryEntry *e;
      PetscCall(SummaryGetEntry(sum, i, &e));
      (*out)[i] = e->set ? (double) e->value : NAN;
    }
    PetscCall(BaseValues(s, c, *values));
    PetscCall(PetscMemzero(m, sizeof(*m)));
    m->phase  = STUDY_PHASE_REFERENCE;
    m->group  = r->group_id;
    m->wall_s = MPI_Wtime() - t;
    PetscCall(RouteDestroy(&rt));
    PetscCall(CaseDestroy(&c));
  }
  PetscFunctionReturn(0);
}

/* The outputs for every rank: the manager's group runs the base case, the others get its summary names. */
PetscErrorCode StudyRunnerReference(StudyRunner r, PetscInt *nout, char (**names)[64], char (**units)[32],
                                    StudyRecordMeta *m, double **values, double **out)
{
  int code = 0, n;
  PetscFunctionBeginUser;
  *names  = NULL;
  *units  = NULL;
  *values = NULL;
  *out    = NULL;
  if (r->s->model || r->group_id == 0) code = (int) Reference(r, nout, names, units, m, values, out);
  if (r->s->model) PetscFunctionReturn((PetscErrorCode) code);
  PetscCallMPI(MPI_Bcast(&code, 1, MPI_INT, 0, r->world));
  if (code) PetscFunctionReturn((PetscErrorCode) code); /* rank 0 has said why */
  n = r->group_id == 0 ? (int) *nout : 0;
  PetscCallMPI(MPI_Bcast(&n, 1, MPI_INT, 0, r->world));
  if (r->group_id != 0) {
    *nout = n;
    PetscCall(PetscMalloc1(n, names));
    PetscCall(PetscMalloc1(n, units));
    PetscCall(PetscMalloc1(r->s->np, values));
  }
  PetscCallMPI(MPI_Bcast(*names, 64 * n, MPI_CHAR, 0, r->world));
  PetscCallMPI(MPI_Bcast(*units, 32 * n, MPI_CHAR, 0, r->world));
  PetscFunctionReturn(0);
}

/* The manager opens the study file (resume: every finished case is loaded) and records the reference case; a
 * recorded reference must be reproduced bit for bit (the same eproc on the same inputs). */
PetscErrorCode StudyRunnerOpen(StudyRunner r, const char *output, const StudyFileLayout *layout,
                               const StudyRecordMeta *refm, const double *refvalues, const double *refout)
{
  PetscFunctionBeginUser;
  if (!r->manager) PetscFunctionReturn(0);
  PetscCall(StudyFileOpen(output, layout, &r->rec, &r->file));
  r->ndone = r->rec.n;
  if (refout) {
    PetscInt k = StudyRecordsFind(&r->rec, STUDY_PHASE_REFERENCE, 0, 0);
    if (k >= 0) {
      for (PetscInt i = 0; i < r->s->nout; i++) {
        double a = r->rec.out[k * r->s->nout + i], b = refout[i];
        PetscCheck((isnan(a) && isnan(b)) || a == b, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
                   "%s: the base case now gives %s = %.17g, the study file recorded %.17g: eproc or its inputs changed "
                   "since the study started; start a new study file",
                   output, r->s->out_name[i], b, a);
      }
    } else
      PetscCall(Record(r, refm, refvalues, refout));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRunnerGetFile(StudyRunner r, StudyFile *file)
{
  PetscFunctionBeginUser;
  *file = r->file;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyRunnerStats(StudyRunner r, PetscInt *ndone, PetscInt *nrun, PetscInt *nfailed, double *elapsed)
{
  PetscFunctionBeginUser;
  if (ndone) *ndone = r->ndone;
  if (nrun) *nrun = r->nrun;
  if (nfailed) *nfailed = r->nfailed;
  if (elapsed) *elapsed = MPI_Wtime() - r->t0;
  PetscFunctionReturn(0);
}
