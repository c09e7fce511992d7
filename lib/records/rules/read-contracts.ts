// Reads a rule's sequence and expected-arrival columns (2026-12-07-008-sequence-arrival) for parse-rule.
import {
  type ArrivalContract,
  isTimezone,
  parseDueDays,
  parseDueTime,
} from '../../core/contracts/arrival-contract.js';
import {
  captureGroups,
  type SequenceContract,
  type SequencePolicy,
  type SequenceSource,
  sequencePolicies,
  sequenceSources,
} from '../../core/contracts/sequence-contract.js';
import { present, readTrailerPosition } from '../../core/rules/read-fields.js';
import type { Compression } from '../../core/rules/rule.js';
import type { RuleProblems } from '../../core/rules/rule-problems.js';
import type { FileConfigRow } from '../tables.js';

type SequenceColumns = Pick<
  FileConfigRow,
  'sequence_source' | 'sequence_pattern' | 'sequence_pstn' | 'sequence_policy'
>;

/** Null source (and policy): no sequence contract, as before. */
export function readSequenceContract(
  problems: RuleProblems,
  config: SequenceColumns,
  file: { header: boolean; compression: Compression },
): SequenceContract | undefined {
  const source = present(config.sequence_source);
  const policy = present(config.sequence_policy);
  if (source === undefined) {
    if (policy !== undefined)
      problems.expected('sequence_source', "'file_name' or 'header' when sequence_policy is set", null);
    return undefined;
  }
  if (!(sequenceSources as readonly string[]).includes(source)) {
    problems.expected('sequence_source', `one of ${sequenceSources.join(', ')}`, source);
    return undefined;
  }
  if (policy !== undefined && !(sequencePolicies as readonly string[]).includes(policy)) {
    problems.expected('sequence_policy', `one of ${sequencePolicies.join(', ')} or null (warn)`, policy);
    return undefined;
  }
  const contract: SequenceContract = {
    source: source as SequenceSource,
    policy: (policy ?? 'warn') as SequencePolicy,
  };
  if (source === 'file_name') {
    const pattern = present(config.sequence_pattern);
    const groups = pattern === undefined ? undefined : groupsOf(pattern);
    if (groups !== 1) {
      problems.expected(
        'sequence_pattern',
        "a regular expression over the file name with exactly one capture group of digits (e.g. '_(\\d+)\\.txt$') when sequence_source is 'file_name'",
        config.sequence_pattern,
      );
      return undefined;
    }
    return { ...contract, pattern };
  }
  if (!file.header) {
    problems.add('sequence_source', "is 'header' but header_flag is not 'Y': there is no header to read");
    return undefined;
  }
  if (file.compression !== 'none') {
    problems.add('sequence_source', `is 'header' on a ${file.compression} file: use 'file_name'`);
    return undefined;
  }
  const position = readTrailerPosition(
    problems,
    config.sequence_pstn,
    'sequence_pstn',
    "when sequence_source is 'header'",
  );
  return position && { ...contract, position };
}

function groupsOf(pattern: string): number | undefined {
  try {
    return captureGroups(pattern);
  } catch {
    return undefined;
  }
}

type ArrivalColumns = Pick<FileConfigRow, 'due_time' | 'due_timezone' | 'due_days'>;

/** Null due_time (and days, zone): no arrival contract. */
export function readArrivalContract(
  problems: RuleProblems,
  config: ArrivalColumns,
): ArrivalContract | undefined {
  const dueTime = present(config.due_time);
  const zone = present(config.due_timezone);
  const dueDays = present(config.due_days);
  if (dueTime === undefined) {
    if (dueDays !== undefined || zone !== undefined)
      problems.expected('due_time', "'HH:MM' when due_days or due_timezone is set", null);
    return undefined;
  }
  const time = parseDueTime(dueTime);
  if (time === undefined) problems.expected('due_time', "'HH:MM' (00:00 to 23:59)", dueTime);
  const timezone = zone ?? 'UTC';
  if (!isTimezone(timezone))
    problems.expected('due_timezone', 'an IANA time zone (e.g. America/Chicago)', zone);
  const days = parseDueDays(dueDays ?? 'daily');
  if (days === undefined)
    problems.expected(
      'due_days',
      "'daily', 'weekdays' or a comma list of mon,tue,wed,thu,fri,sat,sun",
      dueDays,
    );
  if (time === undefined || days === undefined || !isTimezone(timezone)) return undefined;
  return { time, timezone, days };
}
