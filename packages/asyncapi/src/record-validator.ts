import { DLQ_HEADERS } from '@omni/bus';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type AsyncApiDocument, buildAsyncApiDocument, type JsonSchema } from './asyncapi-document';

/** A record as it went onto the bus: unprefixed topic, key, value (JSON value or raw string), headers. */
export interface PublishedRecord {
  topic: string;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

export interface RecordCheck {
  ok: boolean;
  /** Why not, naming the topic and the failing paths. */
  errors: string[];
}

/**
 * Validates records against the AsyncAPI document: the value against the topic's payload
 * schema, the headers against its header schema. Topics the document does not describe
 * (test topics of the bus's own tests) are reported as `known: false` and not judged.
 */
export class RecordValidator {
  private readonly byAddress = new Map<string, Validators & { intake?: Validators }>();

  constructor(doc: AsyncApiDocument = buildAsyncApiDocument()) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      ajv.addSchema(schema, `#/components/schemas/${name}`);
    }
    const validators = (ref: string | undefined, address: string): Validators => {
      const message = doc.components.messages[(ref ?? '').replace('#/components/messages/', '')];
      if (!message) throw new Error(`channel ${address} names no message`);
      const payloadRef = (message.payload as { $ref?: string }).$ref ?? '';
      const payload = doc.components.schemas[payloadRef.replace('#/components/schemas/', '')];
      return {
        // Dead letters carry the original bytes: only their headers have a schema.
        payload: payload && isConstraining(payload) ? ajv.compile(payload) : undefined,
        headers: ajv.compile(message.headers),
      };
    };
    for (const channel of Object.values(doc.channels)) {
      // Only Kafka topics; the webhook deliveries are HTTP.
      if (channel.address === null) continue;
      const { IntakeDeadLetter: intake, ...rest } = channel.messages;
      this.byAddress.set(channel.address, {
        ...validators(Object.values(rest)[0]?.$ref, channel.address),
        intake: intake ? validators(intake.$ref, channel.address) : undefined,
      });
    }
  }

  knows(topic: string): boolean {
    return this.byAddress.has(topic);
  }

  check(record: PublishedRecord): RecordCheck {
    const known = this.byAddress.get(record.topic);
    if (!known) return { ok: true, errors: [] };
    // An adapter's dead letter never was on the source topic: it has no source offset.
    const validators =
      known.intake && record.headers[DLQ_HEADERS.sourceOffset] === undefined ? known.intake : known;
    const errors: string[] = [];
    if (validators.payload && !validators.payload(record.value)) {
      for (const e of validators.payload.errors ?? [])
        errors.push(`${record.topic} value${e.instancePath}: ${e.message}`);
    }
    if (!validators.headers(record.headers)) {
      for (const e of validators.headers.errors ?? [])
        errors.push(`${record.topic} headers${e.instancePath}: ${e.message}`);
    }
    return { ok: errors.length === 0, errors };
  }
}

interface Validators {
  payload?: ValidateFunction;
  headers: ValidateFunction;
}

function isConstraining(schema: JsonSchema): boolean {
  return Object.keys(schema).some((k) => k !== 'description' && k !== 'title');
}
