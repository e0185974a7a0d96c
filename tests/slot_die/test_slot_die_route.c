/* slot_die_coating through the route driver (route cut to the coating stage).
 *   mass      (shipped NMP case): slurry mass closure < 1e-12; wet thickness, loading, porosity and flow against the
 *             mass balance computed by hand from cases/materials.cfg and the case file; cross-web CV (all cells and
 *             trimmed) by hand from the film; solids per area in the results file.
 *   window    (shipped NMP case): inside at 40 m/min; inside at 0.1 and 0.5 m/min (the old model called those speeds
 *             "bead under suction"); outside at 40 m/min with a 3x more viscous slurry (air entrainment) but inside at
 *             2 m/min with it; outside for a 1 mm gap (low flow) and a 60 um gap (weeping).
 *   newtonian (tests/slot_die/nmp_newtonian.cfg): the stage's margin at 0.5 and 40 m/min, its pump and mixing energy
 *             (both bases) against the closed forms written out below; its cross-web CV against the closed-form CV of
 *             the cosh manifold (beta 0.64, no edges, no bowing, no levelling); with 5 % bowing, its CV against
 *             the local gap cubed from the hand die pressure.
 *   levelling (the same, 60 mm wide, 600 cells, 2 mm edge beads, 0.1 Pa s): the stage's levelled film against an
 *             independent solve of the thin-film equation with k = sigma/(3 mu) and gravity rho g/sigma from the
 *             hand-built die profile.
 *   trends    (shipped NMP case): vacuum, speed, viscosity, manifold bore, slot gap, edge trim, mixing energy and
 *             yield stress move the results in the right direction by the right order of size.
 *   inputs    (shipped NMP case): the die-pressure error and its limits, the edge trim, eta_inf >= eta0 and the
 *             keys of each flow law are input errors of SetFromCase; values just inside run.
 *   rheology_keys (tests/slot_die/nmp_newtonian.cfg): the keys of the power law (flow index, yield stress) reach the
 *             flow law the stage uses: each moves the pump energy (a Herschel-Bulkley yield stress raises it).
 * usage: test_slot_die_route CASE.cfg mass|window|newtonian|levelling|trends|inputs|rheology_keys */
#include "../../solver/route.h"
#include "tests/common/stage_case.h"
#include "../../physics/slot_die_model.h"
#include <string.h>
#include <hdf5.h>

static int fail = 0;
#define CHECK(cond, ...)                                                                                               \
  do {                                                                                                                 \
    if (!(cond)) {                                                                                                     \
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: " __VA_ARGS__));                                                  \
      fail = 1;                                                                                                        \
    }                                                                                                                  \
  } while (0)

typedef struct {
  PetscReal margin, cv, cv_trim, h_um, flow, pump, mixing;
} Result;

/* run the coater on a case with up to 8 overrides; results from the summary and the ledger */
static PetscErrorCode RunCase(const char *file, const char *const extra[], Result *res, Route *rout)
{
  EprocCase c;
  Route     r;
  char      stage_file[PETSC_MAX_PATH_LEN];
  Summary   s;
  Ledger    l;
  PetscBool set;
  PetscInt  n;
  PetscFunctionBeginUser;
  /* the case cut down to the slot die alone (a section for a stage not in the route is an input error) */
  PetscCall(TestWriteStageCase(file, "slot_die_coating", stage_file, sizeof(stage_file)));
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &c));
  PetscCall(CaseLoad(c, stage_file));
  (void) remove(stage_file); /* loaded: the cut-down case file is not needed any more */
  for (PetscInt i = 0; extra && extra[i]; i++) PetscCall(CaseSetValue(c, extra[i]));
  PetscCall(CaseSetUp(c));
  PetscCall(RouteCreate(PETSC_COMM_WORLD, &r));
  PetscCall(RouteSetFromCase(r, c));
  PetscCall(RouteRun(r));
  PetscCall(RouteGetSummary(r, &s));
  PetscCall(SummaryGet(s, "coating_window_margin", &res->margin, &set));
  CHECK(set, "coating_window_margin not set\n");
  PetscCall(SummaryGet(s, "wet_thickness_cv_percent", &res->cv, &set));
  PetscCall(SummaryGet(s, "wet_thickness_cv_trimmed_percent", &res->cv_trim, &set));
  CHECK(set, "wet_thickness_cv_trimmed_percent not set\n");
  PetscCall(SummaryGet(s, "wet_thickness_um", &res->h_um, &set));
  PetscCall(SummaryGet(s, "slurry_flow_l_per_min", &res->flow, &set));
  PetscCall(RouteGetLedger(r, &l));
  PetscCall(LedgerGetSize(l, &n));
  res->pump = res->mixing = -1;
  for (PetscInt i = 0; i < n; i++) {
    const LedgerEntry *e;
    PetscCall(LedgerGetEntry(l, i, &e));
    if (!strcmp(e->item, "slurry_pump")) res->pump = e->energy;
    if (!strcmp(e->item, "slurry_mixing")) res->mixing = e->energy;
  }
  if (rout)
    *rout = r;
  else
    PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  PetscFunctionReturn(0);
}

