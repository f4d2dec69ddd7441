import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

/**
 * One SERVER span per request, the parent of everything it causes (workflow starts and updates,
 * then the workflow's own spans and its activities'). A caller's `traceparent` is honoured, so a
 * partner's trace continues into MIR. Named by route template once routing has matched.
 */
export function httpServerSpans(): RequestHandler {
  const tracer = trace.getTracer('mir-api');
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
      parent,
    );
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? req.baseUrl ?? 'unmatched';
      span.updateName(`${req.method} ${route || 'unmatched'}`);
      span.setAttribute('http.route', route || 'unmatched');
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
