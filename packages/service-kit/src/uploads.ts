import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * The attachments a customer may upload through our own pages (the web form, the live chat):
 * `channels.<ch>[i].attachments` of the YAML file, one schema so both take the same limits.
 */
export const AttachmentLimits = z.strictObject({
  maxFiles: z.number().int().min(0).max(20).default(5),
  maxFileBytes: z.number().int().positive().default(10_485_760), // 10 MiB
  maxTotalBytes: z.number().int().positive().default(20_971_520), // 20 MiB
  /** MIME types (`image/*` wildcards allowed) accepted as attachments. */
  allowedTypes: z
    .array(z.string().min(3))
    .default([
      'image/*',
      'application/pdf',
      'text/plain',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]),
});
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;

/** Multipart overhead allowed beyond the files' total (text fields, part headers). */
export const MULTIPART_SLACK = 256 * 1024;

/** Whether a declared MIME type is among `patterns` (`image/*` wildcards); SVG never is. */
export function mimeTypeMatcher(patterns: readonly string[]): (mimeType: string) => boolean {
  const lower = patterns.map((p) => p.toLowerCase());
  return (mimeType) => {
    const type = mimeType.toLowerCase().split(';')[0]?.trim() ?? '';
    // SVG can carry scripts that run wherever the file is opened: never accepted.
    if (type === 'image/svg+xml') return false;
    return lower.some((p) => (p.endsWith('/*') ? type.startsWith(p.slice(0, -1)) : type === p));
  };
}

/**
 * Bytes of uploads held in memory at once, for the whole process: files are buffered
 * until the message is accepted, so concurrent uploads beyond it wait for a retry (503)
 * instead of exhausting memory.
 */
export class UploadBudget {
  private used = 0;
  constructor(private readonly max: number) {}
  take(bytes: number): boolean {
    if (this.used + bytes > this.max) return false;
    this.used += bytes;
    return true;
  }
  give(bytes: number): void {
    this.used -= bytes;
  }
}

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
