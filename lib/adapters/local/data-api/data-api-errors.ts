// Errors the local Data API endpoint answers with, in the service's JSON shape (`__type`, `message`).

export const dataApiErrorTypes = [
  'ValidationException',
  'ResourceNotFoundException',
  'UnknownOperationException',
  'SerializationException',
  'InternalServerException',
  'ActiveStatementsExceededException',
] as const;
export type DataApiErrorType = (typeof dataApiErrorTypes)[number];

export class DataApiError extends Error {
  constructor(
    readonly type: DataApiErrorType,
    message: string,
    readonly httpStatus = 400,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = type;
  }

  toBody(): Record<string, string> {
    return { __type: this.type, message: this.message, ...this.extra };
  }
}

export function validationError(message: string): DataApiError {
  return new DataApiError('ValidationException', message);
}

export function statementNotFound(id: string): DataApiError {
  return new DataApiError(
    'ResourceNotFoundException',
    `Query does not exist: no statement with ID ${id}`,
    400,
    {
      ResourceId: id,
    },
  );
}
