// S3 event notifications in the exact shape Lambda receives: built for local mode, parsed by process-file.

import { TerminalError } from '../errors.js';
import { unquotedEtag } from '../keys/object-key.js';

export const s3EventNames = [
  'ObjectCreated:Put',
  'ObjectCreated:Post',
  'ObjectCreated:Copy',
  'ObjectCreated:CompleteMultipartUpload',
] as const;
export type S3EventName = (typeof s3EventNames)[number];

export interface S3EventRecord {
  eventVersion: string;
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: string;
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
}

export interface S3Event {
  Records: S3EventRecord[];
}

export interface S3ObjectCreated {
  bucket: string;
  key: string;
  size: number;
  /** The object's ETag, with quotes (`"…"`) as `ObjectStore.head` reports it. */
  etag: string;
  region?: string;
  eventTime?: Date;
  eventName?: S3EventName;
  sequencer?: string;
}

/** What process-file needs from one record: the decoded key and the object's identity. */
export interface S3ObjectReference {
  bucket: string;
  key: string;
  size: number | null;
  /** With quotes, comparable to `ObjectStore.head(key).etag`; null when the event carries none (removals). */
  etag: string | null;
  eventName: string;
  sequencer: string | null;
}

let sequence = 0;

export function buildS3Event(objects: S3ObjectCreated | S3ObjectCreated[]): S3Event {
  return { Records: (Array.isArray(objects) ? objects : [objects]).map(buildRecord) };
}

function buildRecord(object: S3ObjectCreated): S3EventRecord {
  const eventTime = object.eventTime ?? new Date();
  sequence = (sequence + 1) % 0x10000;
  const sequencer =
    object.sequencer ??
    (eventTime.getTime().toString(16) + sequence.toString(16).padStart(4, '0')).toUpperCase();
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: object.region ?? 'us-east-1',
    eventTime: eventTime.toISOString(),
    eventName: object.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'ferry-local' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': sequencer, 'x-amz-id-2': 'ferry-local' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'ferry-external-input',
      bucket: {
        name: object.bucket,
        ownerIdentity: { principalId: 'ferry-local' },
        arn: `arn:aws:s3:::${object.bucket}`,
      },
      object: {
        key: encodeEventKey(object.key),
        size: object.size,
        eTag: unquotedEtag(object.etag),
        sequencer,
      },
    },
  };
}

/**
 * Parses an S3 notification as Lambda delivers it. Keys are decoded (`+` is a space, then `%XX`); the
 * `s3:TestEvent` S3 sends when a notification is configured yields no records.
 */
export function parseS3Event(event: unknown): S3ObjectReference[] {
  if (isRecord(event) && event.Event === 's3:TestEvent') return [];
  if (!isRecord(event) || !Array.isArray(event.Records)) {
    throw new TerminalError(`expected an S3 event with a Records array, found ${describe(event)}`);
  }
  return event.Records.map((record: unknown, index) => parseRecord(record, index));
}

function parseRecord(record: unknown, index: number): S3ObjectReference {
  const where = `Records[${index}]`;
  if (!isRecord(record) || record.eventSource !== 'aws:s3' || !isRecord(record.s3)) {
    throw new TerminalError(
      `expected ${where} to be an S3 record (eventSource aws:s3), found ${describe(record)}`,
    );
  }
  const { bucket, object } = record.s3;
  if (!isRecord(bucket) || typeof bucket.name !== 'string') {
    throw new TerminalError(`expected ${where}.s3.bucket.name to be a string, found ${describe(bucket)}`);
  }
  if (!isRecord(object) || typeof object.key !== 'string') {
    throw new TerminalError(`expected ${where}.s3.object.key to be a string, found ${describe(object)}`);
  }
  return {
    bucket: bucket.name,
    key: decodeEventKey(object.key),
    size: typeof object.size === 'number' ? object.size : null,
    etag: typeof object.eTag === 'string' && object.eTag !== '' ? `"${unquotedEtag(object.eTag)}"` : null,
    eventName: typeof record.eventName === 'string' ? record.eventName : '',
    sequencer: typeof object.sequencer === 'string' ? object.sequencer : null,
  };
}

// S3 form-encodes keys in events: letters, digits, `.-_*` and `/` stay, a space is `+`, the rest `%XX` (UTF-8).
const KEPT = /[A-Za-z0-9.\-_*/]/;

export function encodeEventKey(key: string): string {
  let encoded = '';
  for (const char of key) {
    if (char === ' ') encoded += '+';
    else if (KEPT.test(char)) encoded += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

export function decodeEventKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replaceAll('+', ' '));
  } catch {
    throw new TerminalError(`expected a URL-encoded object key, found malformed escapes in "${encoded}"`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys [${Object.keys(value).slice(0, 8).join(', ')}]`;
  return typeof value;
}
