/* HDF5 helpers (see h5io.h). */
/* PETSc's HDF5 viewer keeps the file id in its private data; the session closes the file itself (a failed
 * PetscViewerDestroy would otherwise leave the file open until MPI_Finalize) and then hands the viewer back
 * without it. This header must come before any HDF5 header (PETSc 3.18). */
#include <petsc/private/viewerhdf5impl.h>
#include "h5io.h"
#include <hdf5.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#define H5_MSG_LEN 512
/* Disk space held back while the file is written and released just before it is closed: room for the metadata
 * HDF5 writes at close (a results file holds a few hundred objects, under 100 kB of metadata). */
#define H5_RESERVE_BYTES (1 << 20)
/* Held back too and released just before the stages write their fields: stages may write through PETSc viewers
 * (VecView) whose collective HDF5 calls do not vote, so a disk that is full before them is found by the
 * reservation, cleanly, rather than inside them (-results_fields_reserve_MB). */
#define H5_FIELDS_RESERVE_MB 4.0

/* The results-file session (one at a time per process). */
static struct {
  PetscBool   active;
  MPI_Comm    comm, vote; /* the caller's communicator; a duplicate of it for the votes alone */
  char        final[PETSC_MAX_PATH_LEN], tmp[PETSC_MAX_PATH_LEN + 16], reserve[PETSC_MAX_PATH_LEN + 16];
  char        first_error[H5_MSG_LEN]; /* first PETSc error raised on this rank while writing */
  char        agreed[H5_MSG_LEN];      /* first failure all ranks agreed on */
  PetscReal   timeout;
  size_t      fields_reserve; /* bytes of the reserve still held for the stage fields */
  H5E_auto2_t saved_efunc;
  void       *saved_edata;
  /* the watchdog: a write that makes no progress for `timeout` s is stuck in a collective call */
  pthread_t       watchdog;
  pthread_mutex_t lock;
  pthread_cond_t  wake;
  PetscBool       watching;
  double          last_progress; /* MPI_Wtime of the last completed step */
} session;

static PetscErrorCode QuietErrorHandler(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n,
                                        PetscErrorType p, const char *mess, void *ctx)
{
  if (p == PETSC_ERROR_INITIAL && !session.first_error[0])
    snprintf(session.first_error, sizeof(session.first_error), "%s", mess ? mess : "error");
  return n;
}

/* The innermost HDF5 error description (where the library met the problem). */
static herr_t InnermostError(unsigned n, const H5E_error2_t *e, void *ctx)
{
  if (n == 0 && e->desc) snprintf((char *) ctx, 160, "%s", e->desc);
  return 0;
}

/* "what: reason", the reason from errno (set by the failing write) or from HDF5. */
static void Reason(const char *what, int err, char *msg, size_t len)
{
  char h5[160] = "";
  if (msg[0]) return; /* keep the first */
  /* MPI-IO and HDF5 make more calls after the failed write: only an errno that explains a write is kept */
  if (err != ENOSPC && err != EDQUOT && err != EIO && err != EFBIG && err != EROFS) err = 0;
  if (!err && session.active) {
    /* MPI-IO does not keep errno: a file system with (almost) no free block explains a failed write */
    struct statvfs fs;
    char           dir[PETSC_MAX_PATH_LEN];
    const char    *slash = strrchr(session.final, '/');
    if (slash)
      snprintf(dir, sizeof(dir), "%.*s", (int) (slash == session.final ? 1 : slash - session.final), session.final);
    else
      snprintf(dir, sizeof(dir), ".");
    if (!statvfs(dir, &fs) && (double) fs.f_bavail * (double) fs.f_frsize < 65536.0) err = ENOSPC;
  }
  if (!err) H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, InnermostError, h5);
  snprintf(msg, len, "%s: %s", what, err ? strerror(err) : h5[0] ? h5 : "HDF5 error");
}

static void RemoveSessionFiles(void)
{
  if (session.tmp[0]) (void) unlink(session.tmp);
  if (session.reserve[0]) (void) unlink(session.reserve);
}

/* A rank that failed waits for the others at most session.timeout; if they never come they are inside a collective
 * call that cannot complete without this rank: remove the temporary files and abort the whole run. */
