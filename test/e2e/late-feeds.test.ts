// Expected arrival through the local runtime's reconciler, on an injected clock: one notice per missed due, the due
// following the feed's zone across the March DST change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';

describe.each(runtimeTargets)('late feeds on %s', (target) => {
  let runtime: TestRuntime;
  let clock = new Date('2027-03-12T16:00:00Z');
  beforeAll(async () => {
    runtime = await openTestRuntime(target, { decorate: () => ({ now: () => clock }) });
    await runtime.config.runScript(
      `update rdscnfg.ext_file_config set due_time = '09:00', due_timezone = 'America/Chicago', due_days = 'weekdays'
         where ext_file_config_sid = 4`,
    );
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('notifies each miss once over several passes, at 09:00 Chicago before and after the clocks change', async () => {
    // Friday 12 March 2027, 10:00 CST (UTC-6): Friday's 09:00 due has passed with no file.
    const friday = await runtime.reconcile();
    clock = new Date('2027-03-12T17:00:00Z');
    const fridayAgain = await runtime.reconcile();
    // Monday 15 March, 10:30 CDT (UTC-5, since Sunday): Monday's due was 14:00 UTC.
    clock = new Date('2027-03-15T15:30:00Z');
    const monday = await runtime.reconcile();
    const mondayAgain = await runtime.reconcile();
    await runtime.idle();

    expect([friday.late, fridayAgain.late, monday.late, mondayAgain.late]).toEqual([1, 0, 1, 0]);
    const misses = await runtime.config.db
      .selectFrom('rdscnfg.ferry_late_feed')
      .select(['ext_file_config_sid', 'due_at'])
      .orderBy('due_at')
      .execute();
    expect(misses).toEqual([
      { ext_file_config_sid: 4, due_at: new Date('2027-03-12T15:00:00Z') },
      { ext_file_config_sid: 4, due_at: new Date('2027-03-15T14:00:00Z') },
    ]);
    const notices = await runtime.config.db
      .selectFrom('rdscnfg.ferry_outbox')
      .select(['run_id', 'subject'])
      .where('channel', '=', 'sns')
      .orderBy('outbox_id')
      .execute();
    expect(notices.map((notice) => notice.run_id)).toEqual([
      `late:4:${Date.parse('2027-03-12T15:00:00Z') / 1000}`,
      `late:4:${Date.parse('2027-03-15T14:00:00Z') / 1000}`,
    ]);
    expect(notices[0]?.subject).toContain('LATE');
  });
});
