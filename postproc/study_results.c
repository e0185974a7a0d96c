/* The study file and its journal (see study_results.h and docs/studies.md). Serial: rank 0 only. */
#include "study_results.h"
#include "h5io.h"
#include <hdf5.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define JOURNAL_MAGIC  "EPROCSJ1"
#define RECORD_MAGIC   0x43455253u /* "SREC" */
#define JOURNAL_HEADER 64

struct _p_StudyFile {
  char            filename[PETSC_MAX_PATH_LEN], journal[PETSC_MAX_PATH_LEN + 16];
  int             fd; /* the journal, locked */
  size_t          reclen;
  unsigned char  *buf;
  StudyFileLayout layout; /* a deep copy: */
  char           *strings;
  const char    **ptrs;
  double         *bounds;
  hid_t           file, cases, rowtype;
  size_t          rowsize;
  unsigned char  *row;
};

/* ---------------------------------------------------------------------------------------------
 * Packed records: magic, identity and outcome, reason, parameters, outputs, CRC-32 of all before it. */
static uint32_t Crc32(const unsigned char *p, size_t n)
{
  static uint32_t table[256];
  static int      ready = 0;
  uint32_t        c     = 0xFFFFFFFFu;
  if (!ready) {
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t k = i;
      for (int j = 0; j < 8; j++) k = k & 1 ? 0xEDB88320u ^ (k >> 1) : k >> 1;
      table[i] = k;
    }
    ready = 1;
  }
  for (size_t i = 0; i < n; i++) c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

size_t StudyRecordPackedSize(PetscInt np, PetscInt nout)
{
  return 4 + 5 * 4 + 8 + STUDY_REASON_LEN + 8 * (size_t) (np + nout) + 4;
}

void StudyRecordPack(PetscInt np, PetscInt nout, const StudyRecordMeta *m, const double *param, const double *out,
                     unsigned char *buf)
{
  size_t   o      = 0;
  uint32_t magic  = RECORD_MAGIC, crc;
  int32_t  ids[5] = {m->phase, m->batch, m->index, m->status, m->group};
  memcpy(buf + o, &magic, 4), o += 4;
  memcpy(buf + o, ids, sizeof(ids)), o += sizeof(ids);
  memcpy(buf + o, &m->wall_s, 8), o += 8;
  memset(buf + o, 0, STUDY_REASON_LEN);
  memcpy(buf + o, m->reason, strnlen(m->reason, STUDY_REASON_LEN - 1)), o += STUDY_REASON_LEN;
  memcpy(buf + o, param, 8 * (size_t) np), o += 8 * (size_t) np;
  memcpy(buf + o, out, 8 * (size_t) nout), o += 8 * (size_t) nout;
  crc = Crc32(buf, o);
  memcpy(buf + o, &crc, 4);
}

