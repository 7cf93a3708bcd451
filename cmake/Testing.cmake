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
  doca_layer_pch(${name})
endfunction()

# doca_layer_pch(<target>): with DOCA_LAYER_PCH, reuse one precompiled header of the standard
# library, nlohmann/json and yaml-cpp (and GoogleTest for test binaries).
function(doca_layer_pch target)
  if(NOT DOCA_LAYER_PCH)
    return()
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "OBJECT_LIBRARY" OR type STREQUAL "INTERFACE_LIBRARY")
    return()
  endif()
  target_precompile_headers(${target} PRIVATE <string> <vector> <map> <memory> <functional> <optional>
    <chrono> <mutex> <regex> <nlohmann/json.hpp>)
  get_target_property(libs ${target} LINK_LIBRARIES)
  if(libs MATCHES "GTest::gtest")
    target_precompile_headers(${target} PRIVATE <gtest/gtest.h>)
  endif()
endfunction()
