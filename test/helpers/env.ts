/** Values globalSetup publishes about the running stack. */
export function testEnv() {
  const get = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: integration tests need the jest globalSetup`);
    return value;
  };
  return {
    apiUrl: get('MIR_TEST_API_URL'),
    adminToken: get('MIR_TEST_ADMIN_TOKEN'),
    databaseUrl: get('MIR_TEST_DATABASE_URL'),
    temporalAddress: get('MIR_TEST_TEMPORAL_ADDRESS'),
    logFile: get('MIR_TEST_LOG_FILE'),
    workflowBundle: get('MIR_TEST_WORKFLOW_BUNDLE'),
    root: get('MIR_TEST_ROOT'),
  };
}

/**
 * The suite signs everyone up from 127.0.0.1, far past the production default of 20 an hour;
 * the stack and every extra API process allow this many (the limit itself: throttles.test.ts).
 */
export const SIGNUPS_PER_IP_FOR_TESTS = '1000000';

/** The stack's webhook retry waits (ms): four quick retries, then waits long enough to kill a worker in. */
export const WEBHOOK_RETRY_SCHEDULE_FOR_TESTS = '0,1000,1000,1000,6000,6000,6000,6000';
