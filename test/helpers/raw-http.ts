import { request } from 'node:http';
import { testEnv } from './env';

export interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * A request with exactly this target and these header values, as bytes: fetch refuses or rewrites
 * what these tests need to send (TRACE, tabs or raw UTF-8 in headers, broken %-escapes).
 */
export function rawRequest(method: string, target: string, headers: Record<string, string> = {}): Promise<RawResult> {
  const url = new URL(testEnv().apiUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: target, insecureHTTPParser: true },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // HTML or empty answers stay text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    // Node writes each character of a value as one latin1 byte: tabs and any byte >= 0x80 go out as given.
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.end();
  });
}

/** The latin1 string whose bytes are this text's UTF-8: how Node hands a UTF-8 header value over. */
export const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