/* by hand, from cases/materials.cfg and the NMP case files */
static const PetscReal rho_solids_nmp = 1.0 / (0.96 / 4750.0 + 0.02 / 1800.0 + 0.02 / 1780.0); /* NMC811, CB, PVDF */
static const PetscReal w_s = 0.70, rho_nmp = 1027.7, sigma_nmp = 0.0407, loading = 20.0e-2; /* -, kg/m3, N/m, kg/m2 */

static PetscErrorCode Mass(const char *file)
{
  Route           r;
  Summary         s;
  Web             w;
  Result          res;
  PetscReal       worst = 0, mean_m = 0, rel;
  PetscInt        nb;
  const PetscReal rho_slurry = 1.0 / (w_s / rho_solids_nmp + (1 - w_s) / rho_nmp);
  const PetscReal h_hand = loading / (w_s * rho_slurry), U = 40.0 / 60.0, W = 0.6;
  const PetscReal flow_hand = h_hand * U * W * 1e3 * 60.0, eps_hand = (1 - w_s) * rho_slurry / rho_nmp;
  PetscFunctionBeginUser;
  PetscCall(RunCase(file, NULL, &res, &r));
  PetscCall(RouteWriteResults(r, "slot_die_mass.h5"));
  PetscCall(RouteGetSummary(r, &s));
  PetscCall(RouteGetWeb(r, &w));
  PetscCall(SummaryGetNumBalances(s, &nb));
  for (PetscInt i = 0; i < nb; i++) {
    const BalanceEntry *b;
    PetscCall(SummaryGetBalance(s, i, &b));
    if (!strcmp(b->stage, "slot_die_coating")) {
      worst = PetscMax(worst, b->relative_error);
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "slurry mass: fed %.15g kg/m2, coated %.15g kg/m2, relative error %.3e\n",
                            (double) b->in, (double) b->out, (double) b->relative_error));
    }
  }
  CHECK(nb > 0 && worst < 1e-12, "slurry mass closure %.3e >= 1e-12\n", (double) worst);
  rel = PetscAbsReal(res.h_um * 1e-6 - h_hand) / h_hand;
  PetscCall(PetscPrintf(
      PETSC_COMM_WORLD,
      "wet thickness %.6f um, by hand %.6f um (slurry %.2f kg/m3, solids %.2f kg/m3), relative difference %.2e\n",
      (double) res.h_um, (double) (h_hand * 1e6), (double) rho_slurry, (double) rho_solids_nmp, (double) rel));
  CHECK(rel < 1e-10, "wet thickness differs from the hand mass balance\n");
  rel = PetscAbsReal(res.flow - flow_hand) / flow_hand;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "slurry flow %.6f l/min, by hand %.6f l/min\n", (double) res.flow,
                        (double) flow_hand));
  CHECK(rel < 1e-10, "slurry flow differs from h U W\n");
  for (PetscInt j = 0; j < w->ny; j++) mean_m += w->solids_mass[j] / w->ny;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "mean dry loading %.12f mg/cm2 (target 20), porosity %.6f (by hand %.6f), margin %.3f\n",
                        (double) (mean_m * 1e2), (double) w->porosity[0], (double) eps_hand, (double) res.margin));
  CHECK(PetscAbsReal(mean_m - loading) < 1e-12 * loading, "mean dry loading is not the target\n");
  CHECK(PetscAbsReal(w->porosity[w->ny / 2] - eps_hand) < 1e-12,
        "wet-film porosity is not the solvent volume fraction\n");
  CHECK(PetscAbsReal(w->temperature - w->ambient_temperature) < 1e-12, "wet film not at ambient temperature\n");
  /* cross-web CV by hand from the film handed on: all cells, and the cells whose centres lie more than the 10 mm
   * edge trim of the case from both edges (sqrt(mean (h - mean)^2)/mean) */
  {
    const PetscReal trim = 10e-3;
    PetscReal       cv[2];
    for (PetscInt k = 0; k < 2; k++) {
      PetscReal m = 0, v = 0;
      PetscInt  n = 0;
      for (PetscInt j = 0; j < w->ny; j++)
        if (!k || (w->y[j] > trim && w->y[j] < W - trim)) m += w->thickness[j], n++;
      m /= n;
      for (PetscInt j = 0; j < w->ny; j++)
        if (!k || (w->y[j] > trim && w->y[j] < W - trim)) v += PetscSqr(w->thickness[j] - m);
      cv[k] = 100.0 * PetscSqrtReal(v / n) / m;
    }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "CV %.10g %% (by hand %.10g %%), trimmed %.10g %% (by hand %.10g %%)\n",
                          (double) res.cv, (double) cv[0], (double) res.cv_trim, (double) cv[1]));
    CHECK(PetscAbsReal(res.cv - cv[0]) < 1e-10 * cv[0] && PetscAbsReal(res.cv_trim - cv[1]) < 1e-10 * cv[1],
          "cross-web CV differs from the hand calculation\n");
  }
  /* the results file holds the film handed on: solids per area in g/m2 */
  {
    hid_t      f = H5Fopen("slot_die_mass.h5", H5F_ACC_RDONLY, H5P_DEFAULT), d;
    PetscReal *g, e = 0;
    PetscCall(PetscMalloc1(w->ny, &g));
    d = H5Dopen2(f, "/slot_die_coating/solids_mass_g_per_m2", H5P_DEFAULT);
    CHECK(f >= 0 && d >= 0 && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, g) >= 0,
          "slot_die_coating/solids_mass_g_per_m2 not readable\n");
    for (PetscInt j = 0; j < w->ny; j++) e = PetscMax(e, PetscAbsReal(g[j] * 1e-3 - w->solids_mass[j]) / loading);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "solids_mass_g_per_m2 in the results file vs the web: %.2e\n", (double) e));
    CHECK(e < 1e-12, "results file solids per area (g/m2)\n");
    if (d >= 0) H5Dclose(d);
    if (f >= 0) H5Fclose(f);
    PetscCall(PetscFree(g));
  }
  PetscCall(RouteDestroy(&r));
  PetscFunctionReturn(0);
}

