// The status event EventBridge would deliver for an ended statement: from the stand-in, the reconciler and resume.
import { randomUUID } from 'node:crypto';
import type { StatementStatusEvent } from '../../ports/status-events.js';
import type { StatementDescription } from '../../ports/warehouse.js';

export interface EventSettings {
  account: string;
  region: string;
  clusterId: string;
  principal: string;
}

// The Data API keeps results for 24 hours; expireAt is that moment in epoch seconds.
const RETENTION_SECONDS = 24 * 60 * 60;

export function buildStatusEvent(
  description: StatementDescription,
  settings: EventSettings,
  now: Date,
): StatementStatusEvent {
  const detail: StatementStatusEvent['detail'] = {
    principal: settings.principal,
    statementId: description.id,
    redshiftQueryId: description.redshiftQueryId ?? -1,
    state: description.status,
    rows: description.resultRows ?? -1,
    expireAt: Math.floor(description.createdAt.getTime() / 1000) + RETENTION_SECONDS,
  };
  if (description.name !== undefined) detail.statementName = description.name;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Redshift Data Statement Status Change',
    source: 'aws.redshift-data',
    account: settings.account,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: settings.region,
    resources: [`arn:aws:redshift:${settings.region}:${settings.account}:cluster:${settings.clusterId}`],
    detail,
  };
}
