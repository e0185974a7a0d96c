eproc_script_test(validation_wet_routes ${CMAKE_CURRENT_LIST_DIR}/wet_routes.sh LABELS "validation")
