/**
 * The one place MIR reaches into @temporalio/client beyond its public API, so an upgrade has one
 * file to check. @temporalio/* are pinned to an exact version in package.json; the canary in
 * test/unit/library-canaries.test.ts fails loudly when a release changes what this relies on.
 * Why: docs/adr/0006-workflow-start-outbox.md.
 */
import { InternalWorkflowStartOptionsSymbol } from '@temporalio/client/lib/internal';
import type { WorkflowStartOptions } from '@temporalio/client';

/**
 * Start options carrying our own request id (the SDK otherwise draws a random one). Temporal
 * answers a start whose request id made the workflow's current run with that run, even once it
 * has closed and even where the reuse policy would allow another: a start repeated by a
 * dispatcher that died before it could record it starts nothing twice. The SDK's own Nexus
 * helpers set it the same way.
 */
export function withRequestId<T extends WorkflowStartOptions>(options: T, requestId: string): T {
  return { ...options, [InternalWorkflowStartOptionsSymbol]: { requestId } };
}
