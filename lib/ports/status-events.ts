// How a finished statement reaches log-status: EventBridge in AWS, in-process dispatch locally.

/** The `detail` of a `Redshift Data Statement Status Change` event, as the Data API emits it. */
export interface StatementStatusDetail {
  statementId: string;
  statementName?: string;
  state: string;
  principal?: string;
  redshiftQueryId?: number;
  clusterId?: string;
  workgroupName?: string;
  database?: string;
  rows?: number;
  expireAt?: number;
  [extra: string]: unknown;
}

export interface StatementStatusEvent {
  version: string;
  id: string;
  'detail-type': 'Redshift Data Statement Status Change';
  source: 'aws.redshift-data';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: StatementStatusDetail;
}

export type StatementStatusListener = (event: StatementStatusEvent) => Promise<void>;
