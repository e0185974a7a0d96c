eproc_unit_test(test_properties ${CMAKE_CURRENT_LIST_DIR}/test_properties.c ARGS -materials ${CMAKE_SOURCE_DIR}/cases/materials.cfg LABELS "unit")
eproc_unit_test(test_case_loader ${CMAKE_CURRENT_LIST_DIR}/test_case_loader.c ARGS -dir ${CMAKE_CURRENT_LIST_DIR} LABELS "unit")
eproc_unit_test(test_materials ${CMAKE_CURRENT_LIST_DIR}/test_materials.c ARGS -materials ${CMAKE_SOURCE_DIR}/cases/materials.cfg LABELS "unit")
