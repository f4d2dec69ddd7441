/**
 * The only way MIR's code reaches a workflow (lint forbids workflow.start/execute/signal/getHandle
 * elsewhere in src/): one typed function per workflow, owning its id format, task queue, search
 * attributes and reuse policy. Workflows that follow a committed change are started from the
 * outbox only (starts.ts, by the worker's dispatcher).
 */
export * from './agents';
export * from '../../domain/workflow-ids';
export * from './links';
export * from './starts';
export * from './operators';
export * from './issuer-keys';
