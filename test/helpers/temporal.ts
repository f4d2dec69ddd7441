import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { testEnv } from './env';

/** A client on the test stack's Temporal, for asserting what operators would see in the UI. */
export async function testTemporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: testEnv().temporalAddress });
  return { client: new Client({ connection }), close: () => connection.close() };
}

export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Replay workers log every state change at INFO; keep test output to what matters. */
export function quietTemporalRuntime(): void {
  if (Runtime._instance) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/**
 * This file's Temporal client: connected before its tests and closed after them. Call it at the
 * top level of a test file; read `.client` inside the tests.
 */
export function useTemporalClient(): { readonly client: Client } {
  let held: Awaited<ReturnType<typeof testTemporalClient>> | undefined;
  beforeAll(async () => {
    quietTemporalRuntime();
    held = await testTemporalClient();
  });
  afterAll(async () => {
    await held?.close();
  });
  return {
    get client() {
      if (!held) throw new Error('the Temporal client is only there while the tests run');
      return held.client;
    },
  };
}
