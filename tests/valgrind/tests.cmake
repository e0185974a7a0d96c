find_program(VALGRIND valgrind)
if(VALGRIND)
  eproc_script_test(valgrind_bad_input ${CMAKE_CURRENT_LIST_DIR}/run.sh ARGS nmp_nmc811.cfg --set electrode.binder_mass_fraction=0.5 LABELS "valgrind")
  eproc_script_test(valgrind_wet_route ${CMAKE_CURRENT_LIST_DIR}/run.sh ARGS water_graphite.cfg LABELS "valgrind")
  # a coarser deposition grid keeps the run short under valgrind; the code paths are the same
  eproc_script_test(valgrind_dry_route ${CMAKE_CURRENT_LIST_DIR}/run.sh ARGS dry_nmc811.cfg
                    --set electrostatic_deposition.cells_across=48 --set electrostatic_deposition.cells_gap=32 LABELS "valgrind")
endif()
