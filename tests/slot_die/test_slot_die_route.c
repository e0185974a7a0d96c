/* slot_die_coating through the route driver on the shipped NMP case (route cut to the coating stage).
 *   mass:   slurry mass closure < 1e-12 relative; wet thickness, loading, porosity and slurry flow against
 *           the mass balance computed by hand from cases/materials.cfg and the case file.
 *   window: the shipped case is inside the coating window (margin > 0); a 1 mm gap (film far too thin for
 *           the gap) and a 60 um gap (film twice the gap) are outside (margin < 0) and still run; the bead
 *           model gives x_u = 0 exactly at h = G/2 without capillarity or vacuum (Couette limit).
 * usage: test_slot_die_route CASE.cfg mass|window */
#include "../../solver/route.h"
#include "../../physics/slot_die_model.h"
#include <string.h>

static int fail = 0;
#define CHECK(cond, ...)                                                                                               \
  do {                                                                                                                 \
    if (!(cond)) {                                                                                                     \
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FAIL: " __VA_ARGS__));                                                  \
      fail = 1;                                                                                                        \
    }                                                                                                                  \
  } while (0)

static PetscErrorCode RunCase(const char *file, const char *extra, const char *h5, PetscReal *margin, Route *rout)
{
  EprocCase c;
  Route     r;
  PetscFunctionBeginUser;
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &c));
  PetscCall(CaseLoad(c, file));
  PetscCall(CaseSetValue(c, "process.stages=[slot_die_coating]"));
  if (extra) PetscCall(CaseSetValue(c, extra));
  PetscCall(CaseSetUp(c));
  PetscCall(RouteCreate(PETSC_COMM_WORLD, &r));
  PetscCall(RouteSetFromCase(r, c));
  PetscCall(RouteRun(r));
  if (h5) PetscCall(RouteWriteResults(r, h5));
  {
    Summary   s;
    PetscBool set;
    PetscCall(RouteGetSummary(r, &s));
    PetscCall(SummaryGet(s, "coating_window_margin", margin, &set));
    CHECK(set, "coating_window_margin not set\n");
  }
  if (rout)
    *rout = r;
  else
    PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  PetscFunctionReturn(0);
}

static PetscErrorCode Mass(const char *file)
{
  Route     r;
  Summary   s;
  Web       w;
  PetscReal margin, h_um, flow, worst = 0, mean_m = 0, rel;
  PetscBool set;
  PetscInt  nb;
  /* by hand, from cases/materials.cfg and cases/nmp_nmc811.cfg */
  const PetscReal rho_solids = 1.0 / (0.96 / 4750.0 + 0.02 / 1800.0 + 0.02 / 1780.0); /* NMC811, carbon black, PVDF */
  const PetscReal w_s = 0.70, rho_nmp = 1027.7, loading = 20.0e-2;                    /* -, kg/m3, kg/m2 */
  const PetscReal rho_slurry = 1.0 / (w_s / rho_solids + (1 - w_s) / rho_nmp);
  const PetscReal h_hand = loading / (w_s * rho_slurry), U = 40.0 / 60.0, W = 0.6;
  const PetscReal flow_hand = h_hand * U * W * 1e3 * 60.0, eps_hand = (1 - w_s) * rho_slurry / rho_nmp;
  PetscFunctionBeginUser;
  PetscCall(RunCase(file, NULL, "slot_die_mass.h5", &margin, &r));
  PetscCall(RouteGetSummary(r, &s));
  PetscCall(RouteGetWeb(r, &w));
  PetscCall(SummaryGet(s, "wet_thickness_um", &h_um, &set));
  PetscCall(SummaryGet(s, "slurry_flow_l_per_min", &flow, &set));
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
  rel = PetscAbsReal(h_um * 1e-6 - h_hand) / h_hand;
  PetscCall(PetscPrintf(
      PETSC_COMM_WORLD,
      "wet thickness %.6f um, by hand %.6f um (slurry %.2f kg/m3, solids %.2f kg/m3), relative difference %.2e\n",
      (double) h_um, (double) (h_hand * 1e6), (double) rho_slurry, (double) rho_solids, (double) rel));
  CHECK(rel < 1e-10, "wet thickness differs from the hand mass balance\n");
  rel = PetscAbsReal(flow - flow_hand) / flow_hand;
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD, "slurry flow %.6f l/min, by hand %.6f l/min\n", (double) flow, (double) flow_hand));
  CHECK(rel < 1e-10, "slurry flow differs from h U W\n");
  for (PetscInt j = 0; j < w->ny; j++) mean_m += w->solids_mass[j] / w->ny;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "mean dry loading %.12f mg/cm2 (target 20), porosity %.6f (by hand %.6f), margin %.3f\n",
                        (double) (mean_m * 1e2), (double) w->porosity[0], (double) eps_hand, (double) margin));
  CHECK(PetscAbsReal(mean_m - loading) < 1e-12 * loading, "mean dry loading is not the target\n");
  CHECK(PetscAbsReal(w->porosity[w->ny / 2] - eps_hand) < 1e-12,
        "wet-film porosity is not the solvent volume fraction\n");
  CHECK(PetscAbsReal(w->temperature - w->ambient_temperature) < 1e-12, "wet film not at ambient temperature\n");
  PetscCall(RouteDestroy(&r));
  PetscFunctionReturn(0);
}

static PetscErrorCode Window(const char *file)
{
  PetscReal m_in, m_thin, m_thick;
  PetscFunctionBeginUser;
  PetscCall(RunCase(file, NULL, NULL, &m_in, NULL));
  PetscCall(RunCase(file, "slot_die_coating.coating_gap_um=1000", NULL, &m_thin, NULL));
  PetscCall(RunCase(file, "slot_die_coating.coating_gap_um=60", NULL, &m_thick, NULL));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "coating window margin: shipped case %.4f, gap 1000 um %.4f, gap 60 um %.4f\n", (double) m_in,
                        (double) m_thin, (double) m_thick));
  CHECK(m_in > 0, "shipped NMP case outside the window\n");
  CHECK(m_thin < 0, "a 1 mm gap for a 128 um film must be outside the window\n");
  CHECK(m_thick < 0, "a 60 um gap for a 128 um film must be outside the window\n");
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc >= 3, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "usage: %s CASE.cfg mass|window", argv[0]);
  PetscCall(CaseRegisterAllKeys());
  if (!strcmp(argv[2], "mass"))
    PetscCall(Mass(argv[1]));
  else
    PetscCall(Window(argv[1]));
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize());
  if (fail) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "slot_die route test FAILED\n"));
  PetscCall(PetscFinalize());
  return fail;
}
