import { existsSync, readFileSync } from 'node:fs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `GET /v1/agents/{id}`, as schemathesis labels an operation. */
export function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

interface ScenarioFinished {
  status?: string;
  phase?: string;
  recorder?: { label?: string };
}

/**
 * The operations that no generated request reached: only skipped (a schema it cannot generate
 * from) or errored scenarios, or none at all. schemathesis reports these as skips, not failures,
 * and an operation that is never called proves nothing.
 */
export function untestedOperations(eventsFile: string, operations: string[]): string[] {
  const tested = new Set<string>();
  if (existsSync(eventsFile)) {
    for (const line of readFileSync(eventsFile, 'utf8').split('\n')) {
      if (!line.startsWith('{"ScenarioFinished"')) continue;
      const event = (JSON.parse(line) as { ScenarioFinished: ScenarioFinished }).ScenarioFinished;
      const label = event.recorder?.label;
      const ran = event.status === 'success' || event.status === 'failure';
      if (label && ran && (event.phase === 'coverage' || event.phase === 'fuzzing')) tested.add(label);
    }
  }
  return operations.filter((operation) => !tested.has(operation));
}
