#!/usr/bin/env bash
# MO reply -> transfer executed (bench/README.md, "MO reply to transfer executed"): devstack's
# suite in one JVM (relay, transfer-consent-service, SMSC and telco simulators, embedded broker
# and PostgreSQL with fsync on); N phishing-guard transfers, each consented by a handset reply
# over real SMPP, timed from just before the simulator's deliver_sm to the transfer's
# finished_at. Builds bench and the modules it runs (package, never install) and runs them from
# this working tree: bench/target/classpath.txt names the project's own modules as jars in
# ~/.m2, which hold whatever was installed last, not this code.
# Arguments go to MoReplyLatency, e.g. --transfers=200 --warmup=20 --concurrency=1
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
exec java ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.phoneverify.bench.sms.MoReplyLatency "$@"
