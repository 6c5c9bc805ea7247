#!/bin/sh
# Creates the topics of ARCHITECTURE.md ("Kafka topics") with their DLQs, once, before the
# services start (they can also create missing topics themselves: KAFKA_CREATE_TOPICS).
set -eu
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-6}"
TOPICS="omni.inbound.v1 omni.events.v1 omni.delivery.v1"
for channel in email telegram viber facebook vk webform; do TOPICS="$TOPICS omni.outbound.$channel.v1"; done
for topic in $TOPICS; do
  for name in "$topic" "$topic.dlq"; do
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$name" --partitions "$PARTITIONS" --replication-factor 1
  done
done
