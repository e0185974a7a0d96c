/* eproc: command-line entry point.
 *   eproc run CASE.cfg [-o RESULTS.h5] [--set path.to.key=value ...] [PETSc options]
 *   eproc keys                 the case-file reference (markdown) generated from the key tables
 *   eproc --help | --version
 * Exit status: 0 success, 2 bad input (case file, --set, materials), 1 any other failure. */
#include "case.h"
#include "route.h"
#include <string.h>

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
    "  eproc keys        print the case-file reference (every key, unit, default, allowed range)\n"
    "  eproc --version   print the version\n"
    "  eproc --help      this text\n"
    "\n"
    "exit status: 0 success, 2 bad input (file:line: key and allowed range on stderr), 1 other failure\n";

typedef struct {
  const char *command;
  const char *case_file;
  const char *output;
  const char *sets[256];
  int         nsets;
} Arguments;

/* Take eproc's own arguments out of argv; what is left goes to PETSc. Returns 0, or 2 for bad usage. */
static int ParseArguments(int *argc, char **argv, Arguments *a)
{
  int out = 1;
  memset(a, 0, sizeof(*a));
  for (int i = 1; i < *argc; i++) {
    const char *s = argv[i];
    if (!a->command && (!strcmp(s, "--help") || !strcmp(s, "-h") || !strcmp(s, "help")))
      a->command = "help";
    else if (!a->command && !strcmp(s, "--version"))
      a->command = "version";
    else if (!a->command && s[0] != '-')
      a->command = s;
    else if (a->command && !strcmp(a->command, "run") && !a->case_file && s[0] != '-')
      a->case_file = s;
    else if (!strcmp(s, "-o") || !strcmp(s, "--output")) {
      if (i + 1 >= *argc) return 2;
      a->output = argv[++i];
    } else if (!strcmp(s, "--set")) {
      if (i + 1 >= *argc || a->nsets >= 256) return 2;
      a->sets[a->nsets++] = argv[++i];
    } else if (!strncmp(s, "--set=", 6)) {
      if (a->nsets >= 256) return 2;
      a->sets[a->nsets++] = s + 6;
    } else
      argv[out++] = argv[i];
  }
  *argc     = out;
  argv[out] = NULL;
  return 0;
}

/* Input errors get one clean line (rank 0); anything else the usual PETSc traceback. */
static PetscErrorCode EprocErrorHandler(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n,
                                        PetscErrorType p, const char *mess, void *ctx)
{
  if (n == PETSC_ERR_USER_INPUT) {
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (p == PETSC_ERROR_INITIAL && !rank) fprintf(stderr, "eproc: error: %s\n", mess);
    return n;
  }
  return PetscTraceBackErrorHandler(comm, line, func, file, n, p, mess, ctx);
}

static PetscErrorCode DefaultOutputName(const char *case_file, char *out, size_t len)
{
  const char *base = strrchr(case_file, '/');
  const char *dot;
  PetscFunctionBeginUser;
  base = base ? base + 1 : case_file;
  dot  = strrchr(base, '.');
  snprintf(out, len, "%.*s.h5", (int) (dot ? dot - base : (long) strlen(base)), base);
  PetscFunctionReturn(0);
}

/* Each step through E(): on failure, fall through to the clean-up so nothing leaks or is half-written. */
#define E(call)                                                                                                        \
  do {                                                                                                                 \
    if (!ierr) ierr = (call);                                                                                          \
  } while (0)

static PetscErrorCode RunCase(const Arguments *a)
{
  PetscErrorCode ierr = 0;
  EprocCase      c    = NULL;
  Route          r    = NULL;
  char           output[PETSC_MAX_PATH_LEN];

  PetscFunctionBeginUser;
  PetscCheck(a->case_file, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "eproc run needs a case file (eproc --help)");
  if (a->output)
    PetscCall(PetscStrncpy(output, a->output, sizeof(output)));
  else
    PetscCall(DefaultOutputName(a->case_file, output, sizeof(output)));
  E(CaseRegisterAllKeys());
  E(CaseCreate(PETSC_COMM_WORLD, &c));
  E(CaseLoad(c, a->case_file));
  for (int i = 0; i < a->nsets; i++) E(CaseSetValue(c, a->sets[i]));
  E(CaseSetUp(c));
  E(RouteCreate(PETSC_COMM_WORLD, &r));
  E(RouteSetFromCase(r, c));
  E(RouteRun(r));
  if (!ierr) E(RouteView(r, PETSC_VIEWER_STDOUT_WORLD));
  E(RouteWriteResults(r, output));
  if (!ierr) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\nresults: %s\n", output));
  PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Arguments      a;
  PetscErrorCode ierr;
  int            status = 0;

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
  if (strcmp(a.command, "run") && strcmp(a.command, "keys")) {
    fprintf(stderr, "eproc: error: unknown command '%s'\n\n%s", a.command, usage);
    return 2;
  }
  ierr = PetscInitialize(&argc, &argv, NULL, usage);
  if (ierr) return 1;
  ierr = PetscPushErrorHandler(EprocErrorHandler, NULL);
  if (!ierr) {
    if (!strcmp(a.command, "keys")) {
      ierr = CaseRegisterAllKeys();
      if (!ierr) ierr = CaseKeysPrintReference(stdout);
    } else
      ierr = RunCase(&a);
  }
  if (ierr) status = ierr == PETSC_ERR_USER_INPUT ? 2 : 1;
  if (CaseKeysFinalize() || StageRegistryFinalize()) status = 1;
  PetscPopErrorHandler();
  if (PetscFinalize()) status = 1;
  return status;
}
