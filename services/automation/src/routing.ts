import type { OmniConfig } from '@omni/service-kit';

type Routing = OmniConfig['automation']['routing'];
type Rule = Routing['rules'][number];
export type Priority = Routing['defaults']['priority'];

/** What routing looks at: the new ticket and its first message. */
export interface RoutingInput {
  channel: string;
  account: string;
  /** Web-form topic id. */
  topic?: string | null;
  /** The sender's locale (BCP 47). */
  language?: string | null;
  subject?: string | null;
  text: string;
  /** Domains of the customer's email addresses (lower case). */
  emailDomains: string[];
}

export interface RoutingDecision {
  /** The name of the rule that matched; null when the defaults applied. */
  rule: string | null;
  group: string | null;
  priority: Priority;
  tags: string[];
}

/** The first rule whose every condition holds decides; what it leaves unset, and the no-match case, take the defaults. */
export function route(input: RoutingInput, routing: Routing): RoutingDecision {
  const rule = routing.rules.find((r) => matches(r, input));
  const { defaults } = routing;
  if (!rule)
    return {
      rule: null,
      group: defaults.group ?? null,
      priority: defaults.priority,
      tags: [...defaults.tags],
    };
  return {
    rule: rule.name,
    group: rule.set.group ?? defaults.group ?? null,
    priority: rule.set.priority ?? defaults.priority,
    tags: [...rule.set.tags],
  };
}

function matches({ when }: Rule, input: RoutingInput): boolean {
  if (when.channel && !when.channel.includes(input.channel as never)) return false;
  if (when.account && !when.account.includes(input.account)) return false;
  if (when.topic && !(input.topic && when.topic.includes(input.topic))) return false;
  if (when.language) {
    const locale = input.language?.toLowerCase().replace('_', '-');
    if (!locale || !when.language.some((l) => locale === l || locale.startsWith(`${l}-`))) return false;
  }
  if (when.keywords) {
    const haystack = `${input.subject ?? ''}\n${input.text}`.toLowerCase();
    if (!when.keywords.some((k) => haystack.includes(k))) return false;
  }
  if (when.customerDomain) {
    const domains = input.emailDomains;
    if (!when.customerDomain.some((d) => domains.some((own) => own === d || own.endsWith(`.${d}`))))
      return false;
  }
  return true;
}

/** `Ann@Mail.Example.com` → `mail.example.com`. */
export function emailDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at > 0 && at < address.length - 1 ? address.slice(at + 1).toLowerCase() : null;
}
