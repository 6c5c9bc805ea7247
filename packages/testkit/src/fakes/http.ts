import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON answer of a fake platform (a no-op once the answer has started). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A request body as a platform API reads it: JSON, or multipart form fields (JSON-decoded
 * where they are JSON) and the one uploaded file.
 */
export async function readFormOrJson(req: IncomingMessage): Promise<{
  body: Record<string, unknown>;
  file?: { name: string; type: string; size: number; data: Buffer };
  invalidJson?: true;
}> {
  const raw = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const body: Record<string, unknown> = {};
    let file: { name: string; type: string; size: number; data: Buffer } | undefined;
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') body[k] = tryJson(v);
      else file = { name: v.name, type: v.type, size: v.size, data: Buffer.from(await v.arrayBuffer()) };
    }
    return { body, file };
  }
  if (raw.length === 0) return { body: {} };
  const text = raw.toString('utf8');
  const parsed = tryJson(text);
  return parsed === text ? { body: {}, invalidJson: true } : { body: parsed as Record<string, unknown> };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
