# Every dependency is a Debian 12 package (scripts/bootstrap.sh installs them).
find_package(nlohmann_json 3.10 REQUIRED)   # nlohmann-json3-dev
find_package(yaml-cpp 0.7 REQUIRED)         # libyaml-cpp-dev
find_package(CLI11 2.1 REQUIRED)            # libcli11-dev
find_package(Threads REQUIRED)
if(DOCA_LAYER_TESTS)
  find_package(GTest 1.12 REQUIRED)         # libgtest-dev
endif()
