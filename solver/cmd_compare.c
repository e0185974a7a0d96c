/* eproc compare A.cfg B.cfg [...] [-o DIR] [--set ...] [PETSc options]
 *
 * 1. rank 0 loads every case, its plant file and its route (nothing runs) and checks every output name: a bad
 *    case stops the comparison before any computation (exit 2);
 * 2. the cases are dealt to the ranks in turn, each runs on PETSC_COMM_SELF and writes DIR/<case>.h5 (as
 *    `eproc run A.cfg B.cfg -o DIR/` does), so -n 1 and -n 2 give the same numbers;
 * 3. rank 0 reads every results file back through the results reader and prints the routes side by side, with
 *    the plant context, and writes DIR/compare_summary.csv, DIR/compare_ledger.csv and DIR/compare.h5.
 * A route that fails (a solver that does not converge) fails the comparison: no compare files are written. */
#include "cmd_compare.h"
#include "eproc.h"
#include "../postproc/h5io.h"
#include "../postproc/plant.h"
#include "../postproc/compare_results.h"
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define COMPARE_MAX_STAGES 16

typedef struct {
  char        label[128], results[PETSC_MAX_PATH_LEN];
  EprocCase   c;
  Route       r;
  Plant       plant;
  PetscBool   cathode;
  PetscInt    nstages;
  char        types[COMPARE_MAX_STAGES][64];
  const char *type_ptr[COMPARE_MAX_STAGES];
  double      seconds;
} CompareCase;

/* Each step through E(): after a failure, the rest is skipped and the clean-up still runs. */
#define E(call)                                                                                                        \
  do {                                                                                                                 \
    if (!ierr) ierr = (call);                                                                                          \
  } while (0)

/* 0 success, 2 bad input, 3 anything else (the worst wins). */
static int Severity(PetscErrorCode ierr)
{
  return !ierr ? 0 : ierr == PETSC_ERR_USER_INPUT ? 2 : 3;
}

static void BaseName(const char *file, char *out, size_t len)
{
  const char *base = strrchr(file, '/');
  const char *dot;
  base = base ? base + 1 : file;
  dot  = strrchr(base, '.');
  snprintf(out, len, "%.*s", (int) (dot && dot != base ? dot - base : (long) strlen(base)), base);
}

static PetscErrorCode JoinPath(const char *dir, const char *name, char *out, size_t len)
{
  size_t l = strlen(dir);
  PetscFunctionBeginUser;
  PetscCheck((size_t) snprintf(out, len, "%s%s%s", dir, l && dir[l - 1] == '/' ? "" : "/", name) < len, PETSC_COMM_SELF,
             PETSC_ERR_USER_INPUT, "path too long: %s/%s", dir, name);
  PetscFunctionReturn(0);
}

/* A rank that has finished its cases waits for the others without spinning (MPI implementations busy-poll in
 * blocking collectives), so that on a shared or oversubscribed machine it leaves its core to the ranks still
 * computing. */
static PetscErrorCode WaitQuietly(MPI_Comm comm)
{
  MPI_Request           req;
  int                   done = 0;
  const struct timespec nap  = {0, 1000000}; /* 1 ms */
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Ibarrier(comm, &req));
  for (;;) {
    PetscCallMPI(MPI_Test(&req, &done, MPI_STATUS_IGNORE));
    if (done) break;
    nanosleep(&nap, NULL);
  }
  PetscFunctionReturn(0);
}

