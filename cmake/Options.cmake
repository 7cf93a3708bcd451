# Build switches. DOCA_LAYER_DEV turns warnings into errors (on in CI and the test command).
option(DOCA_LAYER_DEV "Treat warnings as errors" OFF)
option(DOCA_LAYER_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
option(DOCA_LAYER_TESTS "Build the test binary and register tests" ON)
option(DOCA_LAYER_CLANG_TIDY "Run clang-tidy while compiling" OFF)
# Precompiled standard, JSON, YAML and GoogleTest headers: about halves a clean build (CI).
option(DOCA_LAYER_FUZZ "Build the fuzz/ targets as libFuzzer binaries (clang; instruments every library)" OFF)
option(DOCA_LAYER_PCH "Precompile the heavy common headers of every target" OFF)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo)
endif()

if(DOCA_LAYER_CLANG_TIDY)
  find_program(CLANG_TIDY_EXE NAMES clang-tidy-14 clang-tidy REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY ${CLANG_TIDY_EXE})
endif()
