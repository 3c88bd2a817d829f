#!/usr/bin/env bash
# Starts the whole suite on this machine: embedded Kafka (KRaft) and PostgreSQL, the phone
# simulator, gateway-service and ars-call-service. Builds first (tests skipped; run them with
# ./mvnw verify). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -DskipTests -pl devstack -am install
exec java -jar devstack/target/devstack-0.1.0-SNAPSHOT-exec.jar "$@"
