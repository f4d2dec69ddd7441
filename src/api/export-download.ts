import type { Response } from 'express';
import type { Executor } from '../db/client';
import { chunksFrom } from '../db/queries/exports';

/** Chunks read per query: a couple of pages in memory at a time, whatever the document's size. */
const CHUNKS_PER_READ = 2;

/** Resolves once the response can take more, or is gone (the client left): never waits forever. */
function writable(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Streams an export's chunks in seq order, a few at a time, each query on its own (no transaction
 * held for as long as a slow client reads), waiting whenever the socket's buffer is full. The
 * answer's Content-Length is the size the export was made READY with: if the file changes under
 * the download (it expired and was deleted) the response is cut short, never ended as complete.
 */
export async function streamExport(db: Executor, res: Response, file: { id: string; size: number }): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(file.size),
    'Content-Disposition': `attachment; filename="mir-export-${file.id}.json"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (res.req.method === 'HEAD') return void res.end();
  let seq = 0;
  let written = 0;
  for (;;) {
    const chunks = await chunksFrom(db, file.id, seq, CHUNKS_PER_READ);
    for (const chunk of chunks) {
      if (chunk.seq !== seq || res.destroyed) return void res.destroy();
      const bytes = Buffer.from(chunk.data, 'utf8');
      written += bytes.length;
      seq += 1;
      if (!res.write(bytes)) await writable(res);
    }
    if (chunks.length < CHUNKS_PER_READ) break;
  }
  if (written !== file.size) return void res.destroy();
  res.end();
}
