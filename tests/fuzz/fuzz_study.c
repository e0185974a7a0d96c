/* libFuzzer harness of the study loader: the input is a study file (libconfig text), written beside copies of the
 * shipped cases (so that base_case = "nmp_nmc811.cfg" resolves) and read and validated by StudyLoad, exactly as
 * `eproc study` does before it runs a case; nothing is run. Input errors are the expected outcome; a crash, a
 * sanitizer report or a leak is a bug. Built with -DEPROC_FUZZ=ON (clang). */
#include "../../solver/eproc.h"
#include "../../solver/study.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], path[128];

static void Copy(const char *name)
{
  char   src[1024], dst[256], buf[4096];
  FILE  *in, *out;
  size_t n;
  snprintf(src, sizeof(src), "%s/cases/%s", EPROC_SOURCE_DIR, name);
  snprintf(dst, sizeof(dst), "%s/%s", dir, name);
  if (!(in = fopen(src, "rb")) || !(out = fopen(dst, "wb"))) abort();
  while ((n = fread(buf, 1, sizeof(buf), in)) > 0) fwrite(buf, 1, n, out);
  fclose(in);
  fclose(out);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  const char *cases[] = {"materials.cfg", "nmp_nmc811.cfg", "water_graphite.cfg", "dry_nmc811.cfg", "plant.cfg"};
  if (PetscInitializeNoArguments()) abort();
  if (EprocInitialize()) abort();
  if (PetscPushErrorHandler(PetscReturnErrorHandler, NULL)) abort();
  snprintf(dir, sizeof(dir), "/tmp/eproc-fuzz-study-XXXXXX");
  if (!mkdtemp(dir)) abort();
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) Copy(cases[i]);
  snprintf(path, sizeof(path), "%s/study.cfg", dir);
  /* warm up on a shipped study: one-time allocations of the libraries are not leaks of the first input */
  {
    char  src[1024];
    Study s = NULL;
    snprintf(src, sizeof(src), "%s/cases/study_nmp_dryer.cfg", EPROC_SOURCE_DIR);
    Copy("study_nmp_dryer.cfg");
    snprintf(src, sizeof(src), "%s/study_nmp_dryer.cfg", dir);
    if (StudyCreate(PETSC_COMM_SELF, &s)) abort();
    (void) StudyLoad(s, src, NULL);
    (void) StudyDestroy(&s);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE *fp;
  Study s = NULL;
  if (size > 300000) return 0;
  if (!(fp = fopen(path, "wb"))) abort();
  fwrite(data, 1, size, fp);
  fclose(fp);
  if (StudyCreate(PETSC_COMM_SELF, &s)) abort();
  (void) StudyLoad(s, path, NULL);
  (void) StudyDestroy(&s);
  return 0;
}
