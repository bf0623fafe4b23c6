import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UploadedFile } from './messages.js';
import type { Json } from './model.js';
import { DiscordApiError } from './validation.js';

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  headers: IncomingMessage['headers'];
}

export interface RouteResponse {
  status: number;
  body?: unknown;
}

export type RouteHandler = (request: RouteRequest) => RouteResponse | Promise<RouteResponse>;

export interface RouteDefinition {
  method: string;
  /** A template such as `/channels/:channelId/messages`. */
  pattern: string;
  /** Interaction callbacks and interaction webhooks carry their token in the URL, not a header. */
  auth: boolean;
  handler: RouteHandler;
}

export interface RecordedRequest {
  method: string;
  /** The path after `/api/v10`, decoded (`@original`, not `%40original`). */
  path: string;
  /** The route template that matched, e.g. `/channels/:channelId/messages`; null when none did. */
  route: string | null;
  query: Record<string, string>;
  body: unknown;
  files: { name: string; size: number }[];
  status: number;
  response: unknown;
  /** Real time in ms: latency and retry gaps are measured on the wall clock, not the injected one. */
  at: number;
  fault: boolean;
  /**
   * Sent with the bot's `Authorization: Bot …` header: these count against Discord's global 50 requests/s;
   * interaction callbacks and webhooks (token in the URL) do not.
   */
  bot: boolean;
}

