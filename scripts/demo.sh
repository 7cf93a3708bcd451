#!/usr/bin/env bash
# Installs what is missing, builds doca-layer (release) and runs `doca-layer demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOCA_LAYER_TESTS=OFF > /dev/null
cmake --build build-release -j "$(nproc)" --target doca-layer
exec build-release/bin/doca-layer demo "$@"
