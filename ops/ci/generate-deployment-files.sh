#!/usr/bin/env bash
# Regenerates the derived deployment files (compose topic init and k8s KafkaTopics from the topic
# catalog; the k8s copies of the Grafana dashboard and the alerting rules). Run after changing
# topics.yaml, the dashboard or the rules; deployment-check's tests fail until you do.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl deployment-check -am install -DskipTests
./mvnw -B -q -pl deployment-check exec:java
