// Builds DescribeStatement answers for tests: a plain statement, or a load batch shaped the way buildLoad submits it.
import type { StatementDescription, StatementState, SubStatement } from '../../lib/ports/warehouse.js';

export interface DescriptionOptions {
  id: string;
  name?: string;
  status: StatementState;
  error?: string;
  createdAt?: Date;
  updatedAt?: Date;
  /** One entry per SQL of the batch; ids become `<id>:<n>`. */
  subStatements?: Omit<SubStatement, 'id' | 'status' | 'queryString'>[];
}

export function describedStatement(options: DescriptionOptions): StatementDescription {
  const createdAt = options.createdAt ?? new Date('2026-11-21T14:05:01.000Z');
  return {
    id: options.id,
    ...(options.name === undefined ? {} : { name: options.name }),
    status: options.status,
    ...(options.error === undefined ? {} : { error: options.error }),
    createdAt,
    updatedAt: options.updatedAt ?? new Date(createdAt.getTime() + 4000),
    subStatements: (options.subStatements ?? [{}]).map((sub, index) => ({
      id: `${options.id}:${index + 1}`,
      status: options.status,
      queryString: `-- statement ${index + 1}`,
      ...sub,
    })),
  };
}

/** A load batch: create stage, COPY (rows loaded, Redshift query id), INSERT … SELECT, drop stage. */
export function describedLoad(
  options: Omit<DescriptionOptions, 'subStatements'> & { rowsLoaded?: number; copyQueryId?: number },
): StatementDescription {
  const copy = {
    ...(options.rowsLoaded === undefined ? {} : { resultRows: options.rowsLoaded }),
    ...(options.copyQueryId === undefined ? {} : { redshiftQueryId: options.copyQueryId }),
  };
  return describedStatement({
    ...options,
    subStatements: [{ resultRows: 0 }, copy, { resultRows: options.rowsLoaded ?? 0 }, { resultRows: 0 }],
  });
}
