/* study_check: reads study files through the study-file reader (postproc/study_results.h) for the study tests.
 *   study_check --compare A.h5 B.h5      the same cases (by identity) in both, each exactly once, parameters,
 *                                        outputs, status and reason bit for bit (wall time and group may differ);
 *                                        and the same /front when both are complete
 *   study_check --count S.h5 N           N cases, the study complete, every case ok
 *   study_check --ishigami S.h5 A B TOL  the Sobol indices of output f against the closed form for a, b: every
 *                                        first-order and total index within TOL (absolute)
 *   study_check --zdt1 S.h5 TOL          the front against f2 = 1 - sqrt(f1): generational distance (mean distance of
 *                                        front points to the analytic front) and inverted generational distance
 *                                        (mean distance of 1001 analytic points to the front) both below TOL
 *   study_check --failed S.h5 N TEXT    N cases failed, each with a reason containing TEXT, the others ok
 *   study_check --base-improved S.h5     a feasible case (constraints from --constraint name:lo:hi ...) with lower
 *                                        energy than the reference case and no higher thickness CV
 * Prints what it compared; exit 0 when all hold, 1 otherwise, 2 for bad usage. */
#include "study_results.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PetscInt Column(const StudyFileInfo *info, const char *name)
{
  for (PetscInt i = 0; i < info->nout; i++)
    if (!strcmp(info->out_names[i], name)) return i;
  return -1;
}

static int SameBits(double a, double b)
{
  return !memcmp(&a, &b, sizeof(double));
}

static PetscErrorCode Compare(const char *fa, const char *fb, int *bad)
{
  StudyFileInfo ia, ib;
  StudyRecords  ra, rb;
  PetscInt      diff = 0;
  PetscFunctionBeginUser;
  PetscCall(StudyFileRead(fa, &ia, &ra));
  PetscCall(StudyFileRead(fb, &ib, &rb));
  if (strcmp(ia.hash, ib.hash) || ia.np != ib.np || ia.nout != ib.nout) {
    printf("different studies: %s %s\n", ia.hash, ib.hash);
    (*bad)++;
  }
  if (ra.n != rb.n) {
    printf("%s has %d cases, %s has %d\n", fa, (int) ra.n, fb, (int) rb.n);
    (*bad)++;
  }
  for (PetscInt i = 0; i < ra.n; i++) {
    const StudyRecordMeta *m = &ra.meta[i];
    PetscInt               k = StudyRecordsFind(&rb, m->phase, m->batch, m->index);
    int                    same;
    if (k < 0) {
      if (diff++ < 10) printf("case %d.%d.%d of %s is missing in %s\n", m->phase, m->batch, m->index, fa, fb);
      continue;
    }
    same = m->status == rb.meta[k].status && !strcmp(m->reason, rb.meta[k].reason);
    for (PetscInt j = 0; j < ra.np; j++) same = same && SameBits(ra.param[i * ra.np + j], rb.param[k * rb.np + j]);
    for (PetscInt j = 0; j < ra.nout; j++) same = same && SameBits(ra.out[i * ra.nout + j], rb.out[k * rb.nout + j]);
    if (!same && diff++ < 10) printf("case %d.%d.%d differs\n", m->phase, m->batch, m->index);
  }
  *bad += diff > 0;
  if (ia.complete && ib.complete) {
    PetscInt na, nb, *fa_rows, *fb_rows;
    PetscCall(StudyFileReadFront(fa, &ra, &na, &fa_rows));
    PetscCall(StudyFileReadFront(fb, &rb, &nb, &fb_rows));
    if (na != nb) {
      printf("fronts differ in size: %d, %d\n", (int) na, (int) nb);
      (*bad)++;
    } else
      for (PetscInt i = 0; i < na; i++)
        if (fa_rows[i] < 0 || fb_rows[i] < 0 || ra.meta[fa_rows[i]].phase != rb.meta[fb_rows[i]].phase ||
            ra.meta[fa_rows[i]].batch != rb.meta[fb_rows[i]].batch ||
            ra.meta[fa_rows[i]].index != rb.meta[fb_rows[i]].index) {
          printf("front member %d differs\n", (int) i);
          (*bad)++;
          break;
        }
    printf("front: %d and %d members\n", (int) na, (int) nb);
    PetscCall(PetscFree(fa_rows));
    PetscCall(PetscFree(fb_rows));
  }
  printf("compared %d cases of %s with %s: %d differ or are missing%s\n", (int) ra.n, fa, fb, (int) diff,
         ia.complete && ib.complete ? "" : " (a study is incomplete)");
  PetscCall(StudyRecordsFree(&ra));
  PetscCall(StudyRecordsFree(&rb));
  PetscCall(StudyFileInfoFree(&ia));
  PetscCall(StudyFileInfoFree(&ib));
  PetscFunctionReturn(0);
}

