import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { Bus } from '@omni/bus';
import type { BlobStore } from '@omni/db';
import {
  acceptUrlEncodedForms,
  channelAccounts,
  checkOrigin,
  forbidden,
  type Logger,
  notFound,
  type OmniConfig,
  requestHosts,
  type ServiceModule,
  UploadBudget,
} from '@omni/service-kit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { WebformAccount } from './config';
import { EMBED_SCRIPT, pageSecurityHeaders, renderConfirmationPage, renderFormPage } from './form-page';
import { pickLanguage, resolveFormSettings } from './form-settings';
import { WebformIntake } from './intake';
import { type Form, handleSubmission } from './submit.handler';

export interface WebformAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Where attachments are stored; without it the form takes no files. */
  blobs?: BlobStore;
  /** Injected for tests; the adapter reads no clock of its own otherwise. */
  now?: () => Date;
  /** Upload bytes held in memory at once by this process (default 256 MiB). */
  uploadBudgetBytes?: number;
}

type Params = { Params: { account: string } };

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
  uploadBudgetBytes = 256 * 1024 * 1024,
}: WebformAdapterDeps): ServiceModule {
  const adapterLog = log.child({ channel: 'webform' });
  const budget = new UploadBudget(uploadBudgetBytes);
  const forms = new Map<string, Form>(
    channelAccounts(config, 'webform', WebformAccount).map((account) => {
      const settings = resolveFormSettings(
        account,
        config.channels.email.map((e) => e.account),
      );
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
    acceptUrlEncodedForms(app);

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
      const verdict = checkOrigin(
        request.headers.origin,
        requestHosts(request.headers, request.host),
        settings.origins,
      );
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

    app.post<Params>('/channels/webform/:account/submissions', (request, reply) =>
      handleSubmission(formOf(request), request, reply, { log: adapterLog, budget }),
    );
  };

  return { name: 'adapter-webform', routes };
}
