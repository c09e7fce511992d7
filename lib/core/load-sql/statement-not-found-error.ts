// The error every Warehouse throws when it no longer knows a statement id (the Data API's ResourceNotFoundException).
import { type ErrorContext, TerminalError } from '../errors.js';

/**
 * DescribeStatement answers ResourceNotFoundException for an id it does not know ("The Amazon Redshift Data API
 * operation failed due to a missing resource", https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_DescribeStatement.html),
 * and the Data API keeps a statement's results for 24 hours only ("Considerations when calling the Amazon Redshift
 * Data API", https://docs.aws.amazon.com/redshift/latest/mgmt/data-api.html). No retry brings the statement back,
 * so callers branch on this class to fail the run instead of waiting for it.
 */
export class StatementNotFoundError extends TerminalError {
  constructor(
    message: string,
    statementId: string,
    options: { cause?: unknown; context?: ErrorContext } = {},
  ) {
    super(message, {
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      context: { ...options.context, statementId },
    });
    this.name = 'StatementNotFoundError';
  }
}
