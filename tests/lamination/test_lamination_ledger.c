/* Every number hot_lamination books or reports, against a hand calculation written out below.
 *
 * The stage runs alone on a hand-built powder web (lam_stage_util.h). Most runs are made slow enough
 * (0.5 m/min, 30 mm of elastic contact: 3.8 s in the nip, 60 through-layer diffusion times) that the web
 * leaves each heated contact at the roll temperature: then every heat item is a heat capacity times a
 * temperature rise, and everything else (losses, work, geometry) is a closed form of the case inputs.
 * One run with a cold counter roll ends in the steady conduction profile through the series of contact
 * conductances and layers, also a closed form. The fast nip of the shipped line (40 m/min) is checked
 * through relations that hold at any time: the heat booked = sensible heat of the web at its exit
 * temperature, flux continuity at the roll face and at the foil, the molten fraction and the time above
 * the melting point recomputed from the written profiles and histories, and the printed view.
 *
 * Property values: cases/materials.cfg (NMC811, carbon_black, PVDF, aluminium), formulation and loading:
 * tests/lamination/lam_case.cfg. Key defaults: physics/hot_lamination.c (reference in cases/README.md). */
#include "lam_stage_util.h"
#include <math.h>

/* ---- hand data (SI) ---- */
#define SIGMA_SB           5.670374419e-8                                          /* W/(m2 K4), CODATA 2018 */
#define RHO_S              (1.0 / (0.96 / 4750.0 + 0.02 / 1800.0 + 0.02 / 1780.0)) /* = 4455.289027 kg/m3 (dense mix) */
#define CP_S               (0.96 * 700.0 + 0.02 * 710.0 + 0.02 * 1200.0)           /* = 710.2 J/(kg K) */
#define M_AREAL            0.2                                                     /* kg/m2 (20 mg/cm2) */
#define C_FOIL             (2700.0 * 897.0 * 15e-6)                                /* = 36.3285 J/(m2 K): Al, 15 um */
#define T_MELT             (175.0 + 273.15)                                        /* PVDF */
#define M_BINDER_LATENT(h) (0.02 * (h).m_mean * (h).L_f) /* melting floor of a web already above T_m */
#define CP_BINDER          1200.0                        /* PVDF */
#define K_FOIL             237.0                         /* aluminium */
#define D_FOIL             15e-6
#define WIDTH              0.6 /* coated width (lam_case.cfg) */

typedef struct {
  /* inputs (SI), as set in the case of each run; m: the column, m_mean: the web mean (sets the bite) */
  PetscReal m, m_mean, U, T0, T_amb, T_roll, D, face, b_el, q_L, gamma_c, eps_min, eps0, eta_h, eta_d, h_c, h_conv,
      emis;
  PetscReal L_f, t_relax, k_fixed;
  PetscBool preheat, counter;
  PetscReal T_pre, wrap, D_pre, h_pre, T_f, D_f, h_f;
  PetscInt  nf, nl;
  /* derived by Derive(): C_layer = m c_s = 142.04 J/(m2 K) and C_tot = C_layer + C_foil = 178.3685 J/(m2 K)
   * at m = 0.2 kg/m2 */
  PetscReal C_layer, C_tot, eps1, eps_nip, h_in, h_nip, h_out, dh, Lc, tc, t_pre, Wc, E_min, k_nip, fourier;
} Hand;

/* Case defaults of lam_case.cfg and of the key table. */
static void Defaults(Hand *h)
{
  PetscMemzero(h, sizeof(*h));
  h->m       = M_AREAL;
  h->m_mean  = M_AREAL;
  h->U       = 40.0 / 60.0;
  h->T0      = 298.15;
  h->T_amb   = 298.15;
  h->T_roll  = 200.0 + 273.15;
  h->D       = 0.3;
  h->face    = WIDTH; /* roll_face_width_mm = 0: the coated width */
  h->q_L     = 50e3;  /* N/m */
  h->gamma_c = 300e3;
  h->eps_min = 0.2;
  h->eps0    = 0.6;
  h->eta_h   = 1.0;
  h->eta_d   = 0.85;
  h->h_c     = 1e4;
  h->h_conv  = 10.0;
  h->emis    = 0.2;
  h->L_f     = 50e3;
  h->t_relax = 0.05;
  h->T_pre   = 200.0 + 273.15;
  h->wrap    = 0.3;
  h->D_pre   = 0.4;
  h->h_pre   = 3000.0;
  h->T_f     = 298.15;
  h->D_f     = 0.3;
  h->h_f     = 2e4;
  h->nf      = 4;
  h->nl      = 40;
}

/* Lichtenecker: ln k = (1 - eps) sum phi_i ln k_i + eps ln k_air, phi_i the solid volume fractions. */
static PetscReal Lichtenecker(PetscReal eps, PetscReal k_air)
{
  const PetscReal v[3] = {0.96 / 4750.0, 0.02 / 1800.0, 0.02 / 1780.0}, k[3] = {4.0, 1.0, 0.19};
  PetscReal       lnks = 0.0, vs = v[0] + v[1] + v[2];
  for (int i = 0; i < 3; i++) lnks += v[i] / vs * log(k[i]);
  return exp((1.0 - eps) * lnks + eps * log(k_air));
}

static void Derive(Hand *h)
{
  PetscReal dh_mean;
  h->C_layer = h->m * CP_S;
  h->C_tot   = h->C_layer + C_FOIL;
  h->eps1    = h->eps_min + (h->eps0 - h->eps_min) * exp(-h->q_L / h->gamma_c);
  h->eps_nip = 0.5 * (h->eps0 + h->eps1);
  h->h_in    = h->m / (RHO_S * (1.0 - h->eps0));
  h->h_nip   = h->m / (RHO_S * (1.0 - h->eps_nip));
  h->h_out   = h->m / (RHO_S * (1.0 - h->eps1));
  h->dh      = h->h_in - h->h_out;
  dh_mean    = h->dh * h->m_mean / h->m;
  h->Lc      = sqrt(0.5 * h->D * dh_mean) + h->b_el; /* bite sqrt(R dh) of the web mean + elastic width */
  h->tc      = h->Lc / h->U;
  h->t_pre   = h->preheat ? h->wrap / h->U : 0.0;
  h->Wc      = h->q_L * sqrt(dh_mean / (0.5 * h->D));                                   /* booked for the web mean */
  h->E_min   = 0.02 * h->m_mean * (CP_BINDER * PetscMax(T_MELT - h->T0, 0.0) + h->L_f); /* binder 2 % */
  h->k_nip = h->k_fixed > 0 ? h->k_fixed : Lichtenecker(h->eps_nip, AirThermalConductivity(0.5 * (h->T0 + h->T_roll)));
  h->fourier = h->k_nip * h->tc / (h->m * CP_S * h->h_nip); /* alpha t / h^2, alpha = k h / (m c_s) */
}

/* Free-surface loss of a roll per m2 of web, divided by the heater efficiency (J/m2). */
static PetscReal RollLoss(const Hand *h, PetscReal D, PetscReal covered, PetscReal T)
{
  PetscReal q = h->h_conv * (T - h->T_amb) + h->emis * SIGMA_SB * (pow(T, 4) - pow(h->T_amb, 4));
  return (PETSC_PI * D - covered) * h->face * q / (WIDTH * h->U) / h->eta_h;
}

static int fails = 0;

