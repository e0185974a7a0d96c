foreach(c nmp_nmc811 water_nmc811 water_graphite dry_nmc811)
  eproc_script_test(case_${c} ${CMAKE_CURRENT_LIST_DIR}/run.sh ARGS ${c} NPROCS 2 LABELS "validation;mpi")
endforeach()
# The case-file reference in cases/README.md is generated from the key tables: it must be current.
add_test(NAME case_reference_current COMMAND ${CMAKE_COMMAND} -E env EPROC=${EPROC_BIN} SRC=${CMAKE_SOURCE_DIR}
         ${BASH} ${CMAKE_CURRENT_LIST_DIR}/reference_current.sh)
set_tests_properties(case_reference_current PROPERTIES ENVIRONMENT "${EPROC_TEST_ENV}")
