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
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(r, sizeof(*r)));
  PetscCall(CaseRegisterAllKeys());
  PetscCall(CaseCreate(PETSC_COMM_WORLD, &r->c));
  {
    char stripped[PETSC_MAX_PATH_LEN];
    PetscCall(TestWriteStageCase(casefile, "convective_drying", stripped, sizeof(stripped)));
    PetscCall(CaseLoad(r->c, stripped));
    unlink(stripped);
  }
  for (PetscInt i = 0; i < nset; i++) PetscCall(CaseSetValue(r->c, sets[i]));
  PetscCall(CaseSetUp(r->c));
  PetscCall(MaterialsCreateFromCase(r->c, &r->m));
  PetscCall(WebCreateFromCase(r->c, r->m, &r->web));
  {
    /* the stage reads the materials through these copies, so that a test may change a property */
    Formulation *f = &r->web->formulation;
    PetscCheck(f->solvent, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "%s: the drying harness needs a solvent", casefile);
    r->solvent = *f->solvent;
    r->active  = *f->active;
    r->carbon  = *f->carbon;
    r->binder  = *f->binder;
    r->foil    = *f->foil;
    f->solvent = &r->solvent;
    f->active  = &r->active;
    f->carbon  = &r->carbon;
    f->binder  = &r->binder;
    f->foil    = &r->foil;
    /* the wet film slot_die_coating would make: the slurry at the given solids fraction, +-1 % ripple */
    for (PetscInt j = 0; j < r->web->ny; j++) {
      PetscReal ripple        = 1.0 + 0.01 * PetscSinReal(2 * PETSC_PI * r->web->y[j] / r->web->width);
      PetscReal ms            = f->areal_loading * ripple;
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