export interface FaultSpec {
  method?: string;
  /**
   * A RegExp tested on the path (e.g. `/\/messages$/`), or a string equal to the path or to the route
   * template, whatever the parameter names (`/channels/:id/messages`).
   */
  path: RegExp | string;
  status: 500 | 502 | 503 | 504 | 429;
  /** How many requests fail (default 1). */
  times?: number;
  retryAfterSeconds?: number;
  global?: boolean;
  /**
   * The request takes effect and then the error is returned, like a response lost on the way back:
   * the case that `nonce` + `enforce_nonce` exists for.
   */
  afterEffect?: boolean;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

export interface RateLimitOptions {
  /** Requests allowed per bucket window (default 50). */
  limit: number;
  /** Bucket window in ms (default 1 000). */
  windowMs: number;
}

interface Bucket {
  remaining: number;
  resetAt: number;
}

interface CompiledRoute extends RouteDefinition {
  segments: string[];
}

function matchRoute(route: CompiledRoute, segments: string[]): Record<string, string> | null {
  if (route.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index += 1) {
    const expected = route.segments[index] ?? '';
    const actual = segments[index] ?? '';
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return null;
  }
  return params;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(request: IncomingMessage, raw: Buffer): Promise<{ body: unknown; files: UploadedFile[] }> {
  const contentType = request.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    // The WHATWG Request parser in Node 20 handles multipart, which spares us a parser dependency.
    const form = await new Request('http://emulator.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    let body: unknown = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({
          field,
          filename: value.name,
          contentType: value.type,
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

function majorParameter(path: string): string {
  const match = /^\/(?:channels|guilds)\/(\d+)|^\/webhooks\/(\d+\/[^/]+)|^\/interactions\/(\d+)/.exec(path);
  return match?.[1] ?? match?.[2] ?? match?.[3] ?? 'global';
}

export interface RestServerOptions {
  token: () => string;
  rateLimits: RateLimitOptions;
}

/**
 * The REST front door: routing under /api/v10, auth, Discord-like rate-limit headers and 429s,
 * injected faults, and a log of every request for tests to inspect.
 */
export class RestServer {
  private readonly routes: CompiledRoute[] = [];
  private readonly faults: ActiveFault[] = [];
  private readonly buckets = new Map<string, Bucket>();
  readonly requests: RecordedRequest[] = [];

  constructor(private readonly options: RestServerOptions) {}

  add(route: RouteDefinition): void {
    this.routes.push({ ...route, segments: route.pattern.split('/').filter(Boolean) });
  }

  injectFault(fault: FaultSpec): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  private takeFault(method: string, path: string, route: string | null): ActiveFault | null {
    for (const fault of this.faults) {
      if (fault.remaining <= 0) continue;
      if (fault.method && fault.method.toUpperCase() !== method) continue;
      const matches =
        typeof fault.path === 'string'
          ? fault.path === path || (route !== null && sameTemplate(fault.path, route))
          : fault.path.test(path);
      if (!matches) continue;
      fault.remaining -= 1;
      return fault;
    }
    return null;
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator.local');
    const method = (request.method ?? 'GET').toUpperCase();
    const prefix = /^\/api(?:\/v(\d+))?(\/.*)$/.exec(url.pathname);
    const segments = (prefix?.[2] ?? url.pathname).split('/').filter(Boolean).map(safeDecode);
    const path = `/${segments.join('/')}`;
    const raw = await readBody(request);
    const record: RecordedRequest = {
      method,
      path,
      route: null,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      at: Date.now(),
      fault: false,
      bot: (request.headers.authorization ?? '').startsWith('Bot '),
    };
    this.requests.push(record);

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      record.response = body;
      const payload = status === 204 || body === undefined ? '' : JSON.stringify(body);
      response.writeHead(status, {
        ...(payload ? { 'content-type': 'application/json' } : {}),
        via: '1.1 escale-emulator',
        ...headers,
      });
      response.end(payload);
    };

    let parsed: { body: unknown; files: UploadedFile[] };
    try {
      parsed = await parseBody(request, raw);
    } catch {
      send(400, { message: 'The request body contains invalid JSON.', code: 50109 });
      return;
    }
    record.body = parsed.body;
    record.files = parsed.files.map((file) => ({ name: file.filename, size: file.data.length }));

    if (prefix?.[1] !== undefined && prefix[1] !== '10') {
      send(400, { message: 'Invalid API version', code: 50041 });
      return;
    }
    let matched: { route: CompiledRoute; params: Record<string, string> } | null = null;
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchRoute(route, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) {
        matched = { route, params };
        break;
      }
    }
    if (!matched) {
      send(
        pathMatched ? 405 : 404,
        pathMatched ? { message: '405: Method Not Allowed', code: 0 } : { message: '404: Not Found', code: 0 },
      );
      return;
    }
    const { route, params } = matched;
    record.route = route.pattern;

    if (route.auth) {
      const authorization = request.headers.authorization;
      if (authorization !== `Bot ${this.options.token()}`) {
        send(401, { message: '401: Unauthorized', code: 0 });
        return;
      }
    }

    const bucketKey = `${method}:${route.pattern}:${majorParameter(path)}`;
    const bucketHash = createHash('sha1').update(`${method}:${route.pattern}`).digest('hex').slice(0, 32);
    const fault = this.takeFault(method, path, route.pattern);
    if (fault && !fault.afterEffect) {
      record.fault = true;
      this.sendFault(fault, send, bucketHash);
      return;
    }
    const limitHeaders = this.consumeBucket(bucketKey, bucketHash, route.auth);
    if (limitHeaders.limited) {
      const retryAfter = limitHeaders.resetAfter;
      send(
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        { ...limitHeaders.headers, 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': 'user' },
      );
      return;
    }

    try {
      const result = await route.handler({
        method,
        path,
        params,
        query: url.searchParams,
        body: parsed.body,
        files: parsed.files,
        headers: request.headers,
      });
      if (fault) {
        record.fault = true;
        this.sendFault(fault, send, bucketHash);
        return;
      }
      send(result.status, result.body, limitHeaders.headers);
    } catch (error) {
      if (error instanceof DiscordApiError) {
        send(error.status, error.body(), limitHeaders.headers);
        return;
      }
      send(500, { message: `500: Internal Server Error (${(error as Error).message})`, code: 0 }, limitHeaders.headers);
    }
  }

  private sendFault(
    fault: ActiveFault,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
    bucketHash: string,
  ): void {
    if (fault.status !== 429) {
      send(fault.status, { message: `${fault.status}: Emulated failure`, code: 0 });
      return;
    }
    const retryAfter = fault.retryAfterSeconds ?? 1;
    // Discord rounds this header up to whole seconds; the exact value keeps fast tests fast.
    const headers: Record<string, string> = {
      'retry-after': String(retryAfter),
      'x-ratelimit-scope': fault.global ? 'global' : 'user',
    };
    if (fault.global) {
      headers['x-ratelimit-global'] = 'true';
    } else {
      Object.assign(headers, {
        'x-ratelimit-limit': String(this.options.rateLimits.limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
        'x-ratelimit-reset-after': retryAfter.toFixed(3),
        'x-ratelimit-bucket': bucketHash,
      });
    }
    send(
      429,
      { message: 'You are being rate limited.', retry_after: retryAfter, global: fault.global ?? false },
      headers,
    );
  }

  private consumeBucket(
    key: string,
    hash: string,
    enforced: boolean,
  ): { limited: boolean; resetAfter: number; headers: Record<string, string> } {
    const { limit, windowMs } = this.options.rateLimits;
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { remaining: limit, resetAt: now + windowMs };
      this.buckets.set(key, bucket);
    }
    // Token-in-URL routes (interaction callbacks, webhooks) are reported but never throttled here.
    const limited = enforced && bucket.remaining <= 0;
    if (!limited) bucket.remaining = Math.max(0, bucket.remaining - 1);
    const resetAfter = Math.max(0, (bucket.resetAt - now) / 1000);
    return {
      limited,
      resetAfter,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(bucket.remaining),
        'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': hash,
      },
    };
  }
}

/** `/channels/:id/messages` and `/channels/:channelId/messages` name the same route. */
function sameTemplate(a: string, b: string): boolean {
  const normalize = (template: string) => template.replace(/:\w+/g, ':');
  return normalize(a) === normalize(b);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function jsonBody(body: unknown): Json {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {};
}
