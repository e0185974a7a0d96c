/* Web: the electrode as it leaves a stage. Cross-web grid (y across the coated width), replicated on
 * every rank of the stage's communicator (it is small: a few hundred cells). Units in the comments. */
#pragma once
#include <petscsys.h>
#include "materials.h"

/* The electrode formulation: what the coating is made of, fixed for the whole route. */
typedef struct {
  const Solid   *active, *carbon, *binder; /* binder is a Solid: density, cp, melting point, resistivity */
  const Foil    *foil;
  const Solvent *solvent;                      /* slurry solvent of the wet route; NULL for the dry route */
  PetscReal      w_active, w_carbon, w_binder; /* -, mass fractions of the dry coating, sum to 1 */
  PetscReal      solids_density;               /* kg/m3, dense dry mix (volume-additive) */
  PetscReal      solids_cp;                    /* J/(kg K), mass-weighted */
  PetscReal      areal_loading;                /* kg/m2, target dry coating mass per area (one side) */
  PetscReal      foil_thickness;               /* m */
  PetscReal      areal_capacity;               /* C/m2 (A s per m2), usable capacity of the target loading */
  PetscReal      nominal_voltage;              /* V, nominal cell voltage used to convert capacity to energy */
} Formulation;

typedef struct {
  PetscInt    ny;                     /* number of cross-web cells */
  PetscReal   width;                  /* m, coated width */
  PetscReal   line_speed;             /* m/s */
  PetscReal   ambient_temperature;    /* K */
  PetscReal  *y;                      /* m, cell centres, [0, width] */
  PetscReal  *thickness;              /* m, coating thickness above the foil (wet or dry) */
  PetscReal  *solids_mass;            /* kg/m2, dry solids (active + carbon + binder) */
  PetscReal  *solvent_mass;           /* kg/m2, liquid solvent still in the coating */
  PetscReal  *porosity;               /* -, volume fraction of the coating not taken by solids */
  PetscReal   temperature;            /* K, mean web temperature leaving the stage */
  PetscReal   binder_migration_index; /* -, binder fraction in the top 10 % over the mean; 1 = uniform */
  PetscBool   binder_activated;       /* dry route: binder melted/activated and bonded to the foil */
  Formulation formulation;
} WebData;
typedef WebData *Web;

PETSC_EXTERN PetscErrorCode WebCreate(PetscInt ny, PetscReal width, Web *web);
PETSC_EXTERN PetscErrorCode WebDestroy(Web *web);
/* Grid, line speed, ambient temperature and formulation from the case (process and electrode sections);
 * cross-key checks (fractions sum to 1, material names) are input errors naming the key. */
PETSC_EXTERN PetscErrorCode WebCreateFromCase(EprocCase c, Materials m, Web *web);
/* Cross-web statistics of the thickness: mean (m) and coefficient of variation (fraction, not %),
 * excluding nothing: edges are part of the product. */
PETSC_EXTERN PetscErrorCode WebThicknessStats(Web web, PetscReal *mean, PetscReal *cv);
PETSC_EXTERN PetscErrorCode WebMean(Web web, const PetscReal *field, PetscReal *mean);
