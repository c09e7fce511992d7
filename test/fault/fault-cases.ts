// The fault matrix: one case per fault at one step of either function, with the fate the file must end in.
import type { FaultWorld } from './fault-world.js';

export interface FaultCase {
  name: string;
  /**
   * `good` loads (its prepared copy is a range copy of it); `crlf` loads too, but its copy must be rewritten with LF
   * endings; `bad` has a trailer count one too high and must end in archive/error.
   */
  file: 'good' | 'crlf' | 'bad';
  arm(world: FaultWorld, fileName: string): void;
  /** Where the file must be after the fault and the platform's retries. */
  expected: 'loaded' | 'failed';
  /** The retry comes after the stale-claim limit (a claim the fault left behind must be taken over). */
  late?: boolean;
}

const name = (fileName: string) => new RegExp(fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

export const processFaults: FaultCase[] = [
  {
    name: 'the store fails to head the object after the claim',
    file: 'good',
    arm: (w, f) => w.faultyStore.faults.arm({ op: 'head', match: name(f) }),
    expected: 'loaded',
  },
  {
    name: 'the store fails to open the input (transient)',
    file: 'good',
    arm: (w, f) => w.faultyStore.faults.arm({ op: 'get', match: name(f) }),
    expected: 'loaded',
  },
  {
    name: 'the store connection resets when the input is opened',
    file: 'good',
    arm: (w, f) => w.faultyStore.faults.arm({ op: 'get', match: name(f), error: 'network' }),
    expected: 'loaded',
  },
  {
    name: 'the input stream breaks after its first chunk',
    file: 'good',
    arm: (w, f) => w.faultyStore.faults.arm({ op: 'get-midstream', match: name(f) }),
    expected: 'loaded',
  },
  {
    name: 'the store cannot copy the bytes before the trailer into processing/',
    file: 'good',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'copy-range', match: new RegExp(`^processing/.*${name(f).source}$`) }),
    expected: 'loaded',
  },
  {
    name: 'the rewritten prepared copy cannot be written',
    file: 'crlf',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'put', match: new RegExp(`^processing/.*${name(f).source}$`) }),
    expected: 'loaded',
  },
  {
    name: 'the manifest cannot be written',
    file: 'good',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'put', match: new RegExp(`${name(f).source}\\.manifest$`) }),
    expected: 'loaded',
  },
  {
    name: 'the manifest cannot be written and the clean-up cannot delete the prepared copy',
    file: 'good',
    arm: (w, f) => {
      w.faultyStore.faults.arm({ op: 'put', match: new RegExp(`${name(f).source}\\.manifest$`) });
      w.faultyStore.faults.arm({ op: 'delete', match: /^processing\// });
    },
    expected: 'loaded',
  },
  {
    name: 'a bad file cannot be copied to archive/error',
    file: 'bad',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'copy', match: new RegExp(`^archive/error/${name(f).source}`) }),
    expected: 'failed',
  },
  {
    name: 'a bad file is copied to archive/error but the input cannot be deleted',
    file: 'bad',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'delete', match: new RegExp(`^external_input/${name(f).source}`) }),
    expected: 'failed',
  },
  {
    // The retry's error-archive key is stamped later: it must finish the first copy's move, not copy again.
    name: 'a bad file is copied to archive/error, the input cannot be deleted, and the retry comes minutes later',
    file: 'bad',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'delete', match: new RegExp(`^external_input/${name(f).source}`) }),
    expected: 'failed',
    late: true,
  },
  {
    name: 'the notifier fails for a bad file',
    file: 'bad',
    arm: (w) => w.notifier.faults.arm({ op: 'publish', match: /^FAILED/ }),
    expected: 'failed',
  },
  {
    name: 'the warehouse refuses the submission (transient)',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'submit', match: /^ferry:/ }),
    expected: 'loaded',
  },
  {
    name: 'the warehouse connection resets on submission',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'submit', match: /^ferry:/, error: 'network' }),
    expected: 'loaded',
  },
  {
    name: 'the warehouse runs the load but the answer to the submission is lost',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'submit-lost', match: /^ferry:/ }),
    expected: 'loaded',
  },
  {
    name: 'the load statement fails after its INSERT',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'fail-statement', match: /^ferry:/ }),
    expected: 'failed',
  },
  {
    name: 'the load statement is aborted',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'abort', match: /^ferry:/ }),
    expected: 'failed',
  },
];

