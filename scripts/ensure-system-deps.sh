#!/usr/bin/env bash
# System packages the test suite needs beside Node: Dovecot (a real IMAP server for the
# email tests) and Chromium (the web-form browser test); with --ci also Debian's
# docker-compose (validates the compose file without an engine). Installs what is missing
# when it can (root + apt), otherwise says what to install. The local Kafka of the tests
# needs Java 17+ and Maven (unless KAFKA_BROKERS is set or a Docker engine answers).
set -euo pipefail
need=()
if [ "${1:-}" = "--ci" ]; then command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose); fi
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ -z "${KAFKA_BROKERS:-}" ] && ! { command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; }; then
  echo "note: the tests run Apache Kafka from its jars: install Java 17+ and Maven, or set KAFKA_BROKERS" >&2
fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # Debian starts services it installs; the tests run their own Dovecot.
  if command -v service >/dev/null 2>&1; then service dovecot stop >/dev/null 2>&1 || true; fi
else
  echo "missing system packages: ${need[*]} (install them, e.g. apt-get install ${need[*]})" >&2
  exit 1
fi