static PetscErrorCode Window(const char *file)
{
  const char *slow1[] = {"process.line_speed_m_per_min=0.1", NULL};
  const char *slow5[] = {"process.line_speed_m_per_min=0.5", NULL};
  const char *visc[]  = {"slot_die_coating.zero_shear_viscosity_mPas=30000", NULL};
  const char *visc2[] = {"slot_die_coating.zero_shear_viscosity_mPas=30000", "process.line_speed_m_per_min=2", NULL};
  const char *thin[]  = {"slot_die_coating.coating_gap_um=1000", NULL};
  const char *thick[] = {"slot_die_coating.coating_gap_um=60", NULL};
  Result      in, s1, s5, v, v2, t1, t2;
  PetscFunctionBeginUser;
  PetscCall(RunCase(file, NULL, &in, NULL));
  PetscCall(RunCase(file, slow1, &s1, NULL));
  PetscCall(RunCase(file, slow5, &s5, NULL));
  PetscCall(RunCase(file, visc, &v, NULL));
  PetscCall(RunCase(file, visc2, &v2, NULL));
  PetscCall(RunCase(file, thin, &t1, NULL));
  PetscCall(RunCase(file, thick, &t2, NULL));
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD,
                  "coating window margin: shipped case (40 m/min) %.4f; 0.1 m/min %.4f; 0.5 m/min %.4f; eta0 30 Pa "
                  "s at 40 m/min %.4f, at 2 m/min %.4f; gap 1000 um %.4f; gap 60 um %.4f\n",
                  (double) in.margin, (double) s1.margin, (double) s5.margin, (double) v.margin, (double) v2.margin,
                  (double) t1.margin, (double) t2.margin));
  CHECK(in.margin > 0.1, "shipped NMP case not comfortably inside the window\n");
  CHECK(s1.margin > 0.05 && s5.margin > 0.05, "low speeds at gap/wet thickness 1.56 must be inside the window\n");
  CHECK(v.margin < -1.0, "40 m/min with a 30 Pa s slurry must be far outside (air entrainment near 3.6 m/min)\n");
  CHECK(v2.margin > 0, "2 m/min with a 30 Pa s slurry must be inside\n");
  CHECK(t1.margin < 0, "a 1 mm gap for a 128 um film must be outside the window\n");
  CHECK(t2.margin < 0, "a 60 um gap for a 128 um film must be outside the window\n");
  PetscFunctionReturn(0);
}

