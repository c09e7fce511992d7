// The machine side of a status notification: the structured payload and the attributes subscribers filter on.
import type { FileStatusMessage } from '../../ports/notifier.js';
import { checksAttribute } from '../contracts/contract-check.js';

/** The message without the operator's custom text. */
export type StatusPayload = Omit<FileStatusMessage, 'customErrorMessage'>;

/** The payload in a fixed key order (the operator's custom text is for people and stays out). */
export function statusPayload(message: FileStatusMessage): StatusPayload {
  return {
    fileName: message.fileName,
    interface: message.interface,
    targetTable: message.targetTable,
    status: message.status,
    success: message.success,
    rowsLoaded: message.rowsLoaded,
    rowsRejected: message.rowsRejected,
    error: message.error,
    auditId: message.auditId,
    runId: message.runId,
    durationMs: message.durationMs,
    ...(message.checks?.length ? { checks: message.checks } : {}),
  };
}

/** SNS's MessageAttributeValue shape, without the SDK: String and Number are what filter policies match. */
export interface MessageAttribute {
  DataType: 'String' | 'Number';
  StringValue: string;
}

/**
 * Attributes for subscription filter policies, e.g. `{"interface": ["527"], "success": ["false"]}`.
 * SNS refuses empty attribute values, so absent facts are left out rather than sent blank. Nine attributes keep
 * under the ten that raw delivery to SQS allows. `checks` lets a subscriber filter on a contract's verdict, e.g.
 * `{"checks": [{"suffix": "failed"}]}` or a prefix `sequence:`.
 */
export function statusAttributes(message: FileStatusMessage): Record<string, MessageAttribute> {
  const attributes: Record<string, MessageAttribute> = {
    status: { DataType: 'String', StringValue: message.status },
    success: { DataType: 'String', StringValue: String(message.success) },
  };
  if (message.interface) attributes.interface = { DataType: 'String', StringValue: message.interface };
  if (message.targetTable) attributes.targetTable = { DataType: 'String', StringValue: message.targetTable };
  if (message.fileName) attributes.fileName = { DataType: 'String', StringValue: message.fileName };
  attributes.runId = { DataType: 'String', StringValue: message.runId };
  if (message.rowsRejected !== null) {
    attributes.rowsRejected = { DataType: 'Number', StringValue: String(message.rowsRejected) };
  }
  if (message.checks?.length) {
    attributes.checks = { DataType: 'String', StringValue: checksAttribute(message.checks) };
  }
  // The structured payload travels as an attribute so the body can stay readable for email subscribers.
  attributes.payload = { DataType: 'String', StringValue: JSON.stringify(statusPayload(message)) };
  return attributes;
}
