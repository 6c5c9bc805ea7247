import type { Channel } from '@omni/contracts';
import type { PoolClient } from '@omni/db';
import type { OmniConfig } from '@omni/service-kit';
import { announcementText } from './acknowledgement';
import { activeAnnouncements } from './announcement.repository';
import { BusinessClock, calendarFor } from './business-clock';
import { route } from './routing';
import { planSla } from './sla-clock';
import { describeWait } from './wait-text';

/** What a customer about to write on a channel may know: are we there, when do we answer, what is going on. */
export interface Availability {
  /** The group's business hours are running now. */
  open: boolean;
  /**
   * When a message written now would be answered, in the customer's words: "within 4 hours"
   * inside business hours, "on Monday morning" outside them (the acknowledgement's phrase).
   */
  wait: string;
  /** Active notices for the channel (outages), oldest first, in the asked language. */
  announcements: Array<{ id: string; text: string }>;
}

/**
 * The availability of a channel account right now, on the same rules as a new ticket's
 * acknowledgement: routing (channel, account, topic, language) picks the group and priority,
 * the group's calendar and the priority's first-response target give the wait.
 */
export async function availability(
  client: Pick<PoolClient, 'query'>,
  config: OmniConfig['automation'],
  input: { channel: Channel; account: string; topic?: string; language: string },
  now: Date,
): Promise<Availability> {
  const decision = route(
    {
      channel: input.channel,
      account: input.account,
      topic: input.topic ?? null,
      language: input.language,
      text: '',
      emailDomains: [],
    },
    config.routing,
  );
  const clock = BusinessClock.for(calendarFor(config.calendars, decision.group));
  const sla = planSla(clock, now, decision.priority, config.sla);
  const notices = await activeAnnouncements(client, input.channel, now);
  return {
    open: clock.isOpen(now),
    wait: describeWait(clock, now, sla.firstResponseDueAt, sla.firstResponseMinutes, input.language),
    announcements: notices.flatMap((a) => {
      const text = announcementText(a.texts, input.language, 'en');
      return text === undefined ? [] : [{ id: a.id, text }];
    }),
  };
}
