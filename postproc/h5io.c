/* HDF5 helpers (see h5io.h). */
#include "h5io.h"
#include <hdf5.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

PetscErrorCode H5TemporaryName(const char *final_name, char *tmp, size_t len)
{
  PetscFunctionBeginUser;
  PetscCheck((size_t) snprintf(tmp, len, "%s.tmp", final_name) < len, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ,
             "File name too long");
  PetscFunctionReturn(0);
}

PetscErrorCode H5Commit(MPI_Comm comm, const char *tmp, const char *final_name)
{
  PetscMPIInt rank;
  int         ok = 1;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) ok = rename(tmp, final_name) == 0;
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