/* the coating window of a Newtonian slurry written out (docs/slot_die.md section 3) */
static PetscReal HandMargin(PetscReal mu, PetscReal U, PetscReal G, PetscReal Ld, PetscReal Lu, PetscReal V)
{
  const PetscReal rho = 1.0 / (w_s / rho_solids_nmp + (1 - w_s) / rho_nmp), h = loading / (w_s * rho), s = sigma_nmp;
  const PetscReal Ca = mu * U / s, q = h * U, Ca_ae = 1.0;
  PetscReal       kd = PetscMin(1.337 * PetscPowReal(Ca, 2.0 / 3.0) / h, 2.0 / (G - h));
  PetscReal       pb = -s * kd + 12.0 * mu * Ld * (q - 0.5 * U * G) / (G * G * G), grad = 6.0 * mu * U / (G * G);
  PetscReal       th = PETSC_PI * PetscCbrtReal(PetscMin(1.0, Ca / Ca_ae)), ku = (1.0 + PetscCosReal(th)) / G;
  PetscReal       kp = PetscCosReal(th) / G, vmin = -pb - s * ku, vmax = -pb - s * kp + grad * Lu, w = vmax - vmin;
  PetscReal       r = G / h, rmax = PetscMax(1.0 + 1.0 / (0.6685 * PetscPowReal(Ca, 2.0 / 3.0)), 3.0);
  PetscReal       m = (rmax - r) / rmax;
  m                 = PetscMin(m, (V - vmin) / w);
  m                 = PetscMin(m, (vmax - V) / w);
  return PetscMin(m, (Ca_ae * s / mu - U) / (Ca_ae * s / mu));
}

