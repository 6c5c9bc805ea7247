import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { Bus } from '@omni/bus';
import { OmniError } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  badRequest,
  forbidden,
  HttpProblem,
  type Logger,
  notFound,
  type OmniConfig,
  type ServiceModule,
} from '@omni/service-kit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  EMBED_SCRIPT,
  formPath,
  pageSecurityHeaders,
  renderConfirmationPage,
  renderFormPage,
} from './form-page';
import { type FormSettings, pickLanguage, resolveFormSettings } from './form-settings';
import { type IntakeOutcome, WebformIntake } from './intake';
import { checkOrigin } from './origin-check';
import { fill, formatSize } from './texts';
import { type FormBody, readMultipart } from './uploads';

export interface WebformAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Where attachments are stored; without it the form takes no files. */
  blobs?: BlobStore;
  /** Injected for tests; the adapter reads no clock of its own otherwise. */
  now?: () => Date;
}

interface Form {
  settings: FormSettings;
  intake: WebformIntake;
}

type Params = { Params: { account: string } };

/** Multipart overhead allowed beyond the files' total (text fields, part headers). */
const MULTIPART_SLACK = 256 * 1024;
const TEXT_FIELDS = ['name', 'email', 'phone', 'topic', 'subject', 'message'] as const;

/**
 * The web-form channel (CHANNELS.md): the form page, its embed snippet, and one
 * submissions endpoint for the page with or without JavaScript and for API clients.
 */
