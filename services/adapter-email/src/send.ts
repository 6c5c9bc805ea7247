import { ERROR_CODES, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { PlatformError, type SendResult } from '@omni/service-kit';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { EmailAccount } from './config';
import { OWN_MESSAGE_ID_PREFIX } from './loop-safety';
import { replySubject } from './subject';

/** The domain of our Message-IDs: the support address's domain. */
export function messageIdDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase() || 'localhost';
}

/**
 * Our Message-ID for an outbound message: derived from its id, so a retried send carries the
 * same one (the customer's client threads it once) and we recognise it when it comes back.
 */
export function outboundMessageId(message: OutboundMessage, address: string): string {
  return `${OWN_MESSAGE_ID_PREFIX}${message.id}@${messageIdDomain(address)}`;
}

/** Network-level failures worth retrying (nodemailer `code`s). */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPROTOCOL',
]);

/** Sends replies of one account through its SMTP server (one pooled connection). */
export class SmtpSender {
  private readonly transport: Transporter;

  constructor(
    private readonly account: EmailAccount & { smtp: NonNullable<EmailAccount['smtp']> },
    private readonly blobs: BlobStore,
  ) {
    const { smtp } = account;
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
      pool: true,
      maxConnections: 1,
      // Replies are built from our own data only: no fetching URLs or reading files on behalf of content.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const mail = await this.compose(message);
    try {
      await this.transport.sendMail(mail);
    } catch (err) {
      throw smtpError(err);
    }
    return { externalId: outboundMessageId(message, this.account.address) };
  }

  /** The RFC 822 message of a reply (exported for tests through `SmtpSender.prototype`). */
  async compose(message: OutboundMessage): Promise<Mail.Options> {
    const { thread } = message;
    const references = [...(thread.references ?? [])];
    if (thread.inReplyTo && !references.includes(thread.inReplyTo)) references.push(thread.inReplyTo);
    const attachments: Mail.Attachment[] = [];
    for (const a of message.content.attachments) {
      if (!a.blobId) continue;
      const data = await this.blobs.get(a.blobId);
      if (!data)
        throw new PlatformError(ERROR_CODES.attachmentMissing, `attachment blob ${a.blobId} does not exist`, {
          retriable: false,
        });
      attachments.push({
        filename: a.name,
        contentType: a.mimeType,
        content: data,
        ...(a.contentId ? { cid: a.contentId } : {}),
      });
    }
    return {
      from: this.account.fromName
        ? { name: this.account.fromName, address: this.account.address }
        : this.account.address,
      to: message.recipient.email ?? message.recipient.externalId,
      subject: replySubject(thread.subject, message.ticketNumber),
      messageId: `<${outboundMessageId(message, this.account.address)}>`,
      inReplyTo: thread.inReplyTo ? `<${thread.inReplyTo}>` : undefined,
      references: references.length > 0 ? references.map((r) => `<${r}>`) : undefined,
      text: message.content.text,
      html: message.content.html ?? textToHtml(message.content.text),
      attachments,
      headers: message.automatic
        ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }
        : undefined,
    };
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * SMTP replies: 4xx is transient (greylisting, mailbox busy), 5xx permanent; connection
 * failures are transient; anything else (a bad address, an auth refusal) is permanent.
 */
export function smtpError(err: unknown): PlatformError {
  const e = err as { responseCode?: unknown; code?: unknown; message?: unknown };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const text = typeof e.message === 'string' ? e.message : String(err);
  if (responseCode !== undefined) {
    return new PlatformError(platformErrorCode('smtp', responseCode), text, {
      retriable: responseCode >= 400 && responseCode < 500,
      cause: err,
    });
  }
  return new PlatformError(platformErrorCode('smtp', code ? code.toLowerCase() : 'failed'), text, {
    retriable: code === undefined || TRANSIENT_CODES.has(code),
    cause: err,
  });
}

function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return `<div>${escaped.replace(/\r?\n/g, '<br>\n')}</div>`;
}
