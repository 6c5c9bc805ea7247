#!/bin/sh
# Creates the topics of ARCHITECTURE.md ("Kafka topics") with their DLQs, once, before the
# services start (they can also create missing topics themselves: KAFKA_CREATE_TOPICS).
set -eu
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-6}"
REPLICATION="${KAFKA_REPLICATION_FACTOR:-1}"
TOPICS="omni.inbound.v1 omni.events.v1 omni.delivery.v1"
for channel in email telegram viber facebook vk webform; do TOPICS="$TOPICS omni.outbound.$channel.v1"; done

# Replicated topics need that many registered brokers: the other nodes of a cluster may still be starting.
tries=0
until [ "$(/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$BOOTSTRAP" 2>/dev/null | grep -c '(id: ')" -ge "$REPLICATION" ]; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then echo "fewer than $REPLICATION brokers registered after 120 s" >&2; exit 1; fi
  sleep 2
done

for topic in $TOPICS; do
  for name in "$topic" "$topic.dlq"; do
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$name" --partitions "$PARTITIONS" --replication-factor "$REPLICATION"
  done
done
