import { type Channel, Channel as ChannelSchema } from '@omni/contracts';
import { type CsatScale, recordCsatAnswer } from '@omni/customers';
import { type Pool, withTransaction } from '@omni/db';
import { acceptUrlEncodedForms, RateLimiter, tooManyRequests } from '@omni/service-kit';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { renderTemplate } from '../acknowledgement';
import { verifyRatingToken } from '../csat-link';
import { type CsatConfig, surveyTexts } from '../csat-survey';
import { messagePage, pageLanguage, pageWords, RATING_PAGE_CSP, ratingFormPage } from '../rating-page';

interface SurveyRow {
  state: string;
  scale: CsatScale;
  via_channel: string | null;
  number: string;
  channel: string;
  account: string;
}

type TokenParams = { Params: { token: string }; Querystring: { score?: string } };

/**
 * The rating page of email and web-form surveys, `/csat/<token>`: no login — the signed token
 * names the ticket and its expiry. GET shows the scale (the score of the link chosen) and a
 * comment field, and records nothing, so a mail scanner opening every link rates nothing;
 * POST records the answer once (`recordCsatAnswer`): a second use changes nothing. Requests
 * per client IP are limited (`csat.ratingPageLimit`; 429 problem+json with `Retry-After`).
 */
export function ratingPageRoutes(pool: Pool, config: CsatConfig, now: () => Date): FastifyPluginAsync {
  return async (app) => {
    // Encapsulated: these routes alone read HTML form posts.
    acceptUrlEncodedForms(app);

    // No login: each client address gets so many requests, answered 429 before any database work.
    const perIp = new RateLimiter(config.ratingPageLimit.max, config.ratingPageLimit.windowSeconds * 1000);
    app.addHook('onRequest', async (request) => {
      const at = now().getTime();
      const limited = perIp.check(request.ip, at);
      if (!limited.ok) throw tooManyRequests(limited.retryAfterMs);
      perIp.record(request.ip, at);
    });

    const send = (reply: FastifyReply, status: number, html: string) =>
      reply
        .code(status)
        .headers({
          'content-security-policy': RATING_PAGE_CSP,
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        })
        .type('text/html; charset=utf-8')
        .send(html);

    /** The token checked and its survey loaded, or the page that says why not. */
    async function open(token: string, reply: FastifyReply, language: 'en' | 'ru') {
      const w = pageWords(language);
      if (!config.linkSecret) return { page: send(reply, 404, messagePage(language, w.invalid)) };
      const check = verifyRatingToken(token, config.linkSecret, now());
      if (!check.valid)
        return {
          page:
            check.reason === 'expired'
              ? send(reply, 410, messagePage(language, w.expired))
              : send(reply, 404, messagePage(language, w.invalid)),
        };
      const { rows } = await pool.query<SurveyRow>(
        `SELECT s.state, s.scale, s.via_channel, t.number, t.channel, t.account
           FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id WHERE s.ticket_id = $1`,
        [check.ticketId],
      );
      const survey = rows[0];
      if (!survey || (survey.state !== 'sent' && survey.state !== 'answered'))
        return { page: send(reply, 404, messagePage(language, w.invalid)) };
      if (survey.state === 'answered') return { page: send(reply, 409, messagePage(language, w.already)) };
      const settings = config.surveys.find(
        (s) => s.channel === survey.channel && s.account === survey.account,
      );
      const texts = surveyTexts(settings ?? { texts: {}, defaultLanguage: 'en' }, language);
      return {
        ticketId: check.ticketId,
        survey,
        question: renderTemplate(texts.question, { ticketNumber: survey.number }),
        thanks: texts.thanks,
      };
    }

    app.get<TokenParams>('/csat/:token', async (request, reply) => {
      const language = pageLanguage(request.headers['accept-language']);
      const opened = await open(request.params.token, reply, language);
      if ('page' in opened) return opened.page;
      const chosen = Number(request.query.score);
      return send(
        reply,
        200,
        ratingFormPage({
          language,
          question: opened.question,
          scale: opened.survey.scale,
          chosen: Number.isInteger(chosen) ? chosen : undefined,
        }),
      );
    });

    app.post<TokenParams & { Body: unknown }>('/csat/:token', async (request, reply) => {
      const language = pageLanguage(request.headers['accept-language']);
      const opened = await open(request.params.token, reply, language);
      if ('page' in opened) return opened.page;
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const score = Number(body.score);
      const allowed = opened.survey.scale === 'thumbs' ? [1, 5] : [1, 2, 3, 4, 5];
      const comment = typeof body.comment === 'string' ? body.comment.slice(0, 2000) : null;
      if (!allowed.includes(score))
        return send(
          reply,
          400,
          ratingFormPage({
            language,
            question: opened.question,
            scale: opened.survey.scale,
            chosen: undefined,
            error: pageWords(language).badScore,
          }),
        );
      const via = ChannelSchema.safeParse(opened.survey.via_channel);
      const channel: Channel = via.success ? via.data : 'email';
      const outcome = await withTransaction(pool, (client) =>
        recordCsatAnswer(client, { ticketId: opened.ticketId, score, comment, channel, at: now() }),
      );
      const w = pageWords(language);
      if (outcome === 'recorded') return send(reply, 200, messagePage(language, opened.thanks));
      if (outcome === 'already-rated') return send(reply, 409, messagePage(language, w.already));
      if (outcome === 'expired') return send(reply, 410, messagePage(language, w.expired));
      return send(reply, 404, messagePage(language, w.invalid));
    });
  };
}
