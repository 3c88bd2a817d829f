#!/usr/bin/env bash
# Runs a bench main class from this working tree: builds bench and the modules it measures
# (package, never install), then puts their target/classes on the class path instead of the
# jars bench/target/classpath.txt names in ~/.m2, which hold whatever was installed last.
# Usage: scripts/bench-from-tree.sh <main class> [arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"; shift
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
exec java ${BENCH_JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
