import { type IssuedSecret, issueSecret } from '../keys';

/** Mira's keys, as 003 shows them: `Authorization: Bearer mira_live_…`. Only the hash is stored. */
export const MIRA_KEY_PREFIX = 'mira_live_';

export const issueMiraKey = (): IssuedSecret => issueSecret(MIRA_KEY_PREFIX);

export const isMiraKey = (key: string) => key.startsWith(MIRA_KEY_PREFIX) && key.length <= 128;
