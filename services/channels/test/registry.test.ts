import { CHANNEL_TRAITS, CHANNELS, IDENTITY_KINDS } from '@omni/contracts';
import { CHANNEL_DEFINITIONS } from '../src';

it('registers every channel of @omni/contracts once, in its order, with its traits', () => {
  expect(CHANNEL_DEFINITIONS.map((c) => c.name)).toEqual(CHANNELS);
  for (const c of CHANNEL_DEFINITIONS) expect(c.traits).toBe(CHANNEL_TRAITS[c.name]);
  expect(new Set(CHANNEL_DEFINITIONS.map((c) => c.service)).size).toBe(CHANNELS.length);
});

it('derives the identity kinds the API accepts from the traits (contacts first, then user ids)', () => {
  expect(IDENTITY_KINDS).toEqual([
    'email',
    'phone',
    'telegram',
    'viber',
    'facebook',
    'vk',
    'whatsapp',
    'instagram',
    'max',
    'livechat',
  ]);
});
