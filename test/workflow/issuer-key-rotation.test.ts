import type { IssuerKeyRef } from '../../src/activities/issuer-keys';
import { workflowIds } from '../../src/domain/workflow-ids';
import {
  type issuerKeyRotationWorkflow,
  issuerKeyRotationQuery,
  type scheduledIssuerKeyRotationWorkflow,
} from '../../src/workflows/issuer-key-rotation';
import { eventually } from '../helpers/temporal';
import { useWorkflowEnvironment } from '../helpers/workflow-env';

const w = useWorkflowEnvironment();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The rotation's activities as Postgres answers them, on the test server's clock: key 2 signs a
 * day after it is made; key 1's last credential expires `lastExpiryAfterSwitch` after that, and a
 * credential committed late (an issuance that read key 1 just before the switch) moves it once.
 */
function keys(t0: number, opts: { previous: boolean; lastExpiryAfterSwitch: number; lateBy?: number }) {
  const signsFrom = t0 + DAY;
  let lastExpiry = signsFrom + opts.lastExpiryAfterSwitch;
  const retireCalls: number[] = [];
  const ref = (kid: string, generation: number, at: number): IssuerKeyRef => ({
    kid,
    generation,
    signsFrom: new Date(at).toISOString(),
  });
  return {
    retireCalls,
    signsFrom,
    lastExpiry: () => lastExpiry,
    activities: {
      async createIssuerKey(i: { generation: number }) {
        return {
          key: ref('kid-2', i.generation, signsFrom),
          previous: opts.previous ? ref('kid-1', 1, t0 - 90 * DAY) : null,
        };
      },
      async retireIssuerKey(i: { kid: string }) {
        expect(i.kid).toBe('kid-1');
        const now = await w.env.currentTimeMs();
        retireCalls.push(now);
        const answer =
          now >= lastExpiry
            ? { retiredAt: new Date(now).toISOString() }
            : { waitUntil: new Date(lastExpiry).toISOString() };
        // Committed just after the first look counted key 1's credentials.
        if (opts.lateBy && retireCalls.length === 1) lastExpiry += opts.lateBy;
        return answer;
      },
    },
  };
}

describe('issuerKeyRotationWorkflow', () => {
  it('publishes the new key, waits until it signs, then keeps the old one until its last credential expired', async () => {
    const t0 = await w.env.currentTimeMs();
    const k = keys(t0, { previous: true, lastExpiryAfterSwitch: 30 * DAY, lateBy: 2 * HOUR });
    await w.run(k.activities, async (taskQueue) => {
      const handle = await w.env.client.workflow.start<typeof issuerKeyRotationWorkflow>('issuerKeyRotationWorkflow', {
        taskQueue,
        workflowId: workflowIds.issuerKeyRotation(2),
        args: [{ generation: 2 }],
      });
      // Queries do not move the test server's clock: the key is published, and nothing retired.
      const published = await eventually(async () => {
        const p = await handle.query(issuerKeyRotationQuery);
        return p.phase === 'PUBLISHED' ? p : undefined;
      });
      expect(published).toMatchObject({
        kid: 'kid-2',
        previousKid: 'kid-1',
        signsFrom: new Date(k.signsFrom).toISOString(),
      });
      await w.env.sleep(DAY - HOUR);
      expect(k.retireCalls).toEqual([]);
      const waiting = await handle.query(issuerKeyRotationQuery);
      expect(waiting.phase).toBe('PUBLISHED');

      const done = await handle.result();
      expect(done).toMatchObject({ phase: 'DONE', kid: 'kid-2', previousKid: 'kid-1', previousRetiresAt: null });
      // First look once the new key signs; then at the last expiry, which a late credential moved;
      // then at the moved one, when it retires.
      expect(k.retireCalls).toHaveLength(3);
      expect(k.retireCalls[0]).toBeGreaterThanOrEqual(k.signsFrom);
      expect(k.retireCalls[0]).toBeLessThan(k.signsFrom + HOUR);
      expect(k.retireCalls[1]).toBeGreaterThanOrEqual(k.signsFrom + 30 * DAY);
      expect(k.retireCalls[2]).toBeGreaterThanOrEqual(k.lastExpiry());
      expect(Date.parse(done.previousRetiredAt!)).toBe(k.retireCalls[2]);
    });
  });

  it('the first key retires nothing: done once it signs', async () => {
    const t0 = await w.env.currentTimeMs();
    const k = keys(t0, { previous: false, lastExpiryAfterSwitch: 0 });
    await w.run(k.activities, async (taskQueue) => {
      const done = await w.env.client.workflow.execute<typeof issuerKeyRotationWorkflow>('issuerKeyRotationWorkflow', {
        taskQueue,
        workflowId: workflowIds.issuerKeyRotation(1),
        args: [{ generation: 1 }],
      });
      expect(done).toMatchObject({ phase: 'DONE', previousKid: null, previousRetiredAt: null });
      expect(k.retireCalls).toEqual([]);
    });
  });
});

describe('scheduledIssuerKeyRotationWorkflow (what the Schedule runs)', () => {
  const startScheduled = (taskQueue: string, id: string) =>
    w.env.client.workflow.execute<typeof scheduledIssuerKeyRotationWorkflow>('scheduledIssuerKeyRotationWorkflow', {
      taskQueue,
      workflowId: id,
    });

  it('starts the rotation under its business key, which outlives the scheduled run; skips while a key waits to sign', async () => {
    const t0 = await w.env.currentTimeMs();
    const k = keys(t0, { previous: true, lastExpiryAfterSwitch: DAY });
    let pending: IssuerKeyRef | null = null;
    const activities = {
      ...k.activities,
      async nextIssuerKeyRotation() {
        return { generation: 5, pending };
      },
    };
    await w.run(activities, async (taskQueue) => {
      expect(await startScheduled(taskQueue, 'scheduled-1')).toEqual({
        workflowId: 'issuer-key-rotation:5',
        started: true,
      });
      const rotation = w.env.client.workflow.getHandle(workflowIds.issuerKeyRotation(5));
      expect((await rotation.describe()).status.name).toBe('RUNNING');
      // The same rotation asked for again while it runs (an operator's ask at the same moment).
      expect(await startScheduled(taskQueue, 'scheduled-2')).toEqual({
        workflowId: 'issuer-key-rotation:5',
        started: false,
      });
      expect(await rotation.result()).toMatchObject({ phase: 'DONE', generation: 5 });

      pending = { kid: 'kid-6', generation: 6, signsFrom: new Date(t0 + 100 * DAY).toISOString() };
      expect(await startScheduled(taskQueue, 'scheduled-3')).toEqual({
        workflowId: 'issuer-key-rotation:6',
        started: false,
      });
      await expect(w.env.client.workflow.getHandle(workflowIds.issuerKeyRotation(6)).describe()).rejects.toThrow();
    });
  });
});
