import { type Harness, startHarness } from '@omni/testkit';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedMessage, seedTicket } from './support/seed';

// A reply's and a note's answer is the message's JSON read in the statement that writes it
// (`writtenMessageJson`): held here to what every later read of the message shows.
let h: Harness;
let api: ApiFixture;

beforeAll(async () => {
  h = await startHarness('tickets-written-message');
  api = await startApi(h.pool, h.log);
});
afterAll(async () => {
  await api?.stop();
  await h?.close();
});

it('answers a reply or a note with the message exactly as the reads show it', async () => {
  const customer = await seedCustomer(h.pool, 'Дарья "Q"', [{ kind: 'telegram', value: '4242' }]);
  const ticket = await seedTicket(h.pool, { customerId: customer, subject: 'Заказ' });
  await seedMessage(h.pool, { ticketId: ticket.id, customerId: customer, text: 'hi', senderId: '4242' });
  const post = async (path: string, payload: object) => {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/tickets/${ticket.id}/${path}`,
      headers: bearer(api.adminKey),
      payload,
    });
    expect(res.statusCode).toBeLessThan(300);
    return res.json() as { id: string };
  };
  const answers = [
    await post('replies', { text: 'Отправили "сегодня"\n\\ ok', html: '<p>Отправили</p>', author: 'kate' }),
    await post('replies', {
      text: 'The invoice',
      attachments: [{ name: 'счёт.pdf', mimeType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' }],
    }),
    await post('notes', { text: 'VIP, 🙂' }),
  ];
  const page = await api.app.inject({
    method: 'GET',
    url: `/v1/tickets/${ticket.id}/messages`,
    headers: bearer(api.adminKey),
  });
  const read = new Map((page.json().data as Array<{ id: string }>).map((m) => [m.id, m]));
  for (const answer of answers) expect(answer).toEqual(read.get(answer.id));
  expect(answers[1]).toMatchObject({ attachments: [{ name: 'счёт.pdf', mimeType: 'application/pdf' }] });
});
