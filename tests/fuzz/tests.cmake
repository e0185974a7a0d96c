# The libFuzzer harnesses of the case and study loaders (clang, -DEPROC_FUZZ=ON; .ci/run runs it for a bounded time), and the
# replay of every input it ever crashed on (tests/fuzz/regressions), run by ctest in every build.
if(EPROC_FUZZ)
  add_executable(fuzz_case ${CMAKE_CURRENT_LIST_DIR}/fuzz_case.c)
  target_link_libraries(fuzz_case PRIVATE eproc_core)
  target_compile_definitions(fuzz_case PRIVATE EPROC_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  target_link_options(fuzz_case PRIVATE -fsanitize=fuzzer)
  add_executable(fuzz_study ${CMAKE_CURRENT_LIST_DIR}/fuzz_study.c)
  target_link_libraries(fuzz_study PRIVATE eproc_core)
  target_compile_definitions(fuzz_study PRIVATE EPROC_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  target_link_options(fuzz_study PRIVATE -fsanitize=fuzzer)
endif()
eproc_script_test(fuzz_regressions ${CMAKE_CURRENT_LIST_DIR}/replay.sh LABELS "bad_input;fuzz")
