/* The one place that names every stage: one line each. The file that creates it is in the comment. */
#include "stageimpl.h"
#include "stages.h"

/* TEMPORARY while the stages are written in parallel: weak references let the tree link before every
 * stage file exists. To be removed once all four stages are in. */
#pragma weak StageCreate_SlotDieCoating
#pragma weak StageCreate_ConvectiveDrying
#pragma weak StageCreate_ElectrostaticDeposition
#pragma weak StageCreate_HotLamination
#pragma weak SlotDieCoatingKeys
#pragma weak SlotDieCoatingNumKeys
#pragma weak ConvectiveDryingKeys
#pragma weak ConvectiveDryingNumKeys
#pragma weak ElectrostaticDepositionKeys
#pragma weak ElectrostaticDepositionNumKeys
#pragma weak HotLaminationKeys
#pragma weak HotLaminationNumKeys

PetscErrorCode StageRegisterAll(void)
{
  static PetscBool done = PETSC_FALSE;
  PetscFunctionBeginUser;
  if (done) PetscFunctionReturn(0);
  done = PETSC_TRUE;
  if (StageCreate_SlotDieCoating)
    PetscCall(StageRegister("slot_die_coating", StageCreate_SlotDieCoating, SlotDieCoatingKeys,
                            SlotDieCoatingNumKeys)); /* physics/slot_die_coating.c */
  if (StageCreate_ConvectiveDrying)
    PetscCall(StageRegister("convective_drying", StageCreate_ConvectiveDrying, ConvectiveDryingKeys,
                            ConvectiveDryingNumKeys)); /* physics/convective_drying.c */
  if (StageCreate_ElectrostaticDeposition)
    PetscCall(StageRegister("electrostatic_deposition", StageCreate_ElectrostaticDeposition,
                            ElectrostaticDepositionKeys,
                            ElectrostaticDepositionNumKeys)); /* physics/electrostatic_deposition.c */
  if (StageCreate_HotLamination)
    PetscCall(StageRegister("hot_lamination", StageCreate_HotLamination, HotLaminationKeys,
                            HotLaminationNumKeys)); /* physics/hot_lamination.c */
  PetscFunctionReturn(0);
}
