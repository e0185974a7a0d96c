/* The one place that names every stage: one line each, with the web states it accepts and produces. The
 * file that creates it is in the comment. Registration runs once per PetscInitialize (the registry is
 * emptied by StageRegistryFinalize). */
#include "stageimpl.h"
#include "stages.h"

PetscErrorCode StageRegisterAll(void)
{
  char any[8];
  PetscFunctionBeginUser;
  PetscCall(StageGetRegisteredNames(any, sizeof(any)));
  if (any[0]) PetscFunctionReturn(0);
  /* physics/slot_die_coating.c */
  PetscCall(StageRegister("slot_die_coating", StageCreate_SlotDieCoating, SlotDieCoatingKeys, SlotDieCoatingNumKeys,
                          WEB_BARE_FOIL, WEB_WET_FILM));
  /* physics/convective_drying.c */
  PetscCall(StageRegister("convective_drying", StageCreate_ConvectiveDrying, ConvectiveDryingKeys,
                          ConvectiveDryingNumKeys, WEB_WET_FILM, WEB_DRY_COATING));
  /* physics/electrostatic_deposition.c */
  PetscCall(StageRegister("electrostatic_deposition", StageCreate_ElectrostaticDeposition, ElectrostaticDepositionKeys,
                          ElectrostaticDepositionNumKeys, WEB_BARE_FOIL, WEB_POWDER_LAYER));
  /* physics/hot_lamination.c */
  PetscCall(StageRegister("hot_lamination", StageCreate_HotLamination, HotLaminationKeys, HotLaminationNumKeys,
                          WEB_POWDER_LAYER, WEB_LAMINATED));
  /* physics/calendering.c */
  PetscCall(StageRegister("calendering", StageCreate_Calendering, CalenderingKeys, CalenderingNumKeys,
                          WEB_DRY_COATING | WEB_LAMINATED | WEB_CALENDERED, WEB_CALENDERED));
  PetscFunctionReturn(0);
}
