import type { Response } from 'express';
import type { Executor } from '../../db/client';
import { recentExportsOf } from '../../db/queries/exports';
import { exportView, requestExport } from '../../services/exports';
import { isThrottled } from './page-responses';
import { exportContent } from './my-export-templates';

/** Exports listed on the page: enough to show the one being written and the last few made. */
const EXPORTS_SHOWN = 5;

/** /account/export: the person's newest exports and the button that asks for one. */
export async function exportPageContent(db: Executor, mirUserId: string, csrf: string) {
  const rows = await recentExportsOf(db, mirUserId, EXPORTS_SHOWN);
  return exportContent(
    csrf,
    rows.map((row) => exportView(row)),
  );
}

/**
 * The page's POST /account/export: the same request as POST /v1/me/exports (one at a time, five a
 * day). Answers the problem to show, or null when the export was asked for (or is being written).
 */
export async function requestExportFromPage(db: Executor, mirUserId: string, res: Response) {
  try {
    await requestExport(db, mirUserId);
    return null;
  } catch (err) {
    if (!isThrottled(err, res)) throw err;
    return { status: 429, error: 'You asked for five exports today already: try again tomorrow.' };
  }
}
