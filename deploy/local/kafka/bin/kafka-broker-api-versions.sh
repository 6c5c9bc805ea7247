#!/bin/sh
exec /opt/kafka/bin/kafka-run-class org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
