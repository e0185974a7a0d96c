eproc_script_test(bad_input ${CMAKE_CURRENT_LIST_DIR}/run.sh LABELS "bad_input")
