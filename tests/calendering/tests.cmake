# Calendering (docs/calendering.md): model unit tests, roll-pair solver verification, stage trends and ledger.
eproc_unit_test(test_calender_model ${CMAKE_CURRENT_LIST_DIR}/test_calender_model.c LABELS "calendering")
eproc_unit_test(test_calender_beam ${CMAKE_CURRENT_LIST_DIR}/test_calender_beam.c LABELS "calendering")
eproc_unit_test(test_calender_stage ${CMAKE_CURRENT_LIST_DIR}/test_calender_stage.c
                ARGS -dir ${CMAKE_CURRENT_LIST_DIR} -materials ${CMAKE_SOURCE_DIR}/cases/materials.cfg LABELS "calendering")
eproc_unit_test(test_calender_stage ${CMAKE_CURRENT_LIST_DIR}/test_calender_stage.c
                ARGS -dir ${CMAKE_CURRENT_LIST_DIR} -materials ${CMAKE_SOURCE_DIR}/cases/materials.cfg -quick NPROCS 2 LABELS "calendering;mpi")
eproc_unit_test(test_calender_keys ${CMAKE_CURRENT_LIST_DIR}/test_calender_keys.c ARGS -dir ${CMAKE_CURRENT_LIST_DIR} LABELS "calendering")
