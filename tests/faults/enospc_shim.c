/* LD_PRELOAD fault hook: a small disk that fills up, for machines where a tmpfs cannot be mounted.
 *
 * The files eproc writes beside a results file ($EPROC_FAULT_MATCH, e.g. "out.h5.", followed by "tmp-XXXXXX" or
 * "reserve-XXXXXX") live on a pretend disk of $EPROC_FAULT_BYTES bytes, counted in 4 kB pages as a tmpfs counts
 * them: a write that needs new pages fails with ENOSPC when the disk is full, ftruncate/truncate and unlink give
 * pages back, posix_fallocate takes them. $EPROC_FAULT_RANK, if set, puts the small disk under that MPI rank only
 * (OMPI_COMM_WORLD_RANK), so that one rank fails inside a collective step while the others succeed. The model is
 * per process: with several ranks, only the faulty rank's own writes count. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE      4096
#define MAX_FILES 16

typedef struct {
  dev_t          dev;
  ino_t          ino;
  size_t         npages; /* bitmap size in pages */
  unsigned char *used;
} File;

static File        files[MAX_FILES];
static long long   budget = -1, in_use = 0; /* pages */
static const char *match = NULL;
static int         initialised;

static void Init(void)
{
  const char *b = getenv("EPROC_FAULT_BYTES"), *r = getenv("EPROC_FAULT_RANK"), *me = getenv("OMPI_COMM_WORLD_RANK");
  initialised = 1;
  match       = getenv("EPROC_FAULT_MATCH");
  if (!b || !match || !match[0]) return;
  if (r && r[0] && strcmp(r, me ? me : "0")) return;
  budget = atoll(b) / PAGE;
}

/* A watched name: <dir>/<match>tmp-XXXXXX or <dir>/<match>reserve-XXXXXX. */
static int Watched(const char *path)
{
  const char *base = strrchr(path, '/'), *rest;
  base             = base ? base + 1 : path;
  if (strncmp(base, match, strlen(match))) return 0;
  rest = base + strlen(match);
  if (!strncmp(rest, "tmp-", 4))
    rest += 4;
  else if (!strncmp(rest, "reserve-", 8))
    rest += 8;
  else
    return 0;
  return strlen(rest) == 6 && !strchr(rest, '.') && !strchr(rest, '_');
}

static File *Lookup(dev_t dev, ino_t ino, int create)
{
  for (int i = 0; i < MAX_FILES; i++)
    if (files[i].used && files[i].dev == dev && files[i].ino == ino) return &files[i];
  if (!create) return NULL;
  for (int i = 0; i < MAX_FILES; i++)
    if (!files[i].used) {
      files[i].dev    = dev;
      files[i].ino    = ino;
      files[i].npages = 64;
      files[i].used   = calloc(64, 1);
      return &files[i];
    }
  return NULL;
}

static File *FileOfFd(int fd)
{
  char        link[64], path[4096];
  ssize_t     l;
  struct stat st;
  if (!initialised) Init();
  if (budget < 0) return NULL;
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  if (fstat(fd, &st) || !S_ISREG(st.st_mode)) return NULL;
  if (Lookup(st.st_dev, st.st_ino, 0)) return Lookup(st.st_dev, st.st_ino, 0);
  l = readlink(link, path, sizeof(path) - 1);
  if (l <= 0) return NULL;
  path[l] = 0;
  if (!Watched(path)) return NULL;
  return Lookup(st.st_dev, st.st_ino, 1);
}

/* Take the pages of [off, off + n); 0 when they fit, -1 when the disk is full (nothing taken). */
static int Take(File *f, long long off, long long n)
{
  long long first = off / PAGE, last = (off + n - 1) / PAGE, need = 0;
  if (!f || n <= 0) return 0;
  if ((size_t) last >= f->npages) {
    size_t         np = (size_t) last + 1 > 2 * f->npages ? (size_t) last + 1 : 2 * f->npages;
    unsigned char *u  = realloc(f->used, np);
    if (!u) return -1;
    memset(u + f->npages, 0, np - f->npages);
    f->used   = u;
    f->npages = np;
  }
  for (long long p = first; p <= last; p++) need += !f->used[p];
  if (in_use + need > budget) return -1;
  for (long long p = first; p <= last; p++) f->used[p] = 1;
  in_use += need;
  return 0;
}

