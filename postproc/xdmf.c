/* XDMF description of a results file (see xdmf.h). */
#include "xdmf.h"
#include "h5io.h"
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XDMF_MAX_SETS 256

typedef struct {
  char    path[256];
  int     ndims;
  hsize_t dims[3];
} DataSet;

typedef struct {
  DataSet sets[XDMF_MAX_SETS];
  int     n;
} DataSets;

static herr_t Collect(hid_t obj, const char *name, const H5O_info_t *info, void *data)
{
  DataSets *ds = (DataSets *) data;
  hid_t     d, sp, t;
  if (info->type != H5O_TYPE_DATASET || ds->n >= XDMF_MAX_SETS || strlen(name) > 250) return 0;
  if (!strncmp(name, "ledger/", 7) || !strncmp(name, "balances/", 9)) return 0; /* tables, not fields */
  d = H5Dopen2(obj, name, H5P_DEFAULT);
  if (d < 0) return 0;
  t = H5Dget_type(d);
  if (H5Tget_class(t) == H5T_FLOAT && H5Tget_size(t) == 8) {
    DataSet *s = &ds->sets[ds->n];
    sp         = H5Dget_space(d);
    s->ndims   = H5Sget_simple_extent_ndims(sp);
    if (s->ndims >= 1 && s->ndims <= 3) {
      H5Sget_simple_extent_dims(sp, s->dims, NULL);
      snprintf(s->path, sizeof(s->path), "/%s", name);
      ds->n++;
    }
    H5Sclose(sp);
  }
  H5Tclose(t);
  H5Dclose(d);
  return 0;
}

static void GroupOf(const char *path, char *group, size_t len)
{
  const char *slash = strrchr(path, '/');
  snprintf(group, len, "%.*s", (int) (slash - path), path);
  if (!group[0]) snprintf(group, len, "/");
}

static const char *LeafOf(const char *path)
{
  return strrchr(path, '/') + 1;
}

/* A 1D array that can serve as the coordinate of the profiles of its group. */
static int IsCoordinate(const char *leaf)
{
  const char *names[] = {"y_m", "x", "x_m", "z_m", "binder_xi", "time_ms", "time_s", "time", "profile_time_ms"};
  for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
    if (!strcmp(leaf, names[k])) return 1;
  return 0;
}