static PetscErrorCode Count(const char *f, PetscInt n, int *bad)
{
  StudyFileInfo info;
  StudyRecords  rec;
  PetscInt      failed = 0;
  PetscFunctionBeginUser;
  PetscCall(StudyFileRead(f, &info, &rec));
  for (PetscInt i = 0; i < rec.n; i++) failed += rec.meta[i].status != 0;
  printf("%s: %d cases (want %d), complete %d, %d not ok\n", f, (int) rec.n, (int) n, (int) info.complete,
         (int) failed);
  if (rec.n != n || !info.complete || failed) (*bad)++;
  PetscCall(StudyRecordsFree(&rec));
  PetscCall(StudyFileInfoFree(&info));
  PetscFunctionReturn(0);
}

static PetscErrorCode Failed(const char *f, PetscInt n, const char *text, int *bad)
{
  StudyFileInfo info;
  StudyRecords  rec;
  PetscInt      failed = 0, with = 0;
  PetscFunctionBeginUser;
  PetscCall(StudyFileRead(f, &info, &rec));
  for (PetscInt i = 0; i < rec.n; i++)
    if (rec.meta[i].status) {
      failed++;
      with += strstr(rec.meta[i].reason, text) != NULL;
      printf("  case %d.%d.%d status %d: %s\n", rec.meta[i].phase, rec.meta[i].batch, rec.meta[i].index,
             rec.meta[i].status, rec.meta[i].reason);
    }
  printf("%s: %d of %d cases failed (want %d), %d with '%s'\n", f, (int) failed, (int) rec.n, (int) n, (int) with,
         text);
  if (failed != n || with != n || !info.complete) (*bad)++;
  PetscCall(StudyRecordsFree(&rec));
  PetscCall(StudyFileInfoFree(&info));
  PetscFunctionReturn(0);
}

/* Ishigami: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V3 = 0,
 * V13 = 8 b^2 pi^8 / 225; S_i = V_i / V, ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V (Sobol' and Levitan 1999). */
static PetscErrorCode Ishigami(const char *f, double a, double b, double tol, int *bad)
{
  double pi4 = pow(PETSC_PI, 4), pi8 = pow(PETSC_PI, 8);
  double V = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5, V1 = 0.5 * PetscSqr(1 + b * pi4 / 5), V2 = a * a / 8,
         V13     = 8 * b * b * pi8 / 225;
  double    S[3] = {V1 / V, V2 / V, 0}, ST[3] = {(V1 + V13) / V, V2 / V, V13 / V};
  double    first[3], total[3], flo[3], fhi[3], tlo[3], thi[3], worst = 0;
  PetscBool found;
  PetscFunctionBeginUser;
  PetscCall(StudyFileReadSensitivity(f, "f", 3, first, total, flo, fhi, tlo, thi, &found));
  if (!found) {
    printf("%s has no /sensitivity/f\n", f);
    (*bad)++;
    PetscFunctionReturn(0);
  }
  printf("Ishigami a = %g, b = %g         first order (analytic, error)      total (analytic, error)\n", a, b);
  for (int i = 0; i < 3; i++) {
    double e1 = fabs(first[i] - S[i]), e2 = fabs(total[i] - ST[i]);
    printf("  x%d   %9.5f (%8.5f, %8.1e) [%7.4f, %7.4f]   %9.5f (%8.5f, %8.1e) [%7.4f, %7.4f]\n", i + 1, first[i], S[i],
           e1, flo[i], fhi[i], total[i], ST[i], e2, tlo[i], thi[i]);
    worst = PetscMax(worst, PetscMax(e1, e2));
    /* the bootstrap interval must be an interval around the estimate */
    if (!(flo[i] <= first[i] && first[i] <= fhi[i] && tlo[i] <= total[i] && total[i] <= thi[i])) (*bad)++;
  }
  printf("largest error %.2e (tolerance %.2e)\n", worst, tol);
  if (!(worst <= tol)) (*bad)++;
  PetscFunctionReturn(0);
}

/* Distance from (x, y) to the curve y = 1 - sqrt(x), x in [0, 1] (dense search then golden refinement). */
static double DistanceToZDT1(double x, double y)
{
  double best = INFINITY, tb = 0;
  for (int k = 0; k <= 2000; k++) {
    double t = k / 2000.0, d = hypot(x - t, y - (1 - sqrt(t)));
    if (d < best) best = d, tb = t;
  }
  {
    double lo = PetscMax(0, tb - 1e-3), hi = PetscMin(1, tb + 1e-3);
    for (int it = 0; it < 60; it++) {
      double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
      if (hypot(x - m1, y - (1 - sqrt(m1))) < hypot(x - m2, y - (1 - sqrt(m2))))
        hi = m2;
      else
        lo = m1;
    }
    best = PetscMin(best, hypot(x - lo, y - (1 - sqrt(lo))));
  }
  return best;
}

