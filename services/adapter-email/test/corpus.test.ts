import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InboundMessage, messageId } from '@omni/contracts';
import { MemoryBlobStore } from './memory-blob-store';
import { RECEIVED, readTestMail } from './read-test-mail';

/**
 * The fixture corpus (test/fixtures, SOURCES.md): every message decoded end to end by the
 * same code the IMAP watcher and the MIME route use, each checked for its decoded text,
 * threading fields and flags.
 */
const FIXTURES = join(__dirname, 'fixtures');

interface Expected {
  text: string | RegExp;
  subject?: string;
  from?: string;
  displayName?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  ticketToken?: number;
  flags?: InboundMessage['flags'];
  fullText?: RegExp;
  html?: (html: string | undefined) => void;
  attachments?: Array<Partial<InboundMessage['content']['attachments'][number]>>;
  check?: (m: InboundMessage) => void;
}

const OWN = 'omni.6a1f6e0e-1b6c-4a57-9a35-4b8a2a1d7f10@example.com';

const CORPUS: Record<string, Expected> = {
  'alias_delivered_to_cc.eml': {
    text: 'I cannot log in since yesterday.',
    check: (m) =>
      expect(m.thread.recipients).toEqual({
        to: ['help@example.com'],
        cc: ['manager@example.com', 'support@example.com'],
        deliveredTo: ['help@example.com'],
      }),
  },
  'auto_submitted_auto_generated_reply.eml': {
    text: 'Test reply to Discourse email digest',
    flags: { autoReply: true },
    subject: "[Discourse Meta] eviltrout posted in 'Adventure Time Sux'",
  },
  'bounce_multipart_report_dsn.eml': {
    text: /permanent fatal errors[\s\S]*User unknown/,
    from: 'mailer-daemon@tttttt.com.au',
    flags: { autoReply: true, bounce: true },
    attachments: [{ mimeType: 'text/rfc822-headers', size: 1663 }],
  },
  'forbidden_and_duplicate_attachments.eml': {
    text: 'See attached.',
    attachments: [
      { name: 'invoice.exe', skipped: 'forbidden file type' },
      { name: 'a.png', mimeType: 'image/png', size: 70 },
    ],
  },
  'forwarded_inline_gmail.eml': {
    text: /^Please look at this one\.\n\n-+ Forwarded message -+\n[\s\S]*Your invoice is attached\.$/,
    subject: 'Invoice 2025-03',
    flags: { forwarded: true },
  },
  'iso2022jp_body_utf8_subject.eml': { text: 'すみません。', subject: 'まみむめも', messageId: null },
  'iso8859_1_quoted_printable.eml': {
    text: 'Grüße aus Köln! Die Rechnung über 25 € ist doppelt abgebucht worden, bitte prüfen Sie das.',
    subject: 'Frage zur Rechnung für März',
    displayName: 'Jürgen Müller',
  },
  'iso8859_2_8bit.eml': { text: 'Zażółć gęślą jaźń - paczka nie dotarła.', subject: 'Zażółć gęślą jaźń' },
  'koi8r_base64_body_and_subject.eml': {
    text: 'Вопрос',
    subject: 'Алфавит',
    messageId: '04.eml@mime.sample',
  },
  'mailing_list_bulk.eml': { text: 'Three new threads this week.', flags: { list: true } },
  'malformed_unclosed_multipart.eml': {
    text: 'Text in an unknown charset survives.',
    subject: 'Broken message',
    attachments: [{ name: 'data.bin' }],
  },
  'multipart_alternative_html_tracking.eml': {
    text: 'Where is my order? See https://example.org/orders/7',
    html: (html) => {
      expect(html).toContain('<b>order</b>');
      expect(html).not.toMatch(/script|alert|onclick|javascript:|<style|url\(/i);
      expect(html).not.toMatch(/\ssrc="https?:/);
      expect(html).toContain('data-blocked-src="https://t.example.net/open.gif?u=42"');
    },
  },
  'multipart_attachment_8bit_filename.eml': {
    text: 'This is the first part.',
    attachments: [{ name: 'ciële.txt', size: 11 }],
  },
  'multipart_pdf_attachment_mbox_from_line.eml': {
    text: /^Just attaching another PDF/,
    subject: 'Another PDF with 🎉 Unicode chars in it 🍿',
    attachments: [{ name: 'broken.pdf', mimeType: 'application/pdf', size: 1026 }],
  },
  'multipart_related_inline_cid_image.eml': {
    text: 'The error looks like this:',
    html: (html) =>
      expect(html).toBe(
        '<p>The error looks like this:</p><img src="cid:shot@example.com" alt="screenshot" />',
      ),
    attachments: [
      { name: 'shot.png', contentId: 'shot@example.com', mimeType: 'image/png' },
      { name: 'log.pdf' },
    ],
  },
  'no_message_id.eml': { text: 'My mail program does not set a Message-ID.', messageId: null },
  'noreply_sender_with_reply_to.eml': {
    text: 'Your order has shipped.',
    from: 'no-reply@shop.example',
    flags: { autoReply: true },
    check: (m) => {
      expect(m.sender.email).toBe('kate@shop.example');
      expect(m.identities).toEqual([
        { kind: 'email', value: 'no-reply@shop.example', verified: true },
        { kind: 'email', value: 'kate@shop.example', verified: false },
      ]);
    },
  },
  'out_of_office_auto_replied.eml': {
    text: 'I am out of the office until 20 March.',
    inReplyTo: 'omni.11111111-2222-4333-8444-555555555555@example.com',
    ticketToken: 88,
    flags: { autoReply: true },
  },
  'own_message_bcc.eml': {
    text: 'We are sending a new charger.',
    messageId: OWN,
    ticketToken: 42,
    flags: { ownMessage: true },
    check: (m) => expect(m.direction).toBe('outbound'),
  },
  'precedence_list_header_only.eml': { text: '', messageId: '2@foo.bar.mail', flags: { list: true } },
  'reply_gmail_style.eml': {
    text: 'Спасибо, деньги пришли!',
    fullText:
      /^Спасибо, деньги пришли!\n\nOn Mon, Mar 10, 2025 at 6:00 PM Support <\nsupport@example\.com> wrote:\n\n> Мы вернули деньги\.\n> Поддержка$/,
    subject: 'Refund',
    ticketToken: 77,
    inReplyTo: 'omni.2b7c1f8e-5d4a-4e3b-8c2d-1a0f9e8d7c6b@example.com',
    references: ['CAF=first@mail.gmail.com', 'omni.2b7c1f8e-5d4a-4e3b-8c2d-1a0f9e8d7c6b@example.com'],
  },
  'reply_in_reply_to_references.eml': {
    text: 'Message body',
    subject: 'Test reply email',
    inReplyTo: '348F04F142D69C21-291E56D292BC@xxxx.net',
    references: ['473FF3B8.9020707@xxx.org', '348F04F142D69C21-291E56D292BC@xxxx.net'],
  },
  'reply_outlook_russian_cp1251.eml': {
    text: 'Заказ получил, всё в порядке.',
    fullText:
      /-----Original Message-----\nОт: Поддержка <support@example\.com>\nОтправлено: 11 марта 2025 г\. 10:00/,
    subject: 'Доставка заказа',
    ticketToken: 512,
    displayName: 'Иван Петров',
  },
  'reply_outlook_style.eml': {
    text: 'Thanks, that worked.\n\nJohn',
    fullText: /\n\nFrom: Support <support@example\.com> \nSent: Monday/,
    subject: 'Access request',
    ticketToken: 1007,
    displayName: 'Smith, John',
    references: ['omni.0f6a5d3e-8a0e-4c2b-9d55-7b3e2f1a9c01@example.com'],
  },
  'reply_references_only_ticket_token.eml': {
    text: 'Still broken, sorry.',
    subject: 'Broken charger',
    ticketToken: 42,
    references: ['first@example.net', OWN],
    check: (m) => expect(m.thread.inReplyTo).toBeUndefined(),
  },
  'rfc2231_and_rfc2047_filenames.eml': {
    text: 'Два файла во вложении.',
    subject: 'Отчёт и счёт',
    attachments: [{ name: 'Отчёт.pdf', mimeType: 'application/pdf' }, { name: 'Счёт.xls' }],
  },
  'shift_jis_body_iso2022jp_subject.eml': {
    text: '注文番号１２３４５の配送状況を教えてください。',
    subject: '注文について',
    displayName: '山田 太郎',
  },
  'windows1251_base64_body_and_subject.eml': { text: 'Вопрос', subject: 'Алфавит' },
  // Real-world mail read the lenient way: one reproduction per class of the peer corpus.
  'shift_jis_raw_subject_mislabelled_from.eml': {
    text: '商品を返品したいです。',
    subject: '返品について',
    displayName: '鈴木 花子',
  },
  'iso2022jp_body_without_charset.eml': {
    text: 'お世話になっております。\n配送について質問があります。',
    from: 'sato@example.jp',
  },
  'koi8r_raw_subject_declared_body.eml': {
    text: 'Пришлите, пожалуйста, счёт на оплату заказа.',
    subject: 'Счёт на оплату',
  },
  'windows1251_body_without_charset.eml': {
    text: 'Здравствуйте! Заказ пришёл без инструкции, пришлите её, пожалуйста.',
  },
  'address_spaces_in_angle_brackets.eml': {
    text: 'Long time no see.',
    from: 'unknown-sender@invalid',
    displayName: '"Old Friend" <sales team lead@example.com>',
    flags: { malformed: true },
    check: (m) => {
      expect(m.identities).toEqual([]);
      expect(m.sender.email).toBeUndefined();
    },
  },
  'address_encoded_word_in_local_part.eml': {
    text: 'Please pay the attached invoice today.',
    // Not ceo@example.com: the envelope sender is who sent it.
    from: 'sender@mailer.example.net',
    displayName: '=?utf-8?Q?ceo?=@example.com',
    flags: { malformed: true },
    check: (m) => expect(JSON.stringify(m)).not.toContain('ceo@example.com'),
  },
  'multipart_boundary_never_occurs.eml': {
    text: 'Die Lieferung für Köln ist nicht angekommen.\n\nGrüße\nMartina',
    flags: { malformed: true },
  },
  'multipart_boundary_never_occurs_binary.eml': {
    text: '',
    flags: { malformed: true },
    attachments: [{ mimeType: 'application/octet-stream', size: 25 }],
  },
  'text_before_headers.eml': {
    text: 'Jméno: Petr\nText: Prosím o zavolání zítra.',
    from: 'webform@example.cz',
    subject: 'Contact form',
    flags: { malformed: true },
  },
  'mixed_text_with_html_signature.eml': {
    text: 'Please call me back tomorrow.\n\nAnna Schmidt\n\nSales, Example GmbH',
    html: (html) =>
      expect(html).toMatch(/^<p>Please call me back tomorrow\.<\/p>[\s\S]*<h1>Anna Schmidt<\/h1>/),
  },
  'html_title_and_heading.eml': {
    text: 'Order 7 is late\n\nIt ships on Friday.',
    html: (html) => expect(html).toBe('<h2>Order 7 is late</h2><p>It ships on Friday.</p>'),
  },
  'windows1251_from_header_qp_outlook_bogus_date.eml': {
    text: /^Filter2: This message has been scanned/,
    displayName: 'Атиковa',
    html: (html) => expect(html).toContain('<b>MailScanner</b>'),
    // Its Date header says the year 3609: the receipt time is used instead.
    check: (m) => expect(m.sentAt).toBe(RECEIVED.toISOString()),
  },
};

const blobs = new MemoryBlobStore();

const read = (file: string) => readTestMail(readFileSync(join(FIXTURES, file)), blobs, 1_000_000);

describe('the fixture corpus', () => {
  it('covers every fixture file, and at least 40', () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(files).toEqual(Object.keys(CORPUS).sort());
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.entries(CORPUS))('%s', async (file, e) => {
    const m = await read(file);
    if (typeof e.text === 'string') expect(m.content.text).toBe(e.text);
    else expect(m.content.text).toMatch(e.text);
    if (e.subject !== undefined) expect(m.thread.subject).toBe(e.subject);
    if (e.from !== undefined) expect(m.sender.externalId).toBe(e.from);
    if (e.displayName !== undefined) expect(m.sender.displayName).toBe(e.displayName);
    if (e.messageId === null) {
      expect(m.thread.messageId).toBeUndefined();
      expect(m.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    } else if (e.messageId !== undefined) {
      expect(m.thread.messageId).toBe(e.messageId);
    }
    if (m.thread.messageId) {
      expect(m.externalId).toBe(m.thread.messageId);
      expect(m.id).toBe(messageId('email', 'support', m.thread.messageId));
    }
    if (e.inReplyTo !== undefined) expect(m.thread.inReplyTo).toBe(e.inReplyTo);
    if (e.references !== undefined) expect(m.thread.references).toEqual(e.references);
    expect(m.thread.ticketToken).toBe(e.ticketToken);
    expect(m.flags).toEqual(e.flags ?? {});
    if (e.fullText) expect(m.content.fullText).toMatch(e.fullText);
    else expect(m.content.fullText).toBeUndefined();
    if (e.html) e.html(m.content.html);
    expect(m.content.attachments).toHaveLength(e.attachments?.length ?? 0);
    for (const [i, a] of (e.attachments ?? []).entries()) expect(m.content.attachments[i]).toMatchObject(a);
    for (const a of m.content.attachments)
      expect(a.skipped !== undefined || a.blobId !== undefined).toBe(true);
    expect(m.channel).toBe('email');
    if (m.sender.externalId === 'unknown-sender@invalid') expect(m.identities).toEqual([]);
    else expect(m.identities[0]).toEqual({ kind: 'email', value: m.sender.externalId, verified: true });
    // What was read leniently keeps its raw form (and only that: these messages all fit the bus).
    if (m.flags.malformed)
      expect(await blobs.get(m.rawRef ?? '')).toEqual(readFileSync(join(FIXTURES, file)));
    else expect(m.rawRef).toBeUndefined();
    e.check?.(m);
  });

  it('reads the same bytes to the same message (the id is deterministic, attachments are deduplicated)', async () => {
    const a = await read('no_message_id.eml');
    const b = await read('no_message_id.eml');
    expect(a.id).toBe(b.id);
    expect(a.externalId).toBe(b.externalId);
  });
});
