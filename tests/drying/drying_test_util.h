/* Test harness for the convective_drying stage alone: loads a case (with --set style overrides) and
 * the materials, builds the formulation and a wet web by hand (the job of the route and of
 * slot_die_coating in a full run), then runs the stage. The wet film is a slurry of the given solids
 * mass fraction with a +-1 % cross-web ripple, at ambient temperature. */
#pragma once
#include <petscts.h>
#include "case.h"
#include "materials.h"
#include "web.h"
#include "energy.h"
#include "summary.h"
#include "stage.h"
#include "stages.h"
#include "tests/common/stage_case.h"

typedef struct {
  EprocCase c;
  Materials m;
  Web       web;
  Stage     stage;
  Ledger    ledger;
  Summary   summary;
  Solvent   solvent; /* copies, so that tests may change properties */
  Foil      foil;
  Solid     active, carbon, binder;
} DryingRun;

static PetscErrorCode DryingRunCreate(const char *casefile, PetscInt nset, const char *const sets[],
                                      PetscReal slurry_solids_fraction, DryingRun *r)
{
  const char    *name, *mfile, *dir;
  char           path[PETSC_MAX_PATH_LEN];
  PetscReal      speed, width, Tamb, loading, foil_t;
  PetscInt       ny;
  const Solvent *sv;
  const Solid   *s;
  const Foil    *fo;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(r, sizeof(*r)));
  PetscCall(CaseRegisterAllKeys());
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &r->c));
  {
    char        stripped[PETSC_MAX_PATH_LEN];
    PetscMPIInt rank;
    PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
    PetscCall(TestWriteStageCase(casefile, "convective_drying", stripped, sizeof(stripped)));
    PetscCall(CaseLoad(r->c, stripped));
    unlink(stripped);
    (void) rank;
  }
  for (PetscInt i = 0; i < nset; i++) PetscCall(CaseSetValue(r->c, sets[i]));
  PetscCall(CaseSetUp(r->c));
  PetscCall(CaseGetString(r->c, "process.materials_file", &mfile));
  PetscCall(CaseGetDirectory(r->c, &dir));
  if (mfile[0] == '/')
    PetscCall(PetscStrncpy(path, mfile, sizeof(path)));
  else
    PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s", dir, mfile));
  PetscCall(MaterialsCreate(PETSC_COMM_WORLD, &r->m));
  PetscCall(MaterialsLoad(r->m, path));
  PetscCall(CaseGetReal(r->c, "process.line_speed_m_per_min", &speed));
  PetscCall(CaseGetReal(r->c, "process.coating_width_mm", &width));
  PetscCall(CaseGetReal(r->c, "process.ambient_temperature_C", &Tamb));
  PetscCall(CaseGetInt(r->c, "process.cross_web_cells", &ny));
  PetscCall(WebCreate(ny, width, &r->web));
  r->web->line_speed          = speed;
  r->web->ambient_temperature = Tamb;
  r->web->temperature         = Tamb;
  {
    Formulation *f = &r->web->formulation;
    PetscCall(CaseGetString(r->c, "electrode.solvent", &name));
    PetscCall(MaterialsGetSolvent(r->m, name, &sv));
    r->solvent = *sv;
    f->solvent = &r->solvent;
    PetscCall(CaseGetString(r->c, "electrode.active_material", &name));
    PetscCall(MaterialsGetSolid(r->m, name, &s));
    r->active = *s;
    PetscCall(CaseGetString(r->c, "electrode.conductive_additive", &name));
    PetscCall(MaterialsGetSolid(r->m, name, &s));
    r->carbon = *s;
    PetscCall(CaseGetString(r->c, "electrode.binder", &name));
    PetscCall(MaterialsGetSolid(r->m, name, &s));
    r->binder = *s;
    PetscCall(CaseGetString(r->c, "electrode.foil", &name));
    PetscCall(MaterialsGetFoil(r->m, name, &fo));
    r->foil   = *fo;
    f->active = &r->active;
    f->carbon = &r->carbon;
    f->binder = &r->binder;
    f->foil   = &r->foil;
    PetscCall(CaseGetReal(r->c, "electrode.active_mass_fraction", &f->w_active));
    PetscCall(CaseGetReal(r->c, "electrode.conductive_mass_fraction", &f->w_carbon));
    PetscCall(CaseGetReal(r->c, "electrode.binder_mass_fraction", &f->w_binder));
    PetscCall(CaseGetReal(r->c, "electrode.areal_loading_mg_per_cm2", &loading));
    PetscCall(CaseGetReal(r->c, "electrode.foil_thickness_um", &foil_t));
    f->solids_density =
        1.0 / (f->w_active / r->active.density + f->w_carbon / r->carbon.density + f->w_binder / r->binder.density);
    f->solids_cp      = f->w_active * r->active.cp + f->w_carbon * r->carbon.cp + f->w_binder * r->binder.cp;
    f->areal_loading  = loading;
    f->foil_thickness = foil_t;
    for (PetscInt j = 0; j < ny; j++) {
      PetscReal ripple        = 1.0 + 0.01 * PetscSinReal(2 * PETSC_PI * r->web->y[j] / width);
      PetscReal ms            = loading * ripple;
      PetscReal msv           = ms * (1.0 - slurry_solids_fraction) / slurry_solids_fraction;
      r->web->solids_mass[j]  = ms;
      r->web->solvent_mass[j] = msv;
      r->web->thickness[j]    = ms / f->solids_density + msv / r->solvent.density;
      r->web->porosity[j]     = 1.0 - ms / f->solids_density / r->web->thickness[j];
    }
  }
  PetscCall(LedgerCreate(&r->ledger));
  PetscCall(SummaryCreate(&r->summary));
  PetscCall(StageCreate(PETSC_COMM_WORLD, "convective_drying", &r->stage));
  PetscCall(StageSetFromCase(r->stage, r->c, r->m));
  PetscFunctionReturn(0);
}

static PetscErrorCode DryingRunExecute(DryingRun *r)
{
  PetscFunctionBeginUser;
  PetscCall(StageSetUp(r->stage, r->web));
  PetscCall(StageRun(r->stage, r->web, r->ledger, r->summary));
  PetscFunctionReturn(0);
}

static PetscErrorCode DryingRunDestroy(DryingRun *r)
{
  PetscFunctionBeginUser;
  PetscCall(StageDestroy(&r->stage));
  PetscCall(SummaryDestroy(&r->summary));
  PetscCall(LedgerDestroy(&r->ledger));
  PetscCall(WebDestroy(&r->web));
  PetscCall(MaterialsDestroy(&r->m));
  PetscCall(CaseDestroy(&r->c));
  PetscFunctionReturn(0);
}

static PetscErrorCode DryingRunGet(DryingRun *r, const char *name, PetscReal *v)
{
  PetscBool set;
  PetscFunctionBeginUser;
  PetscCall(SummaryGet(r->summary, name, v, &set));
  PetscCheck(set, PETSC_COMM_SELF, PETSC_ERR_PLIB, "summary value %s was not set", name);
  PetscFunctionReturn(0);
}

/* Slurry solids mass fractions used as the stand-in for slot_die_coating (UNCONFIRMED typical values:
 * NMP cathode slurries 65-75 wt%, aqueous graphite 45-55 wt%). */
#define NMP_SLURRY_SOLIDS   0.70
#define WATER_SLURRY_SOLIDS 0.50
