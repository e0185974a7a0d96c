/* Web (physics/web.c): the cross-web grid, the mean and the thickness statistics of hand-computed
 * profiles, and the formulation set up from each shipped case (dense density, heat capacity, areal capacity
 * by hand from cases/materials.cfg), with the cross-key checks as input errors. */
#include "web.h"
#include "stage.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static int fails = 0;

static void Check(const char *what, double got, double want, double rtol)
{
  int ok = fabs(got - want) <= rtol * fabs(want) || got == want;
  printf("  %-66s %.10g (want %.10g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

/* Load a shipped case (with overrides), its materials and the web; status: 0 or the input error. */
static PetscErrorCode FromCase(const char *file, int nset, const char *const sets[], EprocCase *c, Materials *m,
                               Web *web, PetscErrorCode *status)
{
  PetscFunctionBeginUser;
  *web = NULL;
  PetscCall(CaseCreate(PETSC_COMM_WORLD, c));
  PetscCall(CaseLoad(*c, file));
  for (int i = 0; i < nset; i++) PetscCall(CaseSetValue(*c, sets[i]));
  PetscCall(CaseSetUp(*c));
  PetscCall(MaterialsCreateFromCase(*c, m));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  *status = WebCreateFromCase(*c, *m, web);
  PetscCall(PetscPopErrorHandler());
  PetscFunctionReturn(0);
}

static PetscErrorCode Done(EprocCase *c, Materials *m, Web *web)
{
  PetscFunctionBeginUser;
  PetscCall(WebDestroy(web));
  PetscCall(MaterialsDestroy(m));
  PetscCall(CaseDestroy(c));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char           dir[PETSC_MAX_PATH_LEN] = "../../cases", file[PETSC_MAX_PATH_LEN];
  Web            web;
  EprocCase      c;
  Materials      m;
  PetscErrorCode st;
  PetscReal      mean, cv;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-cases", dir, sizeof(dir), NULL));
  PetscCall(CaseRegisterAllKeys());

  printf("grid and statistics: 5 cells across 0.5 m\n");
  PetscCall(WebCreate(5, 0.5, &web));
  Check("width", web->width, 0.5, 0);
  Check("cell centres (j + 1/2) W/5: y0 = 0.05", web->y[0], 0.05, 1e-15);
  Check("y2 = 0.25", web->y[2], 0.25, 1e-15);
  Check("y4 = 0.45", web->y[4], 0.45, 1e-15);
  Check("a new web has a uniform binder (migration index 1)", web->binder_migration_index, 1.0, 0);
  Check("and no coating yet (mass, thickness 0)", web->solids_mass[3] + web->thickness[4], 0.0, 0);
  {
    const PetscReal f[5] = {1, 2, 3, 4, 10};
    PetscCall(WebMean(web, f, &mean));
    Check("mean of 1, 2, 3, 4, 10 = 4", mean, 4.0, 1e-15);
  }
  {
    /* 100, 110, 90, 105, 95 um: mean 100, variance (0 + 100 + 100 + 25 + 25)/5 = 50 um2 (the whole web,
     * edges included: divided by n), CV = sqrt(50)/100 */
    const PetscReal h[5] = {100, 110, 90, 105, 95};
    for (int j = 0; j < 5; j++) web->thickness[j] = h[j] * 1e-6;
    PetscCall(WebThicknessStats(web, &mean, &cv));
    Check("thickness mean 100 um", mean, 100e-6, 1e-14);
    Check("thickness CV sqrt(50)/100 = 0.0707107", cv, sqrt(50.0) / 100.0, 1e-12);
    PetscCall(WebThicknessStats(web, NULL, &cv));
    Check("CV alone", cv, sqrt(50.0) / 100.0, 1e-12);
    for (int j = 0; j < 5; j++) web->thickness[j] = (j == 2 ? 60.0 : 40.0) * 1e-6;
    /* 40, 40, 60, 40, 40: mean 44, variance (4 x 16 + 256)/5 = 64, CV 8/44 */
    PetscCall(WebThicknessStats(web, &mean, NULL));
    Check("one thick cell: mean 44 um", mean, 44e-6, 1e-14);
    PetscCall(WebThicknessStats(web, NULL, &cv));
    Check("one thick cell: CV 8/44", cv, 8.0 / 44.0, 1e-12);
    for (int j = 0; j < 5; j++) web->thickness[j] = 0.0;
    PetscCall(WebThicknessStats(web, &mean, &cv));
    Check("no coating: mean 0, CV 0", mean + cv, 0.0, 0);
  }
  PetscCall(WebDestroy(&web));
  PetscCall(WebDestroy(&web)); /* twice: allowed */

  printf("cases/nmp_nmc811.cfg: NMC811/carbon_black/PVDF 96/2/2, 20 mg/cm2, 15 um aluminium, NMP\n");
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/nmp_nmc811.cfg", dir));
  PetscCall(FromCase(file, 0, NULL, &c, &m, &web, &st));
  Check("set up", st, 0, 0);
  if (!st) {
    const Formulation *f = &web->formulation;
    Check("300 cells, 0.6 m", web->ny * 10 + web->width, 3000.6, 1e-15);
    Check("last cell centre 0.6 (299.5/300)", web->y[299], 0.599, 1e-14);
    Check("40 m/min = 0.6667 m/s", web->line_speed, 40.0 / 60.0, 1e-15);
    Check("ambient 25 C, web at ambient", web->ambient_temperature + web->temperature, 2 * 298.15, 1e-15);
    Check("rho_s = 1/(0.96/4750 + 0.02/1800 + 0.02/1780) = 4455.289 kg/m3", f->solids_density,
          1.0 / (0.96 / 4750.0 + 0.02 / 1800.0 + 0.02 / 1780.0), 1e-14);
    Check("c_s = 0.96 x 700 + 0.02 x 710 + 0.02 x 1200 = 710.2 J/(kg K)", f->solids_cp, 710.2, 1e-14);
    Check("areal capacity 0.2 kg/m2 x 0.96 x 720000 C/kg = 138240 C/m2", f->areal_capacity, 138240.0, 1e-14);
    Check("loading 0.2 kg/m2, foil 15 um, 3.7 V", f->areal_loading + f->foil_thickness + f->nominal_voltage,
          0.2 + 15e-6 + 3.7, 1e-15);
    Check("fractions 0.96/0.02/0.02", f->w_active + 10 * f->w_carbon + 100 * f->w_binder, 0.96 + 0.2 + 2.0, 1e-15);
    Check("materials: NMC811, carbon_black, PVDF, aluminium, NMP",
          !strcmp(f->active->name, "NMC811") && !strcmp(f->carbon->name, "carbon_black") &&
              !strcmp(f->binder->name, "PVDF") && !strcmp(f->foil->name, "aluminium") && f->solvent &&
              !strcmp(f->solvent->name, "NMP"),
          1, 0);
  }
  PetscCall(Done(&c, &m, &web));

  printf("cases/water_graphite.cfg: graphite/carbon_black/CMC_SBR 96/1/3, 11 mg/cm2, 8 um copper, water\n");
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/water_graphite.cfg", dir));
  PetscCall(FromCase(file, 0, NULL, &c, &m, &web, &st));
  Check("set up", st, 0, 0);
  if (!st) {
    const Formulation *f = &web->formulation;
    Check("rho_s = 1/(0.96/2260 + 0.01/1800 + 0.03/1300)", f->solids_density,
          1.0 / (0.96 / 2260.0 + 0.01 / 1800.0 + 0.03 / 1300.0), 1e-14);
    Check("c_s = 0.96 x 710 + 0.01 x 710 + 0.03 x 1500 = 733.7", f->solids_cp, 733.7, 1e-14);
    Check("areal capacity 0.11 x 0.96 x 350 x 3600 = 133056 C/m2", f->areal_capacity, 133056.0, 1e-14);
    Check("copper 8 um, water",
          f->foil_thickness == 8e-6 && !strcmp(f->foil->name, "copper") && f->solvent &&
              !strcmp(f->solvent->name, "water"),
          1, 0);
  }
  PetscCall(Done(&c, &m, &web));

  printf("cases/dry_nmc811.cfg: no solvent\n");
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/dry_nmc811.cfg", dir));
  PetscCall(FromCase(file, 0, NULL, &c, &m, &web, &st));
  Check("set up, solvent none: NULL", !st && !web->formulation.solvent, 1, 0);
  PetscCall(Done(&c, &m, &web));

  printf("cross-key input errors (found in the set-up from the case)\n");
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/nmp_nmc811.cfg", dir));
  {
    const char *sets[] = {"electrode.binder_mass_fraction=0.03"};
    PetscCall(FromCase(file, 1, sets, &c, &m, &web, &st));
    Check("fractions summing to 1.01: input error", st == PETSC_ERR_USER_INPUT, 1, 0);
    PetscCall(Done(&c, &m, &web));
  }
  {
    const char *sets[] = {"electrode.active_mass_fraction=0.9600005"};
    PetscCall(FromCase(file, 1, sets, &c, &m, &web, &st));
    Check("fractions 5e-7 off 1 (within 1e-6): accepted", st, 0, 0);
    PetscCall(Done(&c, &m, &web));
  }
  {
    const char *sets[] = {"electrode.active_material=PVDF"};
    PetscCall(FromCase(file, 1, sets, &c, &m, &web, &st));
    Check("an active material without capacity: input error", st == PETSC_ERR_USER_INPUT, 1, 0);
    PetscCall(Done(&c, &m, &web));
  }
  {
    const char *sets[] = {"electrode.foil=NMC811"};
    PetscCall(FromCase(file, 1, sets, &c, &m, &web, &st));
    Check("a solid as foil: input error", st == PETSC_ERR_USER_INPUT, 1, 0);
    PetscCall(Done(&c, &m, &web));
  }
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(CaseKeysFinalize());
  PetscCall(StageRegistryFinalize());
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
