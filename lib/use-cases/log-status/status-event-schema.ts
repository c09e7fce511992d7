// The shape of a `Redshift Data Statement Status Change` event, checked at the edge before anything acts on it.
import { z } from 'zod';
import type { StatementStatusEvent } from '../../ports/status-events.js';

/**
 * The fields log-status reads, as the Data API sends them ("Monitoring events for the Amazon Redshift Data API in
 * Amazon EventBridge", https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-monitoring-events.html); other
 * fields pass through untouched.
 */
const statusEventSchema = z.looseObject({
  source: z.literal('aws.redshift-data'),
  'detail-type': z.literal('Redshift Data Statement Status Change'),
  detail: z.looseObject({
    statementId: z.string().min(1),
    state: z.string().min(1),
    statementName: z.string().optional(),
  }),
});

export type CheckedStatusEvent =
  | { ok: true; event: StatementStatusEvent }
  /** `statementName` when the event carried one as text: it may still name the run the event was about. */
  | { ok: false; problem: string; statementName?: string; statementId?: string };

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(event: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = event;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function textAt(event: unknown, path: readonly PropertyKey[]): string | undefined {
  const value = valueAt(event, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Every problem at once, each as "expected …, found …". */
export function checkStatusEvent(event: unknown): CheckedStatusEvent {
  const parsed = statusEventSchema.safeParse(event);
  if (parsed.success) return { ok: true, event: parsed.data as unknown as StatementStatusEvent };
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length === 0 ? 'the event' : issue.path.map(String).join('.');
    return `${where} (${issue.message}), found ${describeValue(valueAt(event, issue.path))}`;
  });
  const statementName = textAt(event, ['detail', 'statementName']);
  const statementId = textAt(event, ['detail', 'statementId']);
  return {
    ok: false,
    problem: `expected a Data API status event: ${problems.join('; ')}`,
    ...(statementName === undefined ? {} : { statementName }),
    ...(statementId === undefined ? {} : { statementId }),
  };
}
