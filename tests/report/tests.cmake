# eproc report (HTML, CSV, plots) and the XDMF files beside every results file.
add_executable(check_xdmf ${CMAKE_CURRENT_LIST_DIR}/check_xdmf.c)
target_link_libraries(check_xdmf PRIVATE eproc_core)
add_executable(check_report ${CMAKE_CURRENT_LIST_DIR}/check_report.c)
target_link_libraries(check_report PRIVATE eproc_core)
add_test(NAME report COMMAND ${CMAKE_COMMAND} -E env EPROC=${EPROC_BIN} SRC=${CMAKE_SOURCE_DIR}
         WORK=${CMAKE_CURRENT_BINARY_DIR}/work/report CHECK_XDMF=$<TARGET_FILE:check_xdmf>
         CHECK_REPORT=$<TARGET_FILE:check_report> ${BASH} ${CMAKE_CURRENT_LIST_DIR}/report.sh)
set_tests_properties(report PROPERTIES ENVIRONMENT "${EPROC_TEST_ENV}" LABELS "report")
