# eproc compare (docs/compare.md): the comparison equals the single runs, -n 2 equals -n 1, the plant context
# against a hand calculation, bad input and a failing route stop it.
add_executable(compare_check ${CMAKE_CURRENT_LIST_DIR}/compare_check.c)
target_link_libraries(compare_check PRIVATE eproc_core)
set(COMPARE_CHECK $<TARGET_FILE:compare_check>)
add_test(NAME compare_routes COMMAND ${CMAKE_COMMAND} -E env
         EPROC=${EPROC_BIN} EPROC_CHECK=${EPROC_CHECK} COMPARE_CHECK=${COMPARE_CHECK} MPIEXEC=${EPROC_MPIEXEC} SRC=${CMAKE_SOURCE_DIR}
         WORK=${CMAKE_CURRENT_BINARY_DIR}/work/compare_routes ${BASH} ${CMAKE_CURRENT_LIST_DIR}/compare.sh)
set_tests_properties(compare_routes PROPERTIES ENVIRONMENT "${EPROC_TEST_ENV}" PROCESSORS 2 LABELS "compare;mpi")
