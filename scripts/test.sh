#!/usr/bin/env bash
# Builds doca-layer with warnings as errors and ASan/UBSan, then runs every test (unit + end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake -S . -B build-test -G Ninja -DDOCA_LAYER_DEV=ON -DDOCA_LAYER_SANITIZE=ON -DDOCA_LAYER_PCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" > /dev/null
cmake --build build-test -j "$(nproc)"
ctest --test-dir build-test --output-on-failure -j "$(nproc)" "$@"
