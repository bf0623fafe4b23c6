import { testDatabaseUrl } from '../../src/config.js';
import { E2E_DATABASE_RULE, HOW_TO_ADD_POSTGRES, NOT_RUN_WITHOUT_POSTGRES } from './db.js';

/**
 * Vitest global setup: says plainly, at the end of every run, which databases the run covered, and outside CI how to
 * add Postgres. Printed from the main process, so it shows whatever the reporters.
 */
export function describeDatabaseCoverage(postgres: boolean, ci: boolean): string {
  if (postgres) {
    return [
      'Databases covered: PGlite (embedded, what `npm start` uses) and Postgres (TEST_DATABASE_URL).',
      `  repository tests on both; Postgres-only tests (row locks, SKIP LOCKED, sharding) on Postgres; ${E2E_DATABASE_RULE}.`,
    ].join('\n');
  }
  return [
    'Databases covered: PGlite (embedded) only. Postgres-only tests (row locks, SKIP LOCKED) were NOT run:',
    `  they are the "todo" tests named ${NOT_RUN_WITHOUT_POSTGRES}.`,
    ...(ci ? [] : [`  To add Postgres: ${HOW_TO_ADD_POSTGRES}.`]),
  ].join('\n');
}

export default function setup(): () => void {
  return () => {
    console.log(`\n${describeDatabaseCoverage(testDatabaseUrl() !== undefined, !!process.env.CI)}\n`);
  };
}
