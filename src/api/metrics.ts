import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What operators scrape from GET /metrics (admin token): requests by route template, method and
 * status with their latency, events ingested and group-commit batch sizes, decisions by outcome,
 * workflow calls by type and result, the database pool, bulk writes waiting their turn and the
 * workflow-start outbox. One registry
 * per API process.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'mir_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'mir_http_request_duration_seconds',
    help: 'Time to answer, by route template and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly eventsIngested = new Counter({
    name: 'mir_events_ingested_total',
    help: 'Events stored (single and bulk)',
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'mir_event_group_commit_batch_size',
    help: 'Events written per group-commit statement',
    buckets: [1, 2, 3, 5, 8, 13, 21, 50, 100, 200],
    registers: [this.registry],
  });
  readonly decisions = new Counter({
    name: 'mir_policy_decisions_total',
    help: 'Policy decisions returned, by outcome',
    labelNames: ['decision'] as const,
    registers: [this.registry],
  });
  readonly workflowCalls = new Counter({
    name: 'mir_workflow_calls_total',
    help: 'Workflow starts, updates and signals made while answering requests, by workflow and result',
    labelNames: ['workflow', 'result'] as const,
    registers: [this.registry],
  });

  /**
   * `pool`: the transaction gate in front of the API's connections (null when there is none);
   * `outbox`: how many workflow starts wait and the oldest one's age, read at each scrape.
   */
  constructor(
    pool: { inUse: number; queued: number } | null,
    outbox: () => Promise<{ waiting: number; oldestSeconds: number }>,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'mir_api_' });
    new Gauge({
      name: 'mir_db_transactions',
      help: 'API transactions holding a connection (in_use) and waiting for one (waiting)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'in_use' }, pool?.inUse ?? 0);
        this.set({ state: 'waiting' }, pool?.queued ?? 0);
      },
    });
    // Starts wait for a worker of their task queue: an old one means none runs, or Temporal refuses it.
    let backlog: Promise<{ waiting: number; oldestSeconds: number }> | null = null;
    const read = () => (backlog ??= outbox().finally(() => (backlog = null)));
    new Gauge({
      name: 'mir_workflow_starts_waiting',
      help: 'Workflow starts in the outbox, not started yet (every task queue)',
      registers: [this.registry],
      async collect() {
        this.set((await read()).waiting);
      },
    });
    new Gauge({
      name: 'mir_workflow_start_oldest_seconds',
      help: 'Age of the oldest workflow start still in the outbox (0 when none waits)',
      registers: [this.registry],
      async collect() {
        this.set((await read()).oldestSeconds);
      },
    });
  }

  /** Bulk event requests writing (running), waiting their turn (waiting), and the events they carry. */
  watchBulkWrites(gate: { state: { running: number; waiting: number; waitingUnits: number } }): void {
    new Gauge({
      name: 'mir_bulk_writes',
      help: 'POST /events/bulk requests writing (running) and waiting their turn (waiting), and the events waiting (waiting_events)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const { running, waiting, waitingUnits } = gate.state;
        this.set({ state: 'running' }, running);
        this.set({ state: 'waiting' }, waiting);
        this.set({ state: 'waiting_events' }, waitingUnits);
      },
    });
  }
}
