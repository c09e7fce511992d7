import { configDefaults, defineConfig, type Plugin } from 'vitest/config';

/**
 * The unit suite runs without a database, a local runtime, an S3 server or the Data API endpoint, so it takes
 * seconds and needs nothing but Node. This plugin makes that checkable: a unit test that reaches one of their
 * drivers, even through the wiring, fails at import and names the import to move to test/integration.
 */
const outsideUnitTests = [
  /^pg$/,
  /^pg\//,
  /^@electric-sql\/pglite/,
  /^@20minutes\/s3rver/,
  /\/lib\/adapters\/local\/data-api\/data-api-server(\.ts|\.js)?$/,
];

function unitTestsStayOffDatabases(): Plugin {
  return {
    name: 'unit-tests-stay-off-databases',
    enforce: 'pre',
    resolveId(source, importer) {
      const absolute =
        source.startsWith('.') && importer ? new URL(source, `file://${importer}`).pathname : source;
      if (outsideUnitTests.some((pattern) => pattern.test(absolute))) {
        throw new Error(
          `expected test/unit to need no database, runtime or server, found ${importer ?? 'a test'} importing ` +
            `'${source}': move the test that needs it to test/integration`,
        );
      }
      return null;
    },
  };
}

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // `npm test` runs both projects; `npx vitest run --project unit` runs the database-free suite alone.
    projects: [
      {
        extends: true,
        plugins: [unitTestsStayOffDatabases()],
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
