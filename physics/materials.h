/* Materials: property data read from cases/materials.cfg (every value carries its source there).
 * All fields are SI. Property functions are pure so that tests can call them directly. */
#pragma once
#include <petscsys.h>

#define MATERIAL_NAME_LEN 64

typedef enum {
  PSAT_ANTOINE_LN_PA_K, /* ln(P/Pa) = A - B/(T/K + C)                          (Landolt-Boernstein form) */
  PSAT_DIPPR101         /* ln(P/Pa) = A + B/T + C ln T + D T^E                  (Perry Table 2-8)        */
} VapourPressureForm;

typedef enum {
  LATENT_WATSON,  /* dHv = dHv_ref ((Tc - T)/(Tc - T_ref))^0.38                                         */
  LATENT_DIPPR106 /* dHv = A (1 - Tr)^(B + C Tr + D Tr^2) J/mol, Tr = T/Tc                             */
} LatentHeatForm;

typedef struct {
  char               name[MATERIAL_NAME_LEN];
  PetscReal          molar_mass; /* kg/mol */
  PetscReal          density;    /* kg/m3, liquid near 25 C */
  PetscReal          cp_liquid;  /* J/(kg K) */
  PetscReal          cp_vapour;  /* J/(kg K) */
  VapourPressureForm psat_form;
  PetscReal          psat[5]; /* coefficients of psat_form */
  LatentHeatForm     latent_form;
  PetscReal          latent[4];            /* Watson: dHv_ref J/kg, T_ref K, exponent; DIPPR106: A,B,C,D */
  PetscReal          critical_temperature; /* K */
  PetscReal          boiling_point;        /* K, normal boiling point */
  PetscReal          lewis_number;         /* -, thermal diffusivity of air / binary diffusivity in air */
  PetscReal          diffusivity_air_298;  /* m2/s, binary diffusivity in air at 298.15 K (scales as T^1.75) */
  PetscReal          lel_vol_fraction;     /* -, lower explosive limit in air; 0 when not flammable */
  PetscReal          viscosity;            /* Pa s at 25 C */
  PetscReal          surface_tension;      /* N/m at 25 C */
} Solvent;

typedef struct {
  char      name[MATERIAL_NAME_LEN];
  PetscReal density;                /* kg/m3, skeletal (dense particle) */
  PetscReal cp;                     /* J/(kg K) */
  PetscReal specific_capacity;      /* C/kg (= 3.6 x mAh/g) usable; 0 for inactive solids */
  PetscReal nominal_voltage;        /* V vs Li/Li+ (cathode) or vs the counter electrode; 0 if inactive */
  PetscReal electronic_resistivity; /* Ohm m of the dense material */
  PetscReal relative_permittivity;  /* - */
  PetscReal thermal_conductivity;   /* W/(m K) of the dense material */
  PetscReal particle_diameter;      /* m, median (d50) as supplied */
  PetscReal melting_point;          /* K; 0 when it does not melt in the process window */
  PetscReal calender_min_porosity;  /* -, eps_min of the calendering law of an electrode of this active material */
  PetscReal calender_resistance;    /* N/m, gamma_c of that law; 0 when the file gives none */
} Solid;

typedef struct {
  char      name[MATERIAL_NAME_LEN];
  PetscReal density;                /* kg/m3 */
  PetscReal cp;                     /* J/(kg K) */
  PetscReal thermal_conductivity;   /* W/(m K) */
  PetscReal electrical_resistivity; /* Ohm m */
} Foil;

typedef struct _p_Materials *Materials;

PETSC_EXTERN PetscErrorCode MaterialsCreate(MPI_Comm comm, Materials *m);
/* Read and validate a materials file; errors name file, line and key (exit status 2 in the CLI). */
PETSC_EXTERN PetscErrorCode MaterialsLoad(Materials m, const char *filename);
PETSC_EXTERN PetscErrorCode MaterialsDestroy(Materials *m);
/* Create and load the file named by the case's process.materials_file (relative to the case file). */
typedef struct _p_EprocCase *EprocCase;
PETSC_EXTERN PetscErrorCode  MaterialsCreateFromCase(EprocCase c, Materials *m);
/* Look-ups return PETSC_ERR_USER_INPUT with the list of known names when the name is unknown. */
PETSC_EXTERN PetscErrorCode MaterialsGetSolvent(Materials m, const char *name, const Solvent **s);
PETSC_EXTERN PetscErrorCode MaterialsGetSolid(Materials m, const char *name, const Solid **s);
PETSC_EXTERN PetscErrorCode MaterialsGetFoil(Materials m, const char *name, const Foil **f);
PETSC_EXTERN PetscErrorCode MaterialsHasSolvent(Materials m, const char *name, PetscBool *has);
PETSC_EXTERN PetscErrorCode MaterialsHasSolid(Materials m, const char *name, PetscBool *has);
PETSC_EXTERN PetscErrorCode MaterialsHasFoil(Materials m, const char *name, PetscBool *has);

/* Pure property functions (T in K). */
PETSC_EXTERN PetscReal SolventVapourPressure(const Solvent *s, PetscReal T);   /* Pa */
PETSC_EXTERN PetscReal SolventLatentHeat(const Solvent *s, PetscReal T);       /* J/kg */
PETSC_EXTERN PetscReal SolventDiffusivityInAir(const Solvent *s, PetscReal T); /* m2/s */

/* Dry air, ideal gas (ChemSep/DIPPR correlations, see physics/air.c). */
#define AIR_MOLAR_MASS       0.028964                        /* kg/mol */
#define GAS_CONSTANT         8.314462618                     /* J/(mol K), CODATA 2018 exact */
#define ATMOSPHERIC_PRESSURE 101325.0                        /* Pa */
PETSC_EXTERN PetscReal AirHeatCapacity(PetscReal T);         /* J/(kg K) */
PETSC_EXTERN PetscReal AirDensity(PetscReal T, PetscReal p); /* kg/m3 */
PETSC_EXTERN PetscReal AirViscosity(PetscReal T);            /* Pa s */
PETSC_EXTERN PetscReal AirThermalConductivity(PetscReal T);  /* W/(m K) */
