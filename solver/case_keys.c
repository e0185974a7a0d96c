/* Core keys: the process line and the electrode it makes. Stage keys live in physics/<stage>.c. */
#include "case.h"
#include "../physics/stage.h"

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
     "PETSc options; the command line overrides them", "default solver options for this case, e.g. \"-ts_type bdf\""},
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

PetscErrorCode CaseRegisterAllKeys(void)
{
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(CaseKeysGetCount(&n));
  if (n) PetscFunctionReturn(0); /* registered already (CaseKeysFinalize empties the schema) */
  PetscCall(CaseKeysRegister("process", CaseProcessKeys, CaseProcessNumKeys));
  PetscCall(CaseKeysRegister("electrode", CaseElectrodeKeys, CaseElectrodeNumKeys));
  PetscCall(StageRegisterAllKeys());
  PetscFunctionReturn(0);
}
