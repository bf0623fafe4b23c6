import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { proxyRequests } from '@discordjs/proxy';
import { DefaultRestOptions, REST } from '@discordjs/rest';
import { ConfigError, DEFAULT_PROXY_GLOBAL_RATE, loadProxyConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';

/**
 * `npm run proxy`: one rate-limiting REST proxy for every process of the bot. Discord's global limit (50 requests/s
 * per token) and the per-route buckets belong to the token, not to a process: processes on several machines each
 * keeping their own count would exceed it together. Pointing their DISCORD_API_URL at this proxy
 * (`http://proxy-host:8080/api`) puts every request through one @discordjs/rest queue, the discord.js team's own
 * rate limiter, via @discordjs/proxy. For many machines, nirn-proxy does the same as a cluster (see the README).
 */
export interface RestProxy {
  /** What the bot processes set as DISCORD_API_URL. */
  apiUrl: string;
  port: number;
  /** How many times a request waited for the global limit (the limit was doing its job). */
  readonly globalWaits: number;
  close(): Promise<void>;
}

export interface RestProxyOptions {
  /** Discord's `https://discord.com/api` or a compatible API (the emulator's `http://127.0.0.1:PORT/api`). */
  upstreamUrl: string;
  port: number;
  host?: string;
  globalRequestsPerSecond?: number;
  logger: Logger;
}

export async function startRestProxy(options: RestProxyOptions): Promise<RestProxy> {
  const perSecond = options.globalRequestsPerSecond ?? DEFAULT_PROXY_GLOBAL_RATE;
  // No token here: @discordjs/proxy forwards each request's own Authorization header. Its own global limiter stays at
  // Discord's 50 as a backstop; the pacing below is what keeps every sliding second under `perSecond`.
  let globalWaits = 0;
  const pace = slidingSecondGate(perSecond, () => globalWaits++);
  const rest = new REST({
    api: options.upstreamUrl,
    globalRequestsPerSecond: Math.max(perSecond, 50),
    // Paced at the moment a request leaves, after the per-route queues: what Discord counts.
    makeRequest: async (url, init) => {
      // Interaction callbacks and webhooks do not count against Discord's global limit.
      if (!/\/v\d+\/(interactions|webhooks)\//.test(url)) await pace();
      return DefaultRestOptions.makeRequest(url, init);
    },
  });
  rest.on('rateLimited', (info) => {
    if (info.global) globalWaits++;
    options.logger.debug({ route: info.route, global: info.global, waitMs: info.timeToReset }, 'rate limited: queued');
  });
  const forward = proxyRequests(rest);
  const server: Server = createServer((request, response) => {
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    Promise.resolve(forward(request, response)).catch((error: unknown) => {
      // An upstream that cannot be reached, not a Discord error: the caller's own retry logic takes it from here.
      options.logger.warn({ err: error, method: request.method, path: withoutTokens(request.url) }, 'proxy error');
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Bad gateway', code: 0 }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    apiUrl: `http://${host}:${port}/api`,
    port,
    get globalWaits() {
      return globalWaits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * First come, first served: at most `perSecond` requests leave in any sliding second. @discordjs/rest's global limiter
 * counts fixed windows and releases a waiting queue in a burst at the start of each, so the end of one window and the
 * start of the next fell in the same second at the emulator: 36 requests in one second at a limit of 25 (measured in
 * test/e2e/scaleout.test.ts); paced here, as they leave (after the per-route queues), 29. Spacing them keeps
 * Discord's count, whatever its window, near the limit.
 */
function slidingSecondGate(perSecond: number, onWait: () => void): () => Promise<void> {
  const sent: number[] = [];
  let queue = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      for (;;) {
        const now = performance.now();
        while (sent.length > 0 && now - (sent[0] ?? 0) >= 1_000) sent.shift();
        if (sent.length < perSecond) {
          sent.push(now);
          return;
        }
        onWait();
        await sleep(1_000 - (now - (sent[0] ?? now)) + 1);
      }
    });
    queue = turn;
    return turn;
  };
}

/** Webhook and interaction paths carry tokens: they never reach a log. */
function withoutTokens(url: string | undefined): string {
  return (url ?? '').split('?')[0]?.replace(/\/(webhooks|interactions)\/(\d+)\/[^/]+/, '/$1/$2/:token') ?? '';
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadProxyConfig>;
  try {
    config = loadProxyConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  const proxy = await startRestProxy({ ...config, logger });
  logger.info(
    { upstream: config.upstreamUrl, globalRequestsPerSecond: config.globalRequestsPerSecond },
    `REST proxy listening: set DISCORD_API_URL=http://<this host>:${proxy.port}/api on every bot process`,
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void proxy.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