static void Release(File *f, long long from_byte)
{
  if (!f) return;
  for (size_t p = (size_t) ((from_byte + PAGE - 1) / PAGE); p < f->npages; p++)
    if (f->used[p]) {
      f->used[p] = 0;
      in_use--;
    }
}

#define REAL(ret, name, ...)                                                                                           \
  static ret (*real)(__VA_ARGS__);                                                                                     \
  if (!real) real = (ret(*)(__VA_ARGS__)) dlsym(RTLD_NEXT, name)

static long long IovBytes(const struct iovec *iov, int n)
{
  long long s = 0;
  for (int i = 0; i < n; i++) s += (long long) iov[i].iov_len;
  return s;
}

static long long Here(int fd)
{
  return (long long) lseek(fd, 0, SEEK_CUR);
}

ssize_t write(int fd, const void *buf, size_t n)
{
  REAL(ssize_t, "write", int, const void *, size_t);
  if (Take(FileOfFd(fd), Here(fd), (long long) n)) return errno = ENOSPC, -1;
  return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
  REAL(ssize_t, "pwrite", int, const void *, size_t, off_t);
  if (Take(FileOfFd(fd), off, (long long) n)) return errno = ENOSPC, -1;
  return real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
  REAL(ssize_t, "pwrite64", int, const void *, size_t, off_t);
  if (Take(FileOfFd(fd), off, (long long) n)) return errno = ENOSPC, -1;
  return real(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
  REAL(ssize_t, "writev", int, const struct iovec *, int);
  if (Take(FileOfFd(fd), Here(fd), IovBytes(iov, cnt))) return errno = ENOSPC, -1;
  return real(fd, iov, cnt);
}

ssize_t pwritev(int fd, const struct iovec *iov, int cnt, off_t off)
{
  REAL(ssize_t, "pwritev", int, const struct iovec *, int, off_t);
  if (Take(FileOfFd(fd), off, IovBytes(iov, cnt))) return errno = ENOSPC, -1;
  return real(fd, iov, cnt, off);
}

ssize_t pwritev64(int fd, const struct iovec *iov, int cnt, off_t off)
{
  REAL(ssize_t, "pwritev64", int, const struct iovec *, int, off_t);
  if (Take(FileOfFd(fd), off, IovBytes(iov, cnt))) return errno = ENOSPC, -1;
  return real(fd, iov, cnt, off);
}

int posix_fallocate(int fd, off_t off, off_t len)
{
  REAL(int, "posix_fallocate", int, off_t, off_t);
  if (Take(FileOfFd(fd), off, (long long) len)) return ENOSPC;
  return real(fd, off, len);
}

int posix_fallocate64(int fd, off_t off, off_t len)
{
  REAL(int, "posix_fallocate64", int, off_t, off_t);
  if (Take(FileOfFd(fd), off, (long long) len)) return ENOSPC;
  return real(fd, off, len);
}

int ftruncate(int fd, off_t len)
{
  REAL(int, "ftruncate", int, off_t);
  File *f = FileOfFd(fd);
  int   r = real(fd, len);
  if (!r) Release(f, len);
  return r;
}

int ftruncate64(int fd, off_t len)
{
  REAL(int, "ftruncate64", int, off_t);
  File *f = FileOfFd(fd);
  int   r = real(fd, len);
  if (!r) Release(f, len);
  return r;
}

static File *FileOfPath(const char *path)
{
  struct stat st;
  if (!initialised) Init();
  if (budget < 0 || stat(path, &st)) return NULL;
  return Lookup(st.st_dev, st.st_ino, 0);
}

int truncate(const char *path, off_t len)
{
  REAL(int, "truncate", const char *, off_t);
  File *f = FileOfPath(path);
  int   r = real(path, len);
  if (!r) Release(f, len);
  return r;
}

int unlink(const char *path)
{
  REAL(int, "unlink", const char *);
  File *f = FileOfPath(path);
  int   r = real(path);
  if (!r && f) {
    Release(f, 0);
    free(f->used);
    f->used = NULL;
  }
  return r;
}
