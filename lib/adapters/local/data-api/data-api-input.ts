// Reads and checks members of a Data API request body; every failure is a ValidationException naming the member.
import { validationError } from './data-api-errors.js';

export type RequestBody = Record<string, unknown>;

export function requiredString(body: RequestBody, member: string): string {
  const value = body[member];
  if (typeof value !== 'string' || value.length === 0) {
    throw validationError(`${member}: expected a non-empty string, found ${describe(value)}`);
  }
  return value;
}

export function optionalString(body: RequestBody, member: string): string | undefined {
  return body[member] === undefined || body[member] === null ? undefined : requiredString(body, member);
}

export function optionalBoolean(body: RequestBody, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    throw validationError(`${member}: expected a boolean, found ${describe(value)}`);
  return value;
}

export function optionalInteger(
  body: RequestBody,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validationError(`${member}: expected an integer from ${min} to ${max}, found ${describe(value)}`);
  }
  return value;
}

export function requiredStrings(body: RequestBody, member: string, min: number, max: number): string[] {
  const value = body[member];
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    const found = Array.isArray(value) ? `${value.length} items` : describe(value);
    throw validationError(`${member}: expected a list of ${min} to ${max} SQL statements, found ${found}`);
  }
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim().length === 0) {
      throw validationError(`${member}[${index}]: expected a non-empty string, found ${describe(item)}`);
    }
  });
  return value as string[];
}

/** Members the local endpoint cannot honour are refused rather than silently ignored. */
export function refuseMembers(body: RequestBody, members: string[], reason: string): void {
  for (const member of members) {
    if (body[member] !== undefined && body[member] !== null) throw validationError(`${member}: ${reason}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : 'a string';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
