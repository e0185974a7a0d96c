/* The hot_lamination stage on a hand-built as-deposited powder web (NMC811/CB/PVDF, 20 mg/cm2,
 * porosity 0.6, +-3 % cross-web loading): activation trends with roll temperature and line speed,
 * the regimes (fast nip only: not activated; slow nip: activated; pre-heated substrate: activated),
 * and the energy and powder-mass closures of every run. */
#include "stageimpl.h"
#include "../../postproc/h5io.h"
#include <petscviewerhdf5.h>

typedef struct {
  PetscReal foil_peak, activated, regime, molten, contact_ms, eps, h_um, energy_err, mass_err, kWh, heat;
} Result;

static PetscErrorCode BuildWeb(EprocCase c, Materials mat, Web *pweb)
{
  Web          web;
  Formulation *f;
  PetscReal    width, eps0 = 0.6;
  PetscFunctionBeginUser;
  PetscCall(CaseGetReal(c, "process.coating_width_mm", &width));
  PetscCall(WebCreate(24, width, &web));
  PetscCall(CaseGetReal(c, "process.line_speed_m_per_min", &web->line_speed));
  PetscCall(CaseGetReal(c, "process.ambient_temperature_C", &web->ambient_temperature));
  web->temperature = web->ambient_temperature;
  f                = &web->formulation;
  PetscCall(MaterialsGetSolid(mat, "NMC811", &f->active));
  PetscCall(MaterialsGetSolid(mat, "carbon_black", &f->carbon));
  PetscCall(MaterialsGetSolid(mat, "PVDF", &f->binder));
  PetscCall(MaterialsGetFoil(mat, "aluminium", &f->foil));
  f->w_active = 0.96;
  f->w_carbon = 0.02;
  f->w_binder = 0.02;
  f->solids_density =
      1.0 / (f->w_active / f->active->density + f->w_carbon / f->carbon->density + f->w_binder / f->binder->density);
  f->solids_cp      = f->w_active * f->active->cp + f->w_carbon * f->carbon->cp + f->w_binder * f->binder->cp;
  f->areal_loading  = 0.2;
  f->foil_thickness = 15e-6;
  for (PetscInt j = 0; j < web->ny; j++) {
    web->solids_mass[j] = f->areal_loading * (1.0 + 0.03 * PetscCosReal(2 * PETSC_PI * web->y[j] / width));
    web->porosity[j]    = eps0;
    web->thickness[j]   = web->solids_mass[j] / (f->solids_density * (1 - eps0));
  }
  *pweb = web;
  PetscFunctionReturn(0);
}

static PetscErrorCode Get(Summary s, const char *name, PetscReal *v)
{
  PetscBool set;
  PetscFunctionBeginUser;
  PetscCall(SummaryGet(s, name, v, &set));
  PetscCheck(set, PETSC_COMM_SELF, PETSC_ERR_PLIB, "summary value %s not set", name);
  PetscFunctionReturn(0);
}

static PetscErrorCode RunCase(const char *file, const char *materials, PetscInt nset, const char *const sets[],
                              const char *h5name, Result *r)
{
  EprocCase c;
  Materials mat;
  Web       web;
  Stage     st;
  Ledger    ledger;
  Summary   summary;
  PetscInt  nb;
  PetscFunctionBeginUser;
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &c));
  PetscCall(CaseLoad(c, file));
  for (PetscInt i = 0; i < nset; i++) PetscCall(CaseSetValue(c, sets[i]));
  PetscCall(CaseSetUp(c));
  PetscCall(MaterialsCreate(PETSC_COMM_WORLD, &mat));
  PetscCall(MaterialsLoad(mat, materials));
  PetscCall(BuildWeb(c, mat, &web));
  PetscCall(LedgerCreate(&ledger));
  PetscCall(SummaryCreate(&summary));
  PetscCall(StageCreate(PETSC_COMM_WORLD, "hot_lamination", &st));
  PetscCall(StageSetFromCase(st, c, mat));
  PetscCall(StageSetUp(st, web));
  PetscCall(StageRun(st, web, ledger, summary));
  PetscCall(StageView(st, PETSC_VIEWER_STDOUT_WORLD));
  if (h5name) {
    PetscViewer v;
    PetscMPIInt size;
    char        name[PETSC_MAX_PATH_LEN];
    PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
    PetscCall(PetscSNPrintf(name, sizeof(name), "%s_np%d.h5", h5name, size)); /* np1 and np2 runs may overlap */
    PetscCall(PetscViewerHDF5Open(PETSC_COMM_WORLD, name, FILE_MODE_WRITE, &v));
    PetscCall(StageWriteFields(st, v));
    PetscCall(PetscViewerDestroy(&v));
    PetscCall(LedgerView(ledger, 200.0, PETSC_VIEWER_STDOUT_WORLD));
  }
  PetscCall(Get(summary, "foil_side_peak_temperature_C", &r->foil_peak));
  PetscCall(Get(summary, "binder_activated", &r->activated));
  PetscCall(Get(summary, "lamination_regime", &r->regime));
  PetscCall(Get(summary, "molten_fraction", &r->molten));
  PetscCall(Get(summary, "nip_contact_time_ms", &r->contact_ms));
  PetscCall(Get(summary, "laminated_porosity", &r->eps));
  PetscCall(Get(summary, "laminated_thickness_um", &r->h_um));
  PetscCall(Get(summary, "lamination_energy_kWh_per_m2", &r->kWh));
  PetscCall(SummaryGetNumBalances(summary, &nb));
  r->energy_err = r->mass_err = -1;
  for (PetscInt i = 0; i < nb; i++) {
    const BalanceEntry *b;
    PetscCall(SummaryGetBalance(summary, i, &b));
    if (!strcmp(b->quantity, "energy")) {
      r->energy_err = b->relative_error;
      r->heat       = b->stored;
    }
    if (!strcmp(b->quantity, "powder_mass")) r->mass_err = b->relative_error;
  }
  PetscCheck(web->binder_activated == (r->activated > 0.5), PETSC_COMM_SELF, PETSC_ERR_PLIB, "web flag differs");
  PetscCall(StageDestroy(&st));
  PetscCall(SummaryDestroy(&summary));
  PetscCall(LedgerDestroy(&ledger));
  PetscCall(WebDestroy(&web));
  PetscCall(MaterialsDestroy(&mat));
  PetscCall(CaseDestroy(&c));
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
