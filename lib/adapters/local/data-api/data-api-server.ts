// Ferry's own Redshift Data API endpoint: the service's JSON protocol over HTTP, in front of a StatementBackend.
// Requests are SigV4-signed by SDK clients; the signature is accepted without being verified (local use only).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage, TerminalError } from '../../../core/errors.js';
import type { Logger } from '../../../ports/logger.js';
import type { StatementBackend } from '../redshift/statement-backend.js';
import { ActiveStatementsExceededError } from '../redshift/statement-record.js';
import { describeStatement, listStatements } from './data-api-describe.js';
import { DataApiError } from './data-api-errors.js';
import type { RequestBody } from './data-api-input.js';
import { getStatementResult } from './data-api-results.js';
import type { DataApiState } from './data-api-state.js';
import { batchExecuteStatement, cancelStatement, executeStatement } from './data-api-submit.js';

export interface DataApiServerOptions {
  backend: StatementBackend;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** Rows per GetStatementResult page (the service pages by size; small pages exercise NextToken). */
  resultPageRows?: number;
}

export interface DataApiServer {
  url: string;
  close(): Promise<void>;
}

type Operation = (state: DataApiState, body: RequestBody) => Promise<object>;

const operations: Record<string, Operation> = {
  ExecuteStatement: executeStatement,
  BatchExecuteStatement: batchExecuteStatement,
  DescribeStatement: describeStatement,
  GetStatementResult: getStatementResult,
  ListStatements: listStatements,
  CancelStatement: cancelStatement,
};

const targetPrefix = 'RedshiftData.';
const contentType = 'application/x-amz-json-1.1';
const maxBodyBytes = 1024 * 1024;

export async function startDataApiServer(options: DataApiServerOptions): Promise<DataApiServer> {
  const state: DataApiState = {
    backend: options.backend,
    submissions: new Map(),
    resultCache: new Map(),
    resultPageRows: options.resultPageRows ?? 1000,
  };
  const server = createServer((request, response) => {
    void handle(state, request, response, options.logger);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(state: DataApiState, request: IncomingMessage, response: ServerResponse, log?: Logger) {
  const started = Date.now();
  const target = String(request.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : target;
  let status = 200;
  try {
    const run = request.method === 'POST' ? operations[operation] : undefined;
    if (!run) {
      throw new DataApiError(
        'UnknownOperationException',
        `expected a POST with X-Amz-Target RedshiftData.<Operation> (one of ${Object.keys(operations).join(', ')}), found ${request.method} ${target || 'no target'}`,
      );
    }
    const body = await readBody(request);
    send(response, 200, await run(state, body));
  } catch (error) {
    const failure = toDataApiError(error);
    status = failure.httpStatus;
    send(response, status, failure.toBody(), failure.type);
    if (status >= 500) log?.error({ operation, err: error }, 'data api request failed');
  }
  log?.debug({ operation, status, ms: Date.now() - started }, 'data api request');
}

async function readBody(request: IncomingMessage): Promise<RequestBody> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes)
      throw new DataApiError(
        'SerializationException',
        `expected a request body of at most ${maxBodyBytes} bytes, found more`,
      );
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8') || '{}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataApiError('SerializationException', `expected a JSON request body: ${errorMessage(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DataApiError('SerializationException', 'expected a JSON object as the request body');
  }
  return parsed as RequestBody;
}

/** Backend refusals (bad SQL, unsupported constructs) are the caller's to fix; anything else is ours. */
function toDataApiError(error: unknown): DataApiError {
  if (error instanceof DataApiError) return error;
  if (error instanceof ActiveStatementsExceededError) {
    return new DataApiError('ActiveStatementsExceededException', error.message);
  }
  if (error instanceof TerminalError) return new DataApiError('ValidationException', error.message);
  return new DataApiError(
    'InternalServerException',
    `the local endpoint failed: ${errorMessage(error)}`,
    500,
  );
}

function send(response: ServerResponse, status: number, body: object, errorType?: string): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(payload);
}
