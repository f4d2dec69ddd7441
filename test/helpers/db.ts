import postgres from 'postgres';
import { testEnv } from './env';

/** A direct connection for asserting what landed in Postgres; tests never write through it. */
export function testSql() {
  return postgres(testEnv().databaseUrl, { max: 2, onnotice: () => undefined });
}
