import { createHmac } from 'node:crypto';
import type { Channel, Targets } from './system';

/** One HTTP request as a platform would send it; resent byte for byte as a duplicate. */
export interface PlannedRequest {
  channel: Channel;
  /** The unique token in the message text: how the check finds it in the database. */
  token: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What every request to the trivial route (the HTTP ceiling) posts. */
export const TRIVIAL_BODY = Buffer.from(JSON.stringify({ hello: 'world', n: 1 }));

/** Matches the tokens of {@link tokenOf} inside stored text (SQL `substring … from`). */
export const TOKEN_SQL_PATTERN = 'tok-[a-z0-9]+-[0-9]+';

/**
 * Platform message ids of run `runId` start here, so that two runs on one database never
 * reuse a Telegram update id, a Viber message token or a VK conversation message id (the
 * platforms never do; the adapters rightly treat a repeat as a redelivery). Below 2^31.
 */
function platformBase(runId: string): number {
  return (Number.parseInt(runId.slice(0, 6), 16) % 2_000) * 1_000_000;
}

export function tokenOf(runId: string, seq: number): string {
  return `tok-${runId}-${seq}`;
}

const TEXTS = [
  'Здравствуйте, где мой заказ?',
  'Hello, my payment did not go through 💳',
  'Спасибо, всё получил!',
  'Can I change the delivery address?',
  'Не приходит код подтверждения',
];

/**
 * Builds the signed request for message `seq` of `customer`: the platform's documented
 * payload shape and authentication (Telegram secret token header, Viber and Messenger
 * HMAC signatures, VK secret in the body, the admin key on the MIME route).
 */
export function buildRequest(
  t: Targets,
  channel: Channel,
  runId: string,
  seq: number,
  customer: number,
  opts: { attachment: boolean; replyTo?: number },
): PlannedRequest {
  const token = tokenOf(runId, seq);
  const platformId = platformBase(runId) + seq + 1;
  const text = `${token} ${TEXTS[seq % TEXTS.length]}`;
  const nowMs = Date.now();
  const json = (url: string, value: unknown, headers: Record<string, string> = {}) => {
    const body = Buffer.from(JSON.stringify(value));
    return { channel, token, url, body, headers: { 'content-type': 'application/json', ...headers } };
  };
  switch (channel) {
    case 'telegram': {
      const from = {
        id: 700_000 + customer,
        is_bot: false,
        first_name: `Клиент ${customer}`,
        language_code: 'ru',
      };
      const message: Record<string, unknown> = {
        message_id: platformId,
        date: Math.floor(nowMs / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        from,
      };
      if (opts.attachment) {
        message.photo = [
          { file_id: t.telegram.fileId, file_unique_id: `u${seq}`, width: 32, height: 32, file_size: 2048 },
        ];
        message.caption = text;
      } else message.text = text;
      return json(
        t.telegram.url,
        { update_id: platformId, message },
        { 'x-telegram-bot-api-secret-token': t.telegram.secretToken },
      );
    }
    case 'viber': {
      const message = opts.attachment
        ? {
            type: 'picture',
            text,
            media: t.viber.mediaUrl,
            thumbnail: t.viber.mediaUrl,
            size: 2048,
            file_name: 'photo.jpg',
          }
        : { type: 'text', text };
      // Viber's tokens exceed 2^53: written as a bare JSON number, as Viber does.
      const raw = JSON.stringify({
        event: 'message',
        timestamp: nowMs,
        message_token: '__TOKEN__',
        sender: { id: `vbr${customer}AAAA==`, name: `Customer ${customer}`, language: 'en', api_version: 10 },
        message,
        silent: false,
      }).replace('"__TOKEN__"', `${5_000_000_000_000_000_000n + BigInt(platformId)}`);
      const body = Buffer.from(raw);
      const signature = createHmac('sha256', t.viber.authToken).update(body).digest('hex');
      return {
        channel,
        token,
        url: t.viber.url,
        body,
        headers: { 'content-type': 'application/json', 'x-viber-content-signature': signature },
      };
    }
    case 'facebook': {
      const message: Record<string, unknown> = { mid: `m_${token}`, text };
      if (opts.attachment) message.attachments = [{ type: 'image', payload: { url: t.facebook.fileUrl } }];
      const body = Buffer.from(
        JSON.stringify({
          object: 'page',
          entry: [
            {
              id: t.facebook.pageId,
              time: nowMs,
              messaging: [
                {
                  sender: { id: `psid${customer}` },
                  recipient: { id: t.facebook.pageId },
                  timestamp: nowMs,
                  message,
                },
              ],
            },
          ],
        }),
      );
      const signature = `sha256=${createHmac('sha256', t.facebook.appSecret).update(body).digest('hex')}`;
      return {
        channel,
        token,
        url: t.facebook.url,
        body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      };
    }
    case 'vk': {
      const message: Record<string, unknown> = {
        id: 0,
        date: Math.floor(nowMs / 1000),
        from_id: 900_000 + customer,
        peer_id: 900_000 + customer,
        conversation_message_id: platformId,
        text,
        attachments: opts.attachment
          ? [
              {
                type: 'photo',
                photo: {
                  id: seq,
                  owner_id: 900_000 + customer,
                  sizes: [{ type: 'x', url: t.vk.fileUrl, width: 32, height: 32 }],
                },
              },
            ]
          : [],
      };
      return json(t.vk.url, {
        type: 'message_new',
        object: { message },
        group_id: t.vk.groupId,
        event_id: `ev${token}`,
        v: '5.199',
        secret: t.vk.secret,
      });
    }
    case 'webform':
      return json(t.webform.url, {
        name: `Customer ${customer}`,
        email: `form${customer}@example.com`,
        message: text,
        submissionId: token,
      });
    case 'email': {
      const msgId = `<${token}@customer.example.com>`;
      const reply =
        opts.replyTo === undefined
          ? []
          : [`In-Reply-To: <${tokenOf(runId, opts.replyTo)}@customer.example.com>`];
      const lines = [
        `From: Customer ${customer} <mail${customer}@customer.example.com>`,
        'To: support@example.com',
        `Subject: ${opts.replyTo === undefined ? '' : 'Re: '}Order ${customer}`,
        `Message-ID: ${msgId}`,
        ...reply,
        `Date: ${new Date(nowMs).toUTCString()}`,
        'MIME-Version: 1.0',
      ];
      const boundary = `b${token}`;
      const mime = opts.attachment
        ? [
            ...lines,
            `Content-Type: multipart/mixed; boundary="${boundary}"`,
            '',
            `--${boundary}`,
            'Content-Type: text/plain; charset=utf-8',
            'Content-Transfer-Encoding: 8bit',
            '',
            text,
            `--${boundary}`,
            'Content-Type: application/pdf; name="invoice.pdf"',
            'Content-Disposition: attachment; filename="invoice.pdf"',
            'Content-Transfer-Encoding: base64',
            '',
            Buffer.alloc(2048, 5).toString('base64'),
            `--${boundary}--`,
            '',
          ]
        : [
            ...lines,
            'Content-Type: text/plain; charset=utf-8',
            'Content-Transfer-Encoding: 8bit',
            '',
            text,
            '',
          ];
      return {
        channel,
        token,
        url: t.email.url,
        body: Buffer.from(mime.join('\r\n')),
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${t.email.apiKey}` },
      };
    }
  }
}

/** A request whose body was changed, signed again as its platform would sign it (Viber, Messenger). */
export function resign(t: Targets, req: PlannedRequest): PlannedRequest {
  const headers = { ...req.headers };
  if (req.channel === 'viber')
    headers['x-viber-content-signature'] = createHmac('sha256', t.viber.authToken)
      .update(req.body)
      .digest('hex');
  if (req.channel === 'facebook')
    headers['x-hub-signature-256'] =
      `sha256=${createHmac('sha256', t.facebook.appSecret).update(req.body).digest('hex')}`;
  return { ...req, headers };
}
