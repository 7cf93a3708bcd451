#!/usr/bin/env bash
# Debian's python3-kubernetes (an independent client) accepts the sim.
source "$(dirname "$0")/lib.sh" "$1"
start_sim
/usr/bin/python3 "$(dirname "$0")/python_client.py" "$KC" "$RANDOM" || fail "python client run failed"