export function buildWebformAdapter({
  config,
  bus,
  log,
  blobs,
  now = () => new Date(),
}: WebformAdapterDeps): ServiceModule {
  const adapterLog = log.child({ channel: 'webform' });
  const forms = new Map<string, Form>(
    config.channels.webform.map((account) => {
      const settings = resolveFormSettings(account);
      return [
        account.account,
        { settings, intake: new WebformIntake(settings, { bus, blobs, log: adapterLog, now }) },
      ];
    }),
  );
  const formOf = (request: FastifyRequest<Params>): Form => {
    const form = forms.get(request.params.account);
    if (!form) throw notFound(`no web-form account named "${request.params.account}"`);
    return form;
  };

  const routes: FastifyPluginAsync = async (app) => {
    // Both plugins apply to these routes only (this plugin is encapsulated).
    await app.register(multipart, { throwFileSizeLimit: false });
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        const fields: Record<string, string> = {};
        for (const [key, value] of new URLSearchParams(body as string)) fields[key] ??= value;
        done(null, fields);
      },
    );

    app.get<Params & { Querystring: Record<string, string | undefined> }>(
      '/channels/webform/:account',
      async (request, reply) => {
        const { settings, intake } = formOf(request);
        const lang = pickLanguage(settings, request.query.lang, request.headers['accept-language']);
        const page = renderFormPage({
          settings,
          lang,
          embed: request.query.embed === '1',
          submissionId: randomUUID(),
          maxFiles: intake.maxFiles,
        });
        return reply.headers(pageSecurityHeaders(settings)).type('text/html; charset=utf-8').send(page);
      },
    );

    app.get<Params & { Querystring: Record<string, string | undefined> }>(
      '/channels/webform/:account/thanks',
      async (request, reply) => {
        const { settings } = formOf(request);
        const lang = pickLanguage(settings, request.query.lang, request.headers['accept-language']);
        const page = renderConfirmationPage({ settings, lang, embed: request.query.embed === '1' });
        return reply.headers(pageSecurityHeaders(settings)).type('text/html; charset=utf-8').send(page);
      },
    );

    app.get<Params>('/channels/webform/:account/embed.js', async (request, reply) => {
      formOf(request);
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(EMBED_SCRIPT);
    });

    app.options<Params>('/channels/webform/:account/submissions', async (request, reply) => {
      const { settings } = formOf(request);
      const verdict = checkOrigin(request.headers.origin, request.host, settings.origins);
      if (verdict.kind === 'refused') throw forbidden(`posts from ${verdict.origin} are not allowed`);
      if (verdict.kind === 'allowed') {
        void reply.headers({
          'access-control-allow-origin': verdict.origin,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type, accept',
          'access-control-max-age': '600',
          vary: 'origin',
        });
      }
      return reply.code(204).send();
    });

    app.post<Params>('/channels/webform/:account/submissions', async (request, reply) => {
      const { settings, intake } = formOf(request);
      const json = wantsJson(request);
      const verdict = checkOrigin(request.headers.origin, request.host, settings.origins);
      if (verdict.kind === 'allowed')
        void reply.headers({ 'access-control-allow-origin': verdict.origin, vary: 'origin' });

      const fallbackLang = pickLanguage(settings, undefined, request.headers['accept-language']);
      const refuse = (status: number, message: string, body: Record<string, unknown> = {}) => {
        if (json)
          throw new HttpProblem(
            status,
            status === 403 ? 'forbidden' : 'payload-too-large',
            status === 403 ? 'Not allowed' : 'Payload too large',
            message,
          );
        return htmlError(
          reply,
          status,
          { settings, intake, body, errors: { '(form)': message } },
          fallbackLang,
        );
      };
      if (verdict.kind === 'refused') {
        adapterLog.info(
          { account: settings.account.account, origin: verdict.origin },
          'cross-site post refused',
        );
        return refuse(403, settings.texts(fallbackLang).errorOrigin);
      }

      let body: FormBody;
      if (request.isMultipart()) {
        const declared = Number(request.headers['content-length'] ?? 0);
        const cap = settings.account.attachments.maxTotalBytes + MULTIPART_SLACK;
        if (declared > cap) {
          const t = settings.texts(fallbackLang);
          return refuse(
            413,
            fill(t.errorTooLarge, { max: formatSize(settings.account.attachments.maxTotalBytes, t) }),
          );
        }
        try {
          body = await readMultipart(request, {
            ...settings.account.attachments,
            maxFiles: intake.maxFiles,
            typeAllowed: settings.typeAllowed,
          });
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode ?? 400;
          adapterLog.info({ account: settings.account.account, err }, 'unreadable multipart form');
          if (json || status >= 500) throw err;
          return htmlError(
            reply,
            status,
            {
              settings,
              intake,
              body: {},
              errors: { '(form)': settings.texts(fallbackLang).errorUnreadable },
            },
            fallbackLang,
          );
        }
      } else {
        body = { fields: request.body as Record<string, string>, files: [], rejected: [], truncated: [] };
      }

      const fields = body.fields ?? {};
      const lang = pickLanguage(
        settings,
        isRecord(fields) ? fields.lang : undefined,
        request.headers['accept-language'],
      );
      let outcome: IntakeOutcome;
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
        adapterLog.warn(
          { err, account: settings.account.account },
          'submission not accepted: bus unavailable',
        );
        void reply.header('retry-after', '5');
        return htmlError(
          reply,
          503,
          { settings, intake, body: fields, errors: { '(form)': settings.texts(lang).errorUnavailable } },
          lang,
        );
      }

      if (outcome.kind === 'accepted') {
        if (json) return reply.code(202).send({ id: outcome.id, status: 'accepted' });
        const embed = isRecord(fields) && fields.embed === '1' ? '&embed=1' : '';
        // Post/Redirect/Get: reloading the confirmation never posts again.
        return reply
          .code(303)
          .header(
            'location',
            `${formPath(settings.account.account)}/thanks?lang=${encodeURIComponent(lang)}${embed}`,
          )
          .send();
      }
      if (outcome.kind === 'rate-limited') {
        void reply.header('retry-after', String(outcome.retryAfterSeconds));
        if (json) throw new HttpProblem(429, 'rate-limited', 'Too many requests', outcome.message);
        return htmlError(
          reply,
          429,
          { settings, intake, body: fields, errors: { '(form)': outcome.message } },
          lang,
        );
      }
      if (json) throw badRequest('the submission is not valid', outcome.errors);
      return htmlError(reply, 400, { settings, intake, body: fields, errors: outcome.errors }, lang);
    });
  };

  return { name: 'adapter-webform', routes };
}

/** API clients post JSON; the page's script asks for JSON; a plain HTML form gets pages. */
function wantsJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/json') || (request.headers.accept ?? '').includes('application/json');
}

/** The form again, with the customer's values and what to fix (files must be chosen again). */
function htmlError(
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
