import { databaseUrl, loadConfig } from '../config';
import { migrateDatabase } from './migrate';

migrateDatabase(databaseUrl(loadConfig()))
  .then(() => console.log('migrations applied'))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
