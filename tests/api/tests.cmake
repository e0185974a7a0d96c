# The in-process API: many runs in one process, per-run options, batch runs, results reader.
set(API_DIR ${CMAKE_CURRENT_LIST_DIR})
eproc_unit_test(test_many_runs ${API_DIR}/test_many_runs.c
  ARGS -runs 50 -case ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg,${CMAKE_SOURCE_DIR}/cases/water_graphite.cfg LABELS api)
eproc_script_test(batch_runs ${API_DIR}/batch.sh NPROCS 2 LABELS "api;mpi")
eproc_script_test(stage_instances ${API_DIR}/instances.sh LABELS api)
