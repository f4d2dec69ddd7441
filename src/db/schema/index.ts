export * from './core';
export * from './events';
export * from './idempotency';
export * from './agents';
export * from './policy';
export * from './accounts';
export * from './genealogy';
export * from './members';
