# Static analysis of the library sources (cppcheck warnings, performance, portability).
find_program(CPPCHECK cppcheck)
if(CPPCHECK)
  add_test(NAME static_cppcheck COMMAND ${CPPCHECK} --quiet --error-exitcode=1 --enable=warning,performance,portability
           --inline-suppr --std=c11 -I solver -I physics -I mesh -I postproc --suppress=missingIncludeSystem
           solver physics mesh postproc WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(static_cppcheck PROPERTIES LABELS "static")
endif()
