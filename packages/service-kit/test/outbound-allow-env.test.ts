import { CommonEnv, ConfigError, parseEnv } from '../src';

describe('OMNI_OUTBOUND_ALLOW', () => {
  it('is empty when unset: nothing private is allowed', () => {
    expect(parseEnv(CommonEnv, {}).OMNI_OUTBOUND_ALLOW).toEqual([]);
  });

  it('reads comma-separated addresses, CIDRs and host names', () => {
    const env = parseEnv(CommonEnv, {
      OMNI_OUTBOUND_ALLOW: ' 127.0.0.1/32, ::1 ,hooks.internal,*.svc.cluster.local,',
    });
    expect(env.OMNI_OUTBOUND_ALLOW).toEqual(['127.0.0.1/32', '::1', 'hooks.internal', '*.svc.cluster.local']);
  });

  it('names the variable and every bad entry at start', () => {
    expect(() => parseEnv(CommonEnv, { OMNI_OUTBOUND_ALLOW: '10.0.0.0/40,http://x/,ok.internal' })).toThrow(
      ConfigError,
    );
    expect(() => parseEnv(CommonEnv, { OMNI_OUTBOUND_ALLOW: '10.0.0.0/40,http://x/,ok.internal' })).toThrow(
      'OMNI_OUTBOUND_ALLOW: not an address, CIDR or host name: "10.0.0.0/40", "http://x/"',
    );
  });
});
