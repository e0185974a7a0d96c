# The in-process API: many runs in one process, per-run options, batch runs, results reader.
set(API_DIR ${CMAKE_CURRENT_LIST_DIR})
# Every shipped case 50 times in one process (leak check by -malloc_dump, without -malloc_debug's heap walks that
# make 400 runs slow; valgrind_* and the ASan build check the heap). The dry case on a coarse deposition section
# (48 x 32 cells: the same code, 0.3 s a run instead of 4 s). Its peak RSS grew about 25 kB a run (1.85 MB from run
# 2 to run 50) while the potential was preconditioned by a PCMG: PETSc 3.18's PCCreate_MG registers a new
# composed-data id for every multigrid preconditioner, every later vector that caches a norm gets composed-data
# arrays that much longer, and the allocator fragments (mallinfo2: in use +2.7 kB a run, free space in the arena
# +48 kB a run). With BoomerAMG, the default since 2026-11-30: +0.7 MB from run 2 to run 50 under -malloc_dump,
# +0.8 MB without (PETSc's own allocations flat); with -dep_potential_pc_type jacobi: 0.
eproc_unit_test(test_many_runs ${API_DIR}/test_many_runs.c LEAKS_ONLY
  ARGS -runs 50 -case ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg,${CMAKE_SOURCE_DIR}/cases/water_graphite.cfg,${CMAKE_SOURCE_DIR}/cases/water_nmc811.cfg
  LABELS api)
eproc_unit_test(test_many_runs ${API_DIR}/test_many_runs.c LEAKS_ONLY TESTNAME test_many_runs_dry
  ARGS -runs 50 -case ${CMAKE_SOURCE_DIR}/cases/dry_nmc811.cfg -set electrostatic_deposition.cells_across=48
  -set electrostatic_deposition.cells_gap=32 LABELS api)
eproc_script_test(batch_runs ${API_DIR}/batch.sh NPROCS 2 LABELS "api;mpi")
eproc_script_test(stage_instances ${API_DIR}/instances.sh LABELS api)
