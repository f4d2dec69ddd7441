import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

export interface AdminToken {
  token: string;
  source: 'env' | 'file' | 'generated';
  file?: string;
}

/**
 * Production takes the token from MIR_ADMIN_TOKEN only (loadConfig enforces it). In development
 * one is generated once and kept in the git-ignored data folder, readable by its owner only, so
 * `npm start`, `npm run api` and `npm run mir` agree on it across restarts.
 */
export function resolveAdminToken(config: Config): AdminToken {
  if (config.MIR_ADMIN_TOKEN) return { token: config.MIR_ADMIN_TOKEN, source: 'env' };
  if (config.NODE_ENV === 'production') throw new Error('MIR_ADMIN_TOKEN is required in production');
  const file = path.resolve(config.MIR_DATA_DIR, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), source: 'file', file };
  const token = `mir_admin_${randomBytes(32).toString('base64url')}`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, source: 'generated', file };
}
