/* Slot-die coating: pure physics functions and the thin-film levelling solver (see slot_die_model.h and
 * docs/slot_die.md for the equations and their sources). */
#include "slot_die_model.h"
#include "../mesh/cross_web_grid.h"

/* Landau & Levich (1942) drag-out film: t = 0.643 (3 Ca)^(2/3) R = 1.337 Ca^(2/3) R for a meniscus of
 * radius R. Ruschak (1976) takes the downstream meniscus to span the gap between the die lip and the film,
 * R = (G - t)/2, which gives the coefficient 1.337/2. DERIVED from those two papers (docs/slot_die.md). */
#define LANDAU_LEVICH_COEFFICIENT 1.337
#define VISCOCAPILLARY_C          (0.5 * LANDAU_LEVICH_COEFFICIENT)

PetscReal SlotDieSlurryDensity(PetscReal solids_density, PetscReal solvent_density, PetscReal w_s)
{
  return 1.0 / (w_s / solids_density + (1.0 - w_s) / solvent_density);
}

PetscReal SlotDieWetThickness(PetscReal areal_loading, PetscReal w_s, PetscReal slurry_density)
{
  return areal_loading / (w_s * slurry_density);
}

PetscReal SlotDieCapillaryNumber(PetscReal viscosity, PetscReal speed, PetscReal surface_tension)
{
  return viscosity * speed / surface_tension;
}

PetscReal SlotDieViscocapillaryMinThickness(PetscReal Ca, PetscReal coating_gap)
{
  PetscReal a = VISCOCAPILLARY_C * PetscPowReal(Ca, 2.0 / 3.0);
  return a * coating_gap / (1.0 + a);
}

PetscReal SlotDieMaxGapRatio(PetscReal Ca, PetscReal high_ca_max_gap_ratio)
{
  PetscReal vc = 1.0 + 1.0 / (VISCOCAPILLARY_C * PetscPowReal(Ca, 2.0 / 3.0)); /* G / t_min */
  return PetscMax(vc, high_ca_max_gap_ratio);
}

PetscReal SlotDieUpstreamMeniscusPosition(PetscReal p_bead, PetscReal vacuum, PetscReal viscosity, PetscReal speed,
                                          PetscReal G)
{
  return (p_bead + vacuum) * G * G / (6.0 * viscosity * speed);
}

PetscReal SlotDieWindowMargin(PetscReal r, PetscReal r_max, PetscReal x_u, PetscReal L_u)
{
  return PetscMin((r_max - r) / r_max, PetscMin(x_u / L_u, 1.0 - x_u / L_u));
}

PetscReal SlotDieSlotPressureDrop(PetscReal viscosity, PetscReal q, PetscReal slot_gap, PetscReal slot_length)
{
  return 12.0 * viscosity * q * slot_length / (slot_gap * slot_gap * slot_gap);
}

PetscReal SlotDieBeadPressure(PetscReal viscosity, PetscReal sigma, PetscReal q, PetscReal speed, PetscReal G,
                              PetscReal lip_length)
{
  PetscReal h = q / speed, p_cap = h < G ? -2.0 * sigma / (G - h) : 0.0;
  /* q = U G/2 - G^3/(12 mu) dp/dx under the downstream lip: the pressure falls by -dp/dx L_d to the meniscus */
  return p_cap + 12.0 * viscosity * (q - 0.5 * speed * G) * lip_length / (G * G * G);
}

PetscReal SlotDieManifoldRatio(PetscReal width, PetscReal slot_gap, PetscReal slot_length, PetscReal manifold_diameter)
{
  PetscReal R = 0.5 * manifold_diameter;
  return width * width * slot_gap * slot_gap * slot_gap / (12.0 * PETSC_PI * R * R * R * R * slot_length);
}

