import { appendFileSync } from 'node:fs';
import { type ServerResponse, createServer } from 'node:http';
import { GOOD_CALL, POOR_CALL } from '../../test/helpers/mira-transcripts';
import { Rng } from './rng';

/**
 * The chaos run's outside world, each a process of its own (`tsx scripts/chaos/peer.ts …`):
 * - `receiver <port> <file> <seed>`: a partner's webhook receiver; appends every POST (headers and
 *   body, for the checker to verify signatures) to <file> and answers 204, or 500 one time in 20
 *   (seeded), so deliveries are retried as they are in life;
 * - `transcripts <port>`: serves transcript_url: `/good/…` and `/poor/…` a call, `/flaky/…` a 503
 *   on the first request for that path then the call, `/slow/…` the call after 3 s, `/missing/…` 404.
 */
const [kind, portArg, fileArg, seedArg] = process.argv.slice(2);
const port = Number(portArg);

function receiver(file: string, rng: Rng) {
  return createServer((req, res) => {
    if (req.method === 'GET') return void res.writeHead(200).end('ok');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = rng.chance(0.05) ? 500 : 204;
      const record = {
        at: Date.now(),
        path: req.url,
        id: req.headers['webhook-id'],
        timestamp: req.headers['webhook-timestamp'],
        signature: req.headers['webhook-signature'],
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      };
      // Recorded before the answer leaves: a receipt in the file was seen by the receiver.
      appendFileSync(file, `${JSON.stringify(record)}\n`);
      res.writeHead(status).end();
    });
  });
}

function transcripts() {
  const seen = new Set<string>();
  const send = (res: ServerResponse, body: unknown) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return createServer((req, res) => {
    const url = req.url ?? '/';
    const [, kind_] = url.split('/');
    if (kind_ === 'good') return send(res, GOOD_CALL);
    if (kind_ === 'poor') return send(res, POOR_CALL);
    if (kind_ === 'flaky') {
      if (seen.has(url)) return send(res, GOOD_CALL);
      seen.add(url);
      return void res.writeHead(503).end('try again');
    }
    if (kind_ === 'slow') return void setTimeout(() => send(res, GOOD_CALL), 3000);
    if (kind_ === 'health') return void res.writeHead(200).end('ok');
    res.writeHead(404).end('not here');
  });
}

const server =
  kind === 'receiver' ? receiver(fileArg!, new Rng(Number(seedArg))) : kind === 'transcripts' ? transcripts() : null;
if (!server) throw new Error(`unknown peer ${kind}`);
server.listen(port, '127.0.0.1', () => console.log(`${kind} listening on ${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
