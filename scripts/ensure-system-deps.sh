#!/usr/bin/env bash
# System packages the test suite needs beside Node: Debian's docker-compose (validates the
# compose file without an engine), Dovecot (a real IMAP server for the email tests) and
# Chromium (the web-form browser test). Installs what is missing when it can (root + apt),
# otherwise says what to install. Java 17+ and Maven are needed for the local Kafka.
set -euo pipefail
need=()
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/bin/chromium ] || need+=(chromium)
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
