/* Declarations of the concrete stages: a create function and a key table each. */
#pragma once
#include "stage.h"

#define STAGE_DECLARE(Create, Keys, NumKeys)                                                                           \
  PETSC_EXTERN PetscErrorCode    Create(Stage);                                                                        \
  PETSC_EXTERN const CaseKeySpec Keys[];                                                                               \
  PETSC_EXTERN const PetscInt    NumKeys

STAGE_DECLARE(StageCreate_SlotDieCoating, SlotDieCoatingKeys, SlotDieCoatingNumKeys);
STAGE_DECLARE(StageCreate_ConvectiveDrying, ConvectiveDryingKeys, ConvectiveDryingNumKeys);
STAGE_DECLARE(StageCreate_ElectrostaticDeposition, ElectrostaticDepositionKeys, ElectrostaticDepositionNumKeys);
STAGE_DECLARE(StageCreate_HotLamination, HotLaminationKeys, HotLaminationNumKeys);
STAGE_DECLARE(StageCreate_Calendering, CalenderingKeys, CalenderingNumKeys);
