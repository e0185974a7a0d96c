# Hot lamination (docs/lamination.md): conduction solver verification, model unit tests, stage trends.
eproc_unit_test(test_lamination_mms ${CMAKE_CURRENT_LIST_DIR}/test_lamination_mms.c LABELS "lamination")
eproc_unit_test(test_lamination_analytic ${CMAKE_CURRENT_LIST_DIR}/test_lamination_analytic.c LABELS "lamination")
eproc_unit_test(test_lamination_model ${CMAKE_CURRENT_LIST_DIR}/test_lamination_model.c LABELS "lamination")
eproc_unit_test(test_lamination_model ${CMAKE_CURRENT_LIST_DIR}/test_lamination_model.c NPROCS 2 LABELS "lamination;mpi")
eproc_unit_test(test_lamination_stage ${CMAKE_CURRENT_LIST_DIR}/test_lamination_stage.c
                ARGS -dir ${CMAKE_CURRENT_LIST_DIR} -materials ${CMAKE_SOURCE_DIR}/cases/materials.cfg LABELS "lamination")
eproc_unit_test(test_lamination_stage ${CMAKE_CURRENT_LIST_DIR}/test_lamination_stage.c
                ARGS -dir ${CMAKE_CURRENT_LIST_DIR} -materials ${CMAKE_SOURCE_DIR}/cases/materials.cfg -quick NPROCS 2 LABELS "lamination;mpi")
eproc_unit_test(test_lamination_ledger ${CMAKE_CURRENT_LIST_DIR}/test_lamination_ledger.c
                ARGS -dir ${CMAKE_CURRENT_LIST_DIR} -materials ${CMAKE_SOURCE_DIR}/cases/materials.cfg LABELS "lamination")
