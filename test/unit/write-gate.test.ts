import { AbandonedWrite, WriteGate } from '../../src/services/write-gate';

/** A write that finishes when the test says so. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return { finish, fn: () => done };
}

const never = () => false;
const tick = () => new Promise((r) => setImmediate(r));

describe('WriteGate', () => {
  it('runs as many writes as it has slots, then the rest in arrival order', async () => {
    const gate = new WriteGate(2, 10_000, 'bulk_queue');
    const order: number[] = [];
    const writes = Array.from({ length: 5 }, () => held());
    const runs = writes.map((w, i) => gate.run(100, never, async () => (await w.fn(), order.push(i))));
    await tick();
    expect(gate.state).toEqual({ running: 2, waiting: 3, waitingUnits: 300 });
    writes[1]!.finish();
    await tick();
    expect(gate.state).toEqual({ running: 2, waiting: 2, waitingUnits: 200 });
    for (const w of writes) w.finish();
    await Promise.all(runs);
    expect(order.slice(0, 2).sort()).toEqual([0, 1]);
    expect(order.slice(2)).toEqual([2, 3, 4]);
    expect(gate.state).toEqual({ running: 0, waiting: 0, waitingUnits: 0 });
  });

  it('refuses at once what would queue past its bound, and frees the slot of a write that failed', async () => {
    const gate = new WriteGate(1, 600, 'bulk_queue');
    const first = held();
    const running = gate.run(500, never, first.fn);
    const queued = gate.run(500, never, async () => 'second');
    await expect(gate.run(101, never, async () => 'third')).rejects.toMatchObject({
      code: 'overloaded',
      details: { bound: 'bulk_queue' },
    });
    // What fits beside the queued one still queues: the bound counts units, not requests.
    const small = gate.run(100, never, async () => 'small');
    first.finish();
    await running;
    await expect(queued).resolves.toBe('second');
    await expect(small).resolves.toBe('small');
    await expect(gate.run(1, never, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(1, never, async () => 'after')).resolves.toBe('after');
  });

  it('drops a waiter whose caller was answered before its turn: its write never runs', async () => {
    const gate = new WriteGate(1, 10_000, 'bulk_queue');
    const first = held();
    const running = gate.run(1, never, first.fn);
    let answered = false;
    let ran = false;
    const late = gate.run(1, () => answered, async () => (ran = true));
    const next = gate.run(1, never, async () => 'next');
    answered = true;
    first.finish();
    await running;
    await expect(late).rejects.toBeInstanceOf(AbandonedWrite);
    await expect(next).resolves.toBe('next');
    expect(ran).toBe(false);
  });
});
