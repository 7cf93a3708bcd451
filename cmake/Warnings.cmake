# Flags ride on INTERFACE targets linked privately by our own targets only.
add_library(project_warnings INTERFACE)
target_compile_options(project_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false maybe-uninitialized warnings inside libstdc++'s std::regex at -O2
  # (GCC bug 105562); the check stays on for clang builds.
  target_compile_options(project_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(DOCA_LAYER_DEV)
  target_compile_options(project_warnings INTERFACE -Werror)
endif()

add_library(project_options INTERFACE)
if(DOCA_LAYER_SANITIZE)
  target_compile_options(project_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(project_options INTERFACE -fsanitize=address,undefined)
endif()
if(DOCA_LAYER_FUZZ)
  # Coverage feedback for libFuzzer in every library the fuzz targets link.
  target_compile_options(project_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
