/* eproc: command-line entry point, built on the in-process API (eproc.h).
 *   eproc run CASE.cfg [-o RESULTS.h5] [--set path.to.key=value ...] [PETSc options]
 *   eproc run A.cfg B.cfg ... [-o DIR/]      several cases in one process (spread over MPI ranks)
 *   eproc keys                 the case-file reference (markdown) generated from the key tables
 *   eproc results-reference RESULTS.h5 ...   docs/results.md, generated from the results table
 *   eproc compare A.cfg B.cfg ... [-o DIR/]  routes side by side with the plant context (cmd_compare.c)
 *   eproc study STUDY.cfg [-o S.h5]            a study (sweep, sensitivities, optimisation; solver/cmd_study.c)
 *   eproc dakota CASE.cfg PARAMS RESULTS       one run driven by Dakota's fork interface (solver/study_dakota.c)
 *   eproc --help | --version
 * Exit status: 0 success, 2 bad input (case file, --set, materials), 3 a diverging case (a solver gave up, or
 * NaN/Inf in a stage's results: no results file), 1 any other failure (e.g. the results file cannot be written). */
#include "eproc.h"
#include "cmd_compare.h"
#include "study.h"
#include "../postproc/h5io.h"
#include "../postproc/report.h"
#include <string.h>
#include <sys/stat.h>

#define MAX_CASES 1024

static const char usage[] =
    "eproc " EPROC_VERSION ": electrode-process simulator (coating, drying, dry deposition, energy budget)\n"
    "\n"
    "usage:\n"
    "  eproc run CASE.cfg [-o RESULTS.h5] [--set path.to.key=value ...] [PETSc options]\n"
    "      run one case: summary and energy ledger on stdout, fields and summary in RESULTS.h5\n"
    "      (default: the case file name with .h5, in the current directory)\n"
    "      --set overrides any case key with the same validation, e.g.\n"
    "        --set process.line_speed_m_per_min=30 --set convective_drying.zones.[0].air_temperature_C=90\n"
    "      PETSc options (-ts_monitor, -log_view, -pc_type ...) override the case's process.petsc_options.\n"
    "  eproc run A.cfg B.cfg ... [-o DIR/] [--set ...] [PETSc options]   (case files before PETSc options)\n"
    "      several cases in one process (under mpiexec, spread over the ranks); writes DIR/A.h5, DIR/B.h5, ...\n"
    "      and one line per case; a bad case stops only itself (the exit status says so)\n"
    "  eproc compare A.cfg B.cfg [...] [-o DIR/] [--set ...] [PETSc options]   routes side by side (docs/compare.md)\n"
    "      runs the cases in one process (spread over MPI ranks), writes DIR/A.h5, ..., DIR/compare_summary.csv,\n"
    "      DIR/compare_ledger.csv, DIR/compare.h5; prints energy by stage and item, the electrode, the plant context\n"
    "  eproc keys        print the case-file reference (every key, unit, default, allowed range)\n"
    "  eproc report RESULTS.h5 [MORE.h5 ...] [-o DIR]   or   eproc report compare.h5|STUDY.h5 [-o DIR]\n"
    "      one self-contained HTML page (DIR/report.html, default DIR: report) with tables (CSV beside each) and\n"
    "      plots (gnuplot) of runs (several side by side), of a comparison or of a study (docs/report.md)\n"
    "  eproc results-reference RESULTS.h5 ...   print the results-file reference (docs/results.md)\n"
    "  mpiexec -n N eproc study STUDY.cfg [-o S.h5] [-study_group_size g]   parameter study, Sobol sensitivities,\n"
    "      optimisation; every finished case goes into S.h5 at once, a rerun resumes (docs/studies.md)\n"
    "  eproc dakota CASE.cfg PARAMS RESULTS [--set ...]   one run for Dakota's fork interface (docs/studies.md)\n"
    "  eproc --version   print the version\n"
    "  eproc --help      this text\n"
    "\n"
    "exit status: 0 success, 2 bad input (file:line: key and allowed range on stderr), 3 the case diverged (no\n"
    "results file), 1 other failure (e.g. the results file could not be written)\n";

typedef struct {
  const char *command;
  const char *files[MAX_CASES];
  int         nfiles;
  const char *output;
  const char *sets[256];
  int         nsets;
} Arguments;

