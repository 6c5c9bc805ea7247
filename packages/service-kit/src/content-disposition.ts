/**
 * A `Content-Disposition: attachment` header that is safe whatever the stored name
 * (RFC 6266 with the RFC 5987 `filename*` for non-ASCII): no path, no quotes, no control
 * characters, and an ASCII fallback for old clients.
 */
export function contentDisposition(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'attachment';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The stored type when it is a well-formed media type, else a generic binary one. */
export function safeContentType(mimeType: string): string {
  return MIME.test(mimeType) ? mimeType.toLowerCase() : 'application/octet-stream';
}

/**
 * The headers every stored file is served with, whoever asks for it (the API, a live-chat
 * visitor): typed safely, never sniffed, named safely, and — an HTML or SVG file opened
 * directly — never run as our origin.
 */
export function inertFileHeaders(name: string, mimeType: string): Record<string, string> {
  return {
    'content-type': safeContentType(mimeType),
    'content-disposition': contentDisposition(name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=3600',
  };
}

/**
 * One `bytes=` range (RFC 9110 §14.1.2) against a body of `size` bytes: `{start, end}`
 * inclusive, `'unsatisfiable'`, or undefined (absent, malformed or multi-range: send the
 * whole body, as the RFC allows).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
