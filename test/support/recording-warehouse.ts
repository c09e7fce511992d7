// A Warehouse test double: records every submission and answers describe/results from what a test scripts.
import type {
  StatementDescription,
  StatementResult,
  SubmitRequest,
  Warehouse,
} from '../../lib/ports/warehouse.js';

export interface RecordedSubmission extends SubmitRequest {
  id: string;
  at: Date;
}

export class RecordingWarehouse implements Warehouse {
  readonly submissions: RecordedSubmission[] = [];
  private readonly descriptions = new Map<string, StatementDescription>();
  private readonly resultSets = new Map<string, StatementResult>();
  private submitFailure: ((request: SubmitRequest) => Error | undefined) | undefined;
  private sequence = 0;
  private readonly assignedIds: string[] = [];
  /** Every id `describe` was asked about, in order. */
  readonly described: string[] = [];

  /** The ids the next submissions get, in order (e.g. to match an example event); then `stmt-<n>` again. */
  willAssign(...ids: string[]): void {
    this.assignedIds.push(...ids);
  }

  /** Makes `submit` throw the returned error (undefined: accept) — e.g. a throttling TransientError. */
  failSubmitWhen(failure: ((request: SubmitRequest) => Error | undefined) | undefined): void {
    this.submitFailure = failure;
  }

  async submit(request: SubmitRequest): Promise<{ id: string }> {
    const failure = this.submitFailure?.(request);
    if (failure) throw failure;
    // Like the Data API's ClientToken: the same token again returns the first statement, and records nothing new.
    const earlier = this.submissions.find(
      (s) => request.clientToken !== undefined && s.clientToken === request.clientToken,
    );
    if (earlier) return { id: earlier.id };
    this.sequence += 1;
    const id = this.assignedIds.shift() ?? `stmt-${String(this.sequence).padStart(4, '0')}`;
    this.submissions.push({ ...request, sqls: [...request.sqls], id, at: new Date() });
    return { id };
  }

  /** What `describe(id)` answers; without a script, a SUBMITTED statement with one sub-statement per SQL. */
  script(description: StatementDescription): void {
    this.descriptions.set(description.id, description);
  }

  scriptResults(id: string, result: StatementResult): void {
    this.resultSets.set(id, result);
  }

  async describe(id: string): Promise<StatementDescription> {
    this.described.push(id);
    const scripted = this.descriptions.get(id);
    if (scripted) return scripted;
    const submission = this.submissions.find((s) => s.id === id);
    if (!submission) throw new Error(`RecordingWarehouse: no statement ${id} was submitted`);
    return {
      id,
      name: submission.name,
      status: 'SUBMITTED',
      createdAt: submission.at,
      updatedAt: submission.at,
      subStatements: submission.sqls.map((queryString, index) => ({
        id: `${id}:${index + 1}`,
        status: 'SUBMITTED',
        queryString,
      })),
    };
  }

  async results(id: string): Promise<StatementResult> {
    const result = this.resultSets.get(id);
    if (!result) throw new Error(`RecordingWarehouse: no results scripted for ${id}`);
    return result;
  }

  /** Submissions whose name is `name` (e.g. `ferry:<runId>`). */
  named(name: string): RecordedSubmission[] {
    return this.submissions.filter((s) => s.name === name);
  }
}