PetscErrorCode SlotDieFlowDistribution(PetscInt n, const PetscReal y[], PetscReal W, PetscReal beta, PetscReal bowing,
                                       PetscReal bead_height, PetscReal bead_width, PetscReal shape[])
{
  PetscReal sum = 0.0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) {
    PetscReal z  = PetscAbsReal(2.0 * y[i] / W - 1.0); /* 0 at the feed (centre), 1 at the die ends */
    PetscReal d  = PetscMin(y[i], W - y[i]);           /* distance to the nearer film edge */
    PetscReal fm = PetscMax(0.0, 1.0 - beta * (2.0 * z - z * z));
    PetscReal hb = 1.0 + bowing * (1.0 - z * z);
    PetscReal fe = 1.0;
    if (d < bead_width) {
      PetscReal c = PetscCosReal(0.5 * PETSC_PI * d / bead_width);
      fe += bead_height * c * c;
    }
    shape[i] = fm * hb * hb * hb * fe;
    sum += shape[i];
  }
  PetscCheck(sum > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "slot-die flow distribution is empty");
  /* the pump sets the total flow: redistribute, never create mass */
  for (PetscInt i = 0; i < n; i++) shape[i] *= n / sum;
  PetscFunctionReturn(0);
}

PetscReal ThinFilmFaceFlux(PetscReal k, PetscReal dy, PetscReal hm1, PetscReal h0, PetscReal h1, PetscReal h2)
{
  PetscReal hf = 0.5 * (h0 + h1);
  return k * hf * hf * hf * (h2 - 3.0 * h1 + 3.0 * h0 - hm1) / (dy * dy * dy);
}

void ThinFilmFaceFluxDerivative(PetscReal k, PetscReal dy, PetscReal hm1, PetscReal h0, PetscReal h1, PetscReal h2,
                                PetscReal d[4])
{
  PetscReal hf = 0.5 * (h0 + h1), dy3 = dy * dy * dy;
  PetscReal D3 = (h2 - 3.0 * h1 + 3.0 * h0 - hm1) / dy3, c3 = k * hf * hf * hf / dy3, dh = 1.5 * k * hf * hf * D3;
  d[0] = -c3;
  d[1] = dh + 3.0 * c3;
  d[2] = dh - 3.0 * c3;
  d[3] = c3;
}

/* mirror across the pinned edges: h_{-1} = h_0, h_{-2} = h_1, h_M = h_{M-1}, h_{M+1} = h_{M-2} */
static inline PetscInt Mirror(PetscInt i, PetscInt M)
{
  if (i < 0) return -i - 1;
  if (i >= M) return 2 * M - 1 - i;
  return i;
}