static PetscErrorCode Newtonian(const char *file)
{
  const char     *slow[]  = {"process.line_speed_m_per_min=0.5", "slot_die_coating.bead_vacuum_kPa=0.2",
                             "slot_die_coating.downstream_lip_length_mm=1.5", NULL};
  const char     *fast[]  = {"slot_die_coating.viscosity_mPas=30", NULL};
  const char     *solid[] = {"slot_die_coating.mixing_energy_basis=\"solids\"", NULL};
  const char     *cosh[] = {"slot_die_coating.edge_bead_height_percent=0", "slot_die_coating.slot_gap_bowing_percent=0",
                            "slot_die_coating.manifold_diameter_mm=8", "slot_die_coating.dryer_entry_distance_m=0", NULL};
  const PetscReal rho = 1.0 / (w_s / rho_solids_nmp + (1 - w_s) / rho_nmp), h = loading / (w_s * rho);
  const PetscReal G = 200e-6, H = 800e-6, L = 0.03, W = 0.6, U = 40.0 / 60.0, mu = 3.0;
  Result          a, b, c, d, e;
  PetscReal       m_hand, beta, x, pfeed, pb, hyd, cvx;
  PetscFunctionBeginUser;
  /* window margin at 0.5 m/min (Landau-Levich meniscus, dynamic contact angle below 180 degrees, vacuum 0.2 kPa) */
  PetscCall(RunCase(file, slow, &a, NULL));
  m_hand = HandMargin(mu, 0.5 / 60.0, G, 1.5e-3, 1e-3, 200.0);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Newtonian 3 Pa s, 0.5 m/min, 0.2 kPa: margin %.12f, by hand %.12f\n",
                        (double) a.margin, (double) m_hand));
  CHECK(PetscAbsReal(a.margin - m_hand) < 1e-9, "stage margin differs from the hand window\n");
  PetscCall(RunCase(file, fast, &b, NULL));
  m_hand = HandMargin(0.03, U, G, 1e-3, 1e-3, 0.0);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Newtonian 30 mPa s, 40 m/min: margin %.12f, by hand %.12f\n",
                        (double) b.margin, (double) m_hand));
  CHECK(PetscAbsReal(b.margin - m_hand) < 1e-9, "stage margin differs from the hand window\n");
  /* pump: (slot dp a/tanh(a) + bead pressure) h / efficiency; bead pressure capped meniscus at Ca 49 */
  PetscCall(RunCase(file, NULL, &c, NULL));
  beta  = W * W * H * H * H / (12.0 * PETSC_PI * PetscPowReal(0.0125, 4.0) * L);
  x     = PetscSqrtReal(2.0 * beta);
  pfeed = 12.0 * mu * h * U * L / (H * H * H) * x / PetscTanhReal(x);
  pb    = -2.0 * sigma_nmp / (G - h) + 12.0 * mu * 1e-3 * (h * U - 0.5 * U * G) / (G * G * G);
  hyd   = (pfeed + pb) * h;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "pump: %.10g J/m2 electric, by hand (%.6g + %.6g Pa) x %.6g um / 0.5 = %.10g J/m2\n",
                        (double) c.pump, (double) pfeed, (double) pb, (double) (h * 1e6), (double) (hyd / 0.5)));
  CHECK(PetscAbsReal(c.pump - hyd / 0.5) < 1e-9 * hyd, "pump energy differs from the hand value\n");
  /* mixing: 54 kJ/kg x slurry per m2 (= loading / w_s) or x solids per m2 (= loading) */
  PetscCall(RunCase(file, solid, &d, NULL));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "mixing: %.10g J/m2 per slurry (54e3 x 0.2/0.7 = %.10g), %.10g J/m2 per solids (54e3 x 0.2 = "
                        "%.10g)\n",
                        (double) c.mixing, 54e3 * 0.2 / 0.7, (double) d.mixing, 54e3 * 0.2));
  CHECK(PetscAbsReal(c.mixing - 54e3 * 0.2 / 0.7) < 1e-6 && PetscAbsReal(d.mixing - 54e3 * 0.2) < 1e-6,
        "mixing energy differs from the hand value\n");
  /* cross-web CV of the exact Newtonian manifold: mean sinh(a)/a, mean square (1 + sinh(2a)/(2a))/2 */
  PetscCall(RunCase(file, cosh, &e, NULL));
  beta = W * W * H * H * H / (12.0 * PETSC_PI * PetscPowReal(0.004, 4.0) * L);
  x    = PetscSqrtReal(2.0 * beta);
  cvx  = PetscSqrtReal(0.5 * (1.0 + PetscSinhReal(2 * x) / (2 * x)) / PetscSqr(PetscSinhReal(x) / x) - 1.0);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "manifold (beta %.4f) cross-web CV %.6f %%, closed form %.6f %%\n",
                        (double) beta, (double) e.cv, (double) (100 * cvx)));
  CHECK(PetscAbsReal(e.cv - 100 * cvx) < 1e-4 * 100 * cvx, "stage CV differs from the closed-form manifold CV\n");
  /* slot-gap bowing on the Newtonian path: 5 % at 0.25 MPa, the die pressure (slot dp at the mean flow 12 mu q L/H^3
   * + bead pressure pb above) opens the slot by b = 0.05 p_die/0.25 MPa at mid-width, and the flow per width follows
   * the local gap cubed, (1 + b (1 - z^2))^3 times the cosh manifold (200 mm bore: beta 1.6e-6); no edges, no
   * levelling, one levelling cell per web cell: the CV of that profile on the 300 cells, written out here */
  {
    const char    *bow[] = {"slot_die_coating.edge_bead_height_percent=0", "slot_die_coating.slot_gap_bowing_percent=5",
                            "slot_die_coating.manifold_diameter_mm=200",   "slot_die_coating.dryer_entry_distance_m=0",
                            "slot_die_coating.levelling_cells=300",        NULL};
    const PetscInt n     = 300;
    PetscReal      pdie = 12.0 * mu * h * U * L / (H * H * H) + pb, bw = 0.05 * pdie / 0.25e6, m = 0, m2 = 0, cvb;
    Result         f;
    beta = W * W * H * H * H / (12.0 * PETSC_PI * PetscPowReal(0.1, 4.0) * L);
    for (PetscInt i = 0; i < n; i++) {
      PetscReal z = PetscAbsReal(2.0 * (i + 0.5) / n - 1.0), g = 1.0 + bw * (1.0 - z * z);
      PetscReal v = SlotDieManifoldNewtonian(beta, z) * g * g * g;
      m += v / n;
      m2 += v * v / n;
    }
    cvb = 100.0 * PetscSqrtReal(m2 / (m * m) - 1.0);
    PetscCall(RunCase(file, bow, &f, NULL));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "5 %% bowing at 0.25 MPa, die pressure %.6g kPa: slot opens %.4f %%, CV %.10f %%, by hand "
                          "%.10f %%\n",
                          (double) (1e-3 * pdie), (double) (100 * bw), (double) f.cv, (double) cvb));
    CHECK(PetscAbsReal(f.cv - cvb) < 1e-8 * cvb, "stage CV with bowing differs from (local gap)^3\n");
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Levelling(const char *file)
{
  const char     *set[] = {"process.coating_width_mm=60",
                           "process.cross_web_cells=600",
                           "slot_die_coating.levelling_cells=600",
                           "slot_die_coating.manifold_diameter_mm=200",
                           "slot_die_coating.slot_gap_bowing_percent=0",
                           "slot_die_coating.edge_bead_width_mm=2",
                           "slot_die_coating.levelling_viscosity_mPas=100",
                           NULL};
  const PetscReal rho = 1.0 / (w_s / rho_solids_nmp + (1 - w_s) / rho_nmp), h = loading / (w_s * rho);
  const PetscReal W = 0.06, mu = 0.1, U = 40.0 / 60.0, t = 1.0 / U, e = 0.08, bw = 2e-3;
  const PetscReal beta = W * W * PetscPowReal(800e-6, 3.0) / (12.0 * PETSC_PI * PetscPowReal(0.1, 4.0) * 0.03);
  const PetscInt  n    = 600;
  Result          res;
  Route           r;
  Web             w;
  ThinFilm        tf;
  PetscReal      *h0, sum = 0, diff = 0, change = 0, a = PetscSqrtReal(2.0 * beta);
  PetscFunctionBeginUser;
  PetscCall(RunCase(file, set, &res, &r));
  PetscCall(RouteGetWeb(r, &w));
  /* the die profile by hand: cosh manifold x edge beads, normalised to the mean */
  PetscCall(PetscMalloc1(n, &h0));
  for (PetscInt i = 0; i < n; i++) {
    PetscReal y = (i + 0.5) * W / n, z = PetscAbsReal(2 * y / W - 1), d = PetscMin(y, W - y);
    h0[i] = a * PetscCoshReal(a * (1 - z)) / PetscSinhReal(a);
    if (d < bw) h0[i] *= 1 + e * PetscSqr(PetscCosReal(0.5 * PETSC_PI * d / bw));
    sum += h0[i];
  }
  for (PetscInt i = 0; i < n; i++) h0[i] *= h * n / sum;
  PetscCall(ThinFilmCreate(PETSC_COMM_SELF, n, W, sigma_nmp / (3.0 * mu), "slotdie_", &tf));
  PetscCall(ThinFilmSetGravity(tf, rho * 9.80665 / sigma_nmp));
  for (PetscInt i = 0; i < n; i++) change = PetscMax(change, PetscAbsReal(w->thickness[i] - h0[i]));
  PetscCall(ThinFilmSolve(tf, h0, t, 1e-3 * t, h0, NULL));
  for (PetscInt i = 0; i < n; i++) diff = PetscMax(diff, PetscAbsReal(w->thickness[i] - h0[i]));
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD,
                  "levelling 1.5 s, 0.1 Pa s, 2 mm edge beads: the film moved by up to %.4f um; stage vs independent "
                  "solve from the hand-built profile: %.3e um\n",
                  (double) (change * 1e6), (double) (diff * 1e6)));
  CHECK(change > 1e-2 * e * h, "the edge beads must level visibly\n");
  CHECK(diff < 1e-6 * change, "the stage levels differently from sigma/(3 mu) with gravity\n");
  PetscCall(ThinFilmDestroy(&tf));
  PetscCall(PetscFree(h0));
  PetscCall(RouteDestroy(&r));
  PetscFunctionReturn(0);
}

