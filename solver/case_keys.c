/* Core keys: the process line and the electrode it makes. Stage keys live in physics/<stage>.c. */
#include "case.h"
#include "../physics/stage.h"
#include "../postproc/plant.h"
#include <math.h>

const CaseKeySpec CaseProcessKeys[] = {
    {"process.name", CASE_STRING, "-", 0, 0, PETSC_TRUE, 0, NULL, "free text", "name of the case, printed in reports"},
    {"process.stages", CASE_STRING_ARRAY, "-", 0, 0, PETSC_TRUE, 0, NULL, "registered stage names, in order",
     "the route: e.g. [\"slot_die_coating\", \"convective_drying\"]"},
    {"process.line_speed_m_per_min", CASE_REAL, "m_per_min", 0.1, 200.0, PETSC_TRUE, 0, NULL,
     "roll-to-roll electrode lines run from lab speeds (< 1 m/min) to about 100 m/min", "web speed through every stage",
     CASE_FIELD(WebData, line_speed)},
    {"process.coating_width_mm", CASE_REAL, "mm", 10.0, 2500.0, PETSC_TRUE, 0, NULL,
     "from lab coaters (a few cm) to the widest production coaters (about 2 m)", "coated width of the web",
     CASE_FIELD(WebData, width)},
    {"process.ambient_temperature_C", CASE_REAL, "C", -10.0, 45.0, PETSC_FALSE, 25.0, NULL,
     "indoor plant air; dry rooms are kept near room temperature",
     "temperature of the hall, the fresh air and the incoming web", CASE_FIELD(WebData, ambient_temperature)},
    {"process.cross_web_cells", CASE_INT, "-", 8, 20000, PETSC_FALSE, 200, NULL,
     "at least a few cells per edge zone; more than 2e4 gives no new information", "cells across the web width",
     CASE_FIELD(WebData, ny)},
    {"process.materials_file", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "materials.cfg",
     "path, relative to the case file", "property data base"},
    {"process.petsc_options", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "",
     "solver settings and argument-less monitors only; viewers, files: on the command line",
     "default solver options for this case, e.g. \"-drying_ts_type bdf\""},
    {"process.max_memory_GB", CASE_REAL, "GB", 0.1, 1e5, PETSC_FALSE, 8.0, NULL,
     "a guard against grids that cannot fit: raise it on a machine with more memory",
     "largest memory the stages' grids may need (estimated from their keys before anything is allocated)"},
    {"process.max_cell_steps", CASE_REAL, "-", 1e3, 1e18, PETSC_FALSE, 2e8, NULL,
     "a guard against runs of hours (2e8 is about an hour for the deposition grid): raise it for long runs",
     "largest cells x time steps of a stage's grid"},
};

const CaseKeySpec CaseElectrodeKeys[] = {
    {"electrode.active_material", CASE_STRING, "-", 0, 0, PETSC_TRUE, 0, NULL, "a solid in materials.cfg",
     "active material, e.g. \"NMC811\", \"graphite\""},
    {"electrode.conductive_additive", CASE_STRING, "-", 0, 0, PETSC_TRUE, 0, NULL, "a solid in materials.cfg",
     "conductive carbon, e.g. \"carbon_black\""},
    {"electrode.binder", CASE_STRING, "-", 0, 0, PETSC_TRUE, 0, NULL, "a solid in materials.cfg",
     "binder, e.g. \"PVDF\", \"CMC_SBR\", \"PTFE\""},
    {"electrode.active_mass_fraction", CASE_REAL, "-", 0.5, 0.995, PETSC_TRUE, 0, NULL,
     "electrodes carry 80-99 % active material; the three fractions must sum to 1", "mass fraction of the dry coating",
     CASE_FIELD(Formulation, w_active)},
    {"electrode.conductive_mass_fraction", CASE_REAL, "-", 0.0, 0.3, PETSC_TRUE, 0, NULL,
     "0-10 % carbon is usual; above 30 % it is no battery electrode", "mass fraction of the dry coating",
     CASE_FIELD(Formulation, w_carbon)},
    {"electrode.binder_mass_fraction", CASE_REAL, "-", 0.001, 0.3, PETSC_TRUE, 0, NULL,
     "1-10 % binder is usual; none at all cannot hold the coating", "mass fraction of the dry coating",
     CASE_FIELD(Formulation, w_binder)},
    {"electrode.areal_loading_mg_per_cm2", CASE_REAL, "mg_per_cm2", 0.5, 100.0, PETSC_TRUE, 0, NULL,
     "from thin power electrodes to ultra-thick dry electrodes", "dry coating mass per area, one side",
     CASE_FIELD(Formulation, areal_loading)},
    {"electrode.solvent", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "none", "a solvent in materials.cfg, or \"none\"",
     "slurry solvent of the wet route (\"NMP\", \"water\"); \"none\" for dry routes"},
    {"electrode.foil", CASE_STRING, "-", 0, 0, PETSC_TRUE, 0, NULL, "a foil in materials.cfg",
     "current collector, e.g. \"aluminium\", \"copper\""},
    {"electrode.foil_thickness_um", CASE_REAL, "um", 4.0, 60.0, PETSC_TRUE, 0, NULL,
     "battery foils are 6-20 um (Cu) and 10-30 um (Al)", "current collector thickness",
     CASE_FIELD(Formulation, foil_thickness)},
    {"electrode.cell_voltage_V", CASE_REAL, "V", 1.0, 5.0, PETSC_FALSE, 3.7, NULL, "Li-ion cells run at 1.5-4.5 V",
     "nominal voltage of the cell, converts areal capacity to energy (kWh per kWh of cell)",
     CASE_FIELD(Formulation, nominal_voltage)},
};

