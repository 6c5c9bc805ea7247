import type { AttachmentRef } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  type AttachmentLimits,
  type FileProblem,
  inertFileHeaders,
  MULTIPART_SLACK,
  mimeTypeMatcher,
  notFound,
  type ProblemCode,
  problem,
  type ReceivedFile,
  readMultipart,
  serviceUnavailable,
  type UploadBudget,
} from '@omni/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type VisitorMessage, VisitorUploadFields } from './livechat.schema';

/** A visitor message that came with files (multipart `POST …/messages`). */
export interface VisitorUpload {
  message: VisitorMessage;
  files: ReceivedFile[];
}

/**
 * Reads a multipart visitor message with the web form's reader and limits, and hands it to
 * `take` while its files are held in memory (counted against the process's upload budget).
 * A refused file refuses the whole message, with a problem naming the file and the limit:
 * 413 over a size limit, 415 for a type not allowed, 400 for too many files.
 */
export async function withVisitorUpload<T>(
  request: FastifyRequest,
  limits: AttachmentLimits,
  budget: UploadBudget,
  take: (upload: VisitorUpload) => Promise<T>,
): Promise<T> {
  const cap = limits.maxTotalBytes + MULTIPART_SLACK;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > cap)
    throw problem('payload-too-large', `the files may have ${limits.maxTotalBytes} bytes in all`, {
      attachments: `at most ${limits.maxTotalBytes} bytes in all`,
    });
  // A chunked upload declares nothing: it may use up to the cap.
  const reserved = declared > 0 ? declared : cap;
  if (!budget.take(reserved)) throw serviceUnavailable('too many uploads at once; try again shortly');
  try {
    const body = await readMultipart(request, {
      ...limits,
      typeAllowed: mimeTypeMatcher(limits.allowedTypes),
    });
    const refused = body.rejected[0];
    if (refused) throw fileProblem(refused, body.rejected, limits);
    const fields = VisitorUploadFields.safeParse(body.fields);
    if (!fields.success) {
      const errors: Record<string, string> = {};
      for (const i of fields.error.issues) errors[i.path.map(String).join('.') || 'body'] ??= i.message;
      throw problem('validation-failed', 'the message is not valid', errors);
    }
    if (body.truncated.length > 0)
      throw problem('validation-failed', 'the message is too long', { text: 'the field was cut off' });
    if (!fields.data.text && body.files.length === 0)
      throw problem('validation-failed', 'the message is empty', { text: 'a text or a file is required' });
    return await take({ message: fields.data, files: body.files });
  } finally {
    budget.give(reserved);
  }
}

function fileProblem(first: FileProblem, all: FileProblem[], limits: AttachmentLimits) {
  const why: Record<FileProblem['reason'], [ProblemCode, string]> = {
    size: ['payload-too-large', `larger than ${limits.maxFileBytes} bytes`],
    total: ['payload-too-large', `the files exceed ${limits.maxTotalBytes} bytes in all`],
    type: [
      'unsupported-media-type',
      `this type of file is not accepted (allowed: ${limits.allowedTypes.join(', ')})`,
    ],
    count: ['validation-failed', `at most ${limits.maxFiles} files per message`],
    disabled: ['validation-failed', 'this chat takes no files'],
  };
  const [code, detail] = why[first.reason];
  const errors: Record<string, string> = {};
  for (const p of all) errors[`attachments.${p.file}`] ??= why[p.reason][1];
  return problem(code, `${first.file}: ${detail}`, errors);
}

/** Stores the files (content-addressed: the same bytes once) → references for the message. */
export async function storeFiles(blobs: BlobStore, files: readonly ReceivedFile[]): Promise<AttachmentRef[]> {
  const refs: AttachmentRef[] = [];
  for (const file of files) {
    const stored = await blobs.put(file.data);
    refs.push({
      blobId: stored.id,
      name: file.name,
      mimeType: file.mimeType,
      size: stored.size,
      sha256: stored.sha256,
    });
  }
  return refs;
}

/**
 * Answers a file's bytes with headers that keep it inert (as `/v1/attachments` does): never
 * run as our origin, never sniffed, named safely.
 */
export async function sendFile(
  reply: FastifyReply,
  blobs: BlobStore,
  ref: AttachmentRef | null,
): Promise<FastifyReply> {
  const data = ref?.blobId ? await blobs.get(ref.blobId) : null;
  if (!ref || !data) throw notFound('no such file in this conversation');
  return reply.headers(inertFileHeaders(ref.name, ref.mimeType)).send(data);
}
