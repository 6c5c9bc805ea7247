import {
  type FbAttachment,
  fileName,
  guessMime,
  isHttpUrl,
  type MappedAttachment,
  type MessengerPlatform,
} from '@omni/meta';

/**
 * Instagram's own attachment types (Instagram Platform, "Webhook Notification Examples"); the
 * ones it shares with Messenger (image, video, audio, file) take the common mapping.
 */
export function mapInstagramAttachment(a: FbAttachment, i: number): MappedAttachment | undefined {
  const url = a.payload?.url;
  const title = a.payload?.title ?? a.title;
  const ref = [title, url].filter(Boolean).join(' ');
  switch (a.type) {
    case 'story_mention': {
      // The story's media: its CDN link expires with the story (24 h), so it is stored now.
      const file =
        url && isHttpUrl(url)
          ? {
              url,
              name: fileName(url, `story-mention-${i + 1}`),
              mimeType: guessMime(fileName(url, ''), 'application/octet-stream'),
            }
          : undefined;
      return { kind: 'other', file, line: `[mentioned you in a story${url ? `: ${url}` : ''}]` };
    }
    case 'share':
    case 'ig_post':
      return { kind: 'other', line: `[shared a post${ref ? `: ${ref}` : ''}]` };
    case 'ig_reel':
    case 'reel':
      return { kind: 'other', line: `[shared a reel${ref ? `: ${ref}` : ''}]` };
    case 'like_heart':
      return { kind: 'sticker', line: '❤️' };
    default:
      return undefined;
  }
}

/** Instagram Direct on the Messenger Platform: webhooks of `object: "instagram"`. */
export const INSTAGRAM_PLATFORM: MessengerPlatform = {
  channel: 'instagram',
  object: 'instagram',
  mapAttachment: mapInstagramAttachment,
};
