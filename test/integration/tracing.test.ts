import { type Server, createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { freePort } from '../helpers/ports';
import { eventually } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
}

/** A real OTLP/HTTP receiver (JSON encoding), collecting what the API and the worker export. */
async function otlpReceiver(): Promise<{ url: string; spans: Span[]; server: Server }> {
  const spans: Span[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const payload = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: { spans: Omit<Span, 'service'>[] }[];
          }[];
        };
        for (const rs of payload.resourceSpans) {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ ...s, service });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, spans, server };
}

let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
let worker: NpmProcess | undefined;
let api: ApiProcess | undefined;

beforeAll(async () => {
  receiver = await otlpReceiver();
  const queue = `mir-traced-${randomBytes(4).toString('hex')}`;
  const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, TEMPORAL_TASK_QUEUE: queue };
  // No prebuilt bundle: the worker bundles the workflows with the tracing interceptors itself.
  [worker, api] = await Promise.all([
    startWorkerOn(queue, { ...tracing, MIR_WORKFLOW_BUNDLE: '' }),
    startApiProcess(tracing),
  ]);
});

afterAll(async () => {
  await Promise.all([api?.stop(), worker && terminate(worker)]);
  await new Promise((r) => receiver.server.close(r));
});

/** The chain of names from a span up to its trace's root, as exported. */
function ancestry(spans: Span[], span: Span): string[] {
  const chain = [span.name];
  let current: Span | undefined = span;
  while (current?.parentSpanId) {
    current = spans.find((s) => s.spanId === current!.parentSpanId && s.traceId === span.traceId);
    if (current) chain.push(current.name);
  }
  return chain;
}

describe('OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  it('a link-code redemption is one trace: HTTP request → workflow update → workflow → activity', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const issued = await http('POST', '/partners/link/code', {
      baseUrl: api!.url,
      headers: keyHeaders(org.apiKey),
      body: { userId },
    });
    expect(issued.status).toBe(201);
    const person = await signupAndLogin();
    const redeemed = await postFrom(
      freshLoopback(),
      '/v1/me/links/code',
      { code: issued.body.code },
      { baseUrl: api!.url, headers: { authorization: `Bearer ${person.token}` } },
    );
    expect(redeemed.status).toBe(200);

    const activity = await eventually(async () => {
      const run = receiver.spans.find((s) => s.name === 'RunActivity:confirmLinkRequest');
      return run && ancestry(receiver.spans, run).at(-1)?.startsWith('POST') ? run : undefined;
    }, 60_000);
    const trace = receiver.spans.filter((s) => s.traceId === activity.traceId);
    expect(ancestry(receiver.spans, activity)).toEqual([
      'RunActivity:confirmLinkRequest',
      'StartActivity:confirmLinkRequest',
      'HandleUpdate:confirmLink',
      'StartWorkflowUpdate:confirmLink',
      'POST /v1/me/links/code',
    ]);
    // Both processes exported into the one trace.
    expect(new Set(trace.map((s) => s.service))).toEqual(new Set(['mir-api', 'mir-worker']));

    // The code's issue is a trace of its own, from the request through the workflow start into the run.
    const started = await eventually(async () => receiver.spans.find((s) => s.name === 'RunWorkflow:linkCodeWorkflow'));
    expect(ancestry(receiver.spans, started)).toEqual([
      'RunWorkflow:linkCodeWorkflow',
      'StartWorkflow:linkCodeWorkflow',
      'POST /partners/link/code',
    ]);
  });
});