static PetscErrorCode Trends(const char *file)
{
  const char *vac[]    = {"slot_die_coating.bead_vacuum_kPa=2", NULL};
  const char *fast[]   = {"process.line_speed_m_per_min=50", NULL};
  const char *visc[]   = {"slot_die_coating.zero_shear_viscosity_mPas=20000", NULL};
  const char *bore[]   = {"slot_die_coating.manifold_diameter_mm=40", NULL};
  const char *slot[]   = {"slot_die_coating.slot_gap_um=500", NULL};
  const char *trim[]   = {"slot_die_coating.edge_trim_mm=0", NULL};
  const char *mix[]    = {"slot_die_coating.mixing_energy_kJ_per_kg=280", NULL};
  const char *yield[]  = {"slot_die_coating.yield_stress_Pa=0", "slot_die_coating.levelling_viscosity_mPas=100", NULL};
  const char *yield5[] = {"slot_die_coating.levelling_viscosity_mPas=100", NULL};
  const char *inf[]    = {"slot_die_coating.infinite_shear_viscosity_mPas=1000", NULL};
  Result      b, v, f, mu, bo, sl, tr, mx, y0, y5, in;
  PetscFunctionBeginUser;
  PetscCall(RunCase(file, NULL, &b, NULL));
  PetscCall(RunCase(file, vac, &v, NULL));
  PetscCall(RunCase(file, fast, &f, NULL));
  PetscCall(RunCase(file, visc, &mu, NULL));
  PetscCall(RunCase(file, bore, &bo, NULL));
  PetscCall(RunCase(file, slot, &sl, NULL));
  PetscCall(RunCase(file, trim, &tr, NULL));
  PetscCall(RunCase(file, mix, &mx, NULL));
  PetscCall(RunCase(file, yield, &y0, NULL));
  PetscCall(RunCase(file, yield5, &y5, NULL));
  PetscCall(RunCase(file, inf, &in, NULL));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "shipped: margin %.4f, CV %.4f %% (trimmed %.4f %%), pump %.4g J/m2\n",
                        (double) b.margin, (double) b.cv, (double) b.cv_trim, (double) b.pump));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "vacuum 2 kPa: margin %.4f; 50 m/min: margin %.4f; eta0 20 Pa s: margin %.4f, pump %.4g\n",
                        (double) v.margin, (double) f.margin, (double) mu.margin, (double) mu.pump));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "manifold 40 mm: trimmed CV %.4f %%; slot 500 um: pump %.4g J/m2, CV %.4f %%; no trim: trimmed "
                        "CV %.4f %%; mixing x2: %.6g J/m2\n",
                        (double) bo.cv_trim, (double) sl.pump, (double) sl.cv, (double) tr.cv_trim,
                        (double) mx.mixing));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "levelling at 0.1 Pa s: CV %.6f %% without yield stress, %.6f %% with 5 Pa\n",
                        (double) y0.cv, (double) y5.cv));
  /* vacuum moves the upstream meniscus away from the suction limit: + 2 kPa over a ~70 kPa window */
  CHECK(v.margin > b.margin + 0.01 && v.margin < b.margin + 0.1, "vacuum must raise the margin by ~0.03\n");
  /* 50 m/min nears air entrainment (~56 m/min): margin 1 - 50/56 */
  CHECK(f.margin < b.margin && f.margin > 0.05 && f.margin < 0.15, "50 m/min must approach air entrainment\n");
  /* twice the zero-shear viscosity: air entrainment falls ~2^2.5-fold below 40 m/min; the pump works harder */
  CHECK(mu.margin < -1 && mu.pump > 1.3 * b.pump, "a more viscous slurry must leave the window and cost pump energy\n");
  /* a 40 mm bore cuts the manifold loss (1/D^4 in the Newtonian limit) */
  CHECK(bo.cv_trim < 0.5 * b.cv_trim, "a wider manifold must flatten the film\n");
  /* a narrower slot: more pressure, more pump energy, more uniform feed (larger slot resistance) */
  CHECK(sl.pump > 2 * b.pump && sl.cv < b.cv, "a narrower slot must cost pressure and even out the manifold\n");
  /* no trim: the trimmed CV includes the edge beads */
  CHECK(PetscAbsReal(tr.cv_trim - tr.cv) < 1e-12 && b.cv_trim < b.cv, "edge trim\n");
  CHECK(PetscAbsReal(mx.mixing - 2 * b.mixing) < 1e-9 * b.mixing, "mixing energy must scale with its key\n");
  /* a yield stress stops levelling: the levelled CV is lower without it */
  CHECK(y0.cv < y5.cv, "a yield stress must stop levelling\n");
  /* a Carreau high-shear plateau of 1 Pa s (0 in the case) thickens the slurry in the slot: more pump energy */
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "eta_inf 1 Pa s: pump %.4g J/m2 (shipped %.4g)\n", (double) in.pump,
                        (double) b.pump));
  CHECK(in.pump > 1.01 * b.pump, "infinite_shear_viscosity_mPas must raise the pump energy\n");
  PetscFunctionReturn(0);
}

