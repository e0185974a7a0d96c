/* Web: allocation and cross-web statistics. */
#include "web.h"
#include "../solver/case.h"
#include <string.h>

PetscErrorCode WebCreate(PetscInt ny, PetscReal width, Web *web)
{
  Web w;
  PetscFunctionBeginUser;
  PetscCheck(ny > 0 && width > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Web needs cells and a width");
  PetscCall(PetscNew(&w));
  w->ny    = ny;
  w->width = width;
  PetscCall(PetscCalloc5(ny, &w->y, ny, &w->thickness, ny, &w->solids_mass, ny, &w->solvent_mass, ny, &w->porosity));
  for (PetscInt j = 0; j < ny; j++) w->y[j] = (j + 0.5) * width / ny;
  w->binder_migration_index = 1.0;
  *web                      = w;
  PetscFunctionReturn(0);
}

PetscErrorCode WebDestroy(Web *web)
{
  PetscFunctionBeginUser;
  if (!*web) PetscFunctionReturn(0);
  PetscCall(PetscFree5((*web)->y, (*web)->thickness, (*web)->solids_mass, (*web)->solvent_mass, (*web)->porosity));
  PetscCall(PetscFree(*web));
  PetscFunctionReturn(0);
}

PetscErrorCode WebMean(Web web, const PetscReal *field, PetscReal *mean)
{
  PetscReal sum = 0.0;
  PetscFunctionBeginUser;
  for (PetscInt j = 0; j < web->ny; j++) sum += field[j];
  *mean = sum / web->ny;
  PetscFunctionReturn(0);
}

PetscErrorCode WebThicknessStats(Web web, PetscReal *mean, PetscReal *cv)
{
  PetscReal m, var = 0.0;
  PetscFunctionBeginUser;
  PetscCall(WebMean(web, web->thickness, &m));
  for (PetscInt j = 0; j < web->ny; j++) var += PetscSqr(web->thickness[j] - m);
  var /= web->ny;
  if (mean) *mean = m;
  if (cv) *cv = m > 0 ? PetscSqrtReal(var) / m : 0.0;
  PetscFunctionReturn(0);
}

/* The electrode formulation from the electrode section; cross-key checks name the key. */
static PetscErrorCode FormulationFromCase(Formulation *f, EprocCase c, Materials m)
{
  const char  *name;
  PetscReal    sum, cap_scale;
  const char  *keys[3] = {"electrode.active_material", "electrode.conductive_additive", "electrode.binder"};
  const Solid *solids[3];
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < 3; i++) {
    PetscBool has;
    PetscCall(CaseGetString(c, keys[i], &name));
    PetscCall(MaterialsHasSolid(m, name, &has));
    if (!has) PetscCall(CaseInputError(c, keys[i], "'%s' is not a solid in the materials file", name));
    PetscCall(MaterialsGetSolid(m, name, &solids[i]));
  }
  f->active = solids[0];
  f->carbon = solids[1];
  f->binder = solids[2];
  PetscCall(CaseGetString(c, "electrode.foil", &name));
  {
    PetscBool has;
    PetscCall(MaterialsHasFoil(m, name, &has));
    if (!has) PetscCall(CaseInputError(c, "electrode.foil", "'%s' is not a foil in the materials file", name));
    PetscCall(MaterialsGetFoil(m, name, &f->foil));
  }
  PetscCall(CaseGetString(c, "electrode.solvent", &name));
  f->solvent = NULL;
  if (strcmp(name, "none")) {
    PetscBool has;
    PetscCall(MaterialsHasSolvent(m, name, &has));
    if (!has)
      PetscCall(
          CaseInputError(c, "electrode.solvent", "'%s' is not a solvent in the materials file (or \"none\")", name));
    PetscCall(MaterialsGetSolvent(m, name, &f->solvent));
  }
  PetscCall(CaseReadSection(c, CaseElectrodeKeys, CaseElectrodeNumKeys, f));
  sum = f->w_active + f->w_carbon + f->w_binder;
  if (PetscAbsReal(sum - 1.0) > 1e-6)
    PetscCall(CaseInputError(c, "electrode.binder_mass_fraction",
                             "active + conductive + binder mass fractions sum to %g; they must sum to 1 (within 1e-6)",
                             (double) sum));
  if (f->active->specific_capacity <= 0)
    PetscCall(CaseInputError(c, "electrode.active_material",
                             "'%s' has no specific capacity in the materials file: not an active material",
                             f->active->name));
  f->solids_density =
      1.0 / (f->w_active / f->active->density + f->w_carbon / f->carbon->density + f->w_binder / f->binder->density);
  f->solids_cp      = f->w_active * f->active->cp + f->w_carbon * f->carbon->cp + f->w_binder * f->binder->cp;
  cap_scale         = f->w_active * f->active->specific_capacity; /* C per kg of coating */
  f->areal_capacity = f->areal_loading * cap_scale;
  PetscFunctionReturn(0);
}

/* The web as the route starts it: cross-web grid and line data from the process section, the formulation
 * from the electrode section, no coating yet. */
PetscErrorCode WebCreateFromCase(EprocCase c, Materials m, Web *web)
{
  WebData line; /* the process keys' destinations: grid, width, speed, ambient */
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&line, sizeof(line)));
  PetscCall(CaseReadSection(c, CaseProcessKeys, CaseProcessNumKeys, &line));
  PetscCall(WebCreate(line.ny, line.width, web));
  (*web)->line_speed          = line.line_speed;
  (*web)->ambient_temperature = line.ambient_temperature;
  (*web)->temperature         = (*web)->ambient_temperature;
  PetscCall(FormulationFromCase(&(*web)->formulation, c, m));
  PetscFunctionReturn(0);
}
