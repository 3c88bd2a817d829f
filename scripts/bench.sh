#!/usr/bin/env bash
# The first benchmark (README, "Benchmarks"). Start devstack first (./devstack.sh) in another
# terminal; needs pgbench and psql (Debian: apt-get install postgresql-client).
# Tunables: -Dbench.concurrency=16 -Dbench.seconds=20 -Dbench.calls=60
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am install
exec java "$@" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" com.phoneverify.bench.Benchmark