/* the power-law keys reach the flow law: n and the yield stress change the slot pressure drop, so the pump energy */
static PetscErrorCode RheologyKeys(const char *file)
{
  const char *pl[]     = {"slot_die_coating.rheology=power_law", "slot_die_coating.flow_index=0.5",
                          "slot_die_coating.relaxation_time_s=0.001", NULL};
  const char *pl8[]    = {"slot_die_coating.rheology=power_law", "slot_die_coating.flow_index=0.8",
                          "slot_die_coating.relaxation_time_s=0.001", NULL};
  const char *pl_y[]   = {"slot_die_coating.rheology=power_law", "slot_die_coating.flow_index=0.5",
                          "slot_die_coating.relaxation_time_s=0.001", "slot_die_coating.yield_stress_Pa=50", NULL};
  const char *newt_y[] = {"slot_die_coating.yield_stress_Pa=50", NULL};
  Result      nw, p5, p8, py, ny;
  PetscFunctionBeginUser;
  PetscCall(RunCase(file, NULL, &nw, NULL));
  PetscCall(RunCase(file, pl, &p5, NULL));
  PetscCall(RunCase(file, pl8, &p8, NULL));
  PetscCall(RunCase(file, pl_y, &py, NULL));
  PetscCall(RunCase(file, newt_y, &ny, NULL));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "pump J/m2: Newtonian 3 Pa s %.6g (+50 Pa yield %.6g); power law 3 Pa s at 1000 1/s, n 0.5 "
                        "%.6g, n 0.8 %.6g, n 0.5 + 50 Pa yield %.6g\n",
                        (double) nw.pump, (double) ny.pump, (double) p5.pump, (double) p8.pump, (double) py.pump));
  /* slot wall stress of a power law, K = 3 Pa s x (1000 1/s)^(1-n), at the wall rate (2n+1)/(3n) x 6q/h^2 of about
     1e3 1/s: n = 0.5 gives ~3.4 kPa, n = 0.8 ~3.0 kPa: the smaller n costs more pump energy (measured: 3 % more) */
  CHECK(p5.pump > 1.01 * p8.pump, "flow_index must reach the power law\n");
  CHECK(py.pump > 1.001 * p5.pump, "yield_stress_Pa must reach the power law (Herschel-Bulkley)\n");
  CHECK(ny.pump > 1.001 * nw.pump, "yield_stress_Pa must reach the Newtonian law (Bingham)\n");
  PetscFunctionReturn(0);
}

