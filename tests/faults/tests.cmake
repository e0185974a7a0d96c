# Faults while writing results files (a full disk on 1 and 2 ranks, planted links, read-only targets).
add_library(eproc_enospc_shim SHARED ${CMAKE_CURRENT_LIST_DIR}/enospc_shim.c)
target_link_libraries(eproc_enospc_shim PRIVATE dl)
eproc_script_test(faults_full_disk ${CMAKE_CURRENT_LIST_DIR}/full_disk.sh ARGS $<TARGET_FILE:eproc_enospc_shim>
                  NPROCS 2 LABELS "faults")
set_tests_properties(faults_full_disk PROPERTIES TIMEOUT 900)
eproc_script_test(faults_links ${CMAKE_CURRENT_LIST_DIR}/links.sh LABELS "faults;cli")
eproc_unit_test(test_numerical_faults ${CMAKE_CURRENT_LIST_DIR}/test_numerical_faults.c LABELS "faults;unit")
find_program(VALGRIND valgrind)
if(VALGRIND)
  eproc_script_test(faults_valgrind ${CMAKE_CURRENT_LIST_DIR}/valgrind_errors.sh ARGS $<TARGET_FILE:eproc_enospc_shim>
                    LABELS "faults;valgrind")
endif()
