# slot_die_coating: levelling MMS, linear decay rate, mass closure, coating window (docs/slot_die.md).
set(SD_DIR ${CMAKE_CURRENT_SOURCE_DIR}/slot_die)
eproc_unit_test(slot_die_levelling_mms ${SD_DIR}/test_levelling_mms.c LABELS slot_die)
eproc_unit_test(slot_die_levelling_decay ${SD_DIR}/test_levelling_decay.c LABELS slot_die)
eproc_unit_test(slot_die_mass ${SD_DIR}/test_slot_die_route.c ARGS ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg mass LABELS slot_die)
eproc_unit_test(slot_die_mass ${SD_DIR}/test_slot_die_route.c ARGS ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg mass NPROCS 2 LABELS slot_die mpi)
eproc_unit_test(slot_die_window ${SD_DIR}/test_slot_die_route.c ARGS ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg window LABELS slot_die)
eproc_script_test(slot_die_no_solvent ${SD_DIR}/no_solvent.sh LABELS slot_die)
