// Config-database faults: a Kysely plugin that drops "the connection" on the nth matching query, before or after it ran.
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { PostgresQueryCompiler } from 'kysely';
import type { Database } from '../../lib/records/tables.js';
import { FaultBook, type FaultPlan } from './faulty-fault.js';

/** `before`: the query never reached the server; `after`: it ran and committed, but its answer was lost. */
export const databaseOps = ['before', 'after'] as const;
export type DatabaseOp = (typeof databaseOps)[number];

/**
 * `sqlstate`: the server ended the session (57P01, as after pg_terminate_backend);
 * `terminated`: pg's own error when the socket closes, which carries no code at all.
 */
export const connectionErrorKinds = ['sqlstate', 'terminated'] as const;
export type ConnectionErrorKind = (typeof connectionErrorKinds)[number];

export interface DatabaseFault extends Omit<FaultPlan<DatabaseOp>, 'error'> {
  /** Matched against the compiled SQL text. */
  match?: RegExp;
  connectionError?: ConnectionErrorKind;
}

export function connectionError(kind: ConnectionErrorKind): Error {
  if (kind === 'terminated') return new Error('Connection terminated unexpectedly');
  return Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
    severity: 'FATAL',
  });
}

const compiler = new PostgresQueryCompiler();

/** Wraps `db`; the returned Kysely shares its connections and fails the queries `arm`ed on it. */
export class FaultyDatabase implements KyselyPlugin {
  readonly faults = new FaultBook<DatabaseOp>();
  readonly db: Kysely<Database>;
  private readonly kinds = new Map<number, ConnectionErrorKind>();
  private readonly pendingAfter = new WeakMap<object, Error>();
  private armed = 0;

  constructor(inner: Kysely<Database>) {
    this.db = inner.withPlugin(this);
  }

  arm(fault: DatabaseFault): this {
    const { connectionError: kind, ...plan } = fault;
    this.kinds.set(this.armed++, kind ?? 'sqlstate');
    this.faults.arm(plan);
    return this;
  }

  clear(): void {
    this.faults.clear();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const text = compiler.compileQuery(args.node, args.queryId).sql;
    if (this.faults.check('before', text) !== undefined) throw connectionError(this.kindOf('before'));
    if (this.faults.check('after', text) !== undefined) {
      this.pendingAfter.set(args.queryId, connectionError(this.kindOf('after')));
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const error = this.pendingAfter.get(args.queryId);
    if (error !== undefined) {
      this.pendingAfter.delete(args.queryId);
      throw error;
    }
    return args.result;
  }

  private kindOf(_op: DatabaseOp): ConnectionErrorKind {
    // One error kind per database world is all the suites need; the last armed plan's kind wins.
    return [...this.kinds.values()].at(-1) ?? 'sqlstate';
  }
}
