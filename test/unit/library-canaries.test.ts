import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import express from 'express';
import { expressClasses } from '../../src/api/fast-dispatch';

/**
 * A request whose prototype Express re-points loses V8's optimised shape (a third of a resolve's
 * CPU); built by expressClasses it already has the app's, so the re-pointing changes nothing.
 */
describe('expressClasses', () => {
  it('builds requests and responses that keep their prototype through Express and still are Express objects', async () => {
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
    const server = createServer({ ...classes }, app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/x/7?q=w`, { headers: { 'x-a': 'b' } });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: '7', q: 'w', header: 'b' });
      expect(seen).toEqual([{ reqBorn: true, resBorn: true, app: true }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
