/**
 * @mir/client: typed clients for the MIR API and Mira, generated from the OpenAPI documents the
 * API serves (`npm run client:generate`; generated/ is not edited by hand). Types of every
 * operation's request, answer and errors: `import type { Mir } from '@mir/client'`, then `Mir.CreateEventData`.
 */
import './body-init';

export {
  type MiraClient,
  type MiraClientOptions,
  type MirClient,
  type MirClientOptions,
  createMiraClient,
  createMirClient,
} from './clients';
export { type ClientOptions, type RetryOptions, retryDelaySeconds } from './fetch';
export type * as Mir from './generated/mir/types.gen';
export type * as Mira from './generated/mira/types.gen';
