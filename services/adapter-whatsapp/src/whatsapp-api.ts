import { platformErrorCode } from '@omni/contracts';
import { GraphClient, type GraphClientOptions, graphPathSegment } from '@omni/meta';
import { PlatformError } from '@omni/service-kit';
import { z } from 'zod';

const SendAnswer = z.object({
  messages: z.array(z.object({ id: z.string().min(1).max(255) })).min(1),
});
const UploadAnswer = z.object({ id: z.string().min(1).max(255) });
/** `GET /{media-id}`: where the file is for the next 5 minutes, and what it is. */
export const MediaInfo = z.object({
  url: z.string().url().max(4096),
  mime_type: z.string().max(255).optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});
export type MediaInfo = z.infer<typeof MediaInfo>;

/**
 * The Cloud API calls of one business number (developers.facebook.com, "Send messages",
 * "Media"): `POST /{phone-number-id}/messages`, `POST /{phone-number-id}/media`,
 * `GET /{media-id}` — through the shared Graph client, token as Bearer.
 */
export class WhatsAppClient extends GraphClient {
  constructor(
    private readonly phoneNumberId: string,
    opts: Omit<GraphClientOptions, 'tokenIn'>,
  ) {
    super({ ...opts, tokenIn: 'header' });
  }

  /** Sends one message; resolves to its wamid. */
  async sendMessage(body: Record<string, unknown>): Promise<string> {
    const json = await this.postJson(`${this.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp',
      ...body,
    });
    const parsed = SendAnswer.safeParse(json);
    if (!parsed.success)
      throw new PlatformError(
        platformErrorCode('graph', 'bad-response'),
        'the Cloud API answered without a message id',
        {
          retriable: true,
        },
      );
    return (parsed.data.messages[0] as { id: string }).id;
  }

  /** Uploads a file for a reply; resolves to the media id to send. */
  async uploadMedia(file: { data: Buffer; name: string; mimeType: string }): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', file.mimeType);
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.name);
    const parsed = UploadAnswer.safeParse(
      await this.call(`${this.phoneNumberId}/media`, { method: 'POST', body: form }),
    );
    if (!parsed.success)
      throw new PlatformError(
        platformErrorCode('graph', 'bad-response'),
        'the Media API answered without an id',
        {
          retriable: true,
        },
      );
    return parsed.data.id;
  }

  /** Where a received media file can be downloaded (with the same token). */
  async media(id: string): Promise<MediaInfo> {
    const json = await this.call(`${graphPathSegment(id)}?phone_number_id=${this.phoneNumberId}`, {
      method: 'GET',
    });
    const parsed = MediaInfo.safeParse(json);
    if (!parsed.success)
      throw new PlatformError(
        platformErrorCode('graph', 'bad-response'),
        'the Media API answered without a URL',
        {
          retriable: false,
        },
      );
    return parsed.data;
  }

  /** The header a media download needs: the URL alone is refused. */
  get authorization(): Record<string, string> {
    return { authorization: `Bearer ${this.opts.accessToken}` };
  }
}
