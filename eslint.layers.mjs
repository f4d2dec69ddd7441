/**
 * The layers of src/ and what each may import: the one source of the lint rules that enforce
 * them (eslint.config.mjs) and of the diagram in the README (scripts/docs-generate.ts writes it; a
 * unit test fails when the two differ). Every folder under src/ is a layer; `platform` is the
 * files directly in src/ (config, logger, admin token, shutdown). Anything not listed is forbidden.
 *
 * Activities may call services: the webhook sender, the outbound-address guard and the transcript
 * fetch are shared by a route that checks a target at once and the activity that later reaches it.
 * Services never import activities or workflows, so the arrow runs one way.
 */
export const layers = {
  api: {
    why: 'HTTP: routes, schemas, the request pipeline, pages',
    may: ['services', 'temporal', 'db', 'domain', 'mail', 'telemetry', 'platform', 'workflows (types only)'],
  },
  cli: { why: 'the operator CLI', may: ['temporal', 'workflows', 'db', 'domain', 'platform'] },
  stack: {
    why: '`npm start`: every part on one machine',
    may: ['api', 'worker', 'temporal', 'workflows', 'db', 'domain', 'platform'],
  },
  worker: {
    why: 'the worker process and its dispatchers',
    may: ['activities', 'services', 'temporal', 'workflows', 'db', 'domain', 'mail', 'telemetry', 'platform'],
  },
  activities: {
    why: 'what workflows do to the world, each safe to retry',
    may: ['services', 'db', 'domain', 'mail', 'platform'],
  },
  services: {
    why: 'use cases: queries, workflow starts and rules combined',
    may: ['temporal', 'db', 'domain', 'mail', 'platform'],
  },
  temporal: {
    why: 'the only way to reach a workflow: one typed function each',
    may: ['workflows', 'domain', 'platform'],
  },
  workflows: {
    why: 'deterministic workflow code, messages, search attributes',
    may: ['domain', 'activities (types only)'],
  },
  mail: { why: 'the mailer', may: ['db', 'domain', 'platform'] },
  telemetry: { why: 'tracing', may: ['platform'] },
  db: { why: 'schema, queries taking db first, the pool', may: ['domain', 'platform'] },
  platform: { why: 'config, logger, admin token, shutdown', may: ['domain'] },
  domain: { why: 'rules without I/O: ids, roles, errors, bounds', may: [] },
};

/** The files of the `platform` layer (directly in src/). */
export const platformFiles = ['config', 'logger', 'admin-token', 'shutdown'];

const segment = (names) => `(${names.join('|')})`;

/** no-restricted-imports patterns for one layer: a relative import naming a forbidden layer. */
export function forbiddenPatterns(layer) {
  const allowed = new Set(layers[layer].may.map((m) => m.split(' ')[0]));
  const forbidden = Object.keys(layers).filter((other) => other !== layer && !allowed.has(other));
  const folders = forbidden.filter((f) => f !== 'platform');
  const patterns = [];
  if (folders.length) {
    patterns.push({
      regex: `^(\\.\\./)+${segment(folders)}(/.*)?$`,
      message: `src/${layer} may import only: ${layers[layer].may.join(', ') || 'itself'} (eslint.layers.mjs).`,
    });
  }
  if (forbidden.includes('platform')) {
    patterns.push({
      regex: `^(\\.\\./)+${segment(platformFiles)}$`,
      message: `src/${layer} may not import ${platformFiles.join(', ')} (eslint.layers.mjs).`,
    });
  }
  const typesOnly = layers[layer].may.filter((m) => m.endsWith('(types only)')).map((m) => m.split(' ')[0]);
  for (const name of typesOnly) {
    patterns.push({
      regex: `^(\\.\\./)+${name}(/.*)?$`,
      allowTypeImports: true,
      message: `src/${layer} imports ${name} with \`import type\` only.`,
    });
  }
  return patterns;
}

/** The README's picture of the layers: one line per layer, what it may import. */
export function layerDiagram() {
  const width = Math.max(...Object.keys(layers).map((l) => l.length));
  const lines = Object.entries(layers).map(
    ([layer, { may }]) => `${layer.padEnd(width)}  →  ${may.length ? may.join(', ') : '(nothing)'}`,
  );
  return ['```', ...lines, '```'].join('\n');
}