/* an input error found by SetFromCase (before any computation): PETSC_ERR_USER_INPUT, nothing run */
static PetscErrorCode ExpectInputError(const char *file, const char *const extra[], PetscBool *raised)
{
  EprocCase      c;
  Route          r;
  char           stage_file[PETSC_MAX_PATH_LEN];
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(TestWriteStageCase(file, "slot_die_coating", stage_file, sizeof(stage_file)));
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &c));
  PetscCall(CaseLoad(c, stage_file));
  (void) remove(stage_file); /* loaded: the cut-down case file is not needed any more */
  for (PetscInt i = 0; extra && extra[i]; i++) PetscCall(CaseSetValue(c, extra[i]));
  PetscCall(CaseSetUp(c));
  PetscCall(RouteCreate(PETSC_COMM_WORLD, &r));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = RouteSetFromCase(r, c);
  PetscCall(PetscPopErrorHandler());
  *raised = (PetscBool) (ierr == PETSC_ERR_USER_INPUT);
  PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  PetscFunctionReturn(0);
}

/* cross-key checks of SetFromCase, in process (tests/bad_input covers the messages through the CLI) */
static PetscErrorCode Inputs(const char *file)
{
  const char *die[]    = {"slot_die_coating.slot_gap_um=60", NULL};  /* 22.6 MPa, 45 %: impossible */
  const char *die_ok[] = {"slot_die_coating.slot_gap_um=100", NULL}; /* 9.0 MPa, 18 %: implausible, runs */
  const char *bow[]    = {"slot_die_coating.bowing_reference_pressure_MPa=0.05", NULL}; /* 0.22 MPa opens 2.2 %: runs */
  const char *bow_x[]  = {"slot_die_coating.slot_gap_um=300", "slot_die_coating.bowing_reference_pressure_MPa=0.05",
                          NULL}; /* 1.26 MPa opens 12.6 %... */
  const char *bow_y[]  = {"slot_die_coating.slot_gap_um=250", "slot_die_coating.bowing_reference_pressure_MPa=0.01",
                          NULL}; /* ... and at 0.01 MPa far beyond 25 % */
  const char *trim[]   = {"slot_die_coating.edge_trim_mm=300", NULL};
  const char *trim_ok[]     = {"slot_die_coating.edge_trim_mm=299", NULL};
  const char *inf[]         = {"slot_die_coating.infinite_shear_viscosity_mPas=10000", NULL};
  const char *newt[]        = {"slot_die_coating.rheology=newtonian", NULL}; /* carreau keys left: do not apply */
  const char *pl[]          = {"slot_die_coating.rheology=power_law", NULL}; /* no viscosity_mPas */
  const char *const *bad[]  = {die, bow_y, trim, inf, newt, pl};
  const char *const *good[] = {die_ok, bow, bow_x, trim_ok};
  PetscBool          raised;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < 6; i++) {
    PetscCall(ExpectInputError(file, bad[i], &raised));
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD, "%-55s input error: %s\n", bad[i][bad[i][1] ? 1 : 0], raised ? "yes" : "NO"));
    CHECK(raised, "%s must be an input error\n", bad[i][0]);
  }
  for (PetscInt i = 0; i < 4; i++) {
    PetscCall(ExpectInputError(file, good[i], &raised));
    PetscCall(
        PetscPrintf(PETSC_COMM_WORLD, "%-55s input error: %s\n", good[i][good[i][1] ? 1 : 0], raised ? "YES" : "no"));
    CHECK(!raised, "%s must run\n", good[i][0]);
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc >= 3, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG,
             "usage: %s CASE.cfg mass|window|newtonian|levelling|trends|inputs|rheology_keys", argv[0]);
  PetscCall(CaseRegisterAllKeys());
  if (!strcmp(argv[2], "mass"))
    PetscCall(Mass(argv[1]));
  else if (!strcmp(argv[2], "window"))
    PetscCall(Window(argv[1]));
  else if (!strcmp(argv[2], "newtonian"))
    PetscCall(Newtonian(argv[1]));
  else if (!strcmp(argv[2], "levelling"))
    PetscCall(Levelling(argv[1]));
  else if (!strcmp(argv[2], "inputs"))
    PetscCall(Inputs(argv[1]));
  else if (!strcmp(argv[2], "rheology_keys"))
    PetscCall(RheologyKeys(argv[1]));
  else
    PetscCall(Trends(argv[1]));
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize());
  if (fail) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "slot_die route test FAILED\n"));
  PetscCall(PetscFinalize());
  return fail;
}