const PetscInt CaseProcessNumKeys   = (PetscInt) PETSC_STATIC_ARRAY_LENGTH(CaseProcessKeys);
const PetscInt CaseElectrodeNumKeys = (PetscInt) PETSC_STATIC_ARRAY_LENGTH(CaseElectrodeKeys);

/* The plant around the route (postproc/plant.h, docs/compare.md): read by eproc compare, checked by every run
 * whose case has a plant section. Absent emission factors (NaN) take the plant file's. */
const CaseKeySpec CasePlantKeys[] = {
    {"plant.file", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "plant.cfg", "path, relative to the case file",
     "plant context: baseline energy of the rest of cell making and emission factors (cases/plant.cfg)",
     CASE_FIELD(PlantCaseKeys, file)},
    {"plant.electrode", CASE_STRING, "-", 0, 0, PETSC_FALSE, 0, "auto", "\"auto\", \"cathode\" or \"anode\"",
     "which electrode the route makes; auto: cathode when the active material sits above 2 V against Li",
     CASE_FIELD(PlantCaseKeys, electrode)},
    {"plant.grid_kg_CO2e_per_kWh", CASE_REAL, "kg_CO2e_per_kWh", 0.0, 2.0, PETSC_FALSE, NAN, NULL,
     "grids emit 0.01-1.1 kg CO2e per kWh (France 0.056, Germany 0.381, China 0.582, India 0.713 in 2023)",
     "CO2e of the electricity; absent (nan): the plant file's emission_factors",
     CASE_FIELD(PlantCaseKeys, grid_factor)},
    {"plant.heat_kg_CO2e_per_kWh", CASE_REAL, "kg_CO2e_per_kWh", 0.0, 2.0, PETSC_FALSE, NAN, NULL,
     "heat from gas 0.2-0.25, from coal about 0.4, from renewables or waste heat near 0 kg CO2e per kWh",
     "CO2e of the process heat delivered; absent (nan): the plant file's emission_factors",
     CASE_FIELD(PlantCaseKeys, heat_factor)},
};
const PetscInt CasePlantNumKeys = (PetscInt) PETSC_STATIC_ARRAY_LENGTH(CasePlantKeys);

PetscErrorCode CaseRegisterAllKeys(void)
{
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(CaseKeysGetCount(&n));
  if (n) PetscFunctionReturn(0); /* registered already (CaseKeysFinalize empties the schema) */
  PetscCall(CaseKeysRegister("process", CaseProcessKeys, CaseProcessNumKeys));
  PetscCall(CaseKeysRegister("electrode", CaseElectrodeKeys, CaseElectrodeNumKeys));
  PetscCall(CaseKeysRegister("plant", CasePlantKeys, CasePlantNumKeys));
  PetscCall(StageRegisterAllKeys());
  PetscFunctionReturn(0);
}