static PetscErrorCode ZDT1(const char *f, double tol, int *bad)
{
  StudyFileInfo info;
  StudyRecords  rec;
  PetscInt      n, *rows, c1, c2;
  double        gd = 0, igd = 0, gdmax = 0;
  PetscFunctionBeginUser;
  PetscCall(StudyFileRead(f, &info, &rec));
  PetscCall(StudyFileReadFront(f, &rec, &n, &rows));
  c1 = Column(&info, "f1");
  c2 = Column(&info, "f2");
  PetscCheck(c1 >= 0 && c2 >= 0 && n > 0, PETSC_COMM_SELF, PETSC_ERR_USER, "%s: no f1, f2 or empty front", f);
  for (PetscInt i = 0; i < n; i++) {
    double d = DistanceToZDT1(rec.out[rows[i] * rec.nout + c1], rec.out[rows[i] * rec.nout + c2]);
    gd += d;
    gdmax = PetscMax(gdmax, d);
  }
  gd /= n;
  for (int k = 0; k <= 1000; k++) {
    double t = k / 1000.0, y = 1 - sqrt(t), best = INFINITY;
    for (PetscInt i = 0; i < n; i++)
      best = PetscMin(best, hypot(rec.out[rows[i] * rec.nout + c1] - t, rec.out[rows[i] * rec.nout + c2] - y));
    igd += best;
  }
  igd /= 1001;
  printf("ZDT1 front of %s: %d points, GD %.3e (largest %.3e), IGD %.3e (tolerance %.2e)\n", f, (int) n, gd, gdmax, igd,
         tol);
  if (!(gd <= tol && igd <= tol)) (*bad)++;
  PetscCall(PetscFree(rows));
  PetscCall(StudyRecordsFree(&rec));
  PetscCall(StudyFileInfoFree(&info));
  PetscFunctionReturn(0);
}

/* A case with less energy than the reference (case 0.0.0), no higher thickness CV, within the given constraints. */
static PetscErrorCode BaseImproved(const char *f, int ncon, char **con, int *bad)
{
  StudyFileInfo info;
  StudyRecords  rec;
  PetscInt      ce, ccv, ref, best = -1;
  PetscFunctionBeginUser;
  PetscCall(StudyFileRead(f, &info, &rec));
  ce  = Column(&info, "energy_kWh_per_m2");
  ccv = Column(&info, "thickness_cv_percent");
  ref = StudyRecordsFind(&rec, 0, 0, 0);
  PetscCheck(ce >= 0 && ccv >= 0 && ref >= 0, PETSC_COMM_SELF, PETSC_ERR_USER, "%s: no energy, CV or reference", f);
  for (PetscInt i = 0; i < rec.n; i++) {
    int ok = rec.meta[i].status == 0 && i != ref && rec.out[i * rec.nout + ce] < rec.out[ref * rec.nout + ce] &&
             rec.out[i * rec.nout + ccv] <= rec.out[ref * rec.nout + ccv];
    for (int k = 0; k < ncon && ok; k++) {
      char     name[128];
      double   lo, hi;
      PetscInt c;
      if (sscanf(con[k], "%127[^:]:%lf:%lf", name, &lo, &hi) != 3) continue;
      c  = Column(&info, name);
      ok = c >= 0 && rec.out[i * rec.nout + c] >= lo && rec.out[i * rec.nout + c] <= hi;
    }
    if (ok && (best < 0 || rec.out[i * rec.nout + ce] < rec.out[best * rec.nout + ce])) best = i;
  }
  if (best < 0) {
    printf("%s: no case improves on the reference\n", f);
    (*bad)++;
  } else
    printf("%s: case %d.%d.%d: energy %.6g kWh/m2 (reference %.6g, %.1f %% less), thickness CV %.5g %% (reference %.5g "
           "%%)\n",
           f, rec.meta[best].phase, rec.meta[best].batch, rec.meta[best].index, rec.out[best * rec.nout + ce],
           rec.out[ref * rec.nout + ce], 100 * (1 - rec.out[best * rec.nout + ce] / rec.out[ref * rec.nout + ce]),
           rec.out[best * rec.nout + ccv], rec.out[ref * rec.nout + ccv]);
  PetscCall(StudyRecordsFree(&rec));
  PetscCall(StudyFileInfoFree(&info));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  int bad = 0;
  PetscCall(PetscInitializeNoArguments());
  if (argc == 4 && !strcmp(argv[1], "--compare"))
    PetscCall(Compare(argv[2], argv[3], &bad));
  else if (argc == 4 && !strcmp(argv[1], "--count"))
    PetscCall(Count(argv[2], atoi(argv[3]), &bad));
  else if (argc == 6 && !strcmp(argv[1], "--ishigami"))
    PetscCall(Ishigami(argv[2], atof(argv[3]), atof(argv[4]), atof(argv[5]), &bad));
  else if (argc == 5 && !strcmp(argv[1], "--failed"))
    PetscCall(Failed(argv[2], atoi(argv[3]), argv[4], &bad));
  else if (argc == 4 && !strcmp(argv[1], "--zdt1"))
    PetscCall(ZDT1(argv[2], atof(argv[3]), &bad));
  else if (argc >= 3 && !strcmp(argv[1], "--base-improved"))
    PetscCall(BaseImproved(argv[2], argc - 3, argv + 3, &bad));
  else {
    fprintf(stderr, "usage: see tests/study/study_check.c\n");
    PetscCall(PetscFinalize());
    return 2;
  }
  PetscCall(PetscFinalize());
  return bad ? 1 : 0;
}
