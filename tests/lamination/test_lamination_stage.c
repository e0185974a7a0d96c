/* The hot_lamination stage on a hand-built as-deposited powder web (NMC811/CB/PVDF, 20 mg/cm2,
 * porosity 0.6, +-3 % cross-web loading): activation trends with roll temperature and line speed,
 * the regimes (fast nip only: not activated; slow nip: activated; pre-heated substrate: activated),
 * and the energy and powder-mass closures of every run. */
#include "lam_stage_util.h"

typedef struct {
  PetscReal foil_peak, activated, regime, molten, contact_ms, eps, h_um, energy_err, mass_err, kWh, heat;
} Result;

static PetscErrorCode RunCase(const char *file, const char *materials, PetscInt nset, const char *const sets[],
                              const char *h5name, Result *r)
{
  Summary     summary;
  Ledger      ledger;
  PetscBool   activated;
  PetscMPIInt size;
  char        name[PETSC_MAX_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  if (h5name)
    PetscCall(PetscSNPrintf(name, sizeof(name), "%s_np%d.h5", h5name, size)); /* np1 and np2 runs may overlap */
  PetscCall(LamRunStage(file, materials, nset, sets, &LAM_WEB_DEFAULT, h5name ? name : NULL, NULL, &summary, &ledger,
                        &activated));
  if (h5name) PetscCall(LedgerView(ledger, 200.0, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(LamSummary(summary, "foil_side_peak_temperature_C", &r->foil_peak));
  PetscCall(LamSummary(summary, "binder_activated", &r->activated));
  PetscCall(LamSummary(summary, "lamination_regime", &r->regime));
  PetscCall(LamSummary(summary, "molten_fraction", &r->molten));
  PetscCall(LamSummary(summary, "nip_contact_time_ms", &r->contact_ms));
  PetscCall(LamSummary(summary, "laminated_porosity", &r->eps));
  PetscCall(LamSummary(summary, "laminated_thickness_um", &r->h_um));
  PetscCall(LamSummary(summary, "lamination_energy_kWh_per_m2", &r->kWh));
  PetscCall(LamBalance(summary, "energy", &r->energy_err, NULL, NULL, &r->heat));
  PetscCall(LamBalance(summary, "powder_mass", &r->mass_err, NULL, NULL, NULL));
  PetscCheck(activated == (r->activated > 0.5), PETSC_COMM_SELF, PETSC_ERR_PLIB, "web flag differs");
  PetscCall(SummaryDestroy(&summary));
  PetscCall(LedgerDestroy(&ledger));
  PetscFunctionReturn(0);
}

static int fails = 0;

static void Expect(int cond, const char *what)
{
  printf("  %-70s %s\n", what, cond ? "ok" : "FAIL");
  fails += !cond;
}

static void Closures(const Result *r)
{
  printf("    energy closure %.2e, powder-mass closure %.2e\n", (double) r->energy_err, (double) r->mass_err);
  Expect(r->energy_err >= 0 && r->energy_err < 1e-10, "energy closure < 1e-10");
  Expect(r->mass_err >= 0 && r->mass_err < 1e-10, "powder-mass closure < 1e-10");
}

int main(int argc, char **argv)
{
  char      dir[PETSC_MAX_PATH_LEN] = ".", file[PETSC_MAX_PATH_LEN], materials[PETSC_MAX_PATH_LEN] = "materials.cfg";
  Result    r, prev;
  PetscBool quick = PETSC_FALSE;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-dir", dir, sizeof(dir), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-materials", materials, sizeof(materials), NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-quick", &quick, NULL)); /* regimes and closures only (MPI run) */
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/lam_case.cfg", dir));
  PetscCall(CaseRegisterAllKeys());

  printf("1. fast nip only (40 m/min, roll 200 C, cold counter roll)\n");
  PetscCall(RunCase(file, materials, 0, NULL, "lamination_fast", &r));
  printf("    contact %.2f ms, foil-side peak %.1f C, molten fraction %.3f, porosity %.3f, %.1f um, %.2e kWh/m2\n",
         (double) r.contact_ms, (double) r.foil_peak, (double) r.molten, (double) r.eps, (double) r.h_um,
         (double) r.kWh);
  Expect(r.activated == 0 && r.regime == 0, "not activated, regime 0 (nip only, too short)");
  Expect(PetscAbsReal(r.eps - (0.2 + 0.4 * PetscExpReal(-50.0 / 300.0))) < 1e-12, "porosity from the compaction law");
  Closures(&r);

  printf("2. slow nip only (0.5 m/min, roll 250 C)\n");
  {
    const char *sets[] = {"process.line_speed_m_per_min=0.5", "hot_lamination.roll_temperature_C=250"};
    PetscCall(RunCase(file, materials, 2, sets, NULL, &r));
  }
  printf("    contact %.2f ms, foil-side peak %.1f C, molten fraction %.3f\n", (double) r.contact_ms,
         (double) r.foil_peak, (double) r.molten);
  Expect(r.activated == 1 && r.regime == 1, "activated, regime 1 (nip only, melts)");
  Closures(&r);

  printf("3. pre-heated substrate at 40 m/min (wrap 600 mm at 220 C)\n");
  {
    const char *sets[] = {"hot_lamination.preheat=true", "hot_lamination.preheat_roll_temperature_C=220",
                          "hot_lamination.preheat_wrap_length_mm=600"};
    PetscCall(RunCase(file, materials, 3, sets, "lamination_preheat", &r));
  }
  printf("    foil-side peak %.1f C, heat into the web %.0f J/m2, %.2e kWh/m2\n", (double) r.foil_peak, (double) r.heat,
         (double) r.kWh);
  Expect(r.activated == 1 && r.regime == 3, "activated, regime 3 (substrate heated, melts)");
  Closures(&r);

  if (!quick) printf("4. trend with the roll temperature (1 m/min)\n");
  for (PetscInt i = 0; i < (quick ? 0 : 4); i++) {
    char        s1[64];
    const char *sets[2] = {"process.line_speed_m_per_min=1", s1};
    PetscCall(PetscSNPrintf(s1, sizeof(s1), "hot_lamination.roll_temperature_C=%d", (int) (150 + 50 * i)));
    PetscCall(RunCase(file, materials, 2, sets, NULL, &r));
    printf("    roll %3d C: foil-side peak %.1f C, activated %d\n", (int) (150 + 50 * i), (double) r.foil_peak,
           (int) r.activated);
    if (i) Expect(r.foil_peak > prev.foil_peak && r.activated >= prev.activated, "hotter roll: hotter foil side");
    if (i == 0) Expect(r.activated == 0, "roll below the PVDF melting point: not activated");
    if (i == 3) Expect(r.activated == 1, "roll at 300 C: activated");
    Closures(&r);
    prev = r;
  }
  if (!quick) printf("5. trend with the line speed (roll 250 C)\n");
  for (PetscInt i = 0; i < (quick ? 0 : 4); i++) {
    const double speeds[4] = {40, 10, 2, 0.5};
    char         s1[64];
    const char  *sets[2] = {s1, "hot_lamination.roll_temperature_C=250"};
    PetscCall(PetscSNPrintf(s1, sizeof(s1), "process.line_speed_m_per_min=%g", speeds[i]));
    PetscCall(RunCase(file, materials, 2, sets, NULL, &r));
    printf("    %5.1f m/min: contact %.2f ms, foil-side peak %.1f C, activated %d\n", speeds[i], (double) r.contact_ms,
           (double) r.foil_peak, (int) r.activated);
    if (i) Expect(r.foil_peak > prev.foil_peak && r.activated >= prev.activated, "slower line: hotter foil side");
    Closures(&r);
    prev = r;
  }
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize());
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