/* Take eproc's own arguments out of argv; what is left goes to PETSc. Returns 0, or 2 for bad usage. */
static int ParseArguments(int *argc, char **argv, Arguments *a)
{
  int       out        = 1;
  PetscBool petsc_seen = PETSC_FALSE; /* after the first PETSc option, bare words are option values */
  memset(a, 0, sizeof(*a));
  for (int i = 1; i < *argc; i++) {
    const char *s = argv[i];
    if (!a->command && (!strcmp(s, "--help") || !strcmp(s, "-h") || !strcmp(s, "help")))
      a->command = "help";
    else if (!a->command && !strcmp(s, "--version"))
      a->command = "version";
    else if (!a->command && s[0] != '-')
      a->command = s;
    else if (a->command && s[0] != '-' && !petsc_seen &&
             (!strcmp(a->command, "run") || !strcmp(a->command, "results-reference") || !strcmp(a->command, "report") ||
              !strcmp(a->command, "compare") || !strcmp(a->command, "study") || !strcmp(a->command, "dakota"))) {
      if (a->nfiles >= MAX_CASES) return 2;
      a->files[a->nfiles++] = s;
    } else if (!strcmp(s, "-o") || !strcmp(s, "--output")) {
      if (i + 1 >= *argc) return 2;
      a->output = argv[++i];
    } else if (!strcmp(s, "--set")) {
      if (i + 1 >= *argc || a->nsets >= 256) return 2;
      a->sets[a->nsets++] = argv[++i];
    } else if (!strncmp(s, "--set=", 6)) {
      if (a->nsets >= 256) return 2;
      a->sets[a->nsets++] = s + 6;
    } else {
      if (s[0] == '-') petsc_seen = PETSC_TRUE;
      argv[out++] = argv[i];
    }
  }
  *argc     = out;
  argv[out] = NULL;
  return 0;
}

/* The PETSc options of the command line as one string, for each run's own options database. */
static PetscErrorCode JoinOptions(int argc, char **argv, char **joined)
{
  size_t len = 1, at = 0;
  PetscFunctionBeginUser;
  for (int i = 1; i < argc; i++) len += strlen(argv[i]) + 3;
  PetscCall(PetscCalloc1(len, joined));
  for (int i = 1; i < argc; i++) {
    /* an argument with blanks is one value: quoted for PetscOptionsInsertString */
    const char *q = strpbrk(argv[i], " \t") ? "\"" : "";
    at += (size_t) snprintf(*joined + at, len - at, "%s%s%s%s", i > 1 ? " " : "", q, argv[i], q);
  }
  PetscFunctionReturn(0);
}

/* Input errors get one clean line (from the first rank of the failing communicator); anything else the
 * usual PETSc traceback. */
static PetscErrorCode EprocErrorHandler(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n,
                                        PetscErrorType p, const char *mess, void *ctx)
{
  if (n == PETSC_ERR_USER_INPUT || n == PETSC_ERR_FILE_WRITE || n == PETSC_ERR_NOT_CONVERGED || n == PETSC_ERR_FP) {
    int rank = 0;
    MPI_Comm_rank(comm, &rank);
    if (p == PETSC_ERROR_INITIAL && !rank) fprintf(stderr, "eproc: error: %s\n", mess);
    return n;
  }
  return PetscTraceBackErrorHandler(comm, line, func, file, n, p, mess, ctx);
}

static void BaseName(const char *case_file, char *out, size_t len)
{
  const char *base = strrchr(case_file, '/');
  const char *dot;
  base = base ? base + 1 : case_file;
  dot  = strrchr(base, '.');
  snprintf(out, len, "%.*s", (int) (dot ? dot - base : (long) strlen(base)), base);
}

/* Each step through E(): on failure, fall through to the clean-up so nothing leaks or is half-written. */
#define E(call)                                                                                                        \
  do {                                                                                                                 \
    if (!ierr) ierr = (call);                                                                                          \
  } while (0)

