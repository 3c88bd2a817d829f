#!/usr/bin/env bash
# The first benchmark (README, "Benchmarks"). Start devstack first (./devstack.sh) in another
# terminal; needs pgbench and psql (Debian: apt-get install postgresql-client).
# Tunables (system properties): bench.concurrency (clients on both sides), bench.seconds (per
# measurement), bench.rounds and bench.warmup (seconds), bench.calls (Type A calls to complete;
# 0 skips that phase), bench.only=http|pgbench, bench.url, bench.pg-port, bench.notes;
# bench.workload=otp measures signed OTP verifications instead (bench/README.md).
# Example: scripts/bench.sh -Dbench.rounds=3 -Dbench.calls=60
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am install
exec java "$@" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" com.phoneverify.bench.Benchmark
