import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { eventually } from './temporal';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
  status: number;
}

/**
 * A partner's receiver on 127.0.0.1: records every POST and answers what `respond` says for the
 * n-th request (1-based), 204 by default.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: (n: number, body: string) => number = () => 204;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = this.respond(this.received.length + 1, body);
        this.received.push({ headers: req.headers, body, json: JSON.parse(body), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'x'.repeat(10_000) : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  ofType(type: string): Received[] {
    return this.received.filter((r) => r.json.type === type);
  }

  /** The first event of `type` matching `where`, once it arrives. */
  waitFor(type: string, where: (r: Received) => boolean = () => true, timeoutMs = 20_000): Promise<Received> {
    return eventually(async () => this.ofType(type).find(where), timeoutMs);
  }
}

/** Verifies with the `standardwebhooks` package (not MIR's code): throws when the signature does not match. */
export function verifyWith(secret: string, r: Received): unknown {
  return new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
}
