foreach(c nmp_nmc811 water_graphite dry_nmc811)
  eproc_script_test(mpi_agreement_${c} ${CMAKE_CURRENT_LIST_DIR}/run.sh ARGS ${c}.cfg NPROCS 2 LABELS "mpi")
endforeach()
