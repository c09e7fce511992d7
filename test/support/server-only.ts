// Suites and tests that only a PostgreSQL server can run: without TEST_DATABASE_URL they skip and say why.
import { describe, it } from 'vitest';
import { serverUrl } from './databases.js';

/** Why a server-only test did not run; vitest prints it beside the skipped test. */
export const noServerNote =
  'needs a PostgreSQL server: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)';

/**
 * A suite only a server can run. Without TEST_DATABASE_URL it still exists (a file without a suite fails the run)
 * and holds one skipped test whose note says what it needs.
 */
export function describeOnServer(name: string, suite: (url: string) => void): void {
  describe(name, () => {
    if (serverUrl) suite(serverUrl);
    else it('runs only against a PostgreSQL server', ({ skip }) => skip(noServerNote));
  });
}