export const statusFaults: FaultCase[] = [
  {
    name: 'DescribeStatement fails',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'describe' }),
    expected: 'loaded',
  },
  {
    name: 'DescribeStatement still says running when the event arrives',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'describe-running', match: /^ferry:/ }),
    expected: 'loaded',
  },
  {
    name: 'the original cannot be copied into the archive',
    file: 'good',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'copy', match: new RegExp(`^archive/527/${name(f).source}`) }),
    expected: 'loaded',
  },
  {
    name: 'the original is archived but cannot be deleted from the input',
    file: 'good',
    arm: (w, f) =>
      w.faultyStore.faults.arm({ op: 'delete', match: new RegExp(`^external_input/${name(f).source}`) }),
    expected: 'loaded',
  },
  {
    name: 'the prepared copy cannot be moved into the archive',
    file: 'good',
    arm: (w) => w.faultyStore.faults.arm({ op: 'copy', match: /preprocessed_file_/ }),
    expected: 'loaded',
  },
  {
    name: 'the post-load SQL cannot be submitted',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'submit', match: /^ferry-transform:/ }),
    expected: 'loaded',
  },
  {
    name: 'the post-load SQL fails',
    file: 'good',
    arm: (w) => w.faultyWarehouse.faults.arm({ op: 'fail-statement', match: /^ferry-transform:/ }),
    expected: 'loaded',
  },
  {
    name: 'the notifier fails on the final notification',
    file: 'good',
    arm: (w) => w.notifier.faults.arm({ op: 'publish', match: /^TRANSFORM/ }),
    expected: 'loaded',
  },
  {
    name: 'the notifier fails on a failed load',
    file: 'good',
    arm: (w) => {
      w.faultyWarehouse.faults.arm({ op: 'fail-statement', match: /^ferry:/ });
      w.notifier.faults.arm({ op: 'publish', match: /^FAILED/ });
    },
    expected: 'failed',
  },
  {
    name: 'the error archive copy fails after a failed load',
    file: 'good',
    arm: (w, f) => {
      w.faultyWarehouse.faults.arm({ op: 'abort', match: /^ferry:/ });
      w.faultyStore.faults.arm({ op: 'copy', match: new RegExp(`^archive/error/${name(f).source}`) });
    },
    expected: 'failed',
  },
];

/** The config database loses its connection at one query of the run (compiled SQL matched). */
export const databaseFaults: FaultCase[] = [
  ...(['sqlstate', 'terminated'] as const).flatMap((kind): FaultCase[] => [
    {
      name: `the claim insert never reaches the database (${kind})`,
      file: 'good',
      arm: (w) =>
        w.faultyDb.arm({ op: 'before', match: /^insert into "rdscnfg"."ferry_run"/, connectionError: kind }),
      expected: 'loaded',
    },
    {
      name: `the claim is committed but its answer is lost (${kind})`,
      file: 'good',
      arm: (w) =>
        w.faultyDb.arm({ op: 'after', match: /^insert into "rdscnfg"."ferry_run"/, connectionError: kind }),
      expected: 'loaded',
      late: true,
    },
    {
      name: `the rule lookup fails (${kind})`,
      file: 'good',
      arm: (w) =>
        w.faultyDb.arm({ op: 'before', match: /"rdscnfg"."ext_file_config"/, connectionError: kind }),
      expected: 'loaded',
    },
    {
      name: `the audit insert fails (${kind})`,
      file: 'good',
      arm: (w) =>
        w.faultyDb.arm({
          op: 'before',
          match: /^insert into "rdscnfg"."ext_file_audit"/,
          connectionError: kind,
        }),
      expected: 'loaded',
    },
    {
      name: `the move to SUBMITTED is committed but its answer is lost (${kind})`,
      file: 'good',
      arm: (w) =>
        w.faultyDb.arm({
          op: 'after',
          match:
            /^update "rdscnfg"."ferry_run" set .*"state" = \$\d+.* where "run_id" = \$\d+ and "state" in/,
          connectionError: kind,
          nth: 1,
        }),
      expected: 'loaded',
    },
    {
      name: `the status function loses the database while reading the run (${kind})`,
      file: 'good',
      arm: (w) =>
        w.faultyDb.arm({
          op: 'before',
          match: /^select .* from "rdscnfg"."ferry_run" where "run_id"/,
          connectionError: kind,
        }),
      expected: 'loaded',
    },
    {
      name: `the notification slot is taken but its answer is lost (${kind})`,
      file: 'good',
      arm: (w) =>
        w.faultyDb.arm({
          op: 'after',
          match: /^insert into "rdscnfg"."ferry_notification"/,
          connectionError: kind,
        }),
      expected: 'loaded',
    },
  ]),
];