void ThinFilmDivergence(PetscReal k, PetscReal dy, PetscInt M, PetscInt xs, PetscInt xm, const PetscReal h[],
                        PetscReal div[])
{
  for (PetscInt i = xs; i < xs + xm; i++) {
    PetscReal Fr = 0.0, Fl = 0.0; /* zero flux through the pinned edges */
    if (i < M - 1) Fr = ThinFilmFaceFlux(k, dy, h[Mirror(i - 1, M)], h[i], h[i + 1], h[Mirror(i + 2, M)]);
    if (i > 0) Fl = ThinFilmFaceFlux(k, dy, h[Mirror(i - 2, M)], h[i - 1], h[i], h[Mirror(i + 1, M)]);
    div[i - xs] = (Fr - Fl) / dy;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Levelling solver */
struct _p_ThinFilm {
  DM               dm;
  TS               ts;
  Vec              h;
  Mat              J;
  PetscInt         M;
  PetscReal        k, dy;
  ThinFilmSourceFn source;
  void            *source_ctx;
};

static PetscErrorCode ThinFilmIFunction(TS ts, PetscReal t, Vec H, Vec Hdot, Vec F, void *ctx)
{
  ThinFilm           tf = (ThinFilm) ctx;
  Vec                Hl;
  const PetscScalar *h, *hdot;
  PetscScalar       *f;
  PetscInt           xs, xm;
  PetscFunctionBeginUser;
  (void) ts;
  PetscCall(DMDAGetCorners(tf->dm, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMGetLocalVector(tf->dm, &Hl));
  PetscCall(DMGlobalToLocalBegin(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMGlobalToLocalEnd(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMDAVecGetArrayRead(tf->dm, Hl, &h));
  PetscCall(DMDAVecGetArrayRead(tf->dm, Hdot, &hdot));
  PetscCall(DMDAVecGetArray(tf->dm, F, &f));
  ThinFilmDivergence(tf->k, tf->dy, tf->M, xs, xm, h, &f[xs]);
  for (PetscInt i = xs; i < xs + xm; i++) {
    f[i] += hdot[i];
    if (tf->source) f[i] -= tf->source((i + 0.5) * tf->dy, t, tf->source_ctx);
  }
  PetscCall(DMDAVecRestoreArray(tf->dm, F, &f));
  PetscCall(DMDAVecRestoreArrayRead(tf->dm, Hdot, &hdot));
  PetscCall(DMDAVecRestoreArrayRead(tf->dm, Hl, &h));
  PetscCall(DMRestoreLocalVector(tf->dm, &Hl));
  PetscFunctionReturn(0);
}

static PetscErrorCode ThinFilmIJacobian(TS ts, PetscReal t, Vec H, Vec Hdot, PetscReal shift, Mat A, Mat P, void *ctx)
{
  ThinFilm           tf = (ThinFilm) ctx;
  Vec                Hl;
  const PetscScalar *h;
  PetscInt           xs, xm, M = tf->M;
  PetscFunctionBeginUser;
  (void) ts;
  (void) t;
  (void) Hdot;
  PetscCall(DMDAGetCorners(tf->dm, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMGetLocalVector(tf->dm, &Hl));
  PetscCall(DMGlobalToLocalBegin(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMGlobalToLocalEnd(tf->dm, H, INSERT_VALUES, Hl));
  PetscCall(DMDAVecGetArrayRead(tf->dm, Hl, &h));
  for (PetscInt i = xs; i < xs + xm; i++) {
    PetscScalar vals[5] = {0, 0, 0, 0, 0}, v[5];
    MatStencil  row     = {0}, cols[5];
    PetscInt    nc      = 0;
    PetscReal   d[4];
    vals[2] = shift;
    if (i < M - 1) { /* + F_{i+1/2}/dy over cells i-1, i, i+1, i+2 */
      PetscInt c[4] = {Mirror(i - 1, M), i, i + 1, Mirror(i + 2, M)};
      ThinFilmFaceFluxDerivative(tf->k, tf->dy, h[c[0]], h[c[1]], h[c[2]], h[c[3]], d);
      for (PetscInt q = 0; q < 4; q++) vals[c[q] - i + 2] += d[q] / tf->dy;
    }
    if (i > 0) { /* - F_{i-1/2}/dy over cells i-2, i-1, i, i+1 */
      PetscInt c[4] = {Mirror(i - 2, M), i - 1, i, Mirror(i + 1, M)};
      ThinFilmFaceFluxDerivative(tf->k, tf->dy, h[c[0]], h[c[1]], h[c[2]], h[c[3]], d);
      for (PetscInt q = 0; q < 4; q++) vals[c[q] - i + 2] -= d[q] / tf->dy;
    }
    row.i = i;
    for (PetscInt q = 0; q < 5; q++) {
      PetscInt j = i + q - 2;
      if (j < 0 || j >= M) continue;
      cols[nc].i = j;
      cols[nc].j = cols[nc].k = cols[nc].c = 0;
      v[nc++]                              = vals[q];
    }
    PetscCall(MatSetValuesStencil(P, 1, &row, nc, cols, v, INSERT_VALUES));
  }
  PetscCall(DMDAVecRestoreArrayRead(tf->dm, Hl, &h));
  PetscCall(DMRestoreLocalVector(tf->dm, &Hl));
  PetscCall(MatAssemblyBegin(P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(P, MAT_FINAL_ASSEMBLY));
  if (A != P) {
    PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmCreate(MPI_Comm comm, PetscInt ncells, PetscReal width, PetscReal k, const char *prefix,
                              ThinFilm *tfp)
{
  ThinFilm    tf;
  SNES        snes;
  KSP         ksp;
  PC          pc;
  PetscMPIInt size;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&tf));
  tf->M  = ncells;
  tf->k  = k;
  tf->dy = width / ncells;
  PetscCall(CrossWebDMCreate(comm, ncells, width, 2, prefix, &tf->dm));
  PetscCall(DMCreateGlobalVector(tf->dm, &tf->h));
  PetscCall(PetscObjectSetName((PetscObject) tf->h, "wet_thickness"));
  PetscCall(DMCreateMatrix(tf->dm, &tf->J));
  PetscCall(TSCreate(comm, &tf->ts));
  PetscCall(TSSetDM(tf->ts, tf->dm));
  PetscCall(TSSetOptionsPrefix(tf->ts, prefix));
  PetscCall(TSSetProblemType(tf->ts, TS_NONLINEAR));
  PetscCall(TSSetIFunction(tf->ts, NULL, ThinFilmIFunction, tf));
  PetscCall(TSSetIJacobian(tf->ts, tf->J, tf->J, ThinFilmIJacobian, tf));
  /* defaults: the operator is stiff (dt_explicit ~ dy^4/(k h^3)), so an L-stable-like implicit BDF2 with
   * error control; a direct solve of the pentadiagonal system (redundant LU in parallel). */
  PetscCall(TSSetType(tf->ts, TSBDF));
  PetscCall(TSBDFSetOrder(tf->ts, 2));
  PetscCall(TSSetExactFinalTime(tf->ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscCall(TSSetMaxSNESFailures(tf->ts, -1));
  /* error control in metres: the film is ~1e-4 m, so PETSc's default atol = rtol = 1e-4 would accept any
   * step; 1e-8 relative keeps the time error far below cross-web features of 1e-3 h and more */
  PetscCall(TSSetTolerances(tf->ts, 1e-14, NULL, 1e-8, NULL));
  PetscCall(TSGetSNES(tf->ts, &snes));
  PetscCall(SNESGetKSP(snes, &ksp));
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(PCSetType(pc, size == 1 ? PCLU : PCREDUNDANT));
  PetscCall(TSSetFromOptions(tf->ts));
  *tfp = tf;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmSetSource(ThinFilm tf, ThinFilmSourceFn f, void *ctx)
{
  PetscFunctionBeginUser;
  tf->source     = f;
  tf->source_ctx = ctx;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmGetTS(ThinFilm tf, TS *ts)
{
  PetscFunctionBeginUser;
  *ts = tf->ts;
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmSolve(ThinFilm tf, const PetscReal h_in[], PetscReal t_final, PetscReal dt0, PetscReal h_out[],
                             PetscInt *steps)
{
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(CrossWebVecFromReplicated(tf->dm, h_in, tf->h));
  PetscCall(TSSetTime(tf->ts, 0.0));
  PetscCall(TSSetStepNumber(tf->ts, 0));
  PetscCall(TSSetMaxTime(tf->ts, t_final));
  PetscCall(TSSetMaxSteps(tf->ts, PETSC_MAX_INT));
  PetscCall(TSSetTimeStep(tf->ts, PetscMin(dt0, t_final)));
  PetscCall(TSSolve(tf->ts, tf->h));
  PetscCall(TSGetStepNumber(tf->ts, &n));
  if (steps) *steps = n;
  PetscCall(CrossWebVecToReplicated(tf->h, h_out));
  PetscFunctionReturn(0);
}

PetscErrorCode ThinFilmDestroy(ThinFilm *tf)
{
  PetscFunctionBeginUser;
  if (!*tf) PetscFunctionReturn(0);
  PetscCall(TSDestroy(&(*tf)->ts));
  PetscCall(MatDestroy(&(*tf)->J));
  PetscCall(VecDestroy(&(*tf)->h));
  PetscCall(DMDestroy(&(*tf)->dm));
  PetscCall(PetscFree(*tf));
  PetscFunctionReturn(0);
}
