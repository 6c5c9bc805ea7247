#!/bin/sh
# Creates the topics of ARCHITECTURE.md ("Kafka topics") with their DLQs, once, before the
# services start (they can also create missing topics themselves: KAFKA_CREATE_TOPICS).
# The list is the CLI's (`pnpm omni topics`, derived from the channel list of
# @omni/contracts), so this script keeps none of its own. For a source checkout (plain
# processes); in the image the same is `omni topics create` (compose service `kafka-init`).
# Reads KAFKA_BROKERS, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR and KAFKA_RETENTION_*_MS
# (how long each topic keeps personal data) as the services do.
set -eu
cd "$(dirname "$0")/../.."
exec node --import tsx packages/cli/src/main.ts topics create