/* One case on comm: load, check the output, run, print (the full view, or one line in a batch), write. */
static PetscErrorCode RunOne(MPI_Comm comm, const Arguments *a, const char *case_file, const char *output,
                             const char *options, PetscBool brief)
{
  PetscErrorCode ierr = 0;
  EprocCase      c    = NULL;
  Route          r    = NULL;
  PetscFunctionBeginUser;
  E(EprocCaseLoad(comm, case_file, a->nsets, a->sets, &c));
  E(H5CheckTarget(comm, output, case_file));
  E(EprocRouteCreate(c, options, &r));
  E(RouteRun(r));
  if (!ierr && !brief) E(RouteView(r, PETSC_VIEWER_STDOUT_(comm)));
  E(RouteWriteResults(r, output));
  if (!ierr && !brief) E(PetscPrintf(comm, "\nresults: %s\n", output));
  if (!ierr && brief) {
    Summary   s;
    PetscReal e, cv;
    E(RouteGetSummary(r, &s));
    E(SummaryGet(s, "energy_kWh_per_m2", &e, NULL));
    E(SummaryGet(s, "thickness_cv_percent", &cv, NULL));
    E(PetscPrintf(comm, "%s: %.5g kWh/m2, thickness CV %.3g %% -> %s\n", case_file, (double) e, (double) cv, output));
  }
  PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

static PetscErrorCode OutputName(const Arguments *a, const char *case_file, PetscBool batch, char *out, size_t len)
{
  char base[PETSC_MAX_PATH_LEN];
  PetscFunctionBeginUser;
  BaseName(case_file, base, sizeof(base));
  if (!batch) {
    if (a->output)
      PetscCall(PetscStrncpy(out, a->output, len));
    else
      PetscCall(PetscSNPrintf(out, len, "%s.h5", base));
  } else {
    const char *dir = a->output ? a->output : ".";
    size_t      l   = strlen(dir);
    PetscCall(PetscSNPrintf(out, len, "%s%s%s.h5", dir, l && dir[l - 1] == '/' ? "" : "/", base));
  }
  PetscFunctionReturn(0);
}

/* Outcomes, least to most severe (worst wins in a batch), and their exit status. */
enum { OUTCOME_OK, OUTCOME_DIVERGED, OUTCOME_BAD_INPUT, OUTCOME_FAILED };
static const int   outcome_status[] = {0, 3, 2, 1};
static const char *outcome_name[]   = {"ok", "diverged", "bad input", "error"};

/* A solver that gave up or a non-finite result is a diverging case (exit 3); bad input is 2; anything else 1. */
static int Severity(PetscErrorCode ierr)
{
  if (!ierr) return OUTCOME_OK;
  if (ierr == PETSC_ERR_USER_INPUT) return OUTCOME_BAD_INPUT;
  if (ierr == PETSC_ERR_NOT_CONVERGED || ierr == PETSC_ERR_FP) return OUTCOME_DIVERGED;
  return OUTCOME_FAILED;
}

static PetscErrorCode RunCases(const Arguments *a, const char *options, int *status)
{
  PetscMPIInt rank, size;
  int         worst = 0, all;
  PetscFunctionBeginUser;
  PetscCheck(a->nfiles > 0, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "eproc run needs a case file (eproc --help)");
  if (a->nfiles == 1) {
    char out[PETSC_MAX_PATH_LEN];
    PetscCall(OutputName(a, a->files[0], PETSC_FALSE, out, sizeof(out)));
    worst = Severity(RunOne(PETSC_COMM_WORLD, a, a->files[0], out, options, PETSC_FALSE));
  } else {
    struct stat st;
    PetscCheck(!a->output || (!stat(a->output, &st) && S_ISDIR(st.st_mode)), PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
               "-o %s: with several cases, -o names an existing directory for their results", a->output);
    for (int i = 0; i < a->nfiles; i++)
      for (int k = 0; k < i; k++) {
        char oi[PETSC_MAX_PATH_LEN], ok[PETSC_MAX_PATH_LEN];
        PetscCall(OutputName(a, a->files[i], PETSC_TRUE, oi, sizeof(oi)));
        PetscCall(OutputName(a, a->files[k], PETSC_TRUE, ok, sizeof(ok)));
        PetscCheck(strcmp(oi, ok), PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT,
                   "command line: %s and %s would both write %s; run them with different -o directories", a->files[k],
                   a->files[i], oi);
      }
    /* cases are dealt to the ranks in turn; each runs on its own rank, so a bad one stops only itself */
    PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
    PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
    for (int i = rank; i < a->nfiles; i += size) {
      char out[PETSC_MAX_PATH_LEN];
      int  sev;
      PetscCall(OutputName(a, a->files[i], PETSC_TRUE, out, sizeof(out)));
      sev = Severity(RunOne(PETSC_COMM_SELF, a, a->files[i], out, options, PETSC_TRUE));
      if (sev) fprintf(stderr, "eproc: %s: failed (%s)\n", a->files[i], outcome_name[sev]);
      worst = PetscMax(worst, sev);
    }
  }
  PetscCallMPI(MPI_Allreduce(&worst, &all, 1, MPI_INT, MPI_MAX, PETSC_COMM_WORLD));
  *status = outcome_status[all];
  PetscFunctionReturn(0);
}

/* The report is made on the first rank: it reads files and runs gnuplot, nothing to share. */
static PetscErrorCode RunReport(const Arguments *a)
{
  PetscMPIInt    rank;
  PetscErrorCode ierr = 0;
  const char    *dir  = a->output ? a->output : "report";
  PetscFunctionBeginUser;
  PetscCheck(a->nfiles > 0, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "eproc report needs a results file (eproc --help)");
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  if (!rank) {
    ierr = ReportWrite(a->nfiles, a->files, dir);
    if (!ierr) printf("report: %s/report.html\n", dir);
  }
  PetscCallMPI(MPI_Bcast(&ierr, 1, MPI_INT, 0, PETSC_COMM_WORLD));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Arguments      a;
  PetscErrorCode ierr;
  int            status  = 0;
  char          *options = NULL;

  if (ParseArguments(&argc, argv, &a)) {
    fprintf(stderr, "eproc: error: incomplete arguments (-o and --set need a value)\n\n%s", usage);
    return 2;
  }
  if (!a.command || !strcmp(a.command, "help")) {
    fputs(usage, a.command ? stdout : stderr);
    return a.command ? 0 : 2;
  }
  if (!strcmp(a.command, "version")) {
    printf("eproc %s (PETSc %d.%d.%d)\n", EPROC_VERSION, PETSC_VERSION_MAJOR, PETSC_VERSION_MINOR,
           PETSC_VERSION_SUBMINOR);
    return 0;
  }
  if (strcmp(a.command, "run") && strcmp(a.command, "keys") && strcmp(a.command, "results-reference") &&
      strcmp(a.command, "report") && strcmp(a.command, "compare") && strcmp(a.command, "study") &&
      strcmp(a.command, "dakota")) {
    fprintf(stderr, "eproc: error: unknown command '%s'\n\n%s", a.command, usage);
    return 2;
  }
  ierr = PetscInitialize(&argc, &argv, NULL, usage);
  if (ierr) return 1;
  ierr = PetscPushErrorHandler(EprocErrorHandler, NULL);
  if (!ierr) ierr = EprocInitialize();
  if (!ierr) {
    if (!strcmp(a.command, "keys"))
      ierr = CaseKeysPrintReference(stdout);
    else if (!strcmp(a.command, "results-reference"))
      ierr = ResultsPrintReference(stdout, a.nfiles, a.files);
    else if (!strcmp(a.command, "report"))
      ierr = RunReport(&a);
    else {
      ierr = JoinOptions(argc, argv, &options);
      if (!ierr && !strcmp(a.command, "compare"))
        ierr = EprocCompareCommand(a.nfiles, a.files, a.output, a.nsets, a.sets, options, &status);
      else if (!ierr && !strcmp(a.command, "study"))
        ierr = EprocStudyCommand(a.nfiles, a.files, a.output, options, &status);
      else if (!ierr && !strcmp(a.command, "dakota"))
        ierr = EprocDakotaCommand(a.nfiles, a.files, a.nsets, a.sets, options, &status);
      else if (!ierr)
        ierr = RunCases(&a, options, &status);
    }
  }
  if (ierr) status = outcome_status[Severity(ierr)];
  if (PetscFree(options) || EprocFinalize()) status = 1;
  PetscPopErrorHandler();
  if (PetscFinalize()) status = 1;
  return status;
}
