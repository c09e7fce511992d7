// The tests run on the Node.js major that Lambda runs Ferry on (serverless.yml: nodejs24.x); package.json brings it.
import { describe, expect, it } from 'vitest';

describe('the Node.js the tests run on', () => {
  it('is v24.x, the runtime of both functions (nodejs24.x, supported until 2028-04-30 per lambda-nodejs.html)', () => {
    expect(process.version).toMatch(/^v24\./);
  });
});
