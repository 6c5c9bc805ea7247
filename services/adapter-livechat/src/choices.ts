import type { InboundMessageInput } from '@omni/contracts';
import { badRequest, type IntakeContext, publishNormalized } from '@omni/service-kit';
import type { ConversationRepository } from './conversation.repository';
import type { ChoiceAnswer } from './livechat.schema';
import { type LivechatContext, normalizeVisitorMessage, type Visitor } from './normalize';

/**
 * A button pressed under a reply → an `InboundMessage` of kind `postback` (the way a
 * Telegram callback or a MAX `message_callback` arrives), so threading records a survey
 * answer on the ticket and never stores it as the visitor's message. Pure. Its id comes
 * from the reply's, so a reply is answered by one message whatever the retries.
 */
export function normalizeChoice(
  visitor: Visitor,
  answer: ChoiceAnswer & { label: string },
  ctx: LivechatContext,
): InboundMessageInput {
  const message = normalizeVisitorMessage(
    visitor,
    { text: answer.label, clientMessageId: `choice:${answer.id}` },
    ctx,
  );
  return {
    ...message,
    thread: { replyToExternalId: answer.id },
    content: { kind: 'postback', text: answer.label, payload: answer.payload, attachments: [] },
  };
}

/**
 * Takes a visitor's press: the first press on a reply is final (kept with the reply, so the
 * widget shows its buttons spent after a reload too) and published; a later one publishes
 * nothing and answers the choice that counted. When the publish fails the choice is given
 * back, so the visitor can press again.
 */
export function createChoiceTaker(deps: {
  repository: ConversationRepository;
  intake: IntakeContext;
  context: (account: string) => LivechatContext;
}): (visitor: Visitor, answer: ChoiceAnswer) => Promise<{ id: string; payload: string }> {
  const { repository, intake } = deps;
  return async function take(visitor, answer) {
    const taken = await repository.choose(visitor.account, visitor.key, answer.id, answer.payload);
    if (taken.outcome === 'unknown')
      throw badRequest('no reply with that id in this conversation offers that choice');
    if (taken.outcome === 'answered') return { id: answer.id, payload: taken.chosen };
    const postback = normalizeChoice(
      visitor,
      { ...answer, label: taken.label },
      deps.context(visitor.account),
    );
    try {
      await publishNormalized(intake, [postback]);
    } catch (err) {
      await repository.unchoose(visitor.account, visitor.key, answer.id, answer.payload);
      throw err;
    }
    return { id: answer.id, payload: answer.payload };
  };
}
