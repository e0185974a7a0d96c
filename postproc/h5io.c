/* HDF5 helpers (see h5io.h). */
#include "h5io.h"
#include <hdf5.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>

/* Open (creating as needed) every group along an absolute path such as "/summary" or "/a/b". */
static PetscErrorCode OpenGroup(hid_t file, const char *group, hid_t *gid)
{
  char  buf[PETSC_MAX_PATH_LEN], *p;
  hid_t cur;
  PetscFunctionBeginUser;
  PetscCall(PetscStrncpy(buf, group, sizeof(buf)));
  cur = H5Gopen2(file, "/", H5P_DEFAULT);
  PetscCheck(cur >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot open root group");
  for (p = strtok(buf, "/"); p; p = strtok(NULL, "/")) {
    hid_t next;
    if (H5Lexists(cur, p, H5P_DEFAULT) > 0)
      next = H5Gopen2(cur, p, H5P_DEFAULT);
    else
      next = H5Gcreate2(cur, p, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    PetscCheck(next >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot open or create group %s", group);
    H5Gclose(cur);
    cur = next;
  }
  *gid = cur;
  PetscFunctionReturn(0);
}

static PetscErrorCode AttachString(hid_t obj, const char *attr, const char *value)
{
  hid_t type, space, a;
  PetscFunctionBeginUser;
  type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, strlen(value) + 1);
  space = H5Screate(H5S_SCALAR);
  a     = H5Acreate2(obj, attr, type, space, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(a >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot create attribute %s", attr);
  PetscCheck(H5Awrite(a, type, value) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot write attribute %s", attr);
  H5Aclose(a);
  H5Sclose(space);
  H5Tclose(type);
  PetscFunctionReturn(0);
}

PetscErrorCode H5WriteArray(PetscViewer v, const char *group, const char *name, PetscInt ndims, const PetscInt dims[],
                            const PetscReal *data, const char *unit, const char *description)
{
  hid_t       file, gid, space, dset, memspace, filespace;
  hsize_t     hd[2];
  PetscMPIInt rank;
  MPI_Comm    comm;
  PetscFunctionBeginUser;
  PetscCheck(ndims == 1 || ndims == 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "1 or 2 dimensions");
  PetscCall(PetscObjectGetComm((PetscObject) v, &comm));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(PetscViewerHDF5GetFileId(v, &file));
  PetscCall(OpenGroup(file, group, &gid));
  for (PetscInt d = 0; d < ndims; d++) hd[d] = (hsize_t) dims[d];
  space = H5Screate_simple((int) ndims, hd, NULL);
  dset  = H5Dcreate2(gid, name, H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(dset >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot create %s/%s", group, name);
  /* replicated data: rank 0 writes it all, the others take part with an empty selection */
  memspace  = H5Scopy(space);
  filespace = H5Scopy(space);
  if (rank) {
    H5Sselect_none(memspace);
    H5Sselect_none(filespace);
  }
  {
    PetscInt n = ndims == 1 ? dims[0] : dims[0] * dims[1];
    double  *buf;
    PetscCall(PetscMalloc1(n > 0 ? n : 1, &buf));
    for (PetscInt i = 0; i < n; i++) buf[i] = (double) data[i];
    PetscCheck(H5Dwrite(dset, H5T_NATIVE_DOUBLE, memspace, filespace, H5P_DEFAULT, buf) >= 0, PETSC_COMM_SELF,
               PETSC_ERR_LIB, "HDF5: cannot write %s/%s", group, name);
    PetscCall(PetscFree(buf));
  }
  PetscCall(AttachString(dset, "unit", unit ? unit : "-"));
  PetscCall(AttachString(dset, "description", description ? description : ""));
  H5Sclose(memspace);
  H5Sclose(filespace);
  H5Dclose(dset);
  H5Sclose(space);
  H5Gclose(gid);
  PetscFunctionReturn(0);
}

PetscErrorCode H5WriteScalar(PetscViewer v, const char *group, const char *name, PetscReal value, const char *unit,
                             const char *description)
{
  PetscInt one = 1;
  PetscFunctionBeginUser;
  PetscCall(H5WriteArray(v, group, name, 1, &one, &value, unit, description));
  PetscFunctionReturn(0);
}

PetscErrorCode H5WriteStrings(PetscViewer v, const char *group, const char *name, PetscInt n,
                              const char *const strings[], const char *description)
{
  hid_t       file, gid, type, space, dset, memspace, filespace;
  hsize_t     hn  = (hsize_t) n;
  size_t      len = 1;
  char       *buf;
  PetscMPIInt rank;
  MPI_Comm    comm;
  PetscFunctionBeginUser;
  PetscCall(PetscObjectGetComm((PetscObject) v, &comm));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  for (PetscInt i = 0; i < n; i++) len = PetscMax(len, strlen(strings[i]) + 1);
  PetscCall(PetscCalloc1(len * (size_t) (n > 0 ? n : 1), &buf));
  for (PetscInt i = 0; i < n; i++) memcpy(buf + i * len, strings[i], strlen(strings[i]));
  PetscCall(PetscViewerHDF5GetFileId(v, &file));
  PetscCall(OpenGroup(file, group, &gid));
  type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, len);
  space = H5Screate_simple(1, &hn, NULL);
  dset  = H5Dcreate2(gid, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(dset >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot create %s/%s", group, name);
  memspace  = H5Scopy(space);
  filespace = H5Scopy(space);
  if (rank || n == 0) {
    H5Sselect_none(memspace);
    H5Sselect_none(filespace);
  }
  PetscCheck(H5Dwrite(dset, type, memspace, filespace, H5P_DEFAULT, buf) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot write %s/%s", group, name);
  PetscCall(AttachString(dset, "description", description ? description : ""));
  H5Sclose(memspace);
  H5Sclose(filespace);
  H5Dclose(dset);
  H5Sclose(space);
  H5Tclose(type);
  H5Gclose(gid);
  PetscCall(PetscFree(buf));
  PetscFunctionReturn(0);
}

PetscErrorCode H5WriteStringAttribute(PetscViewer v, const char *path, const char *attr, const char *value)
{
  hid_t file, gid;
  PetscFunctionBeginUser;
  PetscCall(PetscViewerHDF5GetFileId(v, &file));
  PetscCall(OpenGroup(file, path, &gid));
  PetscCall(AttachString(gid, attr, value));
  H5Gclose(gid);
  PetscFunctionReturn(0);
}

/* The target must be a regular file or absent, and its directory writable: checked before any work. */
PetscErrorCode H5CheckTarget(MPI_Comm comm, const char *final_name, const char *input_name)
{
  PetscMPIInt rank;
  char        msg[PETSC_MAX_PATH_LEN + 160] = "";
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    struct stat st, in;
    char        dir[PETSC_MAX_PATH_LEN];
    const char *slash = strrchr(final_name, '/');
    if (slash)
      snprintf(dir, sizeof(dir), "%.*s", (int) (slash == final_name ? 1 : slash - final_name), final_name);
    else
      snprintf(dir, sizeof(dir), ".");
    if (!final_name[0] || (slash && !slash[1]))
      snprintf(msg, sizeof(msg), "results file '%s': give a file name, not a directory", final_name);
    else if (stat(dir, &st) || !S_ISDIR(st.st_mode))
      snprintf(msg, sizeof(msg), "results file '%s': the directory '%s' does not exist", final_name, dir);
    else if (access(dir, W_OK | X_OK))
      snprintf(msg, sizeof(msg), "results file '%s': the directory '%s' is not writable", final_name, dir);
    else if (!lstat(final_name, &st) && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
      snprintf(msg, sizeof(msg), "results file '%s' exists and is not a regular file; it is never replaced",
               final_name);
    else if (!stat(final_name, &st) && S_ISDIR(st.st_mode))
      snprintf(msg, sizeof(msg), "results file '%s' is a directory", final_name);
    else if (input_name && !stat(final_name, &st) && !stat(input_name, &in) && st.st_dev == in.st_dev &&
             st.st_ino == in.st_ino)
      snprintf(msg, sizeof(msg), "results file '%s' is the input file '%s'; choose another name with -o", final_name,
               input_name);
  }
  PetscCallMPI(MPI_Bcast(msg, sizeof(msg), MPI_CHAR, 0, comm));
  PetscCheck(!msg[0], comm, PETSC_ERR_USER_INPUT, "%s", msg);
  PetscFunctionReturn(0);
}

/* A new file of our own beside the target, created exclusively (O_EXCL: never through a link), with a name
 * no other run can take. Rank 0 creates it; every rank gets its name. */
PetscErrorCode H5CreateTemporary(MPI_Comm comm, const char *final_name, char *tmp, size_t len)
{
  PetscMPIInt rank;
  int         ok = 1;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCheck((size_t) snprintf(tmp, len, "%s.tmp-XXXXXX", final_name) < len, comm, PETSC_ERR_ARG_SIZ,
             "File name too long: %s", final_name);
  if (!rank) {
    int fd = mkstemp(tmp);
    ok     = fd >= 0;
    if (ok) close(fd);
  }
  PetscCallMPI(MPI_Bcast(&ok, 1, MPI_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(tmp, (PetscMPIInt) len, MPI_CHAR, 0, comm));
  PetscCheck(ok, comm, PETSC_ERR_FILE_OPEN, "Cannot create a temporary results file beside %s", final_name);
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
    ok     = fd >= 0 && fsync(fd) == 0; /* the data is on disk before the name says it is complete */
    if (fd >= 0) close(fd);
    ok = ok && rename(tmp, final_name) == 0;
  }
  PetscCallMPI(MPI_Bcast(&ok, 1, MPI_INT, 0, comm));
  PetscCheck(ok, comm, PETSC_ERR_FILE_WRITE, "Cannot rename %s to %s", tmp, final_name);
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
