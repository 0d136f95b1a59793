// The HTTP server around the app: Node's own parser answers some broken requests before Hono sees
// them (a malformed or duplicated Content-Length, bytes after a too-small one, a body that never
// comes). Those answers get the one JSON error shape too.
import { serve, type ServerType } from '@hono/node-server';
import type { ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorBody } from './errors.js';

type ServeOptions = {
  fetch: Parameters<typeof serve>[0]['fetch'];
  port: number;
  hostname?: string;
  /** Node's own limits, e.g. requestTimeout (ms to receive a whole request, default 300 s). */
  serverOptions?: { requestTimeout?: number; headersTimeout?: number; connectionsCheckingInterval?: number };
};

/** The reason phrase and the error of each status the parser's errors get. */
const answers = {
  400: ['Bad Request', 'invalid_input'],
  408: ['Request Timeout', 'request_timeout'],
  431: ['Request Header Fields Too Large', 'payload_too_large'],
} as const;

/** Plain words for the parser's error codes (llhttp's HPE_* and Node's ERR_HTTP_*). */
function describe(err: NodeJS.ErrnoException): { status: keyof typeof answers; message: string } {
  switch (err.code) {
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'Malformed Content-Length' };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { status: 400, message: 'Duplicate Content-Length, or Content-Length with Transfer-Encoding' };
    case 'HPE_INVALID_EOF_STATE':
      return { status: 400, message: 'Request body incomplete: the connection ended before Content-Length bytes arrived' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'Request headers too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { status: 408, message: 'The request did not arrive in time (body shorter than its Content-Length?)' };
    default: {
      // llhttp's reason is a fixed phrase (e.g. "Invalid method encountered"), never request data
      const reason = (err as { reason?: unknown }).reason;
      return { status: 400, message: typeof reason === 'string' && reason ? `Malformed HTTP request: ${reason}` : 'Malformed HTTP request' };
    }
  }
}

/** A complete raw HTTP response carrying the JSON error; the connection closes after it. */
export function rawError(status: keyof typeof answers, message: string): string {
  const [reason, code] = answers[status];
  const body = JSON.stringify(errorBody(code, message));
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Answers what Node's parser refuses with the JSON error shape and closes the connection. A request
 * already in the app on the same connection (the parser reads ahead: bytes beyond a too-small
 * Content-Length are parsed as the next request) gets its own answer first. A request whose body
 * stops (the client ended or timed out) is answered at once; the app then sees its body read fail
 * and logs that as the client's error (server/security.ts).
 */
export function answerClientErrors(server: ServerType): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const { status, message } = describe(err);
    // destroy once written: a request still in the app then sees its body read end
    const answer = () => (socket.writable ? socket.end(rawError(status, message), () => socket.destroy()) : socket.destroy());
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    const bodyStopped = err.code === 'HPE_INVALID_EOF_STATE' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (!inFlight || inFlight.writableFinished) return answer();
    if (bodyStopped && !inFlight.headersSent) return answer();
    inFlight.once('finish', answer);
    inFlight.once('close', () => (inFlight.writableFinished ? undefined : socket.destroy()));
  });
}

/** Serves the app on `port` (0: a free one) with the JSON answers above; resolves once it listens. */
export function listen(options: ServeOptions): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: options.fetch, port: options.port, hostname: options.hostname, serverOptions: options.serverOptions }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    answerClientErrors(server);
  });
}
