find_program(VALGRIND valgrind)
if(VALGRIND)
  eproc_script_test(valgrind_bad_input ${CMAKE_CURRENT_LIST_DIR}/run.sh ARGS nmp_nmc811.cfg --set electrode.binder_mass_fraction=0.5 LABELS "valgrind")
endif()
