import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';

/**
 * The run's history, one JSON object per line, in the order things happened (Jepsen's model):
 * every request with its answer, every process start and kill, every fault. The checker reads
 * only this file and the facts gathered at the end, so a recorded run can be checked again.
 */
export type HistoryRecord = RunRecord | ProcRecord | FaultRecord | RequestRecord | NoteRecord;

export interface RunRecord {
  t: 'run';
  at: number;
  seed: number;
  minutes: number;
  apis: string[];
  workers: string[];
}

/** A process of the stack changed state: started (ready), killed by the chaos, or exited on its own. */
export interface ProcRecord {
  t: 'proc';
  at: number;
  name: string;
  event: 'up' | 'kill' | 'exit' | 'stop' | 'cont';
  pid?: number;
}

export type FaultKind = 'kill-api' | 'kill-worker' | 'restart-postgres' | 'kill-temporal' | 'pause-temporal' | 'flood';

/** A fault from its injection (at) to the moment its target answered again (until). */
export interface FaultRecord {
  t: 'fault';
  at: number;
  until: number;
  kind: FaultKind;
  target: string;
  detail?: string;
}

export interface RequestRecord {
  t: 'req';
  id: number;
  /** The operation, as the checker knows it: `event`, `bulk`, `spawn`, `approve`, … */
  op: string;
  /** The flow it belongs to, so every step of one scenario can be found together. */
  flow: string;
  attempt: number;
  api: string;
  method: string;
  path: string;
  at: number;
  end: number;
  idem?: string;
  /** What the checker needs of what was sent (markers, ids), never a secret. */
  sent?: Record<string, unknown>;
  status?: number;
  retryAfter?: string;
  /** The answer's JSON (secrets replaced by their fingerprint), or a page's key facts. */
  answer?: unknown;
  /** No HTTP answer: reset, refused, timeout. */
  error?: string;
}

/** A claim a flow makes from what it saw (a key it holds, a receipt it expects), for the checker. */
export interface NoteRecord {
  t: 'note';
  at: number;
  kind: string;
  flow: string;
  data: Record<string, unknown>;
}

export class History {
  private readonly out: WriteStream;
  private seq = 0;
  private closed = false;

  constructor(readonly file: string) {
    this.out = createWriteStream(file, { flags: 'a' });
  }

  nextId(): number {
    this.seq += 1;
    return this.seq;
  }

  write(record: HistoryRecord): void {
    if (this.closed) return;
    this.out.write(`${JSON.stringify(record)}\n`);
  }

  close(): Promise<void> {
    this.closed = true;
    return new Promise((resolve) => this.out.end(resolve));
  }
}

export function readHistory(file: string): HistoryRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HistoryRecord);
}
