import { randomUUID } from 'node:crypto';
import { OmniError } from '@omni/contracts';
import {
  badRequest,
  checkOrigin,
  type FormBody,
  HttpProblem,
  type Logger,
  MULTIPART_SLACK,
  type ProblemCode,
  readMultipart,
  requestHosts,
  type UploadBudget,
} from '@omni/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formPath, pageSecurityHeaders, renderFormPage } from './form-page';
import { type FormSettings, pickLanguage } from './form-settings';
import type { WebformIntake } from './intake';
import { fill, formatSize } from './texts';

export interface Form {
  settings: FormSettings;
  intake: WebformIntake;
}

const TEXT_FIELDS = ['name', 'email', 'phone', 'topic', 'subject', 'message'] as const;

/**
 * `POST /channels/webform/{account}/submissions`: origin, body (JSON, urlencoded or
 * multipart within limits), the intake, then an answer in the requester's terms — JSON
 * for API clients and the page's script, pages and a redirect for a plain HTML form.
 */
export async function handleSubmission(
  { settings, intake }: Form,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: { log: Logger; budget: UploadBudget },
) {
  const json = wantsJson(request);
  const account = settings.account;
  let lang = pickLanguage(settings, undefined, request.headers['accept-language']);
  let fields: unknown = {};
  /** Refusals in the requester's terms: a problem for JSON, the form again with the reason for a person. */
  const refuse = (status: number, code: ProblemCode, title: string, message: string) => {
    if (json) throw new HttpProblem(status, code, title, message);
    return formAgain(reply, status, { settings, intake, body: fields, errors: { '(form)': message } }, lang);
  };

  const verdict = checkOrigin(
    request.headers.origin,
    requestHosts(request.headers, request.host),
    settings.origins,
  );
  if (verdict.kind === 'refused') {
    ctx.log.info({ account: account.account, origin: verdict.origin }, 'cross-site post refused');
    return refuse(403, 'forbidden', 'Not allowed', settings.texts(lang).errorOrigin);
  }
  if (verdict.kind === 'allowed')
    void reply.headers({ 'access-control-allow-origin': verdict.origin, vary: 'origin' });

  let reserved = 0;
  try {
    let body: FormBody;
    if (request.isMultipart()) {
      const cap = account.attachments.maxTotalBytes + MULTIPART_SLACK;
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > cap) {
        const t = settings.texts(lang);
        const message = fill(t.errorTooLarge, { max: formatSize(account.attachments.maxTotalBytes, t) });
        return refuse(413, 'payload-too-large', 'Payload too large', message);
      }
      // A chunked upload declares nothing: it may use up to the cap.
      const want = declared > 0 ? declared : cap;
      if (!ctx.budget.take(want)) {
        void reply.header('retry-after', '5');
        return refuse(503, 'unavailable', 'Temporarily unavailable', settings.texts(lang).errorUnavailable);
      }
      reserved = want;
      try {
        const limits = {
          ...account.attachments,
          maxFiles: intake.maxFiles,
          typeAllowed: settings.typeAllowed,
        };
        body = await readMultipart(request, limits);
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode ?? 400;
        ctx.log.info({ account: account.account, err }, 'unreadable multipart form');
        if (json || status >= 500) throw err;
        return formAgain(
          reply,
          status,
          { settings, intake, body: {}, errors: { '(form)': settings.texts(lang).errorUnreadable } },
          lang,
        );
      }
    } else {
      body = { fields: request.body as Record<string, string>, files: [], rejected: [], truncated: [] };
    }
    fields = body.fields ?? {};
    lang = pickLanguage(
      settings,
      isRecord(fields) ? fields.lang : undefined,
      request.headers['accept-language'],
    );

    let outcome: Awaited<ReturnType<WebformIntake['submit']>>;
    try {
      outcome = await intake.submit({
        body: fields,
        files: body.files,
        rejected: body.rejected,
        truncated: body.truncated,
        ip: request.ip,
        lang,
      });
    } catch (err) {
      // A bus outage: the JSON client gets 503 from the error handler; a person gets the form back, nothing lost.
      if (json || !(err instanceof OmniError && err.retriable)) throw err;
      ctx.log.warn({ err, account: account.account }, 'submission not accepted: bus unavailable');
      void reply.header('retry-after', '5');
      return formAgain(
        reply,
        503,
        { settings, intake, body: fields, errors: { '(form)': settings.texts(lang).errorUnavailable } },
        lang,
      );
    }

    switch (outcome.kind) {
      case 'accepted': {
        if (json) return reply.code(202).send({ id: outcome.id, status: 'accepted' });
        const embed = isRecord(fields) && fields.embed === '1' ? '&embed=1' : '';
        // Post/Redirect/Get: reloading the confirmation never posts again.
        const location = `${formPath(account.account)}/thanks?lang=${encodeURIComponent(lang)}${embed}`;
        return reply.code(303).header('location', location).send();
      }
      case 'rate-limited':
        void reply.header('retry-after', String(outcome.retryAfterSeconds));
        return refuse(429, 'rate-limited', 'Too many requests', outcome.message);
      case 'invalid':
        if (json) throw badRequest('the submission is not valid', outcome.errors);
        return formAgain(reply, 400, { settings, intake, body: fields, errors: outcome.errors }, lang);
    }
  } finally {
    ctx.budget.give(reserved);
  }
}

/** API clients post JSON; the page's script asks for JSON; a plain HTML form gets pages. */
function wantsJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/json') || (request.headers.accept ?? '').includes('application/json');
}

/** The form again, with the customer's values and what to fix (files must be chosen again). */
function formAgain(
  reply: FastifyReply,
  status: number,
  view: { settings: FormSettings; intake: WebformIntake; body: unknown; errors: Record<string, string> },
  lang: string,
) {
  const body = isRecord(view.body) ? view.body : {};
  const values: Record<string, string> = {};
  for (const key of TEXT_FIELDS) {
    const v = body[key];
    if (typeof v === 'string') values[key] = v;
  }
  // The same page id: nothing was stored, and a retry of this form must stay one message.
  const id =
    typeof body.submissionId === 'string' && body.submissionId.length <= 200
      ? body.submissionId
      : randomUUID();
  const page = renderFormPage({
    settings: view.settings,
    lang,
    embed: body.embed === '1',
    submissionId: id,
    maxFiles: view.intake.maxFiles,
    values,
    errors: view.errors,
  });
  return reply
    .code(status)
    .headers(pageSecurityHeaders(view.settings))
    .type('text/html; charset=utf-8')
    .send(page);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
