// The feed's sequence contract on one file: passed, warned (loaded anyway) or held in the input under policy hold.

import { describeCheck, withCheck } from '../../core/contracts/contract-check.js';
import { readSequence, type SequenceStanding, standingOf } from '../../core/contracts/sequence-contract.js';
import { TerminalError } from '../../core/errors.js';
import type { Rule } from '../../core/rules/rule.js';
import type { ContractCheck } from '../../ports/notifier.js';
import { lastSequence } from '../../records/feed-sequence.js';
import { readHeaderLine } from './header-line.js';
import { holdRun } from './hold-run.js';
import type { RunContext } from './run-context.js';

const breaks: Record<Exclude<SequenceStanding['kind'], 'first' | 'next'>, string> = {
  gap: 'a gap',
  repeat: 'a repeat',
  'out-of-order': 'out of order',
};

/** 'load' to go on (the verdict is on `run.checks`), 'held' when the run now waits in the input. */
export async function passSequence(run: RunContext, rule: Rule): Promise<'load' | 'held'> {
  const contract = rule.sequence;
  if (contract === undefined) return 'load';
  const { deps } = run;
  const headerLine = contract.source === 'header' ? await readHeaderLine(deps.store, run.key) : undefined;
  const read = readSequence(contract, {
    fileName: run.fileName,
    ...(headerLine !== undefined && { headerLine }),
  });
  if ('problem' in read) {
    run.checks = withCheck(run.checks, {
      check: 'sequence',
      outcome: 'failed',
      expected:
        contract.source === 'file_name'
          ? `a number matching /${contract.pattern}/`
          : 'a number in the header',
      found: 'none',
    });
    throw new TerminalError(`rule ${rule.id}: ${read.problem}`, {
      context: { runId: run.runId, ruleId: rule.id },
    });
  }
  const found = read.sequence;
  const last = await lastSequence(deps.db, rule.id);
  const standing = standingOf(last, found);
  const expected = last === undefined ? undefined : String(last + 1n);
  const verdict = (outcome: ContractCheck['outcome'], note?: string): ContractCheck => ({
    check: 'sequence',
    outcome,
    ...(expected !== undefined && { expected }),
    found: note ? `${found}, ${note}` : String(found),
  });
  if (standing.kind === 'first' || standing.kind === 'next') {
    run.checks = withCheck(run.checks, verdict('passed'));
    run.log.info({ sequence: String(found) }, 'sequence passed');
    return 'load';
  }
  const broken = breaks[standing.kind];
  deps.metrics?.record(
    { interfaceId: rule.interfaceId, outcome: 'received', runId: run.runId, values: { SequenceBreaks: 1 } },
    deps.now(),
  );
  if (run.release === 'person') {
    run.checks = withCheck(run.checks, verdict('warned', `${broken}, released by a person`));
    run.log.warn({ sequence: String(found), expected }, 'sequence break released by a person');
    return 'load';
  }
  if (contract.policy === 'warn') {
    run.checks = withCheck(run.checks, verdict('warned', broken));
    run.log.warn({ sequence: String(found), expected }, 'sequence break; loaded (policy warn)');
    return 'load';
  }
  const check = verdict('held', broken);
  run.checks = withCheck(run.checks, check);
  run.log.warn({ sequence: String(found), expected }, 'sequence break; file held (policy hold)');
  await holdRun(run, rule, describeCheck(check));
  return 'held';
}
