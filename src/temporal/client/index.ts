/**
 * The only way MIR's code reaches a workflow (lint forbids workflow.start/execute/signal/getHandle
 * elsewhere in src/): one typed function per workflow, owning its id format, task queue, search
 * attributes and reuse policy.
 */
export * from './agents';
export * from '../../domain/workflow-ids';
export * from './erasure';
export * from './links';
export * from './webhooks';
export * from './mira';
export * from './operators';
