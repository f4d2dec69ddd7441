import { readFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import express, { type Request } from 'express';
import { drizzle } from 'drizzle-orm/postgres-js';
import { PgTransaction } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { adoptAsExpress, asListener, expressClasses } from '../../src/api/express-internals';
import { postgresClientOf, transactionOver, wrapTransactions } from '../../src/db/drizzle-internals';
import { Client, type ConnectionLike } from '@temporalio/client';
import { withRequestId } from '../../src/temporal/temporal-internals';

/**
 * One canary per library internal MIR touches (src/api/express-internals.ts,
 * src/db/drizzle-internals.ts, src/temporal/temporal-internals.ts). Each fails loudly when an
 * upgrade of express, drizzle-orm or @temporalio/client changes what MIR relies on; run them first
 * when upgrading (docs/architecture.md, "Upgrading pinned libraries").
 */
async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void, classes = {}) {
  const server = createServer(classes, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('express internals', () => {
  it('expressClasses: requests keep their prototype through Express and still are Express objects', async () => {
    // A request whose prototype Express re-points loses V8's optimised shape (a third of a resolve's CPU).
    const app = express();
    const classes = expressClasses(app);
    const seen: Record<string, unknown>[] = [];
    app.get('/x/:id', (req, res) => {
      seen.push({
        reqBorn: Object.getPrototypeOf(req) === classes.IncomingMessage.prototype,
        resBorn: Object.getPrototypeOf(res) === classes.ServerResponse.prototype,
        app: req.app === app,
      });
      res.status(201).json({ id: req.params.id, q: req.query.q, header: req.get('x-a') });
    });
    const server = await serve(asListener(app), classes);
    try {
      const res = await fetch(`${server.url}/x/7?q=w`, { headers: { 'x-a': 'b' } });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: '7', q: 'w', header: 'b' });
      expect(seen).toEqual([{ reqBorn: true, resBorn: true, app: true }]);
    } finally {
      await server.close();
    }
  });

  it('adoptAsExpress sets up what Express routing sets up, so a handler cannot tell the two apart', async () => {
    const app = express();
    const classes = expressClasses(app);
    const view = (req: Request) => ({
      originalUrl: req.originalUrl,
      baseUrl: req.baseUrl,
      params: { ...req.params },
      route: req.route?.path,
      query: { ...(req.query as object) },
      header: req.get('x-a'),
      resReq: req.res?.req === req,
      locals: typeof req.res?.locals,
    });
    const seen: unknown[] = [];
    app.post('/exact', (req, res) => {
      seen.push(view(req));
      res.status(200).json({ ok: true });
    });
    const listener = (request: IncomingMessage, response: ServerResponse) => {
      if (!request.headers['x-fast']) return asListener(app)(request, response);
      const { req, res } = adoptAsExpress(app, request, response, { path: '/exact' });
      seen.push(view(req));
      res.status(200).json({ ok: true });
    };
    const server = await serve(listener, classes);
    try {
      for (const fast of ['', '1']) {
        const res = await fetch(`${server.url}/exact?q=1`, { method: 'POST', headers: { 'x-a': 'b', 'x-fast': fast } });
        expect(await res.json()).toEqual({ ok: true });
      }
      expect(seen).toHaveLength(2);
      expect(seen[1]).toEqual(seen[0]);
    } finally {
      await server.close();
    }
  });

  it("asListener: the app called as a server calls it answers unknown paths with Express's own 404", async () => {
    const server = await serve(asListener(express()));
    try {
      expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('drizzle-orm internals', () => {
  // postgres.js connects lazily: nothing here opens a connection.
  const sql = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
  afterAll(() => sql.end({ timeout: 0 }));

  it('postgresClientOf reaches the postgres.js client under a drizzle handle', () => {
    expect(postgresClientOf(drizzle(sql))).toBe(sql);
  });

  it('transactionOver builds a real drizzle transaction over a given connection', () => {
    const other = postgres('postgres://nobody@127.0.0.1:1/other', { max: 1 });
    const tx = transactionOver<PgTransaction<never, never, never>>(drizzle(sql), other);
    expect(tx).toBeInstanceOf(PgTransaction);
    expect(postgresClientOf(tx)).toBe(other);
    expect(typeof tx.select).toBe('function');
    expect(typeof tx.execute).toBe('function');
    void other.end({ timeout: 0 });
  });

  it('wrapTransactions puts every db.transaction behind the wrapper', async () => {
    const db = drizzle(sql);
    const wrapped: string[] = [];
    wrapTransactions(db, (run) => {
      wrapped.push('through the wrapper');
      return run();
    });
    // drizzle's own transaction then runs and fails to connect (nothing listens on port 1).
    await expect(db.transaction(async () => 'ran')).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(wrapped).toEqual(['through the wrapper']);
  });
});

describe('@temporalio/client internals', () => {
  it('withRequestId: the start request Temporal receives carries our request id', async () => {
    // Temporal answers a repeated start with the run whose request id it was: the outbox relies on it.
    const requests: { requestId?: string; workflowId?: string }[] = [];
    const connection = {
      workflowService: {
        startWorkflowExecution: async (request: { requestId?: string; workflowId?: string }) => {
          requests.push(request);
          return { runId: 'run-1', started: true };
        },
      },
      withDeadline: <R>(_deadline: unknown, fn: () => Promise<R>) => fn(),
      withMetadata: <R>(_metadata: unknown, fn: () => Promise<R>) => fn(),
      withAbortSignal: <R>(_signal: unknown, fn: () => Promise<R>) => fn(),
      close: async () => undefined,
      ensureConnected: async () => undefined,
    } as unknown as ConnectionLike;
    const client = new Client({ connection });
    const handle = await client.workflow.start(
      'someWorkflow',
      withRequestId({ workflowId: 'wf-1', taskQueue: 'q', args: [] }, 'row-uuid-1'),
    );
    expect(handle.firstExecutionRunId).toBe('run-1');
    expect(requests.map((r) => [r.workflowId, r.requestId])).toEqual([['wf-1', 'row-uuid-1']]);
  });
});

describe('postgres.js patch', () => {
  // patches/postgres+3.4.9.patch (docs/adr/0007-postgres-js-patch.md) is applied by `postinstall`;
  // an install that skipped scripts, or another version of postgres, leaves the process to crash
  // when Postgres restarts under a transaction.
  const root = path.join(__dirname, '../..');
  const patchFile = path.join(root, 'patches', 'postgres+3.4.9.patch');

  it('the installed postgres is the version the patch is for', () => {
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules/postgres/package.json'), 'utf8'));
    expect(installed.version).toBe('3.4.9');
  });

  it('every line the patch adds is in the installed file, in both the CommonJS and the ESM build', () => {
    const added = new Map<string, string[]>();
    let file = '';
    for (const line of readFileSync(patchFile, 'utf8').split('\n')) {
      if (line.startsWith('+++ b/')) added.set((file = line.slice('+++ b/'.length)), []);
      else if (file && line.startsWith('+')) added.get(file)?.push(line.slice(1));
    }
    expect([...added.keys()].sort()).toEqual(
      ['cjs/src/connection.js', 'cjs/src/index.js', 'src/connection.js', 'src/index.js'].map(
        (f) => `node_modules/postgres/${f}`,
      ),
    );
    for (const [target, lines] of added) {
      const installed = readFileSync(path.join(root, target), 'utf8').split('\n');
      expect({ target, missing: lines.filter((l) => !installed.includes(l)) }).toEqual({ target, missing: [] });
    }
  });
});

describe('pinned libraries', () => {
  it('express, drizzle-orm, postgres and @temporalio/* are pinned to exact versions', () => {
    // A caret range would let a minor release change an internal above without a failing type.
    const { dependencies } = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const pinned = Object.entries(dependencies).filter(([name]) =>
      /^(express|drizzle-orm|postgres|@temporalio\/.*)$/.test(name),
    );
    expect(pinned.length).toBeGreaterThanOrEqual(10);
    expect(pinned.filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version))).toEqual([]);
  });
});
