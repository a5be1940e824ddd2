#!/bin/bash
# GENERATED from schemas/src/main/resources/io/embryostream/topics/topics.yaml by io.embryostream.deployment.DeploymentFiles; do not edit (./ops/ci/generate-deployment-files.sh).
# Runs once in the apache/kafka image; BOOTSTRAP names the broker.
set -euo pipefail
topics=/opt/kafka/bin/kafka-topics.sh
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.frames.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=delete \
  --config retention.ms=604800000 \
  --config max.message.bytes=2097152 \
  --config message.timestamp.type=CreateTime
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.stages.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=delete \
  --config retention.ms=2592000000 \
  --config max.message.bytes=1048576
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.transitions.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=delete \
  --config retention.ms=31536000000 \
  --config max.message.bytes=1048576
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.alerts.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=delete \
  --config retention.ms=2592000000 \
  --config max.message.bytes=1048576
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.lifecycle.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=compact \
  --config min.compaction.lag.ms=86400000 \
  --config max.message.bytes=1048576
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.deadletter.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=delete \
  --config retention.ms=2592000000 \
  --config max.message.bytes=4194304
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.alerts.undeliverable.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=delete \
  --config retention.ms=2592000000 \
  --config max.message.bytes=1048576
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.replays.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=compact \
  --config max.message.bytes=1048576
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.ingest.progress.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=compact \
  --config max.message.bytes=1048576
"$topics" --bootstrap-server "${BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
  --topic embryo.annotations.v1 --partitions 12 --replication-factor 1 \
  --config cleanup.policy=delete \
  --config retention.ms=31536000000 \
  --config max.message.bytes=1048576
echo "topics ready: embryo.frames.v1 embryo.stages.v1 embryo.transitions.v1 embryo.alerts.v1 embryo.lifecycle.v1 embryo.deadletter.v1 embryo.alerts.undeliverable.v1 embryo.replays.v1 embryo.ingest.progress.v1 embryo.annotations.v1"