static void Check(const char *what, double got, double want, double rtol)
{
  int ok = fabs(got - want) <= rtol * fabs(want) || got == want;
  printf("    %-66s %.10g (hand %.10g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

/* A peak of the time integration: BDF2 overshoots the limit it approaches by up to ~10 mK after the step
 * change of a boundary (1 mK local tolerance per step); never below it. */
static void CheckPeak(const char *what, double got, double want)
{
  int ok = got >= want - 1e-9 * fabs(want) && got <= want + 0.02;
  printf("    %-66s %.10g (hand %.10g, -0/+0.02 K) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

static void CheckAbs(const char *what, double got, double want, double atol)
{
  int ok = fabs(got - want) <= atol;
  printf("    %-66s %.10g (hand %.10g, +-%.1g) %s\n", what, got, want, atol, ok ? "ok" : "FAIL");
  fails += !ok;
}

typedef enum {
  HEAT_EQUILIBRIUM, /* the web leaves every heated contact at that roll's temperature */
  HEAT_STEADY,      /* counter roll: steady series conduction between the two rolls at the end of the nip */
  HEAT_EXIT         /* any nip, adiabatic foil side, no pre-heat: heat = C_tot (T_exit - T0) */
} HeatModel;

typedef struct {
  PetscReal hot, counter, pre, exit_T, foil_side_peak, surface_peak;
} HeatHand;

/* Steady conduction roll -> layer -> foil -> cold counter roll (series resistances; the finite-volume
 * profile is exact for it: harmonic face conductances, cell centres on the straight lines). */
static void SteadyProfile(const Hand *h, PetscReal *T_surface, PetscReal *T_layer_mid, PetscReal *T_interface,
                          PetscReal *T_foil_mid)
{
  PetscReal q  = (h->T_roll - h->T_f) / (1.0 / h->h_c + h->h_nip / h->k_nip + D_FOIL / K_FOIL + 1.0 / h->h_f);
  *T_surface   = h->T_roll - q / h->h_c;
  *T_layer_mid = *T_surface - q * 0.5 * h->h_nip / h->k_nip;
  *T_interface = *T_surface - q * h->h_nip / h->k_nip;
  *T_foil_mid  = *T_interface - q * 0.5 * D_FOIL / K_FOIL;
}

/* Everything the stage books and reports, against the hand values. */
static PetscErrorCode CheckRun(const Hand *h, HeatModel model, Summary s, Ledger l, HeatHand *out)
{
  PetscReal  v, e, mn, err, in, outb, stored, total = 0.0, kWh;
  PetscBool  found;
  EnergyKind kind, heat_kind = h->eta_h < 1.0 ? ENERGY_THERMAL : ENERGY_ELECTRIC;
  HeatHand   hh = {0};
  PetscInt   n, nitems = 0, nwant;
  PetscFunctionBeginUser;
  /* heat items */
  hh.pre = h->preheat ? h->C_tot * (h->T_pre - h->T0) : 0.0;
  if (model == HEAT_EQUILIBRIUM) {
    PetscReal T_in    = h->preheat ? h->T_pre : h->T0;
    hh.exit_T         = h->T_roll;
    hh.hot            = h->C_tot * (h->T_roll - T_in); /* with a counter roll at T_roll: hot + counter */
    hh.foil_side_peak = hh.surface_peak = h->T_roll;
  } else if (model == HEAT_STEADY) {
    PetscReal Ts, Tl, Ti, Tf;
    SteadyProfile(h, &Ts, &Tl, &Ti, &Tf);
    hh.exit_T         = h->T0 + (h->C_layer * (Tl - h->T0) + C_FOIL * (Tf - h->T0)) / h->C_tot;
    hh.surface_peak   = Ts;
    hh.foil_side_peak = Ti;
  } else {
    PetscCall(LamSummary(s, "web_exit_temperature_C", &v));
    hh.exit_T = v + 273.15;
    hh.hot    = h->C_tot * (hh.exit_T - h->T0);
  }
  printf("  ledger (J/m2 of coated web)\n");
  if (model != HEAT_STEADY) {
    PetscReal hot, counter = 0.0;
    PetscCall(LamItem(l, "hot-roll heating", &hot, NULL, NULL, &found));
    if (h->counter) PetscCall(LamItem(l, "counter-roll heating", &counter, NULL, NULL, &found));
    Check(h->counter ? "hot-roll + counter-roll heating = C_tot dT / eta_heat"
                     : "hot-roll heating = C_tot dT / eta_heat",
          hot + counter, hh.hot / h->eta_h, 1e-6);
    if (h->counter) Check("  counter-roll heating > 0 (both rolls heat the web)", counter > 0 && hot > 0, 1, 0);
  } else {
    PetscReal counter = 0.0;
    PetscCall(LamItem(l, "hot-roll heating", &e, NULL, NULL, &found));
    if (h->T_f > h->T_amb + 0.5) PetscCall(LamItem(l, "counter-roll heating", &counter, NULL, NULL, &found));
    Check("heating items > heat stored (heat flows on through the web into the colder roll)",
          (e + counter) * h->eta_h > h->C_tot * (hh.exit_T - h->T0), 1, 0);
  }
  if (h->preheat) {
    PetscCall(LamItem(l, "substrate pre-heating", &e, &mn, &kind, &found));
    Check("substrate pre-heating = C_tot (T_pre - T0) / eta_heat", found ? e : -1, hh.pre / h->eta_h, 1e-6);
    PetscCall(LamItem(l, "pre-heat roll surface losses", &e, &mn, &kind, &found));
    Check("pre-heat roll losses = (pi D_pre - wrap) face q(T_pre) / (W U eta)", found ? e : -1,
          RollLoss(h, h->D_pre, h->wrap, h->T_pre), 1e-6);
    Check("  minimum 0", mn, 0.0, 0);
    Check("  kind = roll_heating", kind == heat_kind, 1, 0);
  }
  /* the melting floor sits on the heating item that brings most heat */
  {
    PetscReal q[3] = {0, 0, 0}, m[3] = {0, 0, 0}, floor_sum;
    PetscInt  want = 0;
    PetscCall(LamItem(l, "hot-roll heating", &q[0], &m[0], &kind, &found));
    Check("hot-roll heating: kind = roll_heating", found && kind == heat_kind, 1, 0);
    if (h->counter && h->T_f > h->T_amb + 0.5)
      PetscCall(LamItem(l, "counter-roll heating", &q[1], &m[1], NULL, &found));
    if (h->preheat) PetscCall(LamItem(l, "substrate pre-heating", &q[2], &m[2], NULL, &found));
    for (PetscInt i = 1; i < 3; i++)
      if (q[i] > q[want]) want = i;
    floor_sum = m[0] + m[1] + m[2];
    Check("melting floor m_b (cp_b max(T_m - T0, 0) + L_f), once", floor_sum, h->E_min, 1e-12);
    Check("  on the item with most heat", m[want], h->E_min, 1e-12);
  }
  PetscCall(LamItem(l, "hot-roll surface losses", &e, &mn, &kind, &found));
  Check("hot-roll losses = (pi D - L_c) face q(T_roll) / (W U eta_heat)", found ? e : -1,
        RollLoss(h, h->D, h->Lc, h->T_roll), 1e-6);
  Check("  minimum 0, kind = roll_heating", mn == 0.0 && kind == heat_kind, 1, 0);
  if (h->counter && h->T_f > h->T_amb + 0.5) {
    PetscCall(LamItem(l, "counter-roll surface losses", &e, &mn, &kind, &found));
    Check("counter-roll losses = (pi D_f - L_c) face q(T_f) / (W U eta_heat)", found ? e : -1,
          RollLoss(h, h->D_f, h->Lc, h->T_f), 1e-6);
    Check("  minimum 0, kind = roll_heating", mn == 0.0 && kind == heat_kind, 1, 0);
  }
  PetscCall(LamItem(l, "compaction work", &e, &mn, &kind, &found));
  Check("compaction work = q_L sqrt(dh / R)", found ? e : -1, h->Wc, 1e-6);
  Check("  its own minimum, electric", mn == e && kind == ENERGY_ELECTRIC, 1, 0);
  PetscCall(LamItem(l, "lamination drive losses", &e, &mn, &kind, &found));
  Check("drive losses = W_c (1/eta_drive - 1)", found ? e : -1, h->Wc * (1.0 / h->eta_d - 1.0), 1e-6);
  Check("  minimum 0, electric", mn == 0.0 && kind == ENERGY_ELECTRIC, 1, 0);
  /* the item list and the total */
  nwant = 4 + (h->preheat ? 2 : 0) + (h->counter && h->T_f > h->T_amb + 0.5 ? 2 : 0);
  PetscCall(LedgerGetSize(l, &n));
  for (PetscInt i = 0; i < n; i++) {
    const LedgerEntry *le;
    PetscCall(LedgerGetEntry(l, i, &le));
    nitems++;
    total += le->energy;
  }
  Check("number of items booked", nitems, nwant, 0);
  PetscCall(LamSummary(s, "lamination_energy_kWh_per_m2", &kWh));
  Check("lamination_energy_kWh_per_m2 = sum of the items / 3.6e6", kWh, total / 3.6e6, 1e-12);

  printf("  summary\n");
  PetscCall(LamSummary(s, "nip_contact_length_mm", &v));
  Check("nip_contact_length_mm = (sqrt(R dh) + b_el) 1e3", v, h->Lc * 1e3, 1e-9);
  PetscCall(LamSummary(s, "nip_contact_time_ms", &v));
  Check("nip_contact_time_ms = L_c / U 1e3", v, h->tc * 1e3, 1e-9);
  PetscCall(LamSummary(s, "laminated_porosity", &v));
  Check("laminated_porosity = eps_min + (eps0 - eps_min) exp(-q_L/gamma_c)", v, h->eps1, 1e-12);
  PetscCall(LamSummary(s, "laminated_thickness_um", &v));
  Check("laminated_thickness_um = m / (rho_s (1 - eps1)) 1e6", v, h->h_out * 1e6, 1e-9);
  PetscCall(LamSummary(s, "layer_conductivity_W_per_mK", &v));
  Check(h->k_fixed > 0 ? "layer_conductivity = the key"
                       : "layer_conductivity: Lichtenecker at eps_nip, air at (T0+Tr)/2",
        v, h->k_nip, 1e-9);
  PetscCall(LamSummary(s, "lamination_fourier_number", &v));
  Check("Fourier number k t_c / (m c_s h_nip)", v, h->fourier, 1e-9);
  PetscCall(LamSummary(s, "web_exit_temperature_C", &v));
  Check("web_exit_temperature_C", v + 273.15, hh.exit_T, 1e-9);
  if (model != HEAT_EXIT) {
    PetscCall(LamSummary(s, "surface_peak_temperature_C", &v));
    CheckPeak("surface_peak_temperature_C", v + 273.15, hh.surface_peak);
    PetscCall(LamSummary(s, "foil_side_peak_temperature_C", &v));
    CheckPeak("foil_side_peak_temperature_C", v + 273.15, hh.foil_side_peak);
  }
  if (model == HEAT_EQUILIBRIUM && h->T_roll > T_MELT) {
    PetscCall(LamSummary(s, "molten_fraction", &v));
    Check("molten_fraction: all of the layer at T_roll > T_m", v, 1.0, 1e-12);
  }
  if (model == HEAT_STEADY) {
    /* straight profile between T_interface and T_surface: fraction above T_m */
    PetscReal Ts, Tl, Ti, Tf, want, hi, lo;
    SteadyProfile(h, &Ts, &Tl, &Ti, &Tf);
    hi   = PetscMax(Ts, Ti);
    lo   = PetscMin(Ts, Ti);
    want = lo >= T_MELT ? 1.0 : (hi <= T_MELT ? 0.0 : (hi - T_MELT) / (hi - lo));
    PetscCall(LamSummary(s, "molten_fraction", &v));
    Check("molten_fraction = (T_hot - T_m) / (T_hot - T_cold) (straight profile)", v, want, 1e-6);
  }
  /* balances */
  PetscCall(LamBalance(s, "energy", &err, &in, &outb, &stored));
  Check("energy balance: stored = C_tot (T_exit - T0)", stored, h->C_tot * (hh.exit_T - h->T0), 1e-9);
  Check("energy balance closes (< 1e-10)", err >= 0 && err < 1e-10, 1, 0);
  PetscCall(LamBalance(s, "powder_mass", &err, &in, &outb, NULL));
  Check("powder-mass balance: in = out = mean m", 0.5 * (in + outb), h->m_mean, 1e-12);
  Check("powder-mass balance closes (< 1e-12)", err >= 0 && err < 1e-12, 1, 0);
  if (out) *out = hh;
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckRegime(Summary s, PetscBool activated_web, PetscInt regime, PetscBool activated)
{
  PetscReal v;
  PetscFunctionBeginUser;
  PetscCall(LamSummary(s, "lamination_regime", &v));
  Check("lamination_regime", v, regime, 0);
  PetscCall(LamSummary(s, "binder_activated", &v));
  Check("binder_activated (summary and web flag)", v + (activated_web ? 1 : 0), activated ? 2 : 0, 0);
  PetscFunctionReturn(0);
}

/* ---- the written fields ---- */
#define NMAX 200000

/* Time the foil-side temperature spends above T_m during contact (records up to t_end), with the
 * crossings interpolated linearly: the documented definition, from the written history. */
static PetscReal TimeAbove(PetscInt n, const PetscReal t_ms[], const PetscReal T_C[], PetscReal t_end_ms)
{
  PetscReal sum = 0.0, Tm = T_MELT - 273.15;
  for (PetscInt r = 1; r < n && t_ms[r] <= t_end_ms * (1 + 1e-12); r++) {
    PetscReal a = T_C[r - 1] - Tm, b = T_C[r] - Tm, dt = t_ms[r] - t_ms[r - 1];
    if (a >= 0 && b >= 0)
      sum += dt;
    else if (a >= 0)
      sum += dt * a / (a - b);
    else if (b >= 0)
      sum += dt * b / (b - a);
  }
  return sum;
}

/* Fields of one probe group against the hand values and against the physics they must satisfy:
 * times and positions, flux continuity at the roll face and at the foil, the foil mean, the molten fraction
 * at the end of the nip, the time above melting and the peaks (summary values when summary != NULL). */
static PetscErrorCode CheckFields(const char *file, const char *group, const Hand *h, PetscReal T_roll_nip,
                                  Summary summary)
{
  static PetscReal t[NMAX], Tsurf[NMAX], Tfs[NMAX], Tfoil[NMAX], pt[64], px[64 * 64], pT[64 * 64], ends[3], v1;
  char             path[256];
  PetscInt         nr, n2, n3, n4, ns, nx, nT, ne, n1, ncell = h->nf + h->nl, s_nip_end;
  PetscReal        t_nip_end = (h->t_pre + h->tc) * 1e3, err_s = 0.0, err_i = 0.0, err_f = 0.0;
  PetscFunctionBeginUser;
  printf("  fields %s\n", group);
#define RD(name, arr, cnt)                                                                                             \
  do {                                                                                                                 \
    PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s", group, name));                                                \
    PetscCall(LamReadH5(file, path, (PetscInt) (sizeof(arr) / sizeof(arr[0])), arr, cnt));                             \
  } while (0)
  RD("time_ms", t, &nr);
  RD("surface_temperature_C", Tsurf, &n2);
  RD("foil_side_temperature_C", Tfs, &n3);
  RD("foil_temperature_C", Tfoil, &n4);
  RD("profile_time_ms", pt, &ns);
  RD("profile_position_um", px, &nx);
  RD("profile_temperature_C", pT, &nT);
  RD("phase_end_time_ms", ends, &ne);
  printf("    (%d history records, %d profiles)\n", (int) nr, (int) ns);
  Check("histories have one length", n2 == nr && n3 == nr && n4 == nr && nr > 10, 1, 0);
  {
    PetscBool increasing = PETSC_TRUE;
    for (PetscInt r = 1; r < nr; r++) increasing = (PetscBool) (increasing && t[r] > t[r - 1]);
    Check("history times strictly increasing (one record per accepted step)", increasing, 1, 0);
  }
  Check("profiles: n_p x cells", nx == ns * ncell && nT == ns * ncell, 1, 0);
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/melting_point_C", group));
  PetscCall(LamReadH5(file, path, 1, &v1, &n1));
  Check("melting_point_C (PVDF)", v1, 175.0, 1e-12);
  Check("phase ends: pre-heat = wrap/U (ms)", ends[0], h->t_pre * 1e3, 1e-12);
  Check("phase ends: nip = (wrap + L_c)/U (ms)", ends[1], (h->t_pre + h->tc) * 1e3, 1e-12);
  Check("phase ends: free span + relaxation_time (ms)", ends[2], (h->t_pre + h->tc + h->t_relax) * 1e3, 1e-12);
  Check("history starts at 0", t[0], 0.0, 0);
  Check("history ends at the end of the free span", t[nr - 1], (h->t_pre + h->tc + h->t_relax) * 1e3, 1e-9);
  /* snapshots: start, 3 in the pre-heat, 4 in the nip, 2 in the free span */
  {
    PetscInt  k = 0, want_ns = 1 + (h->preheat ? 3 : 0) + 4 + (h->t_relax > 0 ? 2 : 0);
    PetscReal tw[10];
    tw[k++] = 0.0;
    for (PetscInt i = 1; h->preheat && i <= 3; i++) tw[k++] = h->t_pre * i / 3.0 * 1e3;
    for (PetscInt i = 1; i <= 4; i++) tw[k++] = (h->t_pre + h->tc * i / 4.0) * 1e3;
    for (PetscInt i = 1; h->t_relax > 0 && i <= 2; i++) tw[k++] = (h->t_pre + h->tc + h->t_relax * i / 2.0) * 1e3;
    Check("number of profiles", ns, want_ns, 0);
    for (PetscInt i = 0; i < PetscMin(ns, k); i++)
      err_s = PetscMax(err_s, fabs(pt[i] - tw[i]) / PetscMax(tw[k - 1], 1e-30));
    Check("profile times (relative to the last, max)", err_s < 1e-12, 1, 0);
    err_s     = 0.0;
    s_nip_end = 1 + (h->preheat ? 3 : 0) + 3;
  }
  /* positions: cell centres, foil cells then layer cells, at the phase's layer thickness */
  {
    PetscReal hl[3] = {h->h_in, h->h_nip, h->h_out}, e = 0.0;
    for (PetscInt s = 0; s < ns; s++) {
      PetscInt  ph = s == 0 || (h->preheat && s <= 3) ? 0 : (s <= s_nip_end ? 1 : 2);
      PetscReal x  = 0.0;
      for (PetscInt i = 0; i < ncell; i++) {
        PetscReal dx = i < h->nf ? D_FOIL / h->nf : hl[ph] / h->nl;
        e            = PetscMax(e, fabs(px[s * ncell + i] - (x + 0.5 * dx) * 1e6));
        x += dx;
      }
    }
    Check("profile positions: cell centres of foil and layer (um, max error)", e < 1e-9, 1, 0);
  }
  Check("first profile: the web at T0", pT[0], h->T0 - 273.15, 1e-12);
  Check("first profile: the web at T0 (last cell)", pT[ncell - 1], h->T0 - 273.15, 1e-12);
  /* flux continuity at every profile in the nip: h_c (T_roll - T_s) = 2 k (T_s - T_n)/dx_n, and at the
   * foil: 2 k_f (T_i - T_f,last)/dx_f = 2 k (T_l,1 - T_i)/dx_l; the foil temperature is the foil cells' mean */
  for (PetscInt s = 1; s < ns; s++) {
    PetscInt  ph  = (h->preheat && s <= 3) ? 0 : (s <= s_nip_end ? 1 : 2), r;
    PetscReal hl  = ph == 0 ? h->h_in : (ph == 1 ? h->h_nip : h->h_out), k;
    PetscReal dxl = hl / h->nl, dxf = D_FOIL / h->nf, Tn = pT[s * ncell + ncell - 1], Tf = pT[s * ncell + h->nf - 1];
    PetscReal Tl1 = pT[s * ncell + h->nf], Tmean = 0.0, scale = fabs(T_roll_nip - h->T0) + 1e-30;
    for (r = 0; r < nr; r++)
      if (fabs(t[r] - pt[s]) <= 1e-12 * PetscMax(pt[s], 1.0)) break;
    if (r == nr) {
      Check("a history record at every profile time", 0, 1, 0);
      continue;
    }
    k = h->k_fixed > 0 ? h->k_fixed
                       : Lichtenecker(ph == 0 ? h->eps0 : (ph == 1 ? h->eps_nip : h->eps1),
                                      AirThermalConductivity(0.5 * (h->T0 + h->T_roll)));
    if (ph == 1)
      err_s = PetscMax(err_s, fabs(h->h_c * (T_roll_nip - 273.15 - Tsurf[r]) - 2 * k * (Tsurf[r] - Tn) / dxl) /
                                  (h->h_c * scale));
    else
      err_s = PetscMax(err_s, fabs(Tsurf[r] - Tn) / scale); /* no contact: surface = last cell */
    err_i = PetscMax(err_i, fabs(2 * K_FOIL * (Tfs[r] - Tf) / dxf - 2 * k * (Tl1 - Tfs[r]) / dxl) / (k / dxl * scale));
    for (PetscInt i = 0; i < h->nf; i++) Tmean += pT[s * ncell + i] / h->nf;
    err_f = PetscMax(err_f, fabs(Tfoil[r] - Tmean) / scale);
  }
  printf("    (max rel. errors: surface %.2e, interface %.2e, foil %.2e)\n", err_s, err_i, err_f);
  Check("surface temperature: flux continuity with the roll contact (max rel.)", err_s < 1e-9, 1, 0);
  Check("foil-side temperature: flux continuity foil/layer (max rel.)", err_i < 1e-9, 1, 0);
  Check("foil temperature = mean of the foil cells (max rel.)", err_f < 1e-12, 1, 0);
  if (summary) {
    PetscReal v, peak = -1e300, speak = -1e300, frac, len = 0.0, xs[70], Ts[70], x = 0.0, k, dxl, G;
    for (PetscInt r = 0; r < nr && t[r] <= t_nip_end * (1 + 1e-12); r++) {
      peak  = PetscMax(peak, Tfs[r]);
      speak = PetscMax(speak, Tsurf[r]);
    }
    PetscCall(LamSummary(summary, "foil_side_peak_temperature_C", &v));
    Check("foil_side_peak_temperature_C = max of the history during contact", v, peak, 1e-12);
    PetscCall(LamSummary(summary, "time_above_melt_ms", &v));
    Check("time_above_melt_ms = time the history spends above T_m in contact", v, TimeAbove(nr, t, Tfs, t_nip_end),
          1e-9);
    if (!strcmp(group, "/hot_lamination")) {
      PetscCall(LamSummary(summary, "surface_peak_temperature_C", &v));
      Check("surface_peak_temperature_C = max of the history during contact", v, speak, 1e-12);
    }
    /* molten fraction at the end of the nip: straight lines through the interface, the layer cell centres
     * and the roll-side surface (surface from flux continuity with the roll) */
    k     = h->k_fixed > 0 ? h->k_fixed : Lichtenecker(h->eps_nip, AirThermalConductivity(0.5 * (h->T0 + h->T_roll)));
    dxl   = h->h_nip / h->nl;
    G     = 2 * k / dxl;
    xs[0] = 0.0;
    Ts[0] = (2 * K_FOIL / (D_FOIL / h->nf) * pT[s_nip_end * ncell + h->nf - 1] + G * pT[s_nip_end * ncell + h->nf]) /
            (2 * K_FOIL / (D_FOIL / h->nf) + G);
    for (PetscInt j = 0; j < h->nl; j++) {
      xs[j + 1] = x + 0.5 * dxl;
      Ts[j + 1] = pT[s_nip_end * ncell + h->nf + j];
      x += dxl;
    }
    xs[h->nl + 1] = h->h_nip;
    Ts[h->nl + 1] = (h->h_c * (T_roll_nip - 273.15) + G * Ts[h->nl]) / (h->h_c + G);
    for (PetscInt j = 0; j < h->nl + 1; j++) {
      PetscReal a = Ts[j] - 175.0, b = Ts[j + 1] - 175.0, d = xs[j + 1] - xs[j];
      if (a >= 0 && b >= 0)
        len += d;
      else if (a >= 0)
        len += d * a / (a - b);
      else if (b >= 0)
        len += d * b / (b - a);
    }
    frac = len / h->h_nip;
    PetscCall(LamSummary(summary, "molten_fraction", &v));
    CheckAbs("molten_fraction from the end-of-nip profile", v, frac, 1e-9);
  }
#undef RD
  PetscFunctionReturn(0);
}

/* The heat items of a run with an adiabatic foil side in the nip, from the written profiles of the web mean:
 * Q_pre = sum_i C_i (T_i(end of pre-heat) - T0), Q_nip = sum_i C_i (T_i(end of nip) - T_i(end of pre-heat)),
 * C_i = C_foil/n_f for the foil cells and m c_s/n_l for the layer cells; items = max(Q, 0)/eta_heat and a
 * negative Q (a colder roll takes heat back) is the balance's "out". */
static PetscErrorCode CheckHeatFromProfiles(const char *file, const Hand *h, Ledger l, Summary s)
{
  static PetscReal pT[64 * 64];
  PetscInt         nT, ncell = h->nf + h->nl, s_pre = h->preheat ? 3 : 0, s_nip = 1 + (h->preheat ? 3 : 0) + 3;
  PetscReal        Qpre = 0.0, Qnip = 0.0, e, err, in, out, stored;
  PetscBool        found;
  PetscFunctionBeginUser;
  printf("  heat items from the written profiles (adiabatic foil side)\n");
  PetscCall(LamReadH5(file, "/hot_lamination/profile_temperature_C", 64 * 64, pT, &nT));
  for (PetscInt i = 0; i < ncell; i++) {
    PetscReal C = i < h->nf ? C_FOIL / h->nf : h->C_layer / h->nl;
    Qpre += C * (pT[s_pre * ncell + i] - pT[i]);
    Qnip += C * (pT[s_nip * ncell + i] - pT[s_pre * ncell + i]);
  }
  printf("    Q_pre %.6f J/m2, Q_nip %.6f J/m2\n", Qpre, Qnip);
  PetscCall(LamItem(l, "hot-roll heating", &e, NULL, NULL, &found));
  Check("hot-roll heating = max(Q_nip, 0) / eta_heat", e, PetscMax(Qnip, 0.0) / h->eta_h, 1e-9);
  if (h->preheat) {
    PetscCall(LamItem(l, "substrate pre-heating", &e, NULL, NULL, &found));
    CheckAbs("substrate pre-heating = max(Q_pre, 0) / eta_heat", e, PetscMax(Qpre, 0.0) / h->eta_h,
             1e-9 * PetscAbsReal(Qpre));
  }
  PetscCall(LamBalance(s, "energy", &err, &in, &out, &stored));
  CheckAbs("balance out = heat taken back by colder rolls, max(-Q_pre, 0) + max(-Q_nip, 0)", out,
           PetscMax(-Qpre, 0.0) + PetscMax(-Qnip, 0.0), 1e-9 * (PetscAbsReal(Qpre) + PetscAbsReal(Qnip)));
  CheckAbs("balance in = max(Q_pre, 0) + max(Q_nip, 0)", in, PetscMax(Qpre, 0.0) + PetscMax(Qnip, 0.0),
           1e-9 * (PetscAbsReal(Qpre) + PetscAbsReal(Qnip)));
  CheckAbs("balance stored = Q_pre + Q_nip", stored, Qpre + Qnip, 1e-9 * (PetscAbsReal(Qpre) + PetscAbsReal(Qnip)));
  PetscFunctionReturn(0);
}

/* ---- the view (a report to the engineer: its numbers are results as well) ---- */
static PetscErrorCode ReadText(const char *file, char *buf, size_t len)
{
  FILE  *fp = fopen(file, "r");
  size_t n;
  PetscFunctionBeginUser;
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot open %s", file);
  n      = fread(buf, 1, len - 1, fp);
  buf[n] = 0;
  fclose(fp);
  PetscFunctionReturn(0);
}

/* The numbers of the view line that starts with (or contains) key, read with fmt (doubles only). */
static int ViewNumbers(const char *text, const char *key, const char *fmt, int n, double *a)
{
  const char *p = strstr(text, key);
  int         got;
  if (p) {
    while (p > text && p[-1] != '\n') p--;
    while (*p == ' ') p++;
  }
  if (!p) {
    printf("    view: no line with '%s' FAIL\n", key);
    fails++;
    return 0;
  }
  got = sscanf(p, fmt, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5]);
  if (got != n) {
    printf("    view: '%s' gave %d of %d numbers FAIL\n", key, got, n);
    fails++;
    return 0;
  }
  return 1;
}

/* A printed number against the hand value: within half a unit of the last printed digit. */
static void CheckPrinted(const char *what, double printed, double want, int decimals)
{
  CheckAbs(what, printed, want, 0.5 * pow(10.0, -decimals) * 1.0001 + 1e-9 * fabs(want));
}

static PetscErrorCode CheckView(const char *file, const Hand *h, const HeatHand *hh, PetscReal P_losses, Summary s)
{
  static char text[16384];
  double      a[6];
  PetscReal   molten, above;
  PetscFunctionBeginUser;
  printf("  view\n");
  PetscCall(ReadText(file, text, sizeof(text)));
  PetscCall(LamSummary(s, "molten_fraction", &molten));
  PetscCall(LamSummary(s, "time_above_melt_ms", &above));
  if (ViewNumbers(text, "hot_lamination: roll", "hot_lamination: roll %lf mm at %lf C, %lf N/mm, line %lf m/min", 4,
                  a)) {
    CheckPrinted("roll diameter mm", a[0], h->D * 1e3, 0);
    CheckPrinted("roll temperature C", a[1], h->T_roll - 273.15, 0);
    CheckPrinted("line load N/mm", a[2], h->q_L * 1e-3, 0);
    CheckPrinted("line speed m/min", a[3], h->U * 60, 1);
  }
  if (ViewNumbers(text, "nip contact",
                  "nip contact %lf mm -> %lf ms; through-layer diffusion time h^2/alpha %lf ms (Fourier number %lf)", 4,
                  a)) {
    CheckPrinted("contact length mm", a[0], h->Lc * 1e3, 2);
    CheckPrinted("contact time ms", a[1], h->tc * 1e3, 2);
    CheckPrinted("diffusion time h^2/alpha = m c_s h_nip / k (ms)", a[2], h->m * CP_S * h->h_nip / h->k_nip * 1e3, 1);
    CheckPrinted("Fourier number", a[3], h->fourier, 3);
  }
  if (h->preheat &&
      ViewNumbers(text, "pre-heat wrap", "pre-heat wrap %lf mm at %lf C: %lf ms, %lf J/m2 into the web", 4, a)) {
    CheckPrinted("wrap mm", a[0], h->wrap * 1e3, 0);
    CheckPrinted("pre-heat roll C", a[1], h->T_pre - 273.15, 0);
    CheckPrinted("pre-heat time ms", a[2], h->t_pre * 1e3, 1);
    CheckPrinted("pre-heat J/m2", a[3], hh->pre, 0);
  }
  if (ViewNumbers(text, "um, porosity", "layer %lf -> %lf um, porosity %lf -> %lf; conductivity %lf", 5, a)) {
    CheckPrinted("layer in um", a[0], h->h_in * 1e6, 1);
    CheckPrinted("layer out um", a[1], h->h_out * 1e6, 1);
    CheckPrinted("porosity in", a[2], h->eps0, 3);
    CheckPrinted("porosity out", a[3], h->eps1, 3);
    CheckPrinted("conductivity W/(m K)", a[4], h->k_nip, 3);
  }
  if (ViewNumbers(text, "binder melts at",
                  "binder melts at %lf C: foil-side peak %lf C (%*[^)]), molten fraction %lf at the end of the nip, "
                  "%lf ms above",
                  4, a)) {
    CheckPrinted("melting point C", a[0], 175.0, 0);
    CheckPrinted("foil-side peak C", a[1], hh->foil_side_peak - 273.15, 1);
    CheckPrinted("molten fraction (summary)", a[2], molten, 2);
    CheckPrinted("ms above the melting point (summary)", a[3], above, 2);
  }
  if (ViewNumbers(text, "heat into the web",
                  "heat into the web %lf J/m2 (hot roll %lf, counter roll %lf, pre-heat %lf); roll losses %lf W; "
                  "compaction work %lf J/m2",
                  6, a)) {
    CheckPrinted("heat into the web J/m2", a[0], hh->pre + hh->hot, 0);
    if (h->counter)
      CheckAbs("hot roll + counter roll J/m2", a[1] + a[2], hh->hot, 1.0001);
    else {
      CheckPrinted("hot roll J/m2", a[1], hh->hot, 0);
      CheckPrinted("counter roll J/m2", a[2], 0.0, 0);
    }
    CheckPrinted("pre-heat J/m2", a[3], hh->pre, 0);
    CheckPrinted("roll losses W (all rolls)", a[4], P_losses, 0);
    CheckPrinted("compaction work J/m2", a[5], h->Wc, 1);
  }
  if (ViewNumbers(text, "conduction:", "conduction: %lf + %lf cells", 2, a)) {
    Check("foil cells", a[0], h->nf, 0);
    Check("layer cells", a[1], h->nl, 0);
  }
  PetscFunctionReturn(0);
}

/* Power (W) of the free roll faces. */
static PetscReal RollPower(const Hand *h, PetscReal D, PetscReal covered, PetscReal T)
{
  return RollLoss(h, D, covered, T) * WIDTH * h->U * h->eta_h;
}

int main(int argc, char **argv)
{
  char        dir[PETSC_MAX_PATH_LEN] = ".", file[PETSC_MAX_PATH_LEN], materials[PETSC_MAX_PATH_LEN] = "materials.cfg";
  Summary     s, s2;
  Ledger      l, l2;
  PetscBool   act;
  Hand        h, h2;
  HeatHand    hh;
  LamWeb      uniform = LAM_WEB_DEFAULT;
  const char *slow[]  = {"process.line_speed_m_per_min=0.5", "hot_lamination.elastic_contact_width_mm=30",
                         "hot_lamination.contact_conductance_W_per_m2K=1e6"};
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-dir", dir, sizeof(dir), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-materials", materials, sizeof(materials), NULL));
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/lam_case.cfg", dir));
  PetscCall(CaseRegisterAllKeys());
  uniform.amplitude = 0.0;
  /* the slow nip of runs A-D: U = 0.5 m/min, b_el = 30 mm, h_c = 1e6 W/(m2 K) */
#define SLOW(hand)                                                                                                     \
  do {                                                                                                                 \
    (hand)->U    = 0.5 / 60.0;                                                                                         \
    (hand)->b_el = 0.030;                                                                                              \
    (hand)->h_c  = 1e6;                                                                                                \
  } while (0)

  printf("A. slow nip, adiabatic foil side, thermal roll heating (eta 0.8), 700 mm roll face, roll 200 C\n");
  printf("   hand: rho_s = 1/(0.96/4750 + 0.02/1800 + 0.02/1780) = %.6f kg/m3, c_s = %.1f J/(kg K),\n", RHO_S, CP_S);
  {
    const char *sets[] = {slow[0],
                          slow[1],
                          slow[2],
                          "hot_lamination.roll_heating=thermal",
                          "hot_lamination.heater_efficiency=0.8",
                          "hot_lamination.roll_face_width_mm=700"};
    Defaults(&h);
    SLOW(&h);
    h.eta_h = 0.8;
    h.face  = 0.7;
    Derive(&h);
    printf("   C_tot = 0.2 c_s + 2700 x 897 x 15e-6 = %.4f J/(m2 K); hot-roll heating = C_tot x 175 K / 0.8\n",
           h.C_tot);
    printf("   L_c = sqrt(0.15 x %.6e) + 0.030 = %.8f m, t_c = %.6f s, W_c = %.6f J/m2\n", h.dh, h.Lc, h.tc, h.Wc);
    PetscCall(LamRunStage(file, materials, 6, sets, &uniform, "ledger_A.h5", "ledger_A_view.txt", &s, &l, &act));
    PetscCall(CheckRun(&h, HEAT_EQUILIBRIUM, s, l, &hh));
    PetscCall(CheckRegime(s, act, 1, PETSC_TRUE));
    PetscCall(CheckFields("ledger_A.h5", "/hot_lamination", &h, h.T_roll, s));
    PetscCall(CheckView("ledger_A_view.txt", &h, &hh, RollPower(&h, h.D, h.Lc, h.T_roll), s));
    {
      const LedgerEntry *e;
      PetscCall(LedgerGetEntry(l, 0, &e));
      printf("    note: %s\n", e->note);
      Check("hot-roll heating note: Q_top = C_tot x 175 K = 31214 J/m2, floor 4.0 g/m2 of binder",
            !strcmp(e->item, "hot-roll heating") &&
                !strcmp(e->note,
                        "heat conducted into the web in the nip (31214 J/m2); floor: melting 4.0 g/m2 of binder"),
            1, 0);
    }
    {
      PetscInt n;
      PetscCall(LamReadH5("ledger_A.h5", "/hot_lamination/cross_web_cell", 1, &h2.U, &n));
      Check("uniform web: only the web mean is solved (cross_web_cell -1)", h2.U, -1, 0);
      Check("  and no /hot_lamination/slowest_cell group", LamH5Exists("ledger_A.h5", "/hot_lamination/slowest_cell"),
            0, 0);
    }

    printf("A'. roll 220 C instead of 200 C: hot-roll heating + C_tot x 20 K / 0.8, losses by the hand difference\n");
    {
      const char *sets2[] = {slow[0],
                             slow[1],
                             slow[2],
                             "hot_lamination.roll_heating=thermal",
                             "hot_lamination.heater_efficiency=0.8",
                             "hot_lamination.roll_face_width_mm=700",
                             "hot_lamination.roll_temperature_C=220"};
      PetscReal   e1, e2;
      PetscBool   f1, f2;
      h2        = h;
      h2.T_roll = 220.0 + 273.15;
      Derive(&h2);
      PetscCall(LamRunStage(file, materials, 7, sets2, &uniform, NULL, "ledger_A2_view.txt", &s2, &l2, &act));
      PetscCall(CheckRun(&h2, HEAT_EQUILIBRIUM, s2, l2, NULL));
      PetscCall(LamItem(l, "hot-roll heating", &e1, NULL, NULL, &f1));
      PetscCall(LamItem(l2, "hot-roll heating", &e2, NULL, NULL, &f2));
      Check("hot-roll heating rises by C_tot x 20 K / 0.8 = 4459.2125 J/m2", e2 - e1, h.C_tot * 20.0 / 0.8, 1e-6);
      PetscCall(LamItem(l, "hot-roll surface losses", &e1, NULL, NULL, &f1));
      PetscCall(LamItem(l2, "hot-roll surface losses", &e2, NULL, NULL, &f2));
      Check("hot-roll losses rise by the hand difference", e2 - e1,
            RollLoss(&h2, h.D, h2.Lc, h2.T_roll) - RollLoss(&h, h.D, h.Lc, h.T_roll), 1e-6);
      PetscCall(SummaryDestroy(&s2));
      PetscCall(LedgerDestroy(&l2));
    }
    printf("A''. line load 100 N/mm instead of 50: lower porosity and thickness, more compaction work, by hand\n");
    {
      const char *sets2[] = {slow[0],
                             slow[1],
                             slow[2],
                             "hot_lamination.roll_heating=thermal",
                             "hot_lamination.heater_efficiency=0.8",
                             "hot_lamination.roll_face_width_mm=700",
                             "hot_lamination.line_load_N_per_mm=100"};
      PetscReal   v1, v2, e1, e2;
      PetscBool   f1, f2;
      h2     = h;
      h2.q_L = 100e3;
      Derive(&h2);
      PetscCall(LamRunStage(file, materials, 7, sets2, &uniform, NULL, "ledger_A3_view.txt", &s2, &l2, &act));
      PetscCall(CheckRun(&h2, HEAT_EQUILIBRIUM, s2, l2, NULL));
      PetscCall(LamSummary(s, "laminated_porosity", &v1));
      PetscCall(LamSummary(s2, "laminated_porosity", &v2));
      Check("porosity falls by 0.4 (exp(-1/6) - exp(-1/3)) = 0.051985", v1 - v2, 0.4 * (exp(-1.0 / 6) - exp(-1.0 / 3)),
            1e-9);
      PetscCall(LamSummary(s, "laminated_thickness_um", &v1));
      PetscCall(LamSummary(s2, "laminated_thickness_um", &v2));
      Check("thickness falls by m/rho_s (1/(1-eps1(50)) - 1/(1-eps1(100))) (um)", v1 - v2, (h.h_out - h2.h_out) * 1e6,
            1e-9);
      PetscCall(LamItem(l, "compaction work", &e1, NULL, NULL, &f1));
      PetscCall(LamItem(l2, "compaction work", &e2, NULL, NULL, &f2));
      Check("compaction work rises to 100e3 sqrt(dh(100)/R)", e2 - e1, h2.Wc - h.Wc, 1e-6);
      PetscCall(SummaryDestroy(&s2));
      PetscCall(LedgerDestroy(&l2));
    }
    printf("A3. activation margin: the foil side reaches 200 C, so a margin of 20 K activates and one of 30 K does "
           "not\n");
    for (int i = 0; i < 2; i++) {
      const char *sets2[] = {slow[0], slow[1], slow[2],
                             i ? "hot_lamination.activation_margin_K=30" : "hot_lamination.activation_margin_K=20"};
      PetscCall(LamRunStage(file, materials, 4, sets2, &uniform, NULL, "ledger_A4_view.txt", &s2, &l2, &act));
      PetscCall(CheckRegime(s2, act, i ? 0 : 1, i ? PETSC_FALSE : PETSC_TRUE));
      PetscCall(SummaryDestroy(&s2));
      PetscCall(LedgerDestroy(&l2));
    }
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("B. pre-heated substrate, web arriving at 180 C (above the PVDF melting point), pre-heat 195 C, roll 200 C\n");
  printf("   hand: pre-heating = C_tot x 15 K, hot roll = C_tot x 5 K, floor = 4 g/m2 x 50 kJ/kg (no sensible part)\n");
  {
    const char *sets[] = {slow[0],
                          slow[1],
                          slow[2],
                          "hot_lamination.preheat=true",
                          "hot_lamination.preheat_roll_temperature_C=195",
                          "hot_lamination.preheat_wrap_length_mm=600",
                          "hot_lamination.preheat_roll_diameter_mm=300",
                          "hot_lamination.preheat_contact_conductance_W_per_m2K=1e5",
                          "hot_lamination.drive_efficiency=0.7",
                          "hot_lamination.relaxation_time_ms=20",
                          "hot_lamination.roll_heating=thermal",
                          "hot_lamination.heater_efficiency=0.85"};
    LamWeb      hotweb = uniform;
    hotweb.T_web_C     = 180.0;
    Defaults(&h);
    SLOW(&h);
    h.T0      = 180.0 + 273.15;
    h.preheat = PETSC_TRUE;
    h.T_pre   = 195.0 + 273.15;
    h.wrap    = 0.6;
    h.D_pre   = 0.3;
    h.h_pre   = 1e5;
    h.eta_d   = 0.7;
    h.eta_h   = 0.85;
    h.t_relax = 0.020;
    Derive(&h);
    PetscCall(LamRunStage(file, materials, 12, sets, &hotweb, "ledger_B.h5", "ledger_B_view.txt", &s, &l, &act));
    PetscCall(CheckRun(&h, HEAT_EQUILIBRIUM, s, l, &hh));
    PetscCall(CheckRegime(s, act, 3, PETSC_TRUE));
    {
      PetscReal v;
      PetscCall(LamSummary(s, "time_above_melt_ms", &v));
      Check("time_above_melt_ms = (wrap + L_c)/U: the foil side never drops below T_m", v, (h.t_pre + h.tc) * 1e3,
            1e-9);
    }
    PetscCall(CheckFields("ledger_B.h5", "/hot_lamination", &h, h.T_roll, s));
    PetscCall(CheckHeatFromProfiles("ledger_B.h5", &h, l, s));
    PetscCall(CheckView("ledger_B_view.txt", &h, &hh,
                        RollPower(&h, h.D, h.Lc, h.T_roll) + RollPower(&h, h.D_pre, h.wrap, h.T_pre), s));
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("C. heated counter roll (400 mm) at the hot-roll temperature 200 C\n");
  {
    const char *sets[] = {slow[0],
                          slow[1],
                          slow[2],
                          "hot_lamination.foil_side=roll",
                          "hot_lamination.foil_roll_temperature_C=200",
                          "hot_lamination.foil_roll_diameter_mm=400",
                          "hot_lamination.roll_emissivity=0.6",
                          "hot_lamination.roll_convection_W_per_m2K=25",
                          "hot_lamination.roll_heating=thermal",
                          "hot_lamination.heater_efficiency=0.9"};
    Defaults(&h);
    SLOW(&h);
    h.counter = PETSC_TRUE;
    h.T_f     = 200.0 + 273.15;
    h.D_f     = 0.4;
    h.emis    = 0.6;
    h.h_conv  = 25.0;
    h.eta_h   = 0.9;
    Derive(&h);
    PetscCall(LamRunStage(file, materials, 10, sets, &uniform, NULL, "ledger_C_view.txt", &s, &l, &act));
    PetscCall(CheckRun(&h, HEAT_EQUILIBRIUM, s, l, &hh));
    PetscCall(CheckView("ledger_C_view.txt", &h, &hh,
                        RollPower(&h, h.D, h.Lc, h.T_roll) + RollPower(&h, h.D_f, h.Lc, h.T_f), s));
    PetscCall(CheckRegime(s, act, 3, PETSC_TRUE));
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("D. cold counter roll at ambient (25 C), layer conductivity 0.25 W/(m K): steady conduction in the nip\n");
  {
    const char *sets[] = {slow[0],
                          slow[1],
                          slow[2],
                          "hot_lamination.foil_side=roll",
                          "hot_lamination.foil_roll_temperature_C=25",
                          "hot_lamination.layer_conductivity_W_per_mK=0.25",
                          "hot_lamination.roll_temperature_C=300",
                          "hot_lamination.binder_latent_heat_kJ_per_kg=80"};
    PetscReal   Ts, Tl, Ti, Tf, in, out, stored, err;
    Defaults(&h);
    SLOW(&h);
    h.counter = PETSC_TRUE;
    h.T_f     = 298.15;
    h.k_fixed = 0.25;
    h.T_roll  = 300.0 + 273.15;
    h.L_f     = 80e3;
    Derive(&h);
    SteadyProfile(&h, &Ts, &Tl, &Ti, &Tf);
    printf("   hand: q = (T_r - T_f)/(1/h_c + h_nip/k + d_f/k_f + 1/h_f); surface %.6f C, interface %.6f C\n",
           Ts - 273.15, Ti - 273.15);
    PetscCall(LamRunStage(file, materials, 8, sets, &uniform, NULL, "ledger_D_view.txt", &s, &l, &act));
    PetscCall(CheckRun(&h, HEAT_STEADY, s, l, &hh));
    PetscCall(CheckRegime(s, act, Ti >= T_MELT ? 1 : 0, Ti >= T_MELT ? PETSC_TRUE : PETSC_FALSE));
    PetscCall(LamBalance(s, "energy", &err, &in, &out, &stored));
    Check("heat leaves through the cold counter roll: out > 0", out > 0, 1, 0);
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("D2. hot counter roll 184.5 C, top roll 100 C, k 0.25: steady; only a skin at the foil melts (crossing in the "
         "first half cell)\n");
  {
    const char *sets[] = {slow[0],
                          slow[1],
                          slow[2],
                          "hot_lamination.foil_side=roll",
                          "hot_lamination.foil_roll_temperature_C=184.5",
                          "hot_lamination.layer_conductivity_W_per_mK=0.25",
                          "hot_lamination.roll_temperature_C=100"};
    PetscReal   Ts, Tl, Ti, Tf, v;
    Defaults(&h);
    SLOW(&h);
    h.counter = PETSC_TRUE;
    h.T_f     = 184.5 + 273.15;
    h.k_fixed = 0.25;
    h.T_roll  = 100.0 + 273.15;
    Derive(&h);
    SteadyProfile(&h, &Ts, &Tl, &Ti, &Tf);
    printf("   hand: surface %.6f C, interface %.6f C\n", Ts - 273.15, Ti - 273.15);
    PetscCall(LamRunStage(file, materials, 7, sets, &uniform, NULL, "ledger_D2_view.txt", &s, &l, &act));
    PetscCall(CheckRun(&h, HEAT_STEADY, s, l, &hh));
    PetscCall(CheckRegime(s, act, 3, PETSC_TRUE));
    PetscCall(LamSummary(s, "molten_fraction", &v));
    Check("molten skin at the foil within the first half cell: 0 < fraction < 1/80", v > 0 && v < 1.0 / 80, 1, 0);
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("H. web pre-heated to ~300 C (wrap 600 mm, h 1e5), then a 20 C roll: the roll takes heat back and a cold skin "
         "forms at the surface\n");
  {
    const char *sets[] = {"hot_lamination.preheat=true", "hot_lamination.preheat_roll_temperature_C=300",
                          "hot_lamination.preheat_wrap_length_mm=600",
                          "hot_lamination.preheat_contact_conductance_W_per_m2K=1e5",
                          "hot_lamination.roll_temperature_C=20"};
    PetscReal   v;
    Defaults(&h);
    h.preheat = PETSC_TRUE;
    h.T_pre   = 300.0 + 273.15;
    h.wrap    = 0.6;
    h.h_pre   = 1e5;
    h.T_roll  = 20.0 + 273.15;
    Derive(&h);
    PetscCall(LamRunStage(file, materials, 5, sets, &uniform, "ledger_H.h5", "ledger_H_view.txt", &s, &l, &act));
    PetscCall(CheckFields("ledger_H.h5", "/hot_lamination", &h, h.T_roll, s));
    PetscCall(CheckHeatFromProfiles("ledger_H.h5", &h, l, s));
    PetscCall(LamSummary(s, "molten_fraction", &v));
    Check("a cold skin at the roll: 0.5 < molten_fraction < 1", v > 0.5 && v < 1.0, 1, 0);
    {
      PetscReal e;
      PetscBool f;
      PetscCall(LamItem(l, "hot-roll surface losses", &e, NULL, NULL, &f));
      Check("a roll at 20 C in a 25 C hall loses nothing: surface losses 0 (hand loss < 0)",
            f && e == 0.0 && RollLoss(&h, h.D, h.Lc, h.T_roll) < 0, 1, 0);
    }
    PetscCall(CheckRegime(s, act, 3, PETSC_TRUE));
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("I. pre-heat 220 C, then a cold counter roll (20 C) under the foil in the nip: the foil side melts in the "
         "pre-heat and freezes again in the nip\n");
  {
    const char      *sets[] = {"hot_lamination.preheat=true", "hot_lamination.preheat_roll_temperature_C=220",
                               "hot_lamination.preheat_wrap_length_mm=150", "hot_lamination.foil_side=roll",
                               "hot_lamination.foil_roll_temperature_C=20"};
    PetscReal        v, t_nip_ms;
    PetscInt         n;
    static PetscReal t[NMAX], Tfs[NMAX];
    Defaults(&h);
    h.preheat = PETSC_TRUE;
    h.T_pre   = 220.0 + 273.15;
    h.wrap    = 0.15;
    h.counter = PETSC_TRUE;
    h.T_f     = 20.0 + 273.15;
    Derive(&h);
    PetscCall(LamRunStage(file, materials, 5, sets, &uniform, "ledger_I.h5", "ledger_I_view.txt", &s, &l, &act));
    PetscCall(CheckFields("ledger_I.h5", "/hot_lamination", &h, h.T_roll, s));
    PetscCall(LamReadH5("ledger_I.h5", "/hot_lamination/time_ms", NMAX, t, &n));
    PetscCall(LamReadH5("ledger_I.h5", "/hot_lamination/foil_side_temperature_C", NMAX, Tfs, &n));
    t_nip_ms = (h.t_pre + h.tc) * 1e3;
    for (PetscInt r = 0; r < n && t[r] <= t_nip_ms * (1 + 1e-12); r++) v = Tfs[r];
    printf("    foil side at the end of the nip %.3f C\n", v);
    Check("the foil side ends the nip below T_m (a falling crossing in contact)", v < 175.0, 1, 0);
    PetscCall(LamSummary(s, "time_above_melt_ms", &v));
    Check("time above melting: 0 < t < the contact time", v > 0 && v < t_nip_ms, 1, 0);
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("J. web arriving at 180 C on a 150 C pre-heat roll (it cools the web), then a 200 C roll\n");
  {
    const char *sets[] = {"hot_lamination.preheat=true", "hot_lamination.preheat_roll_temperature_C=150",
                          "hot_lamination.preheat_wrap_length_mm=150"};
    LamWeb      hotweb = uniform;
    PetscReal   e, mn;
    PetscBool   f;
    hotweb.T_web_C = 180.0;
    Defaults(&h);
    h.T0      = 180.0 + 273.15;
    h.preheat = PETSC_TRUE;
    h.T_pre   = 150.0 + 273.15;
    h.wrap    = 0.15;
    Derive(&h);
    PetscCall(LamRunStage(file, materials, 3, sets, &hotweb, "ledger_J.h5", "ledger_J_view.txt", &s, &l, &act));
    PetscCall(CheckHeatFromProfiles("ledger_J.h5", &h, l, s));
    PetscCall(LamItem(l, "substrate pre-heating", &e, &mn, NULL, &f));
    Check("pre-heating books nothing when the roll cools the web", f && e == 0.0, 1, 0);
    PetscCall(LamItem(l, "hot-roll heating", &e, &mn, NULL, &f));
    Check("  the melting floor (latent heat only, web above T_m) goes to the hot roll", mn, M_BINDER_LATENT(h), 1e-12);
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("K. counter roll at the hall temperature, 0.52 K and 5.2 K above: its items are booked above 0.5 K, the "
         "substrate counts as heated (regime 2) above 5 K\n");
  for (int i = 0; i < 3; i++) {
    const char *T[3]   = {"hot_lamination.foil_roll_temperature_C=25", "hot_lamination.foil_roll_temperature_C=25.52",
                          "hot_lamination.foil_roll_temperature_C=30.2"};
    const char *sets[] = {"hot_lamination.foil_side=roll", T[i]};
    PetscInt    n;
    char        what[96];
    PetscCall(LamRunStage(file, materials, 2, sets, &uniform, NULL, "ledger_K_view.txt", &s, &l, &act));
    PetscCall(LedgerGetSize(l, &n));
    PetscCall(PetscSNPrintf(what, sizeof(what), "  %s: %d items", T[i] + 39, i ? 6 : 4));
    Check(what, n, i ? 6 : 4, 0);
    PetscCall(CheckRegime(s, act, i == 2 ? 2 : 0, PETSC_FALSE));
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("F2. one cross-web cell more porous (0.65 instead of 0.6, same mass): thicker and less conductive, it is the "
         "slowest (largest h m c_s / k)\n");
  {
    LamWeb    pw = LAM_WEB_DEFAULT;
    PetscReal cell;
    PetscInt  n;
    pw.profile       = 1;
    pw.amplitude     = 0.0;
    pw.bump_cell     = 11;
    pw.bump_porosity = 0.65;
    PetscCall(LamRunStage(file, materials, 0, NULL, &pw, "ledger_F2.h5", "ledger_F2_view.txt", &s, &l, &act));
    PetscCall(LamReadH5("ledger_F2.h5", "/hot_lamination/slowest_cell/cross_web_cell", 1, &cell, &n));
    Check("slowest cross-web cell = the porous cell 11 (h x 1.143, k x 0.79)", cell, 11, 0);
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("E. the fast nip of lam_case.cfg (40 m/min, h_c 1e4): far from equilibrium\n");
  {
    Defaults(&h);
    Derive(&h);
    PetscCall(LamRunStage(file, materials, 0, NULL, &uniform, "ledger_E.h5", "ledger_E_view.txt", &s, &l, &act));
    PetscCall(CheckRun(&h, HEAT_EXIT, s, l, &hh));
    PetscCall(CheckRegime(s, act, 0, PETSC_FALSE));
    PetscCall(CheckFields("ledger_E.h5", "/hot_lamination", &h, h.T_roll, s));
    PetscCall(CheckHeatFromProfiles("ledger_E.h5", &h, l, s));
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("G. fast nip with a 320 C roll and 8 layer cells: only a skin at the roll melts (crossing in the last half "
         "cell)\n");
  {
    const char *sets[] = {"hot_lamination.roll_temperature_C=320", "hot_lamination.layer_cells=8",
                          "hot_lamination.foil_cells=2", "hot_lamination.relaxation_time_ms=0"};
    PetscReal   v;
    Defaults(&h);
    h.T_roll  = 320.0 + 273.15;
    h.nl      = 8;
    h.nf      = 2;
    h.t_relax = 0.0;
    Derive(&h);
    PetscCall(LamRunStage(file, materials, 4, sets, &uniform, "ledger_G.h5", "ledger_G_view.txt", &s, &l, &act));
    PetscCall(CheckRun(&h, HEAT_EXIT, s, l, &hh));
    PetscCall(CheckFields("ledger_G.h5", "/hot_lamination", &h, h.T_roll, s));
    PetscCall(CheckHeatFromProfiles("ledger_G.h5", &h, l, s));
    PetscCall(LamSummary(s, "molten_fraction", &v));
    Check("a molten skin thinner than half a cell: 0 < molten_fraction < 1/16", v > 0 && v < 1.0 / 16, 1, 0);
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("F. pre-heat 220 C, roll 240 C, on a web with one cross-web cell 3 %% heavier (cell 7 of 24): it decides "
         "activation\n");
  {
    const char      *sets[] = {"hot_lamination.preheat=true", "hot_lamination.preheat_roll_temperature_C=220",
                               "hot_lamination.preheat_wrap_length_mm=150", "hot_lamination.roll_temperature_C=240"};
    LamWeb           bump   = LAM_WEB_DEFAULT;
    Hand             hs;
    PetscReal        cell, mean_peak, v, e;
    PetscInt         n;
    PetscBool        f;
    static PetscReal t[NMAX], Tfs[NMAX];
    bump.profile   = 1;
    bump.bump_cell = 7;
    Defaults(&h);
    h.preheat = PETSC_TRUE;
    h.T_pre   = 220.0 + 273.15;
    h.wrap    = 0.15;
    h.T_roll  = 240.0 + 273.15;
    h.m_mean  = M_AREAL * (1.0 + 0.03 / 24.0); /* the web mean */
    h.m       = h.m_mean;
    hs        = h;
    hs.m      = 1.03 * M_AREAL; /* the heavy cell */
    Derive(&h);
    Derive(&hs);
    PetscCall(LamRunStage(file, materials, 4, sets, &bump, "ledger_F.h5", "ledger_F_view.txt", &s, &l, &act));
    PetscCall(LamReadH5("ledger_F.h5", "/hot_lamination/slowest_cell/cross_web_cell", 1, &cell, &n));
    Check("slowest cross-web cell (largest h m c_s / k) = the heavy cell 7", cell, 7, 0);
    PetscCall(LamReadH5("ledger_F.h5", "/hot_lamination/time_ms", NMAX, t, &n));
    PetscCall(LamReadH5("ledger_F.h5", "/hot_lamination/foil_side_temperature_C", NMAX, Tfs, &n));
    mean_peak = -1e300;
    for (PetscInt r = 0; r < n && t[r] <= (h.t_pre + h.tc) * 1e3 * (1 + 1e-12); r++)
      mean_peak = PetscMax(mean_peak, Tfs[r]);
    PetscCall(LamSummary(s, "foil_side_peak_temperature_C", &v));
    printf("    foil-side peak: web mean %.4f C, heavy cell %.4f C\n", mean_peak, v);
    Check("the heavy cell's foil side stays cooler than the web mean's", v < mean_peak - 1e-3, 1, 0);
    PetscCall(CheckFields("ledger_F.h5", "/hot_lamination/slowest_cell", &hs, hs.T_roll, s));
    PetscCall(CheckFields("ledger_F.h5", "/hot_lamination", &h, h.T_roll, NULL));
    /* the ledger and the nip geometry use the web mean */
    PetscCall(LamItem(l, "compaction work", &e, NULL, NULL, &f));
    Check("compaction work from the web mean: q_L sqrt(dh(m_mean)/R)", e, h.Wc, 1e-9);
    PetscCall(LamSummary(s, "nip_contact_length_mm", &v));
    Check("nip_contact_length_mm from the web mean", v, h.Lc * 1e3, 1e-9);
    PetscCall(LamItem(l, "substrate pre-heating", &e, NULL, NULL, &f));
    PetscCall(LamItem(l, "hot-roll heating", &v, NULL, NULL, &f));
    {
      PetscReal T_exit;
      PetscCall(LamSummary(s, "web_exit_temperature_C", &T_exit));
      {
        PetscReal err, in, out, stored;
        PetscCall(LamBalance(s, "energy", &err, &in, &out, &stored));
        Check("no heat back into the 240 C roll (balance out < 1e-12 in)", out < 1e-12 * in, 1, 0);
      }
      Check("pre-heating + hot-roll heating = C_tot(m_mean) (T_exit - T0)", e + v, h.C_tot * (T_exit + 273.15 - h.T0),
            1e-9);
    }
    PetscCall(SummaryDestroy(&s));
    PetscCall(LedgerDestroy(&l));
  }

  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize());
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
