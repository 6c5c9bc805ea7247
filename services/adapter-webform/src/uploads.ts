import type { FastifyRequest } from 'fastify';

export interface ReceivedFile {
  name: string;
  mimeType: string;
  data: Buffer;
}

export type FileProblemReason = 'type' | 'size' | 'total' | 'count' | 'disabled';
export interface FileProblem {
  file: string;
  reason: FileProblemReason;
}

export interface FormBody {
  fields: Record<string, string>;
  files: ReceivedFile[];
  /** Files refused, each by name and reason; none of them is stored. */
  rejected: FileProblem[];
  /** Fields cut off by the size limit (the value kept is incomplete). */
  truncated: string[];
}

export interface UploadLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  typeAllowed(mimeType: string): boolean;
}

/** Extensions refused whatever type the browser declared: programs and pages a helpdesk might open. */
const DANGEROUS =
  /\.(exe|com|bat|cmd|scr|pif|msi|msp|dll|cpl|jar|js|mjs|vbs|vbe|wsf|wsh|ps1|psm1|sh|apk|app|html?|xhtml|svg|hta|lnk|reg)$/i;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** The largest text field a form may send: the 20,000-character message in 4-byte UTF-8 and some slack. */
const MAX_FIELD_BYTES = 100_000;

/**
 * Reads a multipart form: text fields, and files buffered in memory within the account's
 * limits (bounded, so memory is too). A file over a limit or of a refused type is drained
 * and reported by name — it is never half-stored, and a submission with a refused file
 * stores nothing at all.
 */
export async function readMultipart(request: FastifyRequest, limits: UploadLimits): Promise<FormBody> {
  const body: FormBody = { fields: {}, files: [], rejected: [], truncated: [] };
  let total = 0;
  let seen = 0;
  const parts = request.parts({
    // Busboy's own file cap only guards against absurd counts; ours names the files over `maxFiles`.
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFiles + 20,
      fields: 30,
      fieldSize: MAX_FIELD_BYTES,
      parts: 60,
    },
  });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (typeof part.value === 'string' && body.fields[part.fieldname] === undefined) {
        body.fields[part.fieldname] = part.value;
        if (part.valueTruncated) body.truncated.push(part.fieldname);
      }
      continue;
    }
    const name = cleanFileName(part.filename);
    // A file input left empty still sends a part with no name and no bytes.
    if (!name) {
      await drain(part.file);
      continue;
    }
    const reject = async (reason: FileProblemReason) => {
      body.rejected.push({ file: name, reason });
      await drain(part.file);
    };
    seen++;
    if (limits.maxFiles === 0) await reject('disabled');
    else if (seen > limits.maxFiles) await reject('count');
    else if (!limits.typeAllowed(part.mimetype) || DANGEROUS.test(name)) await reject('type');
    else {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
        if (total + size <= limits.maxTotalBytes) chunks.push(chunk as Buffer);
      }
      if (part.file.truncated) body.rejected.push({ file: name, reason: 'size' });
      else if (total + size > limits.maxTotalBytes) body.rejected.push({ file: name, reason: 'total' });
      else {
        total += size;
        body.files.push({ name, mimeType: part.mimetype.toLowerCase(), data: Buffer.concat(chunks) });
      }
    }
  }
  return body;
}

/** The base name only (old browsers send a full path), without control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  return base.replace(CONTROL, '').trim().slice(0, 255);
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    // discard
  }
}