/* Load a case, its plant and its route (not run) on PETSC_COMM_SELF; the route's stage types and electrode role. */
static PetscErrorCode SetUpCase(const char *file, PetscInt nsets, const char *const sets[], const char *options,
                                CompareCase *cc)
{
  PetscBool known;
  PetscFunctionBeginUser;
  PetscCall(EprocCaseLoad(PETSC_COMM_SELF, file, nsets, sets, &cc->c));
  PetscCall(PlantCreateFromCase(cc->c, &cc->plant));
  PetscCall(EprocRouteCreate(cc->c, options, &cc->r));
  PetscCall(CaseGetNumStages(cc->c, &cc->nstages));
  PetscCheck(cc->nstages <= COMPARE_MAX_STAGES, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: more than %d stages", file,
             COMPARE_MAX_STAGES);
  for (PetscInt i = 0; i < cc->nstages; i++) {
    char instance[64];
    PetscCall(CaseGetStage(cc->c, i, instance, cc->types[i]));
    cc->type_ptr[i] = cc->types[i];
  }
  PetscCall(PlantGetCaseRole(cc->c, &known, &cc->cathode));
  if (!known) {
    Web w;
    PetscCall(RouteGetWeb(cc->r, &w));
    cc->cathode = PlantRoleFromPotential(w->formulation.active->nominal_voltage);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode DestroyCase(CompareCase *cc)
{
  PetscFunctionBeginUser;
  PetscCall(RouteDestroy(&cc->r));
  PetscCall(PlantDestroy(&cc->plant));
  PetscCall(CaseDestroy(&cc->c));
  PetscFunctionReturn(0);
}

/* Phase 1 (rank 0): every case, plant and route set up, every output name checked. */
static PetscErrorCode CheckAll(PetscInt n, const char *const files[], PetscInt nsets, const char *const sets[],
                               const char *options, CompareCase cases[], char outputs[3][PETSC_MAX_PATH_LEN])
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) {
    PetscCall(SetUpCase(files[i], nsets, sets, options, &cases[i]));
    PetscCall(H5CheckTarget(PETSC_COMM_SELF, cases[i].results, files[i]));
  }
  for (PetscInt k = 0; k < 3; k++) PetscCall(H5CheckTarget(PETSC_COMM_SELF, outputs[k], NULL));
  PetscFunctionReturn(0);
}

/* Phase 3 (rank 0): read the results back, compare, print and write. */
static PetscErrorCode Report(PetscInt n, CompareCase cases[], char outputs[3][PETSC_MAX_PATH_LEN])
{
  Compare cmp = NULL;
  PetscFunctionBeginUser;
  PetscCall(CompareCreate(&cmp));
  for (PetscInt i = 0; i < n; i++) {
    CompareRouteInfo info;
    PetscCall(PetscMemzero(&info, sizeof(info)));
    info.label        = cases[i].label;
    info.results_file = cases[i].results;
    PetscCall(RouteGetArealEnergy(cases[i].r, &info.cell_energy_Wh_per_m2));
    info.nstages     = cases[i].nstages;
    info.stage_types = cases[i].type_ptr;
    info.plant       = cases[i].plant;
    info.cathode     = cases[i].cathode;
    PetscCall(CompareAddRoute(cmp, &info));
  }
  PetscCall(CompareView(cmp, stdout));
  PetscCall(CompareWriteCSV(cmp, outputs[0], outputs[1]));
  PetscCall(CompareWriteHDF5(cmp, outputs[2]));
  PetscCall(CompareDestroy(&cmp));
  PetscFunctionReturn(0);
}

