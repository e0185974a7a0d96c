/* libFuzzer harness of the case loader: the input is a case file (libconfig text); lines "#SET path=value" in it (a
 * comment to libconfig) are applied as --set overrides. Each input is loaded, validated (CaseSetUp: schema, ranges,
 * route, petsc_options, resources) and, when valid, turned into a route (materials, web, every stage's
 * SetFromCase), exactly as `eproc run` does before it computes; nothing is run. Input errors are the expected
 * outcome; a crash, a sanitizer report or a leak is a bug (each one found becomes a file in tests/fuzz/regressions,
 * replayed by ctest). Built with -DEPROC_FUZZ=ON (clang). */
#include "../../solver/eproc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], path[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  char   src[1024], dst[256], buf[4096];
  FILE  *in, *out;
  size_t n;
  if (PetscInitializeNoArguments()) abort();
  if (EprocInitialize()) abort();
  /* errors are the expected outcome: no messages */
  if (PetscPushErrorHandler(PetscReturnErrorHandler, NULL)) abort();
  snprintf(dir, sizeof(dir), "/tmp/eproc-fuzz-XXXXXX");
  if (!mkdtemp(dir)) abort();
  snprintf(path, sizeof(path), "%s/case.cfg", dir);
  /* the shipped materials beside the case, as process.materials_file expects by default */
  snprintf(src, sizeof(src), "%s/cases/materials.cfg", EPROC_SOURCE_DIR);
  snprintf(dst, sizeof(dst), "%s/materials.cfg", dir);
  if (!(in = fopen(src, "rb")) || !(out = fopen(dst, "wb"))) abort();
  while ((n = fread(buf, 1, sizeof(buf), in)) > 0) fwrite(buf, 1, n, out);
  fclose(in);
  fclose(out);
  /* warm up on the shipped cases: libraries allocate some things once, on first use (MPI components, PETSc
   * registries); done here, they are not mistaken for leaks of the first input that reaches them */
  {
    const char *cases[] = {"nmp_nmc811.cfg", "water_graphite.cfg", "dry_nmc811.cfg"};
    for (int i = 0; i < 3; i++) {
      EprocCase c = NULL;
      Route     r = NULL;
      snprintf(src, sizeof(src), "%s/cases/%s", EPROC_SOURCE_DIR, cases[i]);
      if (EprocCaseLoad(PETSC_COMM_SELF, src, 0, NULL, &c) || EprocRouteCreate(c, NULL, &r)) abort();
      (void) RouteDestroy(&r);
      (void) CaseDestroy(&c);
    }
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE       *fp;
  char       *text, *line, *save = NULL;
  const char *sets[16];
  PetscInt    nsets = 0;
  EprocCase   c     = NULL;
  Route       r     = NULL;
  if (size > 300000) return 0;
  if (!(fp = fopen(path, "wb"))) abort();
  fwrite(data, 1, size, fp);
  fclose(fp);
  /* --set overrides from "#SET path=value" lines */
  text = (char *) malloc(size + 1);
  memcpy(text, data, size);
  text[size] = 0;
  for (line = strtok_r(text, "\n", &save); line && nsets < 16; line = strtok_r(NULL, "\n", &save))
    if (!strncmp(line, "#SET ", 5)) sets[nsets++] = line + 5;
  if (!EprocCaseLoad(PETSC_COMM_SELF, path, nsets, sets, &c)) {
    (void) EprocRouteCreate(c, NULL, &r);
    (void) RouteDestroy(&r);
    (void) CaseDestroy(&c);
  }
  free(text);
  return 0;
}
