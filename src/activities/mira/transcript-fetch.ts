import http from 'node:http';
import https from 'node:https';
import { ApplicationFailure } from '@temporalio/common';
import { type TargetPolicy, pinnedLookup, resolveTarget } from '../../services/webhooks/target';
import { fetchedTranscriptSchema, segmentsOf } from '../../domain/mira/transcript';
import type { TranscriptSegment } from '../../domain/mira/types';
import { logRefusedTarget } from '../refused-target';

export interface FetchBounds {
  timeoutMs: number;
  maxBytes: number;
  /** Which addresses the worker may fetch from. */
  policy: TargetPolicy;
}

/** A failure no retry can fix: the meeting fails at once with this reason. */
const permanent = (message: string) => ApplicationFailure.nonRetryable(message, 'MiraTranscriptRefused');

/** A GET to the checked address, at most `maxBytes` of body, within `timeoutMs`; no redirects. */
function pinnedGet(target: { url: URL; address: string; family: 4 | 6 }, bounds: FetchBounds): Promise<string> {
  const transport = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(target.url, {
      method: 'GET',
      lookup: pinnedLookup(target.address, target.family),
      headers: { accept: 'application/json' },
      agent: false,
      signal: AbortSignal.timeout(bounds.timeoutMs),
    });
    req.on('error', (err) =>
      reject(
        err.name === 'AbortError'
          ? new Error(`transcript_url did not answer within ${bounds.timeoutMs} ms`)
          : new Error(`transcript_url could not be fetched: ${err.message}`),
      ),
    );
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const fail = (err: Error) => {
        res.destroy();
        reject(err);
      };
      // Followed, a redirect would reach an address nobody checked.
      if (status >= 300 && status < 400)
        return fail(permanent(`transcript_url redirected (HTTP ${status}); give the final URL`));
      if (status >= 400 && status < 500) return fail(permanent(`transcript_url answered HTTP ${status}`));
      if (status >= 500) return fail(new Error(`transcript_url answered HTTP ${status}`));
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > bounds.maxBytes)
        return fail(permanent(`transcript_url answered ${declared} bytes; the limit is ${bounds.maxBytes}`));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > bounds.maxBytes) fail(permanent(`transcript_url answered more than ${bounds.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', (err) => reject(new Error(`transcript_url could not be read: ${err.message}`)));
    });
    req.end();
  });
}

/**
 * GET the transcript with a timeout and a size cap, from an address checked as webhook targets
 * are (production: https, no private, loopback, link-local or metadata address unless
 * MIR_WEBHOOK_ALLOWED_CIDRS names it), so a meeting cannot make the worker read inside the network.
 * Unreachable hosts, timeouts and 5xx are worth retrying; a refused address, a redirect, 4xx, an
 * oversized or malformed transcript are not.
 */
export async function fetchTranscript(url: string, bounds: FetchBounds): Promise<TranscriptSegment[]> {
  const target = await resolveTarget(url, bounds.policy);
  if (!target.ok) {
    logRefusedTarget('transcript_url', target.detail);
    throw permanent(`transcript_url refused: ${target.reason}`);
  }
  const text = await pinnedGet(target, bounds);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw permanent('transcript_url did not answer JSON');
  }
  const parsed = fetchedTranscriptSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw permanent(
      `transcript_url answered an invalid transcript: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim(),
    );
  }
  return segmentsOf(parsed.data);
}
