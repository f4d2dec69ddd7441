import { type Server, type Socket, createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of Temporal that can slow or hold what Temporal answers (requests always
 * pass): a worker behind it has its workflow starts made in Temporal while it waits for the
 * answers, the window in which a dispatcher that dies has started what it has not recorded.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private paused = false;
  private readonly waiting: (() => void)[] = [];
  /** Each answer chunk waits this long (its connection's order kept). */
  delayMs = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<string> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      client.pipe(upstream);
      let chain = Promise.resolve();
      upstream.on('data', (chunk: Buffer) => {
        chain = chain.then(async () => {
          if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
          if (this.paused) await new Promise<void>((r) => this.waiting.push(r));
          if (!client.destroyed) client.write(chunk);
        });
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', () => void chain.then(close));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Holds every answer from now on (requests still reach Temporal). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const release of this.waiting.splice(0)) release();
  }

  async stop(): Promise<void> {
    this.resume();
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
