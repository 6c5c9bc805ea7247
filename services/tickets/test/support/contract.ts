import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, Json>;
  /** Names of the request headers it declares, lower case. */
  headers: string[];
  problemTypes: string[];
}

/** One HTTP answer as a test saw it. */
export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/**
 * Checks answers against the OpenAPI document the way a generated client relies on it:
 * the status is documented for the operation, the content type is a documented one, every
 * required header is there and every documented header present has its type, the body
 * validates against the documented schema (ajv, JSON Schema 2020-12 with formats), and a
 * problem's `type` is one the operation lists for that status. Remembers what it checked,
 * so a test can prove every documented status and problem type was seen.
 */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations = new Map<string, Operation>();
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly seen = new Set<string>();

  constructor(private readonly doc: Json & { paths: Record<string, Record<string, Json>> }) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi.json', components: (doc.components as Json) ?? {} });
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        this.operations.set(op.operationId as string, {
          operationId: op.operationId as string,
          method: method.toUpperCase(),
          path,
          responses: op.responses as Record<string, Json>,
          headers: ((op.parameters as Json[] | undefined) ?? [])
            .filter((p) => p.in === 'header')
            .map((p) => String(p.name).toLowerCase()),
          problemTypes: ((op['x-problem-types'] as string[] | undefined) ?? []).map(
            (c) => `urn:omni:problem:${c}`,
          ),
        });
      }
    }
  }

  /** Whether the operation declares this request header (case-insensitive). */
  takesHeader(operationId: string, name: string): boolean {
    return this.operations.get(operationId)?.headers.includes(name.toLowerCase()) ?? false;
  }

  /** Every `operationId status` and `operationId status type` the document promises. */
  documented(): string[] {
    const out: string[] = [];
    for (const op of this.operations.values()) {
      for (const [status, response] of Object.entries(op.responses)) {
        out.push(`${op.operationId} ${status}`);
        if ((response.content as Json | undefined)?.['application/problem+json'])
          for (const t of this.typesFor(op, Number(status))) out.push(`${op.operationId} ${status} ${t}`);
      }
    }
    return out.sort();
  }

  private typesFor(op: Operation, status: number): string[] {
    const examples =
      ((op.responses[String(status)]?.content as Record<string, Json> | undefined)?.[
        'application/problem+json'
      ]?.examples as Record<string, { value: { type: string } }> | undefined) ?? {};
    return Object.values(examples).map((e) => e.value.type);
  }

  private validator(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let v = this.compiled.get(key);
    if (!v) {
      const rewritten = JSON.parse(key.replaceAll('"#/components/', '"openapi.json#/components/'));
      v = this.ajv.compile(rewritten);
      this.compiled.set(key, v);
    }
    return v;
  }

  /** The differences between an answer and the document; [] when it conforms. */
  check(operationId: string, answer: Answer): string[] {
    const op = this.operations.get(operationId);
    if (!op) return [`${operationId}: not in the document`];
    const status = String(answer.statusCode);
    const response = op.responses[status];
    const where = `${operationId} ${status}`;
    if (!response) return [`${where}: status not documented (body ${answer.body.slice(0, 300)})`];
    const errors: string[] = [];
    const header = (name: string) => {
      const v = answer.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v === undefined ? undefined : String(v);
    };
    for (const [name, ref] of Object.entries((response.headers as Record<string, Json> | undefined) ?? {})) {
      const spec = (
        typeof ref.$ref === 'string'
          ? (this.doc.components as { headers: Record<string, Json> }).headers[
              ref.$ref.split('/').pop() as string
            ]
          : ref
      ) as { required?: boolean; schema: { type: string } };
      const value = header(name);
      if (value === undefined) {
        if (spec.required) errors.push(`${where}: header ${name} missing`);
        continue;
      }
      if (spec.schema.type === 'integer' && !/^-?\d+$/.test(value))
        errors.push(`${where}: header ${name} is not an integer: ${value}`);
    }
    const content = response.content as Record<string, Json> | undefined;
    const contentType = (header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!content) {
      if (answer.body.length > 0)
        errors.push(`${where}: documented without a body, got ${answer.body.length} bytes`);
    } else if (!content[contentType] && !content['*/*']) {
      errors.push(
        `${where}: content type ${contentType} not documented (${Object.keys(content).join(', ')})`,
      );
    } else if (content[contentType] && contentType.endsWith('json')) {
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        return [...errors, `${where}: body is not JSON`];
      }
      const validate = this.validator(content[contentType]?.schema);
      if (!validate(body))
        for (const e of validate.errors ?? []) errors.push(`${where}: body${e.instancePath} ${e.message}`);
      if (contentType === 'application/problem+json') {
        const type = (body as { type?: string }).type as string;
        const allowed = this.typesFor(op, answer.statusCode);
        if (!allowed.includes(type))
          errors.push(`${where}: problem type ${type} not documented (${allowed.join(', ')})`);
        this.seen.add(`${where} ${type}`);
      }
    } else if (content['*/*'] && contentType === 'application/problem+json') {
      errors.push(`${where}: a problem where a file is documented`);
    }
    if (errors.length === 0) this.seen.add(where);
    return errors;
  }
}
