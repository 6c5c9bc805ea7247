import { likePattern } from '../src/ticket.queries';

it('makes LIKE wildcards in search text literal', () => {
  expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
});
