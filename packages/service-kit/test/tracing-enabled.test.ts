import { CommonEnv, parseEnv, tracingEnabled } from '../src';

describe('tracingEnabled', () => {
  const enabled = (vars: Record<string, string>) => tracingEnabled(parseEnv(CommonEnv, vars));

  it('is off without a collector: spans would only be made to be dropped', () => {
    expect(enabled({})).toBe(false);
  });

  it('is on with a collector', () => {
    expect(enabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' })).toBe(true);
  });

  it('follows OTEL_SDK_DISABLED when it is set, collector or not', () => {
    expect(enabled({ OTEL_SDK_DISABLED: 'false' })).toBe(true);
    expect(enabled({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' })).toBe(
      false,
    );
    expect(enabled({ OTEL_SDK_DISABLED: '0' })).toBe(true);
  });
});
