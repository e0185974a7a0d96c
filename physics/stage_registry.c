/* The one place that names every stage: one line each. The file that creates it is in the comment. */
#include "stageimpl.h"
#include "stages.h"

PetscErrorCode StageRegisterAll(void)
{
  static PetscBool done = PETSC_FALSE;
  PetscFunctionBeginUser;
  if (done) PetscFunctionReturn(0);
  done = PETSC_TRUE;
  /* physics/slot_die_coating.c */
  PetscCall(StageRegister("slot_die_coating", StageCreate_SlotDieCoating, SlotDieCoatingKeys, SlotDieCoatingNumKeys));
  /* physics/convective_drying.c */
  PetscCall(
      StageRegister("convective_drying", StageCreate_ConvectiveDrying, ConvectiveDryingKeys, ConvectiveDryingNumKeys));
  /* physics/electrostatic_deposition.c */
  PetscCall(StageRegister("electrostatic_deposition", StageCreate_ElectrostaticDeposition, ElectrostaticDepositionKeys,
                          ElectrostaticDepositionNumKeys));
  /* physics/hot_lamination.c */
  PetscCall(StageRegister("hot_lamination", StageCreate_HotLamination, HotLaminationKeys, HotLaminationNumKeys));
  /* physics/calendering.c */
  PetscCall(StageRegister("calendering", StageCreate_Calendering, CalenderingKeys, CalenderingNumKeys));
  PetscFunctionReturn(0);
}
