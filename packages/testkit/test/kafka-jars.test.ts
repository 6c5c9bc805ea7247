import { KAFKA_VERSION, SLF4J_VERSION } from '../src/kafka-jars';
import { KAFKA_JARS } from '../src/kafka-jars.lock';

describe('the Kafka jar list', () => {
  const files = KAFKA_JARS.map(([path]) => path.split('/').pop());

  it('is for the Kafka version the kit runs, with the tools and a logging backend', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        `kafka_2.13-${KAFKA_VERSION}.jar`,
        `kafka-tools-${KAFKA_VERSION}.jar`,
        `kafka-server-${KAFKA_VERSION}.jar`,
        `slf4j-simple-${SLF4J_VERSION}.jar`,
      ]),
    );
  });

  it('pins every jar by path and SHA-256, once', () => {
    for (const [path, sha256] of KAFKA_JARS) {
      expect(path).toMatch(/^[a-z0-9._/-]+\/[^/]+-[^/]+\.jar$/i);
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(files).size).toBe(files.length);
  });
});
