#!/usr/bin/env bash
# System packages the test suite needs beside Node: Dovecot (a real IMAP server for the
# email tests), Chromium (the web-form browser test) and a Java 17+ runtime (the tests run
# Apache Kafka from its jars, which the test kit fetches itself; not needed when
# KAFKA_BROKERS is set); with --ci also Debian's docker-compose (validates the compose file
# without an engine). Installs what is missing when it can (root + apt), otherwise says
# exactly what to install.
set -euo pipefail
need=()
if [ "${1:-}" = "--ci" ]; then command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose); fi
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/bin/chromium ] || need+=(chromium)
java_major() { java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1; }
if [ -z "${KAFKA_BROKERS:-}" ] && { ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; }; then
  # Debian's default Java runtime: 17 on bookworm, 21 on trixie — both run Kafka 4.
  need+=(default-jre-headless)
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
  echo "missing system packages: ${need[*]} (install them, e.g. apt-get install ${need[*]}; or set KAFKA_BROKERS instead of installing Java)" >&2
  exit 1
fi
