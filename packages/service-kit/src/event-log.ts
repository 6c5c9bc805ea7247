/**
 * SQL, true while events of the change feed's table wait after `position` (a `(txid, seq)` row
 * expression): what a follower of the table (the outbox relay, the webhook dispatcher) asks when
 * a round took nothing, to tell events held back by an older running transaction from none.
 * The first such event along the (txid, seq) index: as `EXISTS`, the planner expects a match
 * early in a sequential scan wherever the table's statistics are missing or old (a young
 * database), and the events after a position are the newest, so it read the whole table.
 */
export const eventsWaitAfter = (position: string): string =>
  `(SELECT true FROM events WHERE (txid, seq) > ${position} ORDER BY txid, seq LIMIT 1) IS NOT NULL`;
