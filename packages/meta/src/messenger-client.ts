import { platformErrorCode } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';
import { z } from 'zod';
import { GraphClient, graphPathSegment } from './graph-client';

export const SendResponse = z.object({ recipient_id: z.string().optional(), message_id: z.string().min(1) });

/** A person's public profile as the Messenger Platform gives it (Messenger: first/last name; Instagram: name, username). */
export const Profile = z.object({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  name: z.string().optional(),
  username: z.string().optional(),
  profile_pic: z.string().optional(),
  locale: z.string().optional(),
});
export type Profile = z.infer<typeof Profile>;

/** The Messenger Platform calls (Facebook Pages and Instagram accounts alike): the Send API and profiles. */
export class MessengerClient extends GraphClient {
  /** `POST /me/messages` with a JSON body, or multipart when uploading a file; resolves to the `message_id`. */
  async sendMessage(
    body: Record<string, unknown>,
    file?: { data: Buffer; name: string; mimeType: string },
  ): Promise<string> {
    let json: unknown;
    if (file) {
      const form = new FormData();
      for (const [k, v] of Object.entries(body))
        form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
      form.append('filedata', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.name);
      json = await this.call('me/messages', { method: 'POST', body: form });
    } else {
      json = await this.postJson('me/messages', body);
    }
    const parsed = SendResponse.safeParse(json);
    if (!parsed.success)
      throw new PlatformError(
        platformErrorCode('graph', 'bad-response'),
        'the Send API answered without a message_id',
        {
          retriable: true,
        },
      );
    return parsed.data.message_id;
  }

  /** `GET /{id}?fields=…`: the fields differ per product (Messenger: first_name,last_name,profile_pic). */
  async profile(id: string, fields: string): Promise<Profile> {
    return Profile.parse(await this.call(`${graphPathSegment(id)}?fields=${fields}`, { method: 'GET' }));
  }
}
