# The in-process API: many runs in one process, per-run options, batch runs, results reader.
set(API_DIR ${CMAKE_CURRENT_LIST_DIR})
# Every shipped case 50 times in one process (leak check by -malloc_dump, without -malloc_debug's heap walks that
# make 400 runs slow; valgrind_* and the ASan build check the heap). The dry case on a coarse deposition section
# (48 x 32 cells: the same code, 0.3 s a run instead of 4 s). Its peak RSS grows 0.6 MB from run 2 to run 5 and then
# about 25 kB a run (1.85 MB by run 50): 1.4 kB a run of it is PETSc 3.18's own, PCCreate_MG registers a new
# composed-data id for every multigrid preconditioner, which widens the composed-data arrays of every later object;
# the rest is outside PETSc's allocations (valgrind finds no leak). The limit of 1 MB is held from run 10 to run 50.
eproc_unit_test(test_many_runs ${API_DIR}/test_many_runs.c LEAKS_ONLY
  ARGS -runs 50 -case ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg,${CMAKE_SOURCE_DIR}/cases/water_graphite.cfg,${CMAKE_SOURCE_DIR}/cases/water_nmc811.cfg
  LABELS api)
eproc_unit_test(test_many_runs ${API_DIR}/test_many_runs.c LEAKS_ONLY TESTNAME test_many_runs_dry
  ARGS -runs 50 -case ${CMAKE_SOURCE_DIR}/cases/dry_nmc811.cfg -set electrostatic_deposition.cells_across=48
  -set electrostatic_deposition.cells_gap=32 -rss_base_run 10 LABELS api)
eproc_script_test(batch_runs ${API_DIR}/batch.sh NPROCS 2 LABELS "api;mpi")
eproc_script_test(stage_instances ${API_DIR}/instances.sh LABELS api)
