/* Web: allocation and cross-web statistics. */
#include "web.h"

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
