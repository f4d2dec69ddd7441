import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** Node's parser errors, as the one error envelope: what the request could not even be read as. */
function answerFor(code: string | undefined): { status: number; code: string; message: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'request_timeout', message: 'The request was not received in time' };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, code: 'headers_too_large', message: 'Request headers are too large' };
  }
  return {
    status: 400,
    code: 'validation_failed',
    message: 'Malformed HTTP request (bytes the protocol does not allow)',
  };
}

/**
 * Requests Node rejects before Express sees them (control bytes in the request line, broken
 * headers, slow headers) get the same JSON envelope as every other error instead of a bare status
 * line, then the connection closes.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = answerFor(err.code);
    const requestId = `req_${randomUUID()}`;
    logger.info({ requestId, code: err.code, status: answer.status }, 'malformed request refused');
    const body = JSON.stringify({ error: { code: answer.code, message: answer.message, requestId } });
    socket.end(
      `HTTP/1.1 ${answer.status} ${REASONS[answer.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
