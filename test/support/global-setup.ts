// Runs once before the tests: says up front which database targets this run covers.
export default function announceTargets(): void {
  if (process.env.TEST_DATABASE_URL) return;
  console.log(
    'TEST_DATABASE_URL is not set: the tests run on PGlite only, and tests that need a PostgreSQL server are ' +
      'skipped (set it, e.g. to postgres://postgres@127.0.0.1:5432/postgres, to run them too)',
  );
}