static void HdfItem(FILE *fp, const char *h5name, const DataSet *s, const char *indent)
{
  fprintf(fp, "%s<DataItem Dimensions=\"", indent);
  for (int k = 0; k < s->ndims; k++) fprintf(fp, "%s%llu", k ? " " : "", (unsigned long long) s->dims[k]);
  fprintf(fp, "\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">%s:%s</DataItem>\n", h5name, s->path);
}

static void WriteGrids(FILE *fp, const char *h5name, const DataSets *ds)
{
  int done[XDMF_MAX_SETS] = {0};
  for (int i = 0; i < ds->n; i++) {
    const DataSet *s = &ds->sets[i];
    char           group[256];
    if (done[i] || (s->ndims == 1 && s->dims[0] < 2)) continue;
    GroupOf(s->path, group, sizeof(group));
    if (s->ndims >= 2) { /* a field on a structured grid in index space, one grid per field */
      unsigned long long a = s->dims[0], b = s->dims[1];
      fprintf(fp, "    <Grid Name=\"%s\" GridType=\"Uniform\">\n", s->path);
      fprintf(fp, "      <Topology TopologyType=\"2DCoRectMesh\" Dimensions=\"%llu %llu\"/>\n", a, b);
      fprintf(fp, "      <Geometry GeometryType=\"ORIGIN_DXDY\">\n"
                  "        <DataItem Dimensions=\"2\" Format=\"XML\">0 0</DataItem>\n"
                  "        <DataItem Dimensions=\"2\" Format=\"XML\">1 1</DataItem>\n      </Geometry>\n");
      if (s->ndims == 2) {
        fprintf(fp, "      <Attribute Name=\"%s\" AttributeType=\"Scalar\" Center=\"Node\">\n", LeafOf(s->path));
        HdfItem(fp, h5name, s, "        ");
        fprintf(fp, "      </Attribute>\n");
      } else
        for (hsize_t c = 0; c < s->dims[2]; c++) {
          fprintf(fp, "      <Attribute Name=\"%s_%llu\" AttributeType=\"Scalar\" Center=\"Node\">\n", LeafOf(s->path),
                  (unsigned long long) c);
          fprintf(fp, "        <DataItem ItemType=\"HyperSlab\" Dimensions=\"%llu %llu 1\" Type=\"HyperSlab\">\n", a,
                  b);
          fprintf(fp, "          <DataItem Dimensions=\"3 3\" Format=\"XML\">0 0 %llu 1 1 1 %llu %llu 1</DataItem>\n",
                  (unsigned long long) c, a, b);
          HdfItem(fp, h5name, s, "          ");
          fprintf(fp, "        </DataItem>\n      </Attribute>\n");
        }
      fprintf(fp, "    </Grid>\n");
      done[i] = 1;
      continue;
    }
    { /* the profiles of this group with this length on one line */
      hsize_t n     = s->dims[0];
      int     coord = -1;
      for (int k = 0; k < ds->n; k++) {
        char g2[256];
        GroupOf(ds->sets[k].path, g2, sizeof(g2));
        if (ds->sets[k].ndims == 1 && ds->sets[k].dims[0] == n && !strcmp(g2, group) &&
            IsCoordinate(LeafOf(ds->sets[k].path))) {
          coord = k;
          break;
        }
      }
      fprintf(fp, "    <Grid Name=\"%s (%llu points)\" GridType=\"Uniform\">\n", group, (unsigned long long) n);
      fprintf(fp, "      <Topology TopologyType=\"3DRectMesh\" Dimensions=\"1 1 %llu\"/>\n", (unsigned long long) n);
      if (coord >= 0) {
        fprintf(fp, "      <Geometry GeometryType=\"VXVYVZ\">\n");
        HdfItem(fp, h5name, &ds->sets[coord], "        ");
        fprintf(fp, "        <DataItem Dimensions=\"1\" Format=\"XML\">0</DataItem>\n"
                    "        <DataItem Dimensions=\"1\" Format=\"XML\">0</DataItem>\n      </Geometry>\n");
      } else
        fprintf(fp, "      <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n"
                    "        <DataItem Dimensions=\"3\" Format=\"XML\">0 0 0</DataItem>\n"
                    "        <DataItem Dimensions=\"3\" Format=\"XML\">1 1 1</DataItem>\n      </Geometry>\n");
      for (int k = i; k < ds->n; k++) {
        char g2[256];
        GroupOf(ds->sets[k].path, g2, sizeof(g2));
        if (done[k] || ds->sets[k].ndims != 1 || ds->sets[k].dims[0] != n || strcmp(g2, group)) continue;
        done[k] = 1;
        fprintf(fp, "      <Attribute Name=\"%s\" AttributeType=\"Scalar\" Center=\"Node\">\n",
                LeafOf(ds->sets[k].path));
        HdfItem(fp, h5name, &ds->sets[k], "        ");
        fprintf(fp, "      </Attribute>\n");
      }
      fprintf(fp, "    </Grid>\n");
    }
  }
}

PetscErrorCode XdmfWriteForResults(const char *h5_file, const char *xmf_file)
{
  DataSets   *ds;
  hid_t       f;
  char        tmp[PETSC_MAX_PATH_LEN];
  const char *h5name = strrchr(h5_file, '/') ? strrchr(h5_file, '/') + 1 : h5_file; /* relative: beside the xmf */
  FILE       *fp;
  int         fd, ok;
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(1, &ds));
  f = H5Fopen(h5_file, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(f >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open %s", h5_file);
  H5Ovisit(f, H5_INDEX_NAME, H5_ITER_INC, Collect, ds);
  H5Fclose(f);
  PetscCheck((size_t) snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", xmf_file) < sizeof(tmp), PETSC_COMM_SELF,
             PETSC_ERR_ARG_SIZ, "File name too long: %s", xmf_file);
  fd = mkstemp(tmp);
  PetscCheck(fd >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot create a temporary file beside %s", xmf_file);
  FileSetUmaskMode(fd);
  fp = fdopen(fd, "w");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", tmp);
  fprintf(fp, "<?xml version=\"1.0\" ?>\n<Xdmf Version=\"3.0\">\n  <Domain>\n");
  WriteGrids(fp, h5name, ds);
  fprintf(fp, "  </Domain>\n</Xdmf>\n");
  ok = fflush(fp) == 0 && fsync(fileno(fp)) == 0;
  ok = (fclose(fp) == 0) && ok;
  ok = ok && rename(tmp, xmf_file) == 0;
  if (!ok) (void) unlink(tmp);
  PetscCall(PetscFree(ds));
  PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot write %s", xmf_file);
  PetscFunctionReturn(0);
}

PetscErrorCode XdmfWriteBeside(MPI_Comm comm, const char *h5_file)
{
  char           xmf[PETSC_MAX_PATH_LEN];
  size_t         l = strlen(h5_file);
  PetscMPIInt    rank;
  PetscErrorCode ierr = 0;
  PetscFunctionBeginUser;
  if (l > 3 && !strcmp(h5_file + l - 3, ".h5"))
    PetscCall(PetscSNPrintf(xmf, sizeof(xmf), "%.*s.xmf", (int) (l - 3), h5_file));
  else
    PetscCall(PetscSNPrintf(xmf, sizeof(xmf), "%s.xmf", h5_file));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = XdmfWriteForResults(h5_file, xmf);
    PetscCall(PetscPopErrorHandler());
  }
  PetscCallMPI(MPI_Bcast(&ierr, 1, MPI_INT, 0, comm));
  PetscCheck(!ierr, comm, PETSC_ERR_FILE_WRITE, "Cannot write %s beside %s", xmf, h5_file);
  PetscFunctionReturn(0);
}
