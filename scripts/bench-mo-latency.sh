#!/usr/bin/env bash
# MO reply -> transfer executed (bench/README.md, "MO reply to transfer executed"): devstack's
# suite in one JVM (relay, transfer-consent-service, SMSC and telco simulators, embedded broker
# and PostgreSQL with fsync on); N phishing-guard transfers, each consented by a handset reply
# over real SMPP, timed from just before the simulator's deliver_sm to the transfer's
# finished_at. Runs from this working tree (scripts/bench-from-tree.sh).
# Arguments go to MoReplyLatency, e.g. --transfers=200 --warmup=20 --concurrency=1
exec "$(dirname "$0")/bench-from-tree.sh" com.phoneverify.bench.sms.MoReplyLatency "$@"
