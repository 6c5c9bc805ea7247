#!/usr/bin/env bash
# Writes src/kafka-jars.lock.ts: the runtime jars of Kafka (version and SLF4J version from
# src/kafka-jars.ts) as Maven resolves them, with their SHA-256. Needs Java and Maven; the
# tests themselves need neither (they fetch the listed jars over HTTPS).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
kafka=$(sed -n "s/^export const KAFKA_VERSION = '\(.*\)';/\1/p" "$here/src/kafka-jars.ts")
slf4j=$(sed -n "s/^export const SLF4J_VERSION = '\(.*\)';/\1/p" "$here/src/kafka-jars.ts")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dep() { echo "<dependency><groupId>$1</groupId><artifactId>$2</artifactId><version>$3</version></dependency>"; }
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>omni.testkit</groupId><artifactId>kafka-runtime</artifactId><version>1</version><packaging>pom</packaging>
<dependencies>$(dep org.apache.kafka kafka_2.13 "$kafka")$(dep org.apache.kafka kafka-tools "$kafka")$(dep org.slf4j slf4j-simple "$slf4j")</dependencies></project>
POM
(cd "$work" && mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list -DincludeScope=runtime \
  -DoutputAbsoluteArtifactFilename=true -DoutputFile=deps.txt)
repo="$HOME/.m2/repository/"
{
  sed -n '1,/^export const KAFKA_JARS/p' "$here/src/kafka-jars.lock.ts"
  grep -o "$repo[^ ]*\.jar" "$work/deps.txt" | sort -u | while read -r jar; do
    echo "  ['${jar#"$repo"}', '$(sha256sum "$jar" | cut -d' ' -f1)'],"
  done
  echo '];'
} > "$work/lock.ts"
mv "$work/lock.ts" "$here/src/kafka-jars.lock.ts"
