/* Temporary files for outputs other than a run's results file (comparison tables, study CSV): a new file
 * beside the target created exclusively under a unique name, then fsync and rename, or removal. */
#include "h5io.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

void FileSetUmaskMode(int fd)
{
  mode_t mask = umask(0); /* read the umask: it can only be read by setting it */
  umask(mask);
  (void) fchmod(fd, 0666 & ~mask);
}

PetscErrorCode H5CreateTemporary(MPI_Comm comm, const char *final_name, char *tmp, size_t len)
{
  PetscMPIInt rank;
  int         ok = 1;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCheck((size_t) snprintf(tmp, len, "%s.tmp-XXXXXX", final_name) < len, comm, PETSC_ERR_ARG_SIZ,
             "File name too long: %s", final_name);
  if (!rank) {
    int fd = mkstemp(tmp); /* O_EXCL: never through a link */
    ok     = fd >= 0;
    if (ok) {
      FileSetUmaskMode(fd); /* the mode of a file written directly, not mkstemp's 0600 */
      close(fd);
    }
  }
  PetscCallMPI(MPI_Bcast(&ok, 1, MPI_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(tmp, (PetscMPIInt) len, MPI_CHAR, 0, comm));
  PetscCheck(ok, comm, PETSC_ERR_FILE_OPEN, "Cannot create a temporary file beside %s", final_name);
  PetscFunctionReturn(0);
}

PetscErrorCode H5Commit(MPI_Comm comm, const char *tmp, const char *final_name)
{
  PetscMPIInt rank;
  int         ok = 1;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    int fd = open(tmp, O_RDONLY);
    ok     = fd >= 0 && fsync(fd) == 0; /* on disk before the name says it is complete */
    if (fd >= 0) close(fd);
    ok = ok && rename(tmp, final_name) == 0;
    if (!ok) (void) unlink(tmp);
  }
  PetscCallMPI(MPI_Bcast(&ok, 1, MPI_INT, 0, comm));
  PetscCheck(ok, comm, PETSC_ERR_FILE_WRITE, "Cannot write %s (nothing was written)", final_name);
  PetscFunctionReturn(0);
}

PetscErrorCode H5Discard(MPI_Comm comm, const char *tmp)
{
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) (void) unlink(tmp);
  PetscFunctionReturn(0);
}
