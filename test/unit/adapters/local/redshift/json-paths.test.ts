// JSONPath expressions as Redshift's COPY takes them: bracket or dot notation naming one element, no wildcards or
// filters (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html).
import { describe, expect, it } from 'vitest';
import {
  evaluateJsonPath,
  parseJsonPath,
  readJsonPathsFile,
} from '../../../../../lib/adapters/local/redshift/copy/json-paths.js';

describe('JSONPath expressions', () => {
  it.each([
    ['$.id', ['id']],
    ["$['venue']['name']", ['venue', 'name']],
    ['$["friends"][0]["id"]', ['friends', 0, 'id']],
    ['$[2]', [2]],
    ["$.location[0]['lat']", ['location', 0, 'lat']],
  ])('reads %s as its steps', (expression, steps) => {
    expect(parseJsonPath(expression)).toEqual(steps);
  });

  it.each([
    ['$.*', "'.*' is not .name, ['name'] or [index]"],
    ['$..id', "'..id' is not .name, ['name'] or [index]"],
    ['$[?(@.id)]', "'[?(@.id)]' is not .name, ['name'] or [index]"],
    ['id', "it must start with '$'"],
  ])('refuses %s, which can name no single element', (expression, why) => {
    expect(() => parseJsonPath(expression)).toThrow(`Invalid JSONPath expression '${expression}': ${why}`);
  });

  it('finds nested elements and gives undefined for a missing one', () => {
    const record = { a: { b: [10, { c: 'x' }] } };
    expect(evaluateJsonPath(record, ['a', 'b', 1, 'c'])).toBe('x');
    expect(evaluateJsonPath(record, ['a', 'z'])).toBeUndefined();
    expect(evaluateJsonPath(record, ['a', 'b', 'c'])).toBeUndefined();
  });

  it('reads a file without a "jsonpaths" name as \'auto\' (undefined), and refuses one that is not JSON', () => {
    expect(readJsonPathsFile('{"jsonpaths": ["$.a", "$[1]"]}', 's3://b/p.json')).toEqual([['a'], [1]]);
    expect(readJsonPathsFile('{"paths": ["$.a"]}', 's3://b/p.json')).toBeUndefined();
    expect(() => readJsonPathsFile('{', 's3://b/p.json')).toThrow(
      "JSONPaths file 's3://b/p.json' is not valid JSON",
    );
  });
});
