import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildS3Event,
  decodeEventKey,
  encodeEventKey,
  parseS3Event,
} from '../../../../lib/core/events/s3-event.js';

const hostileKeys = [
  'external_input/my file (1).txt',
  'external_input/a+b=c&d.txt',
  'external_input/100% done%25.csv',
  `external_input/it's "quoted".txt`,
  'external_input/semi;colon;-- drop.txt',
  'external_input/ünïcödé/日本語 😀.txt',
  `external_input/${'x'.repeat(985)}`,
];

describe('S3 events', () => {
  it('encodes keys the way S3 does: spaces as +, other characters percent-encoded, / kept', () => {
    expect(encodeEventKey('external_input/my file (1).txt')).toBe('external_input/my+file+%281%29.txt');
    expect(encodeEventKey('a+b=c;d')).toBe('a%2Bb%3Dc%3Bd');
    expect(encodeEventKey('100%')).toBe('100%25');
    expect(encodeEventKey('dir/ü.txt')).toBe('dir/%C3%BC.txt');
    expect(encodeEventKey('keep-these_.*')).toBe('keep-these_.*');
  });

  it('builds the exact record shape Lambda receives for an ObjectCreated:Put', () => {
    const event = buildS3Event({
      bucket: 'ferry-bucket',
      key: 'external_input/my file.txt',
      size: 42,
      etag: '"0123456789abcdef0123456789abcdef"',
      eventTime: new Date('2026-03-01T10:00:00.000Z'),
      sequencer: '0055AED6DCD90281E5',
    });

    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2026-03-01T10:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'ferry-bucket', arn: 'arn:aws:s3:::ferry-bucket' },
        object: {
          key: 'external_input/my+file.txt',
          size: 42,
          eTag: '0123456789abcdef0123456789abcdef',
          sequencer: '0055AED6DCD90281E5',
        },
      },
    });
  });

  it('gives each record a distinct hexadecimal sequencer when none is given', () => {
    const event = buildS3Event([
      { bucket: 'b', key: 'k1', size: 1, etag: '"a"' },
      { bucket: 'b', key: 'k2', size: 1, etag: '"b"' },
    ]);
    const sequencers = event.Records.map((record) => record.s3.object.sequencer);

    expect(new Set(sequencers).size).toBe(2);
    for (const sequencer of sequencers) expect(sequencer).toMatch(/^[0-9A-F]+$/);
  });

  it('round-trips hostile keys through build and parse, with the ETag quoted like ObjectStore.head', () => {
    const objects = hostileKeys.map((key, index) => ({
      bucket: 'ferry-bucket',
      key,
      size: index,
      etag: `"e${index}"`,
    }));

    const parsed = parseS3Event(JSON.parse(JSON.stringify(buildS3Event(objects))));

    expect(parsed.map((record) => record.key)).toEqual(hostileKeys);
    expect(parsed[2]).toMatchObject({
      bucket: 'ferry-bucket',
      size: 2,
      etag: '"e2"',
      eventName: 'ObjectCreated:Put',
    });
  });

  it('decodes any key it encodes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (key) => {
        expect(decodeEventKey(encodeEventKey(key))).toBe(key);
      }),
    );
  });

  it('decodes a key as S3 sent it: + is a space, %2B is a plus', () => {
    expect(decodeEventKey('external_input/a+b%2Bc%3B.txt')).toBe('external_input/a b+c;.txt');
  });

  it('reads removal records with no ETag or size as nulls', () => {
    const parsed = parseS3Event({
      Records: [
        {
          eventSource: 'aws:s3',
          eventName: 'ObjectRemoved:Delete',
          s3: { bucket: { name: 'b' }, object: { key: 'k', sequencer: '01' } },
        },
      ],
    });

    expect(parsed).toEqual([
      { bucket: 'b', key: 'k', size: null, etag: null, eventName: 'ObjectRemoved:Delete', sequencer: '01' },
    ]);
  });

  it('yields no records for the test event S3 sends when a notification is configured', () => {
    expect(parseS3Event({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' })).toEqual([]);
  });

  it('rejects events that are not S3 notifications, saying what it found', () => {
    expect(() => parseS3Event({ detail: {} })).toThrow(
      'expected an S3 event with a Records array, found an object with keys [detail]',
    );
    expect(() => parseS3Event({ Records: [{ eventSource: 'aws:sqs' }] })).toThrow(
      'expected Records[0] to be an S3 record (eventSource aws:s3)',
    );
    expect(() =>
      parseS3Event({
        Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'b' }, object: { key: 'bad%zz' } } }],
      }),
    ).toThrow('expected a URL-encoded object key, found malformed escapes in "bad%zz"');
  });
});
