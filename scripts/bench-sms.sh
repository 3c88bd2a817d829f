#!/usr/bin/env bash
# The SMS benchmark (sms-relay-service/README.md, "Benchmark"): our relay and Kannel 1.4.5 against
# the same SMSC simulator, in one run, from this working tree (scripts/bench-from-tree.sh).
# Arguments go to SmsThroughput, e.g. --messages=20000 --window=200 --clients=16 --progress=true
exec "$(dirname "$0")/bench-from-tree.sh" com.phoneverify.bench.sms.SmsThroughput "$@"
