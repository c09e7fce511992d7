import { describe, expect, it } from 'vitest';
import {
  type ContentEvidence,
  judgeContent,
  type LoadedRun,
} from '../../../../lib/core/contracts/content-verdict.js';

const mine = 'a'.repeat(64);
const sameBytes: LoadedRun = {
  runId: 'run-old',
  key: 'external_input/ORDERS_1.txt',
  loadedAt: '2026-12-01 10:00:00.000',
  stamped: true,
  sha256: mine,
};
const earlierVersion: LoadedRun = {
  runId: 'run-v1',
  key: 'external_input/ORDERS_2.txt',
  loadedAt: '2026-12-02 10:00:00.000',
  stamped: true,
  sha256: 'b'.repeat(64),
};
const duplicate: ContentEvidence = { sha256: mine, sameContent: sameBytes };
const resend: ContentEvidence = { sha256: mine, earlierOfKey: earlierVersion };
const sameText =
  'same sha256 as external_input/ORDERS_1.txt loaded by run run-old at 2026-12-01 10:00:00.000';

describe('judgeContent', () => {
  it('records nothing for a rule without policies, whatever was loaded before', () => {
    expect(judgeContent({}, { ...duplicate, ...resend })).toEqual({ action: 'load', checks: [] });
  });

  it('passes new content and a new name when the rule declares both policies', () => {
    expect(judgeContent({ duplicates: 'skip', resend: 'reject' }, { sha256: mine })).toEqual({
      action: 'load',
      checks: [
        { check: 'duplicate', outcome: 'passed', expected: 'new content' },
        { check: 'resend', outcome: 'passed', expected: 'a name not loaded before, or its same content' },
      ],
    });
  });

  it('warns and loads the same bytes under another name (duplicate warn)', () => {
    expect(judgeContent({ duplicates: 'warn' }, duplicate)).toEqual({
      action: 'load',
      checks: [{ check: 'duplicate', outcome: 'warned', expected: 'new content', found: sameText }],
    });
  });

  it('skips the same bytes under another name, saying which run loaded them (duplicate skip)', () => {
    expect(judgeContent({ duplicates: 'skip', resend: 'reject' }, { ...duplicate, ...resend })).toEqual({
      action: 'skip',
      reason: `duplicate skipped: ${sameText}`,
      checks: [{ check: 'duplicate', outcome: 'skipped', expected: 'new content', found: sameText }],
    });
  });

  it('loads the same bytes with a passed verdict naming the earlier run (duplicate load)', () => {
    expect(judgeContent({ duplicates: 'load' }, duplicate).checks).toEqual([
      { check: 'duplicate', outcome: 'passed', expected: 'new content', found: sameText },
    ]);
  });

  it('warns that both versions stay when a loaded name comes back with other bytes (resend append)', () => {
    const verdict = judgeContent({ resend: 'append' }, resend);
    expect(verdict.action).toBe('load');
    expect(verdict.checks).toEqual([
      {
        check: 'resend',
        outcome: 'warned',
        expected: 'a name not loaded before, or its same content',
        found:
          "run run-v1 loaded this name at 2026-12-02 10:00:00.000 with other content; both versions' rows are kept",
      },
    ]);
  });

  it('refuses a re-send with expected and found (resend reject)', () => {
    expect(judgeContent({ resend: 'reject' }, resend)).toEqual({
      action: 'reject',
      reason:
        'resend rejected: expected a name not loaded before, or its same content, found run run-v1 loaded this name ' +
        'at 2026-12-02 10:00:00.000 with other content',
      checks: [
        {
          check: 'resend',
          outcome: 'failed',
          expected: 'a name not loaded before, or its same content',
          found: 'run run-v1 loaded this name at 2026-12-02 10:00:00.000 with other content',
        },
      ],
    });
  });

  it('names the run whose rows a replacing re-send deletes (resend replace)', () => {
    const verdict = judgeContent({ resend: 'replace' }, resend);
    expect(verdict).toMatchObject({ action: 'load', replaces: earlierVersion });
    expect(verdict.checks[0]).toMatchObject({
      check: 'resend',
      outcome: 'passed',
      found: 'replaces run run-v1',
    });
  });

  it('does not call the same name with the same bytes a re-send (a repeated delivery is not a correction)', () => {
    const same = { sha256: mine, earlierOfKey: { ...earlierVersion, sha256: mine } };
    expect(judgeContent({ resend: 'replace' }, same)).toEqual({
      action: 'load',
      checks: [
        { check: 'resend', outcome: 'passed', expected: 'a name not loaded before, or its same content' },
      ],
    });
  });

  it('treats an earlier load without a recorded hash as other content', () => {
    const unknown = { sha256: mine, earlierOfKey: { ...earlierVersion, sha256: null } };
    expect(judgeContent({ resend: 'reject' }, unknown).checks[0]?.found).toBe(
      'run run-v1 loaded this name at 2026-12-02 10:00:00.000 with content whose hash was not recorded',
    );
  });

  it('refuses to replace a version whose rows carry no recorded load time, rather than delete nothing', () => {
    const unstamped = { sha256: mine, earlierOfKey: { ...earlierVersion, stamped: false } };
    const verdict = judgeContent({ resend: 'replace' }, unstamped);
    expect(verdict.action).toBe('reject');
    expect(verdict.checks).toMatchObject([{ check: 'resend', outcome: 'failed' }]);
    expect(verdict.checks[0]?.found).toContain('no recorded load time to identify its rows by');
  });
});
