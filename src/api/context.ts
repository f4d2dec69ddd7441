import type { Logger } from 'pino';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Role, Plan } from '../domain/roles';

/** What every route handler may use; built once per process in server.ts. */
export interface AppDeps {
  config: Config;
  database: Database;
  temporal: Client;
  logger: Logger;
  adminTokenHash: string;
}

export interface PartnerPrincipal {
  kind: 'partner';
  organizationId: string;
  organizationName: string;
  plan: Plan;
  keyId: string;
  role: Role;
}

export interface AdminPrincipal {
  kind: 'admin';
}

export type Principal = PartnerPrincipal | AdminPrincipal;
