// The human side of a status notification: an email subject and a readable body, shared by every Notifier adapter.
import type { FileStatusMessage } from '../../ports/notifier.js';
import { describeCheck } from '../contracts/contract-check.js';

/** SNS refuses a Subject of 100 characters or more. */
export const maxSubjectLength = 99;

// Control characters (C0, DEL, C1) break mail headers and SNS refuses them in a Subject.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]+/g;
// Mail headers are ASCII; SNS used to refuse anything else, and some mail clients still mangle it.
const nonAscii = /[^\u0020-\u007e]/g;

/** One line of printable ASCII under 100 characters; `...` marks a cut. */
export function cleanSubject(text: string): string {
  const clean = text.replace(controlCharacters, ' ').replace(nonAscii, '?').replace(/\s+/g, ' ').trim();
  if (clean.length <= maxSubjectLength) return clean;
  return `${clean.slice(0, maxSubjectLength - 3).trimEnd()}...`;
}

/** A load that finished with rows COPY rejected (max_errors) is neither a success nor a failed load. */
function rejectedRows(message: FileStatusMessage): number {
  const loaded = message.status === 'FINISHED' || message.status === 'TRANSFORMED';
  return loaded ? (message.rowsRejected ?? 0) : 0;
}

export function statusSubject(message: FileStatusMessage): string {
  const rejected = rejectedRows(message);
  const outcome =
    rejected > 0 ? `loaded with ${rejected} rejected rows` : message.success ? 'succeeded' : 'failed';
  return cleanSubject(`Ferry ${message.status} (${outcome}): ${message.fileName}`);
}

function show(value: string | number | null): string {
  return value === null ? '-' : String(value);
}

/** The email body: one fact per line, then the operator's custom message when the file failed. */
export function statusText(message: FileStatusMessage): string {
  const lines = [
    rejectedRows(message) > 0
      ? `Ferry loaded file ${message.fileName}, but COPY rejected ${rejectedRows(message)} rows (\`ferry errors ${show(message.auditId)}\` lists them).`
      : `Ferry ${message.success ? 'processed' : 'could not process'} file ${message.fileName}.`,
    '',
    `File:          ${message.fileName}`,
    `Interface:     ${show(message.interface)}`,
    `Target table:  ${show(message.targetTable)}`,
    `Status:        ${message.status}`,
    `Rows loaded:   ${show(message.rowsLoaded)}`,
    `Rows rejected: ${show(message.rowsRejected)}`,
    `Error:         ${show(message.error)}`,
    `Audit id:      ${show(message.auditId)}`,
    `Run id:        ${message.runId}`,
    ...(message.checks ?? []).map((check) => `Check:         ${describeCheck(check)}`),
  ];
  const custom = message.customErrorMessage?.trim();
  if (!message.success && custom) lines.push('', custom);
  return `${lines.join('\n')}\n`;
}