PetscBool StudyRecordUnpack(PetscInt np, PetscInt nout, const unsigned char *buf, StudyRecordMeta *m, double *param,
                            double *out)
{
  size_t   o = 0, n = StudyRecordPackedSize(np, nout) - 4;
  uint32_t magic, crc;
  int32_t  ids[5];
  memcpy(&magic, buf, 4);
  memcpy(&crc, buf + n, 4);
  if (magic != RECORD_MAGIC || crc != Crc32(buf, n)) return PETSC_FALSE;
  o += 4;
  memcpy(ids, buf + o, sizeof(ids)), o += sizeof(ids);
  m->phase  = ids[0];
  m->batch  = ids[1];
  m->index  = ids[2];
  m->status = ids[3];
  m->group  = ids[4];
  memcpy(&m->wall_s, buf + o, 8), o += 8;
  memcpy(m->reason, buf + o, STUDY_REASON_LEN), o += STUDY_REASON_LEN;
  m->reason[STUDY_REASON_LEN - 1] = 0;
  memcpy(param, buf + o, 8 * (size_t) np), o += 8 * (size_t) np;
  memcpy(out, buf + o, 8 * (size_t) nout);
  return PETSC_TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * HDF5 helpers */
typedef struct {
  H5E_auto2_t func;
  void       *data;
} QuietH5;

static void H5Quiet(QuietH5 *q)
{
  H5Eget_auto2(H5E_DEFAULT, &q->func, &q->data);
  H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

static void H5Loud(const QuietH5 *q)
{
  H5Eset_auto2(H5E_DEFAULT, q->func, q->data);
}

static hid_t StringType(size_t len)
{
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, len);
  H5Tset_strpad(t, H5T_STR_NULLTERM);
  return t;
}

static PetscErrorCode WriteStringAttribute(hid_t loc, const char *name, const char *value)
{
  hid_t t = StringType(strlen(value) + 1), sp = H5Screate(H5S_SCALAR), a;
  PetscFunctionBeginUser;
  a = H5Acreate2(loc, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(a >= 0 && H5Awrite(a, t, value) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot write attribute %s",
             name);
  H5Aclose(a);
  H5Sclose(sp);
  H5Tclose(t);
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteIntAttribute(hid_t loc, const char *name, long long value)
{
  hid_t sp = H5Screate(H5S_SCALAR), a;
  PetscFunctionBeginUser;
  a = H5Acreate2(loc, name, H5T_NATIVE_LLONG, sp, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(a >= 0 && H5Awrite(a, H5T_NATIVE_LLONG, &value) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot write attribute %s", name);
  H5Aclose(a);
  H5Sclose(sp);
  PetscFunctionReturn(0);
}

/* A string attribute into buf (empty when absent). */
static void ReadStringAttribute(hid_t loc, const char *name, char *buf, size_t len)
{
  QuietH5 q;
  hid_t   a, t, mt;
  buf[0] = 0;
  H5Quiet(&q);
  a = H5Aopen(loc, name, H5P_DEFAULT);
  H5Loud(&q);
  if (a < 0) return;
  t = H5Aget_type(a);
  if (H5Tget_class(t) == H5T_STRING && !H5Tis_variable_str(t)) {
    size_t n = H5Tget_size(t);
    char  *tmp;
    if ((tmp = (char *) calloc(n + 1, 1))) {
      mt = StringType(n);
      if (H5Aread(a, mt, tmp) >= 0) snprintf(buf, len, "%s", tmp);
      H5Tclose(mt);
      free(tmp);
    }
  }
  H5Tclose(t);
  H5Aclose(a);
}

/* The row of /cases in memory: identity, outcome, parameters, outputs, reason. */
static PetscErrorCode RowType(const StudyFileLayout *lay, hid_t *type, size_t *size)
{
  size_t off = 32;
  hid_t  st  = StringType(STUDY_REASON_LEN);
  PetscFunctionBeginUser;
  *size = 32 + 8 * (size_t) (lay->np + lay->nout) + STUDY_REASON_LEN;
  *type = H5Tcreate(H5T_COMPOUND, *size);
  H5Tinsert(*type, "phase", 0, H5T_NATIVE_INT32);
  H5Tinsert(*type, "batch", 4, H5T_NATIVE_INT32);
  H5Tinsert(*type, "index", 8, H5T_NATIVE_INT32);
  H5Tinsert(*type, "status", 12, H5T_NATIVE_INT32);
  H5Tinsert(*type, "group", 16, H5T_NATIVE_INT32);
  H5Tinsert(*type, "wall_time_s", 24, H5T_NATIVE_DOUBLE);
  for (PetscInt i = 0; i < lay->np; i++, off += 8)
    PetscCheck(H5Tinsert(*type, lay->param_names[i], off, H5T_NATIVE_DOUBLE) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
               "HDF5: column %s", lay->param_names[i]);
  for (PetscInt i = 0; i < lay->nout; i++, off += 8)
    PetscCheck(H5Tinsert(*type, lay->out_names[i], off, H5T_NATIVE_DOUBLE) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
               "HDF5: column %s", lay->out_names[i]);
  H5Tinsert(*type, "reason", off, st);
  H5Tclose(st);
  PetscFunctionReturn(0);
}

static void RowPack(const StudyFileLayout *lay, const StudyRecordMeta *m, const double *param, const double *out,
                    unsigned char *row)
{
  int32_t ids[5] = {m->phase, m->batch, m->index, m->status, m->group};
  size_t  off    = 32 + 8 * (size_t) (lay->np + lay->nout);
  memset(row, 0, off + STUDY_REASON_LEN);
  memcpy(row, ids, sizeof(ids));
  memcpy(row + 24, &m->wall_s, 8);
  memcpy(row + 32, param, 8 * (size_t) lay->np);
  memcpy(row + 32 + 8 * (size_t) lay->np, out, 8 * (size_t) lay->nout);
  memcpy(row + off, m->reason, strnlen(m->reason, STUDY_REASON_LEN - 1));
}

/* /parameters and /outputs: small compound tables that name the columns of /cases. */
static PetscErrorCode WriteColumnTables(hid_t file, const StudyFileLayout *lay)
{
  hid_t   t, s64 = StringType(64), sname = StringType(STUDY_NAME_LEN), sp, d;
  hsize_t n;
  struct prow {
    char   name[STUDY_NAME_LEN], unit[64], scale[64], kind[64];
    double lo, hi;
  } * pr;
  struct orow {
    char name[64], unit[64];
  } * orows;
  PetscFunctionBeginUser;
  t = H5Tcreate(H5T_COMPOUND, sizeof(struct prow));
  H5Tinsert(t, "name", HOFFSET(struct prow, name), sname);
  H5Tinsert(t, "unit", HOFFSET(struct prow, unit), s64);
  H5Tinsert(t, "scale", HOFFSET(struct prow, scale), s64);
  H5Tinsert(t, "kind", HOFFSET(struct prow, kind), s64);
  H5Tinsert(t, "lo", HOFFSET(struct prow, lo), H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "hi", HOFFSET(struct prow, hi), H5T_NATIVE_DOUBLE);
  PetscCall(PetscCalloc1(lay->np, &pr));
  for (PetscInt i = 0; i < lay->np; i++) {
    snprintf(pr[i].name, sizeof(pr[i].name), "%s", lay->param_names[i]);
    snprintf(pr[i].unit, sizeof(pr[i].unit), "%s", lay->param_units[i]);
    snprintf(pr[i].scale, sizeof(pr[i].scale), "%s", lay->param_scale[i]);
    snprintf(pr[i].kind, sizeof(pr[i].kind), "%s", lay->param_kind[i]);
    pr[i].lo = lay->param_lo[i];
    pr[i].hi = lay->param_hi[i];
  }
  n  = (hsize_t) lay->np;
  sp = H5Screate_simple(1, &n, NULL);
  d  = H5Dcreate2(file, "parameters", t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(d >= 0 && H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, pr) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot write /parameters");
  H5Dclose(d);
  H5Sclose(sp);
  H5Tclose(t);
  PetscCall(PetscFree(pr));

  t = H5Tcreate(H5T_COMPOUND, sizeof(struct orow));
  H5Tinsert(t, "name", HOFFSET(struct orow, name), s64);
  H5Tinsert(t, "unit", HOFFSET(struct orow, unit), s64);
  PetscCall(PetscCalloc1(lay->nout, &orows));
  for (PetscInt i = 0; i < lay->nout; i++) {
    snprintf(orows[i].name, sizeof(orows[i].name), "%s", lay->out_names[i]);
    snprintf(orows[i].unit, sizeof(orows[i].unit), "%s", lay->out_units[i]);
  }
  n  = (hsize_t) lay->nout;
  sp = H5Screate_simple(1, &n, NULL);
  d  = H5Dcreate2(file, "outputs", t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(d >= 0 && H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, orows) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot write /outputs");
  H5Dclose(d);
  H5Sclose(sp);
  H5Tclose(t);
  PetscCall(PetscFree(orows));
  H5Tclose(s64);
  H5Tclose(sname);
  PetscFunctionReturn(0);
}

/* A table of rows (records order[0..n-1]) under name, extendible along the rows. */
static PetscErrorCode WriteRows(hid_t file, const char *name, const StudyFileLayout *lay, hid_t rowtype, size_t rowsize,
                                const StudyRecords *rec, PetscInt n, const PetscInt *order)
{
  hsize_t        dims = (hsize_t) n, maxd = H5S_UNLIMITED, chunk = 64;
  hid_t          sp = H5Screate_simple(1, &dims, &maxd), pl = H5Pcreate(H5P_DATASET_CREATE), d;
  unsigned char *rows;
  PetscFunctionBeginUser;
  H5Pset_chunk(pl, 1, &chunk);
  d = H5Dcreate2(file, name, rowtype, sp, H5P_DEFAULT, pl, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot create /%s", name);
  if (n) {
    PetscCall(PetscMalloc1(rowsize * (size_t) n, &rows));
    for (PetscInt i = 0; i < n; i++) {
      PetscInt k = order ? order[i] : i;
      RowPack(lay, &rec->meta[k], rec->param + k * rec->np, rec->out + k * rec->nout, rows + rowsize * (size_t) i);
    }
    PetscCheck(H5Dwrite(d, rowtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
               "HDF5: cannot write /%s", name);
    PetscCall(PetscFree(rows));
  }
  H5Dclose(d);
  H5Pclose(pl);
  H5Sclose(sp);
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteSensitivity(hid_t file, const StudyFileLayout *lay, const StudySobolIndices *ix)
{
  struct srow {
    char   parameter[STUDY_NAME_LEN];
    double first, first_lo, first_hi, total, total_lo, total_hi;
  } * rows;
  hid_t   g, t, sname = StringType(STUDY_NAME_LEN), sp, d;
  hsize_t n = (hsize_t) lay->np;
  QuietH5 q;
  PetscFunctionBeginUser;
  H5Quiet(&q);
  g = H5Gopen2(file, "sensitivity", H5P_DEFAULT);
  H5Loud(&q);
  if (g < 0) g = H5Gcreate2(file, "sensitivity", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  t = H5Tcreate(H5T_COMPOUND, sizeof(struct srow));
  H5Tinsert(t, "parameter", HOFFSET(struct srow, parameter), sname);
  H5Tinsert(t, "first_order", HOFFSET(struct srow, first), H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "first_order_lo", HOFFSET(struct srow, first_lo), H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "first_order_hi", HOFFSET(struct srow, first_hi), H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "total", HOFFSET(struct srow, total), H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "total_lo", HOFFSET(struct srow, total_lo), H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "total_hi", HOFFSET(struct srow, total_hi), H5T_NATIVE_DOUBLE);
  PetscCall(PetscCalloc1(lay->np, &rows));
  for (PetscInt i = 0; i < lay->np; i++) {
    snprintf(rows[i].parameter, sizeof(rows[i].parameter), "%s", lay->param_names[i]);
    rows[i].first    = ix->first[i];
    rows[i].first_lo = ix->first_lo[i];
    rows[i].first_hi = ix->first_hi[i];
    rows[i].total    = ix->total[i];
    rows[i].total_lo = ix->total_lo[i];
    rows[i].total_hi = ix->total_hi[i];
  }
  sp = H5Screate_simple(1, &n, NULL);
  d  = H5Dcreate2(g, ix->output, t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(d >= 0 && H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot write /sensitivity/%s", ix->output);
  PetscCall(WriteIntAttribute(d, "base_samples", ix->nbase));
  PetscCall(WriteIntAttribute(d, "used_samples", ix->nused));
  {
    hid_t s1 = H5Screate(H5S_SCALAR), a = H5Acreate2(d, "variance", H5T_NATIVE_DOUBLE, s1, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_DOUBLE, &ix->variance);
    H5Aclose(a);
    H5Sclose(s1);
  }
  H5Dclose(d);
  H5Sclose(sp);
  H5Tclose(t);
  H5Tclose(sname);
  H5Gclose(g);
  PetscCall(PetscFree(rows));
  PetscFunctionReturn(0);
}

/* The whole file under name (a temporary one): header, column tables, the cases in the given order, analysis. */
static PetscErrorCode WriteFile(const char *name, const StudyFileLayout *lay, const StudyRecords *rec,
                                const PetscInt *order, const StudyFileAnalysis *a, PetscBool complete)
{
  hid_t  file, rowtype, sp, t, d;
  size_t rowsize;
  char   hex[32];
  PetscFunctionBeginUser;
  file = H5Fcreate(name, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(file >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot create the study file %s", name);
  snprintf(hex, sizeof(hex), "%016llx", (unsigned long long) lay->hash);
  PetscCall(WriteStringAttribute(file, "eproc_version", EPROC_VERSION));
  PetscCall(WriteStringAttribute(file, "study_file", lay->study_file));
  PetscCall(WriteStringAttribute(file, "study_name", lay->study_name));
  PetscCall(WriteStringAttribute(file, "study_hash", hex));
  PetscCall(WriteIntAttribute(file, "complete", complete ? 1 : 0));
  t  = StringType(strlen(lay->definition) + 1);
  sp = H5Screate(H5S_SCALAR);
  d  = H5Dcreate2(file, "study_definition", t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  PetscCheck(d >= 0 && H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, lay->definition) >= 0, PETSC_COMM_SELF,
             PETSC_ERR_LIB, "HDF5: cannot write /study_definition");
  H5Dclose(d);
  H5Sclose(sp);
  H5Tclose(t);
  PetscCall(WriteColumnTables(file, lay));
  PetscCall(RowType(lay, &rowtype, &rowsize));
  PetscCall(WriteRows(file, "cases", lay, rowtype, rowsize, rec, rec->n, order));
  if (a) {
    PetscCall(WriteRows(file, "front", lay, rowtype, rowsize, rec, a->nfront, a->front));
    for (PetscInt i = 0; i < a->nsens; i++) PetscCall(WriteSensitivity(file, lay, &a->sens[i]));
  }
  H5Tclose(rowtype);
  PetscCheck(H5Fclose(file) >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot close the study file %s", name);
  PetscFunctionReturn(0);
}

/* Write to a temporary name beside the target, then rename over it. */
static PetscErrorCode WriteFileAtomic(const char *filename, const StudyFileLayout *lay, const StudyRecords *rec,
                                      const PetscInt *order, const StudyFileAnalysis *a, PetscBool complete)
{
  char           tmp[PETSC_MAX_PATH_LEN + 16];
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(H5CreateTemporary(PETSC_COMM_SELF, filename, tmp, sizeof(tmp))); /* the umask's mode */
  ierr = WriteFile(tmp, lay, rec, order, a, complete);
  if (!ierr) ierr = H5Commit(PETSC_COMM_SELF, tmp, filename);
  if (ierr) PetscCall(H5Discard(PETSC_COMM_SELF, tmp));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Reading */
static PetscErrorCode ReadNames(hid_t file, const char *table, const char *member, size_t len, PetscInt *n,
                                char **names)
{
  hid_t   d, sp, t, st = StringType(len);
  hsize_t dims;
  PetscFunctionBeginUser;
  d = H5Dopen2(file, table, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Not a study file: no /%s", table);
  sp = H5Dget_space(d);
  H5Sget_simple_extent_dims(sp, &dims, NULL);
  *n = (PetscInt) dims;
  t  = H5Tcreate(H5T_COMPOUND, len);
  H5Tinsert(t, member, 0, st);
  PetscCall(PetscCalloc1(len * (dims ? dims : 1), names));
  PetscCheck(!dims || H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, *names) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot read /%s", table);
  H5Tclose(t);
  H5Tclose(st);
  H5Sclose(sp);
  H5Dclose(d);
  PetscFunctionReturn(0);
}

/* Rows of a table (/cases or /front) into rec (which has the layout's np and nout). */
static PetscErrorCode ReadRows(hid_t file, const char *name, const StudyFileLayout *lay, StudyRecords *rec)
{
  hid_t          d, sp, rowtype;
  hsize_t        dims;
  size_t         rowsize;
  unsigned char *rows;
  double        *pv, *ov;
  PetscFunctionBeginUser;
  d = H5Dopen2(file, name, H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Not a study file: no /%s", name);
  sp = H5Dget_space(d);
  H5Sget_simple_extent_dims(sp, &dims, NULL);
  PetscCall(RowType(lay, &rowtype, &rowsize));
  PetscCall(PetscMalloc1(rowsize * (dims ? dims : 1), &rows));
  PetscCall(PetscMalloc2(lay->np + 1, &pv, lay->nout + 1, &ov));
  PetscCheck(!dims || H5Dread(d, rowtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot read /%s", name);
  for (hsize_t i = 0; i < dims; i++) {
    const unsigned char *row = rows + rowsize * i;
    StudyRecordMeta      m;
    int32_t              ids[5];
    memcpy(ids, row, sizeof(ids));
    m.phase  = ids[0];
    m.batch  = ids[1];
    m.index  = ids[2];
    m.status = ids[3];
    m.group  = ids[4];
    memcpy(&m.wall_s, row + 24, 8);
    memcpy(m.reason, row + rowsize - STUDY_REASON_LEN, STUDY_REASON_LEN);
    m.reason[STUDY_REASON_LEN - 1] = 0;
    memcpy(pv, row + 32, 8 * (size_t) lay->np);
    memcpy(ov, row + 32 + 8 * lay->np, 8 * (size_t) lay->nout);
    PetscCall(StudyRecordsAdd(rec, &m, pv, ov));
  }
  PetscCall(PetscFree(rows));
  PetscCall(PetscFree2(pv, ov));
  H5Tclose(rowtype);
  H5Sclose(sp);
  H5Dclose(d);
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileRead(const char *filename, StudyFileInfo *info, StudyRecords *rec)
{
  hid_t           file;
  QuietH5         q;
  StudyFileLayout lay;
  const char    **pn, **on;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(info, sizeof(*info)));
  H5Quiet(&q);
  file = H5Fopen(filename, H5F_ACC_RDONLY, H5P_DEFAULT);
  H5Loud(&q);
  PetscCheck(file >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open the study file %s", filename);
  ReadStringAttribute(file, "study_hash", info->hash, sizeof(info->hash));
  PetscCheck(info->hash[0], PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s is not a study file", filename);
  {
    hid_t     a;
    long long v = 0;
    H5Quiet(&q);
    a = H5Aopen(file, "complete", H5P_DEFAULT);
    H5Loud(&q);
    if (a >= 0) {
      H5Aread(a, H5T_NATIVE_LLONG, &v);
      H5Aclose(a);
    }
    info->complete = (PetscInt) v;
  }
  PetscCall(ReadNames(file, "parameters", "name", STUDY_NAME_LEN, &info->np, (char **) &info->param_names));
  PetscCall(ReadNames(file, "outputs", "name", 64, &info->nout, (char **) &info->out_names));
  PetscCall(PetscMemzero(&lay, sizeof(lay)));
  lay.np   = info->np;
  lay.nout = info->nout;
  PetscCall(PetscMalloc2(info->np, &pn, info->nout, &on));
  for (PetscInt i = 0; i < info->np; i++) pn[i] = info->param_names[i];
  for (PetscInt i = 0; i < info->nout; i++) on[i] = info->out_names[i];
  lay.param_names = pn;
  lay.out_names   = on;
  PetscCall(StudyRecordsInit(rec, info->np, info->nout));
  PetscCall(ReadRows(file, "cases", &lay, rec));
  PetscCall(PetscFree2(pn, on));
  H5Fclose(file);
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileInfoFree(StudyFileInfo *info)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(info->param_names));
  PetscCall(PetscFree(info->out_names));
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileReadSensitivity(const char *filename, const char *output, PetscInt np, double *first,
                                        double *total, double *first_lo, double *first_hi, double *total_lo,
                                        double *total_hi, PetscBool *found)
{
  struct srow {
    double first, first_lo, first_hi, total, total_lo, total_hi;
  } * rows;
  hid_t   file, d, t;
  QuietH5 q;
  char    path[STUDY_NAME_LEN + 16];
  PetscFunctionBeginUser;
  *found = PETSC_FALSE;
  file   = H5Fopen(filename, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(file >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open the study file %s", filename);
  snprintf(path, sizeof(path), "sensitivity/%s", output);
  H5Quiet(&q);
  d = H5Dopen2(file, path, H5P_DEFAULT);
  H5Loud(&q);
  if (d >= 0) {
    t = H5Tcreate(H5T_COMPOUND, sizeof(struct srow));
    H5Tinsert(t, "first_order", HOFFSET(struct srow, first), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "first_order_lo", HOFFSET(struct srow, first_lo), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "first_order_hi", HOFFSET(struct srow, first_hi), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "total", HOFFSET(struct srow, total), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "total_lo", HOFFSET(struct srow, total_lo), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "total_hi", HOFFSET(struct srow, total_hi), H5T_NATIVE_DOUBLE);
    PetscCall(PetscMalloc1(np, &rows));
    PetscCheck(H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
               "HDF5: cannot read /%s", path);
    for (PetscInt i = 0; i < np; i++) {
      first[i]    = rows[i].first;
      total[i]    = rows[i].total;
      first_lo[i] = rows[i].first_lo;
      first_hi[i] = rows[i].first_hi;
      total_lo[i] = rows[i].total_lo;
      total_hi[i] = rows[i].total_hi;
    }
    PetscCall(PetscFree(rows));
    H5Tclose(t);
    H5Dclose(d);
    *found = PETSC_TRUE;
  }
  H5Fclose(file);
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileReadFront(const char *filename, const StudyRecords *rec, PetscInt *n, PetscInt **rows)
{
  hid_t   file, d, t, sp;
  hsize_t dims;
  int32_t(*ids)[3];
  PetscFunctionBeginUser;
  file = H5Fopen(filename, H5F_ACC_RDONLY, H5P_DEFAULT);
  PetscCheck(file >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open the study file %s", filename);
  d = H5Dopen2(file, "front", H5P_DEFAULT);
  PetscCheck(d >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s has no /front (is the study complete?)", filename);
  sp = H5Dget_space(d);
  H5Sget_simple_extent_dims(sp, &dims, NULL);
  t = H5Tcreate(H5T_COMPOUND, 12);
  H5Tinsert(t, "phase", 0, H5T_NATIVE_INT32);
  H5Tinsert(t, "batch", 4, H5T_NATIVE_INT32);
  H5Tinsert(t, "index", 8, H5T_NATIVE_INT32);
  PetscCall(PetscMalloc1(dims ? dims : 1, &ids));
  PetscCall(PetscMalloc1(dims ? dims : 1, rows));
  PetscCheck(!dims || H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot read /front");
  for (hsize_t i = 0; i < dims; i++) (*rows)[i] = StudyRecordsFind(rec, ids[i][0], ids[i][1], ids[i][2]);
  *n = (PetscInt) dims;
  PetscCall(PetscFree(ids));
  H5Tclose(t);
  H5Sclose(sp);
  H5Dclose(d);
  H5Fclose(file);
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Journal */
static void JournalName(const char *filename, char *journal, size_t len)
{
  snprintf(journal, len, "%s.journal", filename);
}

/* The hash in a journal header; PETSC_FALSE when the journal is absent, empty or has no complete header. */
static PetscBool JournalHash(int fd, uint64_t *hash, int32_t dims[3])
{
  unsigned char h[JOURNAL_HEADER];
  if (pread(fd, h, sizeof(h), 0) != (ssize_t) sizeof(h) || memcmp(h, JOURNAL_MAGIC, 8)) return PETSC_FALSE;
  memcpy(hash, h + 8, 8);
  if (dims) memcpy(dims, h + 16, 12);
  return PETSC_TRUE;
}

PetscErrorCode StudyFileCheck(const char *filename, uint64_t hash, PetscBool *resume)
{
  char        journal[PETSC_MAX_PATH_LEN + 16], want[32];
  struct stat st;
  PetscBool   have_journal = PETSC_FALSE;
  uint64_t    jhash        = 0;
  PetscFunctionBeginUser;
  *resume = PETSC_FALSE;
  snprintf(want, sizeof(want), "%016llx", (unsigned long long) hash);
  JournalName(filename, journal, sizeof(journal));
  {
    int fd = open(journal, O_RDONLY);
    if (fd >= 0) {
      have_journal = JournalHash(fd, &jhash, NULL);
      close(fd);
    }
  }
  if (have_journal) {
    PetscCheck(jhash == hash, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "%s belongs to another study (definition hash %016llx, this study %s); it is not overwritten: choose "
               "another -o or remove %s and %s",
               journal, (unsigned long long) jhash, want, filename, journal);
    *resume = PETSC_TRUE;
  }
  if (!stat(filename, &st)) {
    hid_t   file;
    QuietH5 q;
    char    have[32] = "";
    PetscCheck(S_ISREG(st.st_mode), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
               "study file '%s' exists and is not a regular file; it is never replaced", filename);
    H5Quiet(&q);
    file = H5Fopen(filename, H5F_ACC_RDONLY, H5P_DEFAULT);
    H5Loud(&q);
    if (file >= 0) {
      ReadStringAttribute(file, "study_hash", have, sizeof(have));
      H5Fclose(file);
    }
    if (!have_journal) {
      PetscCheck(file >= 0 && have[0], PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
                 "'%s' exists and is not a study file; it is not overwritten: choose another -o", filename);
      PetscCheck(!strcmp(have, want), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
                 "%s holds another study (definition hash %s, this study %s); it is not overwritten: choose another "
                 "-o or remove it",
                 filename, have, want);
      *resume = PETSC_TRUE;
    } else
      /* with a journal the file is rebuilt from it (it may be torn by a kill); a readable one must agree */
      PetscCheck(!have[0] || !strcmp(have, want), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
                 "%s holds another study (definition hash %s, this study %s); it is not overwritten", filename, have,
                 want);
  }
  PetscFunctionReturn(0);
}

typedef struct {
  int64_t  key;
  PetscInt i;
} KeyIndex;

static int CompareKeyIndex(const void *a, const void *b)
{
  const KeyIndex *x = (const KeyIndex *) a, *y = (const KeyIndex *) b;
  return x->key < y->key ? -1 : x->key > y->key ? 1 : (x->i > y->i) - (x->i < y->i);
}

/* The records in identity order (phase, batch, index). */
static PetscErrorCode SortedOrder(const StudyRecords *rec, PetscInt **order)
{
  KeyIndex *ki;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(rec->n ? rec->n : 1, &ki));
  PetscCall(PetscMalloc1(rec->n ? rec->n : 1, order));
  for (PetscInt i = 0; i < rec->n; i++) {
    ki[i].key = StudyCaseKey(rec->meta[i].phase, rec->meta[i].batch, rec->meta[i].index);
    ki[i].i   = i;
  }
  qsort(ki, (size_t) rec->n, sizeof(*ki), CompareKeyIndex);
  for (PetscInt i = 0; i < rec->n; i++) (*order)[i] = ki[i].i;
  PetscCall(PetscFree(ki));
  PetscFunctionReturn(0);
}

/* The layout is kept: its strings and bounds are copied. */
static PetscErrorCode CopyLayout(StudyFile sf, const StudyFileLayout *l)
{
  size_t       len = strlen(l->definition) + strlen(l->study_file) + strlen(l->study_name) + 3, o = 0;
  PetscInt     np = l->np, no = l->nout;
  const char **p;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < np; i++)
    len += strlen(l->param_names[i]) + strlen(l->param_units[i]) + strlen(l->param_scale[i]) +
           strlen(l->param_kind[i]) + 4;
  for (PetscInt i = 0; i < no; i++) len += strlen(l->out_names[i]) + strlen(l->out_units[i]) + 2;
  PetscCall(PetscMalloc1(len, &sf->strings));
  PetscCall(PetscMalloc1(4 * np + 2 * no + 1, &sf->ptrs));
  PetscCall(PetscMalloc1(2 * np + 1, &sf->bounds));
  sf->layout = *l;
#define COPY(dst, src)                                                                                                 \
  do {                                                                                                                 \
    size_t n_ = strlen(src) + 1;                                                                                       \
    memcpy(sf->strings + o, src, n_);                                                                                  \
    dst = sf->strings + o;                                                                                             \
    o += n_;                                                                                                           \
  } while (0)
  COPY(sf->layout.definition, l->definition);
  COPY(sf->layout.study_file, l->study_file);
  COPY(sf->layout.study_name, l->study_name);
  p = sf->ptrs;
  for (PetscInt i = 0; i < np; i++) {
    COPY(p[i], l->param_names[i]);
    COPY(p[np + i], l->param_units[i]);
    COPY(p[2 * np + i], l->param_scale[i]);
    COPY(p[3 * np + i], l->param_kind[i]);
    sf->bounds[i]      = l->param_lo[i];
    sf->bounds[np + i] = l->param_hi[i];
  }
  for (PetscInt i = 0; i < no; i++) {
    COPY(p[4 * np + i], l->out_names[i]);
    COPY(p[4 * np + no + i], l->out_units[i]);
  }
#undef COPY
  sf->layout.param_names = p;
  sf->layout.param_units = p + np;
  sf->layout.param_scale = p + 2 * np;
  sf->layout.param_kind  = p + 3 * np;
  sf->layout.out_names   = p + 4 * np;
  sf->layout.out_units   = p + 4 * np + no;
  sf->layout.param_lo    = sf->bounds;
  sf->layout.param_hi    = sf->bounds + np;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileOpen(const char *filename, const StudyFileLayout *layout, StudyRecords *rec, StudyFile *out)
{
  StudyFile sf;
  uint64_t  jhash;
  int32_t   dims[3];
  off_t     good = JOURNAL_HEADER;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&sf));
  PetscCall(CopyLayout(sf, layout));
  sf->file    = -1;
  sf->cases   = -1;
  sf->rowtype = -1;
  PetscCall(PetscStrncpy(sf->filename, filename, sizeof(sf->filename)));
  JournalName(filename, sf->journal, sizeof(sf->journal));
  sf->reclen = StudyRecordPackedSize(layout->np, layout->nout);
  PetscCall(PetscMalloc1(sf->reclen, &sf->buf));
  sf->fd = open(sf->journal, O_RDWR | O_CREAT, 0644);
  PetscCheck(sf->fd >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open the study journal %s: %s", sf->journal,
             strerror(errno));
  PetscCheck(!flock(sf->fd, LOCK_EX | LOCK_NB), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "%s is in use by another study (its journal %s is locked)", filename, sf->journal);
  if (JournalHash(sf->fd, &jhash, dims)) {
    struct stat st;
    PetscCheck(jhash == layout->hash && dims[0] == layout->np && dims[1] == layout->nout, PETSC_COMM_SELF,
               PETSC_ERR_USER_INPUT, "%s belongs to another study; it is not overwritten", sf->journal);
    PetscCheck(!fstat(sf->fd, &st), PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "Cannot stat %s", sf->journal);
    /* every complete record with a good CRC; a torn tail (a kill inside write()) is cut off */
    for (off_t o = JOURNAL_HEADER; o + (off_t) sf->reclen <= st.st_size; o += (off_t) sf->reclen) {
      StudyRecordMeta m;
      double         *p, *v;
      PetscBool       ok;
      if (pread(sf->fd, sf->buf, sf->reclen, o) != (ssize_t) sf->reclen) break;
      PetscCall(PetscMalloc2(layout->np, &p, layout->nout, &v));
      ok = StudyRecordUnpack(layout->np, layout->nout, sf->buf, &m, p, v);
      if (ok && StudyRecordsFind(rec, m.phase, m.batch, m.index) < 0) PetscCall(StudyRecordsAdd(rec, &m, p, v));
      PetscCall(PetscFree2(p, v));
      if (!ok) break;
      good = o + (off_t) sf->reclen;
    }
    PetscCheck(!ftruncate(sf->fd, good), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot truncate %s", sf->journal);
  } else {
    unsigned char h[JOURNAL_HEADER];
    struct stat   st;
    int32_t       d[3] = {(int32_t) layout->np, (int32_t) layout->nout, (int32_t) sf->reclen};
    /* a finished study (no journal) resumed: its file is the record */
    if (!stat(filename, &st)) {
      StudyFileInfo info;
      StudyRecords  old;
      PetscCall(StudyFileRead(filename, &info, &old));
      PetscCheck(info.np == layout->np && info.nout == layout->nout, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
                 "%s has other columns than this study", filename);
      for (PetscInt i = 0; i < old.n; i++)
        if (StudyRecordsFind(rec, old.meta[i].phase, old.meta[i].batch, old.meta[i].index) < 0)
          PetscCall(StudyRecordsAdd(rec, &old.meta[i], old.param + i * old.np, old.out + i * old.nout));
      PetscCall(StudyRecordsFree(&old));
      PetscCall(StudyFileInfoFree(&info));
    }
    memset(h, 0, sizeof(h));
    memcpy(h, JOURNAL_MAGIC, 8);
    memcpy(h + 8, &layout->hash, 8);
    memcpy(h + 16, d, sizeof(d));
    PetscCheck(!ftruncate(sf->fd, 0) && pwrite(sf->fd, h, sizeof(h), 0) == (ssize_t) sizeof(h), PETSC_COMM_SELF,
               PETSC_ERR_FILE_WRITE, "Cannot write the study journal %s", sf->journal);
    for (PetscInt i = 0; i < rec->n; i++) {
      StudyRecordPack(layout->np, layout->nout, &rec->meta[i], rec->param + i * rec->np, rec->out + i * rec->nout,
                      sf->buf);
      PetscCheck(pwrite(sf->fd, sf->buf, sf->reclen, good) == (ssize_t) sf->reclen, PETSC_COMM_SELF,
                 PETSC_ERR_FILE_WRITE, "Cannot write the study journal %s", sf->journal);
      good += (off_t) sf->reclen;
    }
  }
  PetscCheck(lseek(sf->fd, good, SEEK_SET) == good, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot seek in %s",
             sf->journal);
  /* the HDF5 file is rebuilt from the journal (it may have been torn by a kill) and opened for appending */
  PetscCall(WriteFileAtomic(filename, layout, rec, NULL, NULL, PETSC_FALSE));
  sf->file = H5Fopen(filename, H5F_ACC_RDWR, H5P_DEFAULT);
  PetscCheck(sf->file >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open the study file %s", filename);
  sf->cases = H5Dopen2(sf->file, "cases", H5P_DEFAULT);
  PetscCall(RowType(layout, &sf->rowtype, &sf->rowsize));
  PetscCall(PetscMalloc1(sf->rowsize, &sf->row));
  *out = sf;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileAppend(StudyFile sf, const StudyRecordMeta *m, const double *param, const double *out)
{
  hsize_t dims, one = 1;
  hid_t   fs, ms;
  PetscFunctionBeginUser;
  /* 1. the journal: one write() of a whole record, the durable copy */
  StudyRecordPack(sf->layout.np, sf->layout.nout, m, param, out, sf->buf);
  PetscCheck(write(sf->fd, sf->buf, sf->reclen) == (ssize_t) sf->reclen, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE,
             "Cannot append to the study journal %s: %s", sf->journal, strerror(errno));
  /* 2. the row of /cases, flushed */
  fs = H5Dget_space(sf->cases);
  H5Sget_simple_extent_dims(fs, &dims, NULL);
  H5Sclose(fs);
  dims++;
  PetscCheck(H5Dset_extent(sf->cases, &dims) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "HDF5: cannot extend /cases");
  fs = H5Dget_space(sf->cases);
  dims--;
  H5Sselect_hyperslab(fs, H5S_SELECT_SET, &dims, NULL, &one, NULL);
  ms = H5Screate_simple(1, &one, NULL);
  RowPack(&sf->layout, m, param, out, sf->row);
  PetscCheck(H5Dwrite(sf->cases, sf->rowtype, ms, fs, H5P_DEFAULT, sf->row) >= 0, PETSC_COMM_SELF, PETSC_ERR_LIB,
             "HDF5: cannot append to /cases");
  H5Sclose(ms);
  H5Sclose(fs);
  PetscCheck(H5Fflush(sf->file, H5F_SCOPE_LOCAL) >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "HDF5: cannot flush %s",
             sf->filename);
  PetscFunctionReturn(0);
}

static PetscErrorCode CloseH5(StudyFile sf)
{
  PetscFunctionBeginUser;
  if (sf->cases >= 0) H5Dclose(sf->cases);
  if (sf->rowtype >= 0) H5Tclose(sf->rowtype);
  if (sf->file >= 0) H5Fclose(sf->file);
  sf->cases = sf->rowtype = sf->file = -1;
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteCSV(const char *name, const StudyFileLayout *lay, const StudyRecords *rec,
                               const StudyFileAnalysis *a)
{
  char  tmp[PETSC_MAX_PATH_LEN + 16];
  FILE *fp;
  int   fd;
  PetscFunctionBeginUser;
  snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", name);
  fd = mkstemp(tmp);
  PetscCheck(fd >= 0 && (fp = fdopen(fd, "w")), PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write %s", name);
  FileSetUmaskMode(fd); /* mkstemp made it 0600 */
  fprintf(fp, "phase,batch,index");
  for (PetscInt i = 0; i < lay->np; i++) fprintf(fp, ",%s", lay->param_names[i]);
  for (PetscInt i = 0; i < lay->nout; i++) fprintf(fp, ",%s", lay->out_names[i]);
  fprintf(fp, "\n");
  for (PetscInt r = 0; r < a->nfront; r++) {
    PetscInt k = a->front[r];
    fprintf(fp, "%d,%d,%d", rec->meta[k].phase, rec->meta[k].batch, rec->meta[k].index);
    for (PetscInt i = 0; i < lay->np; i++) fprintf(fp, ",%.17g", rec->param[k * rec->np + i]);
    for (PetscInt i = 0; i < lay->nout; i++) fprintf(fp, ",%.17g", rec->out[k * rec->nout + i]);
    fprintf(fp, "\n");
  }
  PetscCheck(!fclose(fp) && !rename(tmp, name), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot write %s", name);
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileFinish(StudyFile sf, const StudyRecords *rec, const StudyFileAnalysis *a)
{
  PetscInt *order;
  PetscFunctionBeginUser;
  PetscCall(CloseH5(sf));
  PetscCall(SortedOrder(rec, &order));
  PetscCall(WriteFileAtomic(sf->filename, &sf->layout, rec, order, a, PETSC_TRUE));
  PetscCall(PetscFree(order));
  if (a && a->csv) PetscCall(WriteCSV(a->csv, &sf->layout, rec, a));
  /* the file now holds everything: the journal goes (still locked by us, so no other study starts meanwhile) */
  PetscCheck(!unlink(sf->journal), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Cannot remove %s", sf->journal);
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFileClose(StudyFile *sf)
{
  PetscFunctionBeginUser;
  if (!*sf) PetscFunctionReturn(0);
  PetscCall(CloseH5(*sf));
  if ((*sf)->fd >= 0) close((*sf)->fd); /* releases the lock */
  PetscCall(PetscFree((*sf)->buf));
  PetscCall(PetscFree((*sf)->row));
  PetscCall(PetscFree((*sf)->strings));
  PetscCall(PetscFree((*sf)->ptrs));
  PetscCall(PetscFree((*sf)->bounds));
  PetscCall(PetscFree(*sf));
  PetscFunctionReturn(0);
}
