// Every migration, by name, imported statically so bundles carry them (no directory scan at run time).
import type { Migration } from 'kysely';
import * as originalSchema from './2026-11-21-001-original-schema.js';
import * as ferryAdditions from './2026-11-21-002-ferry-additions.js';
import * as pendingNotifications from './2026-11-21-003-pending-notifications.js';
import * as maxExpansionRatio from './2026-12-02-004-max-expansion-ratio.js';
import * as copyOptions from './2026-12-02-013-copy-options.js';
import * as heldNotifications from './2026-12-07-005-held-notifications.js';
import * as contractChecks from './2026-12-07-006-contract-checks.js';
import * as controlTotals from './2026-12-07-007-control-totals.js';
import * as sequenceArrival from './2026-12-07-008-sequence-arrival.js';
import * as contentHashResend from './2026-12-07-009-content-hash-resend.js';

export const migrations: Record<string, Migration> = {
  '2026-11-21-001-original-schema': originalSchema,
  '2026-11-21-002-ferry-additions': ferryAdditions,
  '2026-11-21-003-pending-notifications': pendingNotifications,
  '2026-12-02-004-max-expansion-ratio': maxExpansionRatio,
  '2026-12-02-013-copy-options': copyOptions,
  '2026-12-07-005-held-notifications': heldNotifications,
  '2026-12-07-006-contract-checks': contractChecks,
  '2026-12-07-007-control-totals': controlTotals,
  '2026-12-07-008-sequence-arrival': sequenceArrival,
  '2026-12-07-009-content-hash-resend': contentHashResend,
};
