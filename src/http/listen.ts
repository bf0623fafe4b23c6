import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

/**
 * The one HTTP server. It is bound FIRST, before the database opens and before login, so that a busy port stops the
 * process at once with a clear message (exit code 1) instead of crashing it after login. Until the app is attached
 * (the database is ready) every request gets 503, which /healthz means anyway.
 */
export class HttpPortBusyError extends Error {
  constructor(
    readonly port: number,
    cause: unknown,
  ) {
    super(
      `HTTP_PORT ${port} is already in use by another program: stop it, or choose another port with HTTP_PORT (HEALTH_PORT is the old name)`,
      { cause },
    );
    this.name = 'HttpPortBusyError';
  }
}

export interface HttpListener {
  readonly port: number;
  /** Serves this app from now on. */
  attach(app: Hono): void;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export async function listenHttp(port: number, host = '0.0.0.0'): Promise<HttpListener> {
  // Loaded here, not at the top: a bot without HTTP_PORT never loads the web side's packages (main.ts imports this file).
  const { getRequestListener } = await import('@hono/node-server');
  let handler: Handler = (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' }).end('starting\n');
  };
  const server: Server = createServer((request, response) => void handler(request, response));
  // Slow clients cannot hold sockets forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new HttpPortBusyError(port, error) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  return {
    port: (server.address() as AddressInfo).port,
    attach(app) {
      handler = getRequestListener(app.fetch);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