PetscErrorCode EprocCompareCommand(PetscInt n, const char *const files[], const char *dir, PetscInt nsets,
                                   const char *const sets[], const char *options, int *status)
{
  PetscMPIInt  rank, size;
  CompareCase *cases;
  char         outputs[3][PETSC_MAX_PATH_LEN];
  int          sev = 0, all = 0;
  double       t0 = MPI_Wtime(), *seconds, *sum;
  struct stat  st;
  PetscFunctionBeginUser;
  *status = 0;
  if (!dir) dir = ".";
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  /* usage: the same answer on every rank */
  PetscCheck(n >= 2, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
             "command line: eproc compare needs at least two case files (eproc --help)");
  PetscCheck(!stat(dir, &st) && S_ISDIR(st.st_mode), PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
             "command line: -o %s: eproc compare writes into an existing directory", dir);
  PetscCall(PetscCalloc1(n, &cases));
  for (PetscInt i = 0; i < n; i++) {
    char name[160];
    BaseName(files[i], cases[i].label, sizeof(cases[i].label));
    PetscCall(PetscSNPrintf(name, sizeof(name), "%s.h5", cases[i].label));
    PetscCall(JoinPath(dir, name, cases[i].results, sizeof(cases[i].results)));
  }
  PetscCall(JoinPath(dir, "compare_summary.csv", outputs[0], sizeof(outputs[0])));
  PetscCall(JoinPath(dir, "compare_ledger.csv", outputs[1], sizeof(outputs[1])));
  PetscCall(JoinPath(dir, "compare.h5", outputs[2], sizeof(outputs[2])));
  for (PetscInt i = 0; i < n; i++) {
    PetscCheck(strcmp(cases[i].results, outputs[2]), PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
               "command line: %s would write %s, the comparison's own file; rename the case", files[i], outputs[2]);
    for (PetscInt k = 0; k < i; k++)
      PetscCheck(strcmp(cases[i].label, cases[k].label), PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
                 "command line: %s and %s would both write %s; compare cases whose file names differ", files[k],
                 files[i], cases[i].results);
  }

  /* 1. everything checked on rank 0 before anything runs */
  if (!rank) sev = Severity(CheckAll(n, files, nsets, sets, options, cases, outputs));
  PetscCallMPI(MPI_Bcast(&sev, 1, MPI_INT, 0, PETSC_COMM_WORLD));

  /* 2. the runs, dealt to the ranks in turn */
  PetscCall(PetscCalloc2(n, &seconds, n, &sum));
  for (PetscInt i = rank; i < n && !sev; i += size) {
    PetscErrorCode ierr = 0;
    double         t    = MPI_Wtime();
    int            s;
    if (rank) E(SetUpCase(files[i], nsets, sets, options, &cases[i]));
    E(RouteRun(cases[i].r));
    E(RouteWriteResults(cases[i].r, cases[i].results));
    s = Severity(ierr);
    if (s)
      fprintf(stderr, "eproc: %s: failed (%s); no comparison is written\n", files[i], s == 2 ? "bad input" : "error");
    all        = PetscMax(all, s);
    seconds[i] = MPI_Wtime() - t;
  }
  if (!sev) {
    PetscCall(WaitQuietly(PETSC_COMM_WORLD));
    PetscCallMPI(MPI_Allreduce(&all, &sev, 1, MPI_INT, MPI_MAX, PETSC_COMM_WORLD));
    PetscCallMPI(MPI_Reduce(seconds, sum, (PetscMPIInt) n, MPI_DOUBLE, MPI_SUM, 0, PETSC_COMM_WORLD));
  }

  /* 3. the comparison, on rank 0 */
  if (!sev && !rank) {
    sev = Severity(Report(n, cases, outputs));
    if (!sev) {
      PetscCall(PetscFPrintf(PETSC_COMM_SELF, stdout, "\n%d routes on %d rank%s in %.2f s (", (int) n, (int) size,
                             size > 1 ? "s" : "", MPI_Wtime() - t0));
      for (PetscInt i = 0; i < n; i++)
        PetscCall(PetscFPrintf(PETSC_COMM_SELF, stdout, "%s%s %.2f s", i ? ", " : "", cases[i].label, sum[i]));
      PetscCall(PetscFPrintf(PETSC_COMM_SELF, stdout, ")\nresults: %s, %s, %s and one results file per route\n",
                             outputs[0], outputs[1], outputs[2]));
    }
  }
  PetscCallMPI(MPI_Bcast(&sev, 1, MPI_INT, 0, PETSC_COMM_WORLD));
  for (PetscInt i = 0; i < n; i++) PetscCall(DestroyCase(&cases[i]));
  PetscCall(PetscFree(cases));
  PetscCall(PetscFree2(seconds, sum));
  *status = sev == 0 ? 0 : sev == 2 ? 2 : 1;
  PetscFunctionReturn(0);
}