static void WaitBounded(MPI_Request *req, const char *msg)
{
  double    deadline = MPI_Wtime() + (session.timeout > 0 ? session.timeout : 60.0);
  int       done     = 0;
  const int backoff  = 1000000; /* ns */
  while (!done) {
    struct timespec ts = {0, backoff};
    MPI_Test(req, &done, MPI_STATUS_IGNORE);
    if (done) break;
    if (MPI_Wtime() > deadline) {
      fprintf(stderr,
              "eproc: error: cannot write the results file %s: %s; the other ranks did not reach the error check "
              "within %g s (they wait in a collective HDF5 call): aborting\n",
              session.final[0] ? session.final : "(unnamed)", msg, (double) session.timeout);
      fflush(stderr);
      RemoveSessionFiles();
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    nanosleep(&ts, NULL);
  }
}

/* One vote of all ranks: any failed? all at their final vote? The message of the lowest failing rank is given to
 * all. A rank that has failed keeps voting (final = 1) until every rank is final (H5CloseTemporary), so the votes
 * of ranks that stopped early pair with those of ranks still writing. */
static PetscErrorCode Vote(MPI_Comm comm, PetscBool failed, PetscBool final, const char *msg, PetscBool *any_failed,
                           PetscBool *all_final, char *agreed, size_t len)
{
  PetscMPIInt rank, size;
  int         in[3], out[3];
  MPI_Request req;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  in[0] = failed ? 1 : 0;
  in[1] = final ? 0 : 1;
  in[2] = failed ? size - rank : 0;
  PetscCallMPI(MPI_Iallreduce(in, out, 3, MPI_INT, MPI_MAX, comm, &req));
  if (failed)
    WaitBounded(&req, msg);
  else
    PetscCallMPI(MPI_Wait(&req, MPI_STATUS_IGNORE));
  if (session.active) session.last_progress = MPI_Wtime();
  *any_failed = out[0] ? PETSC_TRUE : PETSC_FALSE;
  if (all_final) *all_final = out[1] ? PETSC_FALSE : PETSC_TRUE;
  if (out[0]) {
    char        buf[H5_MSG_LEN] = "";
    PetscMPIInt root            = size - out[2];
    if (rank == root) snprintf(buf, sizeof(buf), "%s", msg && msg[0] ? msg : "error");
    PetscCallMPI(MPI_Bcast(buf, (PetscMPIInt) sizeof(buf), MPI_CHAR, root, comm));
    if (size > 1 && root != 0 && !strstr(buf, "(rank "))
      snprintf(agreed, len, "%.*s (rank %d)", (int) (len - 16), buf, root);
    else
      snprintf(agreed, len, "%s", buf);
  }
  PetscFunctionReturn(0);
}

/* A helper's vote: a local message (empty: success) becomes PETSC_ERR_FILE_WRITE on every rank if any failed. */
static PetscErrorCode AgreeMessage(PetscViewer v, const char *msg)
{
  MPI_Comm  comm;
  PetscBool failed;
  char      agreed[H5_MSG_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscObjectGetComm((PetscObject) v, &comm));
  PetscCall(Vote(session.active ? session.vote : comm, msg[0] ? PETSC_TRUE : PETSC_FALSE, PETSC_FALSE, msg, &failed,
                 NULL, agreed, sizeof(agreed)));
  if (failed) {
    if (session.active && !session.agreed[0]) snprintf(session.agreed, sizeof(session.agreed), "%s", agreed);
    SETERRQ(comm, PETSC_ERR_FILE_WRITE, "%s", agreed);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode H5Agree(PetscViewer v, PetscErrorCode local, const char *what)
{
  char msg[H5_MSG_LEN] = "";
  PetscFunctionBeginUser;
  if (local) {
    if (session.active && session.agreed[0])
      snprintf(msg, sizeof(msg), "%s", session.agreed);
    else
      snprintf(msg, sizeof(msg), "%.150s: %.300s", what, session.first_error[0] ? session.first_error : "error");
  }
  PetscCall(AgreeMessage(v, msg));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Local HDF5 steps: they never raise; a failure fills msg (first one kept) and the caller votes. */

/* Open (creating as needed) every group along an absolute path such as "/summary" or "/a/b". */
static hid_t OpenGroup(hid_t file, const char *group, char *msg, size_t len)
{
  char  buf[PETSC_MAX_PATH_LEN], *p, *save = NULL;
  hid_t cur;
  snprintf(buf, sizeof(buf), "%s", group);
  cur = H5Gopen2(file, "/", H5P_DEFAULT);
  if (cur < 0) {
    Reason("opening the root group", 0, msg, len);
    return -1;
  }
  for (p = strtok_r(buf, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
    hid_t next;
    if (H5Lexists(cur, p, H5P_DEFAULT) > 0)
      next = H5Gopen2(cur, p, H5P_DEFAULT);
    else
      next = H5Gcreate2(cur, p, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Gclose(cur);
    if (next < 0) {
      char what[PETSC_MAX_PATH_LEN + 32];
      snprintf(what, sizeof(what), "creating group %s", group);
      Reason(what, 0, msg, len);
      return -1;
    }
    cur = next;
  }
  return cur;
}

static void AttachString(hid_t obj, const char *attr, const char *value, char *msg, size_t len)
{
  hid_t type, space, a;
  if (msg[0]) return;
  type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, strlen(value) + 1);
  space = H5Screate(H5S_SCALAR);
  a     = H5Acreate2(obj, attr, type, space, H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0 || H5Awrite(a, type, value) < 0) {
    char what[160];
    snprintf(what, sizeof(what), "writing attribute %s", attr);
    Reason(what, 0, msg, len);
  }
  if (a >= 0) H5Aclose(a);
  H5Sclose(space);
  H5Tclose(type);
}

/* Create group/name and write buf (rank 0's selection; the others take part with an empty one). */
static hid_t CreateAndWrite(PetscViewer v, const char *group, const char *name, hid_t type, int ndims,
                            const hsize_t dims[], PetscBool empty, const void *buf, char *msg, size_t len)
{
  hid_t       file, gid, space, dset = -1, mem, fsp;
  PetscMPIInt rank;
  MPI_Comm    comm;
  char        what[PETSC_MAX_PATH_LEN + 64];
  snprintf(what, sizeof(what), "writing %s/%s", group, name);
  if (PetscObjectGetComm((PetscObject) v, &comm) || MPI_Comm_rank(comm, &rank) || PetscViewerHDF5GetFileId(v, &file)) {
    Reason(what, 0, msg, len);
    return -1;
  }
  gid = OpenGroup(file, group, msg, len);
  if (gid < 0) return -1;
  space = H5Screate_simple(ndims, dims, NULL);
  if (space >= 0) dset = H5Dcreate2(gid, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (dset < 0)
    Reason(what, 0, msg, len);
  else {
    mem = H5Scopy(space);
    fsp = H5Scopy(space);
    if (rank || empty) {
      H5Sselect_none(mem);
      H5Sselect_none(fsp);
    }
    errno = 0;
    if (H5Dwrite(dset, type, mem, fsp, H5P_DEFAULT, buf) < 0) Reason(what, errno, msg, len);
    H5Sclose(mem);
    H5Sclose(fsp);
  }
  if (space >= 0) H5Sclose(space);
  H5Gclose(gid);
  return dset;
}

PetscErrorCode H5WriteArray(PetscViewer v, const char *group, const char *name, PetscInt ndims, const PetscInt dims[],
                            const PetscReal *data, const char *unit, const char *description)
{
  char           msg[H5_MSG_LEN] = "";
  hsize_t        hd[2];
  PetscInt       n = ndims == 1 ? dims[0] : dims[0] * dims[1];
  double        *buf;
  hid_t          dset;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCheck(ndims == 1 || ndims == 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "1 or 2 dimensions");
  for (PetscInt d = 0; d < ndims; d++) hd[d] = (hsize_t) dims[d];
  buf = (double *) malloc(sizeof(double) * (size_t) (n > 0 ? n : 1));
  if (!buf)
    snprintf(msg, sizeof(msg), "writing %s/%s: out of memory", group, name);
  else
    for (PetscInt i = 0; i < n; i++) buf[i] = (double) data[i];
  dset =
      msg[0] ? -1 : CreateAndWrite(v, group, name, H5T_NATIVE_DOUBLE, (int) ndims, hd, n == 0, buf, msg, sizeof(msg));
  free(buf);
  /* vote before the attributes: every rank stops at the same step, with the same metadata */
  ierr = AgreeMessage(v, msg);
  if (!ierr) {
    AttachString(dset, "unit", unit ? unit : "-", msg, sizeof(msg));
    AttachString(dset, "description", description ? description : "", msg, sizeof(msg));
  }
  if (dset >= 0) H5Dclose(dset);
  PetscCall(ierr);
  PetscCall(AgreeMessage(v, msg));
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
  char           msg[H5_MSG_LEN] = "";
  hsize_t        hn              = (hsize_t) n;
  size_t         len             = 1;
  char          *buf;
  hid_t          type, dset = -1;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) len = PetscMax(len, strlen(strings[i]) + 1);
  buf = (char *) calloc(len * (size_t) (n > 0 ? n : 1), 1);
  if (!buf)
    snprintf(msg, sizeof(msg), "writing %s/%s: out of memory", group, name);
  else
    for (PetscInt i = 0; i < n; i++) memcpy(buf + i * len, strings[i], strlen(strings[i]));
  type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, len);
  if (!msg[0]) dset = CreateAndWrite(v, group, name, type, 1, &hn, n == 0, buf, msg, sizeof(msg));
  free(buf);
  ierr = AgreeMessage(v, msg);
  if (!ierr) AttachString(dset, "description", description ? description : "", msg, sizeof(msg));
  if (dset >= 0) H5Dclose(dset);
  H5Tclose(type);
  PetscCall(ierr);
  PetscCall(AgreeMessage(v, msg));
  PetscFunctionReturn(0);
}

PetscErrorCode H5WriteStringAttribute(PetscViewer v, const char *path, const char *attr, const char *value)
{
  char  msg[H5_MSG_LEN] = "";
  hid_t file, gid = -1;
  PetscFunctionBeginUser;
  if (PetscViewerHDF5GetFileId(v, &file))
    snprintf(msg, sizeof(msg), "writing attribute %s: no file", attr);
  else
    gid = OpenGroup(file, path, msg, sizeof(msg));
  if (gid >= 0) {
    AttachString(gid, attr, value, msg, sizeof(msg));
    H5Gclose(gid);
  }
  PetscCall(AgreeMessage(v, msg));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * The target and the temporary file */

/* The target must be a regular file or absent, writable, and its directory writable: checked before any work. */
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
    else if (strlen(final_name) + 16 >= PETSC_MAX_PATH_LEN)
      snprintf(msg, sizeof(msg), "results file '%s': the name is too long", final_name);
    else if (stat(dir, &st) || !S_ISDIR(st.st_mode))
      snprintf(msg, sizeof(msg), "results file '%s': the directory '%s' does not exist", final_name, dir);
    else if (access(dir, W_OK | X_OK))
      snprintf(msg, sizeof(msg), "results file '%s': the directory '%s' is not writable", final_name, dir);
    else if (!lstat(final_name, &st) && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
      snprintf(msg, sizeof(msg), "results file '%s' exists and is not a regular file; it is never replaced",
               final_name);
    else if (!stat(final_name, &st) && S_ISDIR(st.st_mode))
      snprintf(msg, sizeof(msg), "results file '%s' is a directory", final_name);
    else if (!lstat(final_name, &st) && S_ISREG(st.st_mode) &&
             (!(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) || access(final_name, W_OK)))
      snprintf(msg, sizeof(msg),
               "results file '%s' is read-only; it is never replaced (remove it or choose another -o)", final_name);
    else if (input_name && !stat(final_name, &st) && !stat(input_name, &in) && st.st_dev == in.st_dev &&
             st.st_ino == in.st_ino)
      snprintf(msg, sizeof(msg), "results file '%s' is the input file '%s'; choose another name with -o", final_name,
               input_name);
  }
  PetscCallMPI(MPI_Bcast(msg, sizeof(msg), MPI_CHAR, 0, comm));
  PetscCheck(!msg[0], comm, PETSC_ERR_USER_INPUT, "%s", msg);
  PetscFunctionReturn(0);
}

/* Rank 0: the temporary file (mode from the umask) and the space reserve, both created exclusively. */
static void CreateFiles(char *msg, size_t len)
{
  mode_t mask = umask(0);
  int    fd, err;
  umask(mask);
  snprintf(session.tmp, sizeof(session.tmp), "%s.tmp-XXXXXX", session.final);
  if ((fd = mkstemp(session.tmp)) < 0) {
    snprintf(msg, len, "creating a temporary file beside it: %s", strerror(errno));
    session.tmp[0] = 0;
    return;
  }
  (void) fchmod(fd, 0666 & ~mask);
  close(fd);
  snprintf(session.reserve, sizeof(session.reserve), "%s.reserve-XXXXXX", session.final);
  if ((fd = mkstemp(session.reserve)) < 0) {
    snprintf(msg, len, "creating a temporary file beside it: %s", strerror(errno));
    session.reserve[0] = 0;
    return;
  }
  err = posix_fallocate(fd, 0, (off_t) (H5_RESERVE_BYTES + session.fields_reserve));
  if (close(fd) && !err) err = errno;
  if (err)
    snprintf(msg, len, "reserving %zu kB of disk space for it: %s", (H5_RESERVE_BYTES + session.fields_reserve) / 1024,
             strerror(err));
}

/* Collective HDF5 calls made by code that does not vote (VecView flushes the file) can wait for ever when one rank
 * failed inside them; no rank then returns to eproc. The watchdog notices that no step has completed for the
 * timeout, removes the temporary files and ends the process (exit status 1; mpiexec ends the other ranks). */
static void *Watchdog(void *arg)
{
  pthread_mutex_lock(&session.lock);
  while (session.watching) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 1;
    pthread_cond_timedwait(&session.wake, &session.lock, &ts);
    if (session.watching && MPI_Wtime() - session.last_progress > session.timeout) {
      fprintf(stderr,
              "eproc: error: cannot write the results file %s: no step completed for %g s (a collective HDF5 call "
              "did not return%s%s): giving up\n",
              session.final, (double) session.timeout, session.first_error[0] ? "; first error: " : "",
              session.first_error);
      fflush(stderr);
      RemoveSessionFiles();
      _exit(1);
    }
  }
  pthread_mutex_unlock(&session.lock);
  return arg;
}

static void StartWatchdog(void)
{
  session.last_progress = MPI_Wtime();
  pthread_mutex_init(&session.lock, NULL);
  pthread_cond_init(&session.wake, NULL);
  session.watching = PETSC_TRUE;
  if (pthread_create(&session.watchdog, NULL, Watchdog, NULL)) session.watching = PETSC_FALSE;
}

static void StopWatchdog(void)
{
  PetscBool was = session.watching;
  pthread_mutex_lock(&session.lock);
  session.watching = PETSC_FALSE;
  pthread_cond_signal(&session.wake);
  pthread_mutex_unlock(&session.lock);
  if (was) pthread_join(session.watchdog, NULL);
  pthread_cond_destroy(&session.wake);
  pthread_mutex_destroy(&session.lock);
}

static PetscErrorCode EndSession(PetscBool remove)
{
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(session.comm, &rank));
  if (!rank && remove) RemoveSessionFiles();
  StopWatchdog();
  PetscCallMPI(MPI_Comm_free(&session.vote));
  H5Eset_auto2(H5E_DEFAULT, session.saved_efunc, session.saved_edata);
  PetscCall(PetscPopErrorHandler());
  session.active = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode H5OpenTemporary(MPI_Comm comm, const char *final_name, PetscViewer *v)
{
  PetscMPIInt    rank;
  char           msg[H5_MSG_LEN] = "", agreed[H5_MSG_LEN];
  PetscBool      failed;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  *v = NULL;
  PetscCheck(!session.active, comm, PETSC_ERR_ARG_WRONGSTATE, "A results file is being written already");
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(PetscMemzero(&session, sizeof(session)));
  session.comm    = comm;
  session.timeout = 60.0;
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-results_agree_timeout", &session.timeout, NULL));
  {
    PetscReal mb = H5_FIELDS_RESERVE_MB;
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-results_fields_reserve_MB", &mb, NULL));
    session.fields_reserve = (size_t) (PetscClipInterval(mb, 0.0, 1e6) * 1048576.0);
  }
  PetscCheck(strlen(final_name) + 16 < PETSC_MAX_PATH_LEN, comm, PETSC_ERR_ARG_SIZ, "File name too long: %s",
             final_name);
  PetscCall(PetscStrncpy(session.final, final_name, sizeof(session.final)));
  if (!rank) CreateFiles(msg, sizeof(msg));
  PetscCallMPI(MPI_Bcast(msg, (PetscMPIInt) sizeof(msg), MPI_CHAR, 0, comm));
  PetscCallMPI(MPI_Bcast(session.tmp, (PetscMPIInt) sizeof(session.tmp), MPI_CHAR, 0, comm));
  PetscCallMPI(MPI_Bcast(session.reserve, (PetscMPIInt) sizeof(session.reserve), MPI_CHAR, 0, comm));
  if (msg[0]) {
    if (!rank) RemoveSessionFiles();
    SETERRQ(comm, PETSC_ERR_FILE_WRITE,
            "cannot write the results file %s: %s; nothing was written (an earlier file of that name is unchanged)",
            final_name, msg);
  }
  /* from here on errors are collected, not printed, until H5CloseTemporary */
  session.active = PETSC_TRUE;
  PetscCallMPI(MPI_Comm_dup(comm, &session.vote));
  H5Eget_auto2(H5E_DEFAULT, &session.saved_efunc, &session.saved_edata);
  H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
  PetscCall(PetscPushErrorHandler(QuietErrorHandler, NULL));
  StartWatchdog();
  ierr = PetscViewerCreate(comm, v);
  if (!ierr) ierr = PetscViewerSetType(*v, PETSCVIEWERHDF5);
  if (!ierr) ierr = PetscViewerFileSetMode(*v, FILE_MODE_WRITE);
  if (!ierr) ierr = PetscViewerFileSetName(*v, session.tmp);
  if (ierr)
    snprintf(msg, sizeof(msg), "opening it: %.300s", session.first_error[0] ? session.first_error : "HDF5 error");
  PetscCall(
      Vote(session.vote, ierr ? PETSC_TRUE : PETSC_FALSE, PETSC_FALSE, msg, &failed, NULL, agreed, sizeof(agreed)));
  if (!failed) {
    /* only rank 0 writes metadata: a disk error in a metadata flush then happens on the rank that holds the space
     * reserve, not on a rank the others wait for inside HDF5 */
    hid_t               file;
    H5AC_cache_config_t config;
    config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    if (!PetscViewerHDF5GetFileId(*v, &file) && H5Fget_mdc_config(file, &config) >= 0) {
      config.metadata_write_strategy = H5AC_METADATA_WRITE_STRATEGY__PROCESS_0_ONLY;
      (void) H5Fset_mdc_config(file, &config);
    }
  }
  if (failed) {
    if (*v) {
      PetscViewer_HDF5 *hdf5 = (PetscViewer_HDF5 *) (*v)->data;
      if (hdf5 && hdf5->file_id > 0) H5Fclose(hdf5->file_id);
      if (hdf5) hdf5->file_id = 0;
      (void) PetscViewerDestroy(v);
    }
    PetscCall(EndSession(PETSC_TRUE));
    SETERRQ(comm, PETSC_ERR_FILE_WRITE,
            "cannot write the results file %s: %s; nothing was written (an earlier file of that name is unchanged)",
            final_name, agreed);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode H5ReleaseFieldsReserve(PetscViewer v)
{
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  if (!session.active || !session.fields_reserve) PetscFunctionReturn(0);
  PetscCallMPI(MPI_Comm_rank(session.vote, &rank));
  if (!rank && session.reserve[0] &&
      truncate(session.reserve, H5_RESERVE_BYTES)) { /* a reserve that stays is harmless */
  }
  session.fields_reserve = 0;
  PetscCallMPI(MPI_Barrier(session.vote));
  PetscFunctionReturn(0);
}

/* Close every object a failed writer left open in the file (an open object keeps the file from closing). */
static void CloseLeftovers(hid_t file)
{
  ssize_t n = H5Fget_obj_count(file, H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR | H5F_OBJ_LOCAL);
  hid_t  *ids;
  if (n <= 0 || !(ids = (hid_t *) malloc(sizeof(hid_t) * (size_t) n))) return;
  n = H5Fget_obj_ids(file, H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR | H5F_OBJ_LOCAL,
                     (size_t) n, ids);
  for (ssize_t i = 0; i < n; i++) {
    if (H5Iget_type(ids[i]) == H5I_ATTR)
      H5Aclose(ids[i]);
    else
      H5Oclose(ids[i]);
  }
  free(ids);
}

/* Rank 0: the data on disk, then the name; the directory entry on disk too. */
static void Commit(char *msg, size_t len)
{
  int         fd = open(session.tmp, O_RDONLY | O_NOFOLLOW);
  char        dir[PETSC_MAX_PATH_LEN];
  const char *slash = strrchr(session.final, '/');
  if (fd < 0 || fsync(fd)) snprintf(msg, len, "syncing it to disk: %s", strerror(errno));
  if (fd >= 0) close(fd);
  if (msg[0]) return;
  if (rename(session.tmp, session.final)) {
    snprintf(msg, len, "renaming %s to it: %s", session.tmp, strerror(errno));
    return;
  }
  session.tmp[0] = 0; /* it is the results file now */
  if (slash)
    snprintf(dir, sizeof(dir), "%.*s", (int) (slash == session.final ? 1 : slash - session.final), session.final);
  else
    snprintf(dir, sizeof(dir), ".");
  if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
    (void) fsync(fd);
    close(fd);
  }
}

PetscErrorCode H5CloseTemporary(PetscViewer *v, PetscErrorCode status)
{
  MPI_Comm    comm = session.comm;
  PetscMPIInt rank;
  char        msg[H5_MSG_LEN] = "", agreed[H5_MSG_LEN] = "", step[H5_MSG_LEN];
  PetscBool   failed = PETSC_FALSE, any, all_final = PETSC_FALSE;
  hid_t       file = -1;
  PetscFunctionBeginUser;
  PetscCheck(session.active && *v, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONGSTATE, "No results file is being written");
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (status)
    snprintf(msg, sizeof(msg), "%s",
             session.agreed[0]        ? session.agreed
             : session.first_error[0] ? session.first_error
                                      : "error");
  /* the final vote: ranks that stopped early keep voting until every rank has stopped writing */
  while (!all_final) {
    PetscCall(
        Vote(session.vote, status ? PETSC_TRUE : PETSC_FALSE, PETSC_TRUE, msg, &any, &all_final, step, sizeof(step)));
    if (any && !failed) {
      failed = PETSC_TRUE;
      PetscCall(PetscStrncpy(agreed, step, sizeof(agreed)));
    }
  }
  /* release the space reserve (and, after a failure, the data written so far), then close: every rank may write
   * metadata now, and a disk that filled up has room for it again */
  if (!rank && failed && session.tmp[0] && truncate(session.tmp, 0)) { /* the reserve alone must do */
  }
  if (!rank && session.reserve[0]) {
    (void) unlink(session.reserve);
    session.reserve[0] = 0;
  }
  PetscCallMPI(MPI_Bcast(session.reserve, 1, MPI_CHAR, 0, session.vote));
  msg[0] = 0;
  if (PetscViewerHDF5GetFileId(*v, &file) || file < 0)
    snprintf(msg, sizeof(msg), "closing it: no file");
  else {
    PetscViewer_HDF5 *hdf5 = (PetscViewer_HDF5 *) (*v)->data;
    CloseLeftovers(file);
    errno = 0;
    if (H5Fclose(file) < 0) Reason("closing it", errno, msg, sizeof(msg));
    hdf5->file_id = 0; /* closed: PetscViewerDestroy must neither flush nor close it again */
  }
  if (PetscViewerDestroy(v) && !msg[0]) snprintf(msg, sizeof(msg), "closing it: %.300s", session.first_error);
  PetscCall(Vote(session.vote, msg[0] ? PETSC_TRUE : PETSC_FALSE, PETSC_TRUE, msg, &any, NULL, step, sizeof(step)));
  if (any && !failed) {
    failed = PETSC_TRUE;
    PetscCall(PetscStrncpy(agreed, step, sizeof(agreed)));
  }
  if (!failed) {
    if (!rank) Commit(msg, sizeof(msg));
    PetscCallMPI(MPI_Bcast(msg, (PetscMPIInt) sizeof(msg), MPI_CHAR, 0, comm));
    if (msg[0]) {
      failed = PETSC_TRUE;
      PetscCall(PetscStrncpy(agreed, msg, sizeof(agreed)));
    }
  }
  PetscCall(EndSession(failed));
  PetscCheck(!failed, comm, PETSC_ERR_FILE_WRITE,
             "cannot write the results file %s: %s; nothing was written (an earlier file of that name is unchanged)",
             session.final, agreed);
  PetscFunctionReturn(0);
}
