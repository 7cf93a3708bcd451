#!/usr/bin/env bash
# Builds release DEB and RPM packages into dist/ (stripped, no sanitizers, no tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake -S . -B build-package -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOCA_LAYER_TESTS=OFF > /dev/null
cmake --build build-package -j "$(nproc)"
cpack --config build-package/CPackConfig.cmake -B dist
ls -l dist/*.deb dist/*.rpm
