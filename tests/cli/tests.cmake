eproc_script_test(cli ${CMAKE_CURRENT_LIST_DIR}/run.sh LABELS "cli;bad_input")
