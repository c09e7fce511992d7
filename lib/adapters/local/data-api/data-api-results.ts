// GetStatementResult: a finished statement's rows as typed Fields, paged with NextToken.

import { readOffset } from './data-api-describe.js';
import { validationError } from './data-api-errors.js';
import { columnMetadata, toField } from './data-api-fields.js';
import { optionalString, type RequestBody, requiredString } from './data-api-input.js';
import { type DataApiState, findStatement, isBatch, singleStatement } from './data-api-state.js';

/** Results kept between pages; a reader that stops early leaves at most this many behind. */
const cachedResults = 8;

export async function getStatementResult(state: DataApiState, body: RequestBody): Promise<object> {
  const id = requiredString(body, 'Id');
  const token = optionalString(body, 'NextToken');
  const offset = readOffset(token);
  const result = token
    ? (state.resultCache.get(id) ?? (await readResult(state, id)))
    : await readResult(state, id);
  const end = Math.min(offset + state.resultPageRows, result.rows.length);
  const more = end < result.rows.length;
  if (more) remember(state, id, result);
  else state.resultCache.delete(id);
  return {
    Records: result.rows.slice(offset, end).map((row) => row.map(toField)),
    ColumnMetadata: columnMetadata(result.columns, result.rows),
    TotalNumRows: result.rows.length,
    ...(more ? { NextToken: Buffer.from(String(end)).toString('base64') } : {}),
  };
}

async function readResult(state: DataApiState, id: string) {
  const { description, submission, sub } = await findStatement(state, id);
  // A single ExecuteStatement is read by its own id; a batch must name the sub-statement, as on the service.
  const statement =
    sub ?? (isBatch(description, submission) ? undefined : singleStatement(description, submission));
  if (!statement) {
    throw validationError(`${id} is a batch: expected a sub-statement id such as ${id}:1 for its results`);
  }
  if (statement.status !== 'FINISHED') {
    throw validationError(
      `Query has not finished: expected status FINISHED, found ${statement.status} for ${id}`,
    );
  }
  if (statement.hasResultSet === false)
    throw validationError(`Query does not have result: ${id} returned no rows`);
  return state.backend.results(statement.id);
}

function remember(state: DataApiState, id: string, result: { columns: string[]; rows: unknown[][] }): void {
  state.resultCache.delete(id);
  state.resultCache.set(id, result);
  const oldest = state.resultCache.keys().next().value;
  if (state.resultCache.size > cachedResults && oldest !== undefined) state.resultCache.delete(oldest);
}
