// The `details` column ⇄ RunFacts: the one place the run's JSON is read (validated) and written (as an object).
import { z } from 'zod';
import { compressions } from '../core/rules/rule.js';
import { contractCheckNames, contractOutcomes } from '../ports/notifier.js';
import type { RunFacts } from './run.js';

/** A field that does not have the expected shape is read as absent: an old or hand-edited row still loads. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const fileSchema = z.object({
  fileName: optional(z.string()),
  bytes: optional(z.number()),
  bytesScanned: optional(z.number()),
  records: optional(z.number().nullable()),
  trailerCount: optional(z.number()),
  uploadedAt: optional(z.string().min(1)),
  sha256: optional(z.string().regex(/^[0-9a-f]{64}$/)),
});

const loadSchema = z.object({
  manifestKey: optional(z.string().min(1)),
  loadKeys: optional(z.array(z.string())),
  compression: optional(z.enum(compressions)),
  hasHeader: optional(z.boolean()),
  loadedAt: optional(z.string().min(1)),
  replacesRunId: optional(z.string().min(1)),
  replacesLoadedAt: optional(z.string().min(1)),
  sourceVersion: optional(z.string()),
});

const splitSchema = z.object({
  parts: optional(z.array(z.object({ code: z.string(), key: z.string(), records: z.number() }))),
  counts: optional(z.record(z.string(), z.number())),
  dropped: optional(z.number()),
  droppedSample: optional(z.array(z.string())),
});

const archiveSchema = z.object({
  archiveKey: optional(z.string().nullable()),
  archivedKeys: optional(z.array(z.string())),
  originalReplaced: optional(z.literal(true)),
});

const failureSchema = z.object({ errorName: optional(z.string()) });

const contractSchema = z.object({
  checks: optional(
    z.array(
      z.object({
        check: z.enum(contractCheckNames),
        outcome: z.enum(contractOutcomes),
        expected: z.string().optional(),
        found: z.string().optional(),
      }),
    ),
  ),
});

const groups = {
  file: fileSchema,
  load: loadSchema,
  split: splitSchema,
  archive: archiveSchema,
  failure: failureSchema,
  contract: contractSchema,
} as const;

/** Reads the stored details (an object; a JSON string from a hand-written row is read too). */
export function factsFromDetails(details: unknown): RunFacts {
  const stored = typeof details === 'string' ? parseJson(details) : details;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const facts: Record<string, unknown> = {};
  for (const [group, schema] of Object.entries(groups)) {
    const parsed = withoutAbsent(schema.parse(stored));
    if (Object.keys(parsed).length > 0) facts[group] = parsed;
  }
  return facts as RunFacts;
}

/** The facts as stored: one flat object, under the same names earlier versions wrote (nothing in the database moves). */
export function detailsFromFacts(facts: RunFacts): Record<string, unknown> {
  return withoutAbsent({
    ...facts.file,
    ...facts.load,
    ...facts.split,
    ...facts.failure,
    ...facts.archive,
    ...facts.contract,
  });
}

function withoutAbsent(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
