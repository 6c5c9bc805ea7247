import type { Bus } from '@omni/bus';
import {
  type Logger,
  notFound,
  type OmniConfig,
  parseOrBadRequest,
  publishInbound,
  type ServiceModule,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { normalizeSubmission } from './normalize';
import { Submission } from './submission';

export interface WebformAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Injected for tests; the adapter reads no clock of its own otherwise. */
  now?: () => Date;
}

/** The web-form channel: `POST /channels/webform/{account}/submissions`. */
export function buildWebformAdapter({ config, bus, log, now = () => new Date() }: WebformAdapterDeps): ServiceModule {
  const accounts = new Map(config.channels.webform.map((a) => [a.account, a]));
  const adapterLog = log.child({ channel: 'webform' });

  const routes: FastifyPluginAsync = async (app) => {
    app.post<{ Params: { account: string } }>('/channels/webform/:account/submissions', async (request, reply) => {
      const account = accounts.get(request.params.account);
      if (!account) throw notFound(`no web-form account named "${request.params.account}"`);
      const submission = parseOrBadRequest(Submission, request.body, 'the submission');
      const [message] = await publishInbound(bus, [
        normalizeSubmission(submission, { account: account.account, receivedAt: now(), topics: account.topics }),
      ]);
      adapterLog.debug({ account: account.account, messageId: message?.id }, 'submission accepted');
      return reply.code(202).send({ id: message?.id, status: 'accepted' });
    });
  };

  return { name: 'adapter-webform', routes };
}
