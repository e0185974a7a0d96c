# Studies (issue 13): designs, sensitivities, optimisation, the MPI scheduler, resume after SIGKILL, bad study files.
set(STUDY_DIR ${CMAKE_CURRENT_LIST_DIR})
add_executable(study_check ${STUDY_DIR}/study_check.c)
target_link_libraries(study_check PRIVATE eproc_core)
