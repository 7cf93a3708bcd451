enable_testing()
# Unit tests live beside the code (foo.cpp + foo_test.cpp) and build into one binary.
# doca_layer_add_unit_tests(<layer> <files...>) appends to that binary's source list.
set_property(GLOBAL PROPERTY DOCA_LAYER_UNIT_TESTS "")
function(doca_layer_add_unit_tests)
  foreach(f ${ARGN})
    set_property(GLOBAL APPEND PROPERTY DOCA_LAYER_UNIT_TESTS ${CMAKE_CURRENT_SOURCE_DIR}/${f})
  endforeach()
endfunction()

# doca_layer_layer(<name> SOURCES ... DEPS ...) declares one layer library.
function(doca_layer_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${L_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${L_DEPS} PRIVATE project_warnings project_options)
endfunction()
