import { ApplicationFailure } from '@temporalio/common';
import { fetchedTranscriptSchema, segmentsOf } from '../../domain/mira/transcript';
import type { TranscriptSegment } from '../../domain/mira/types';

export interface FetchBounds {
  timeoutMs: number;
  maxBytes: number;
}

/** A failure no retry can fix: the meeting fails at once with this reason. */
const permanent = (message: string) => ApplicationFailure.nonRetryable(message, 'MiraTranscriptRefused');

/** Reads at most `maxBytes`, stopping the download as soon as the body grows past it. */
async function boundedText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw permanent(`transcript_url answered ${declared} bytes; the limit is ${maxBytes}`);
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw permanent(`transcript_url answered more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GET the transcript with a timeout and a size cap. Unreachable hosts, timeouts and 5xx are worth
 * retrying; 4xx, an oversized or malformed transcript are not.
 */
export async function fetchTranscript(url: string, bounds: FetchBounds): Promise<TranscriptSegment[]> {
  let text: string;
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(bounds.timeoutMs),
      redirect: 'follow',
      headers: { accept: 'application/json' },
    });
    if (res.status >= 400 && res.status < 500) throw permanent(`transcript_url answered HTTP ${res.status}`);
    if (!res.ok) throw new Error(`transcript_url answered HTTP ${res.status}`);
    text = await boundedText(res, bounds.maxBytes);
  } catch (err) {
    if (err instanceof ApplicationFailure) throw err;
    const name = (err as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new Error(`transcript_url did not answer within ${bounds.timeoutMs} ms`, { cause: err });
    }
    throw new Error(`transcript_url could not be fetched: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
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
