import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lib/core/errors.js';
import {
  archiveKey,
  archiveTimestamp,
  errorArchiveKey,
  inputFolderOf,
} from '../../../../lib/core/keys/archive.js';

// 2026-01-15 03:04:05 UTC: the previous evening in Chicago (UTC-6 in winter)
const winterNight = new Date('2026-01-15T03:04:05.678Z');
// 2026-07-01 12:00:00 UTC: daylight saving time in Chicago (UTC-5)
const summerNoon = new Date('2026-07-01T12:00:00Z');

describe('archive keys', () => {
  it('stamps the wall-clock time of the configured timezone, crossing midnight back to the day before', () => {
    expect(archiveKey(527, 'feed.txt', winterNight, 'America/Chicago')).toBe(
      'archive/527/feed.txt_2026-01-14-21-04-05',
    );
  });

  it('follows daylight saving time', () => {
    expect(archiveTimestamp(summerNoon, 'America/Chicago')).toBe('2026-07-01-07-00-00');
  });

  it('handles half-hour offsets', () => {
    expect(archiveTimestamp(winterNight, 'Asia/Kolkata')).toBe('2026-01-15-08-34-05');
  });

  it('writes midnight as hour 00, not 24', () => {
    expect(archiveTimestamp(new Date('2026-02-01T00:00:00Z'), 'UTC')).toBe('2026-02-01-00-00-00');
  });

  it('prefixes the prepared copy with preprocessed_file_', () => {
    expect(archiveKey('527', 'feed.txt', winterNight, 'UTC', { preprocessed: true })).toBe(
      'archive/527/preprocessed_file_feed.txt_2026-01-15-03-04-05',
    );
  });

  it('puts failed files under archive/error', () => {
    expect(errorArchiveKey('bad file.txt', winterNight, 'America/Chicago')).toBe(
      'archive/error/bad file.txt_2026-01-14-21-04-05',
    );
    expect(errorArchiveKey('bad.txt', winterNight, 'UTC', { preprocessed: true, folder: 'old' })).toBe(
      'old/error/preprocessed_file_bad.txt_2026-01-15-03-04-05',
    );
  });

  it('uses only the file name when given a whole key', () => {
    expect(archiveKey(9, 'external_input/sub/feed.txt', winterNight, 'UTC')).toBe(
      'archive/9/feed.txt_2026-01-15-03-04-05',
    );
  });

  it('keeps the input folders below the interface folder, so two inputs with one name get two archive keys', () => {
    const options = { inputFolder: 'a/' };
    expect(archiveKey(527, 'feed.txt', winterNight, 'UTC', options)).toBe(
      'archive/527/a/feed.txt_2026-01-15-03-04-05',
    );
    expect(archiveKey(527, 'feed.txt', winterNight, 'UTC', { ...options, preprocessed: true })).toBe(
      'archive/527/a/preprocessed_file_feed.txt_2026-01-15-03-04-05',
    );
  });

  it('keeps the input folders in the error archive too, so two same-name failures get two keys', () => {
    expect(errorArchiveKey('feed.txt', winterNight, 'UTC', { inputFolder: 'a/b/' })).toBe(
      'archive/error/a/b/feed.txt_2026-01-15-03-04-05',
    );
  });

  it('reads the input folders off a key below the input prefix, none off one outside it', () => {
    expect(inputFolderOf('external_input/a/b/feed.txt', 'external_input/')).toBe('a/b/');
    expect(inputFolderOf('external_input/feed.txt', 'external_input/')).toBe('');
    expect(inputFolderOf('elsewhere/a/feed.txt', 'external_input/')).toBe('');
  });

  it('rejects an unknown timezone as a config error naming it', () => {
    expect(() => archiveKey(527, 'feed.txt', winterNight, 'Mars/Olympus')).toThrow(ConfigError);
    expect(() => archiveKey(527, 'feed.txt', winterNight, 'Mars/Olympus')).toThrow(
      'expected an IANA time zone such as "America/Chicago", found "Mars/Olympus"',
    );
  });

  it('rejects an interface id that would add a folder', () => {
    expect(() => archiveKey('5/27', 'feed.txt', winterNight, 'UTC')).toThrow(
      'expected an interface id without "/", found "5/27"',
    );
  });
});
