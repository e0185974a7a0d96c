/* Test helper: a shipped case cut down to one stage. Keeps process, electrode and the stage's own section,
 * sets process.stages = [stage] and makes the materials path absolute; writes the result to a new file in
 * the working directory (one per rank and call, as ranks may run different communicators). */
#pragma once
#include <petscsys.h>
#include <libconfig.h>
#include <string.h>
#include <unistd.h>

static inline PetscErrorCode TestWriteStageCase(const char *casefile, const char *stage, char *out, size_t len)
{
  config_t          cfg;
  config_setting_t *root, *s;
  char              dir[PETSC_MAX_PATH_LEN], mpath[PETSC_MAX_PATH_LEN];
  const char       *mfile = "materials.cfg";
  PetscMPIInt       rank;
  static int        count = 0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  config_init(&cfg);
  PetscCheck(config_read_file(&cfg, casefile) == CONFIG_TRUE, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s:%d: %s",
             casefile, config_error_line(&cfg), config_error_text(&cfg));
  root = config_root_setting(&cfg);
  for (int i = config_setting_length(root) - 1; i >= 0; i--) {
    const char *name = config_setting_name(config_setting_get_elem(root, (unsigned) i));
    if (strcmp(name, "process") && strcmp(name, "electrode") && strcmp(name, stage))
      config_setting_remove_elem(root, (unsigned) i);
  }
  s = config_lookup(&cfg, "process.stages");
  PetscCheck(s, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s has no process.stages", casefile);
  while (config_setting_length(s) > 0) config_setting_remove_elem(s, 0);
  config_setting_set_string(config_setting_add(s, NULL, CONFIG_TYPE_STRING), stage);
  config_lookup_string(&cfg, "process.materials_file", &mfile);
  PetscCall(PetscStrncpy(dir, casefile, sizeof(dir)));
  if (strrchr(dir, '/'))
    *strrchr(dir, '/') = 0;
  else
    PetscCall(PetscStrncpy(dir, ".", sizeof(dir)));
  PetscCall(PetscSNPrintf(mpath, sizeof(mpath), "%s/%s", dir, mfile));
  s = config_lookup(&cfg, "process.materials_file");
  if (!s) s = config_setting_add(config_lookup(&cfg, "process"), "materials_file", CONFIG_TYPE_STRING);
  config_setting_set_string(s, mpath);
  PetscCall(PetscSNPrintf(out, len, "%s_case_%d_%d_%d.cfg", stage, (int) getpid(), (int) rank, count++));
  PetscCheck(config_write_file(&cfg, out) == CONFIG_TRUE, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "cannot write %s",
             out);
  config_destroy(&cfg);
  PetscFunctionReturn(0);
}
