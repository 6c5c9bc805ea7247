import sanitizeHtml from 'sanitize-html';

/**
 * Email HTML made safe to show to agents: no scripts, styles, forms, frames or event
 * handlers; no remote content that loads on view (images, backgrounds: tracking pixels);
 * `cid:` images kept so a viewer can resolve them against the message's attachments; the
 * blocked address of a remote image kept in `data-blocked-src` so "show images" stays possible.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'font',
    'center',
    'span',
    'del',
    'ins',
    's',
    'u',
  ],
  allowedAttributes: {
    a: ['href', 'name', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-blocked-src'],
    font: ['color', 'face', 'size'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    table: ['border', 'cellpadding', 'cellspacing', 'width'],
    '*': ['dir', 'lang', 'align'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Dropped with their text, not unwrapped: a `<title>` is the document's name, not the customer's words.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    img: (tagName, attribs) => {
      const src = (attribs.src ?? '').trim();
      if (/^cid:/i.test(src) || /^data:image\/(?:png|gif|jpe?g|webp);/i.test(src))
        return { tagName, attribs };
      const { src: _blocked, ...rest } = attribs;
      return { tagName, attribs: src ? { ...rest, 'data-blocked-src': src } : rest };
    },
  },
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
