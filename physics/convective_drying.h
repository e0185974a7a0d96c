/* What the convective_drying stage exposes besides the Stage interface: its zone results after a run (for
 * tests that recompute the energy ledger by hand, tests/drying/test_drying_ledger.c). */
#pragma once
#include "stage.h"

typedef struct {
  PetscReal evaporated;  /* kg/m2 evaporated in the zone (< 0: condensed) */
  PetscReal heat_in;     /* J/m2 into the web (top + bottom) */
  PetscReal T_film_exit; /* K */
  PetscReal T_foil_exit; /* K */
  PetscReal y_inf;       /* vapour mole fraction of the zone air the film saw */
} ConvectiveDryingZoneResult;

/* nzones: in, the capacity of res[]; out, the number of zones. Error if the stage is not convective_drying or
 * has not run. */
PETSC_EXTERN PetscErrorCode ConvectiveDryingGetZoneResults(Stage stage, PetscInt *nzones,
                                                           ConvectiveDryingZoneResult res[]);
