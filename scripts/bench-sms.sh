#!/usr/bin/env bash
# The SMS benchmark (sms-relay-service/README.md, "Benchmark"): our relay and Kannel 1.4.5 against
# the same SMSC simulator, in one run. Builds bench and the modules it measures (package, never
# install) and runs them from this working tree: bench/target/classpath.txt names the project's own
# modules as jars in ~/.m2, which hold whatever was installed last, not this code.
# Arguments go to SmsThroughput, e.g. --messages=20000 --window=200 --clients=16 --progress=true
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -DskipTests -pl bench -am package
classpath="bench/target/classes"
IFS=":" read -r -a entries < bench/target/classpath.txt || true  # no final newline
for entry in "${entries[@]}"; do
  if [[ "$entry" == */com/phoneverify/* ]]; then
    module=$(basename "$(dirname "$(dirname "$entry")")")
    entry="$module/target/classes"
  fi
  classpath="$classpath:$entry"
done
exec java ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.phoneverify.bench.sms.SmsThroughput "$@"
