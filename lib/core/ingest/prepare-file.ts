// Validates a file and writes what COPY must load, in one streaming pass from the store back into the store.
import type { Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ContractCheck } from '../../ports/notifier.js';
import { describeCheck } from '../contracts/contract-check.js';
import { ContractFailedError } from '../contracts/contract-error.js';
import { ControlTotalsCheck } from '../contracts/control-totals.js';
import { FerryError, ValidationError } from '../errors.js';
import { headerRows, type Rule } from '../rules/rule.js';
import { contentHasher, hashStream } from './content-hash.js';
import { decompress } from './decompress.js';
import {
  checkExpansion,
  defaultMaxExpansionRatio,
  type ExpansionLimit,
  expansionLimit,
} from './expansion-limit.js';
import { preparedKey, runFolder } from './file-names.js';
import { checkHeader } from './header-check.js';
import { toLineFeeds } from './line-endings.js';
import { LineNumbers } from './line-numbers.js';
import { LineScanner, type ScanResult } from './line-scanner.js';
import type { ObjectSink } from './object-sink.js';
import { type PreparationPlan, planPreparation } from './plan-preparation.js';
import type { PreparedFile, PrepareInput } from './prepare-types.js';
import {
  objectSize,
  type PreparedOutput,
  type Progress,
  partOutput,
  splitOutput,
} from './prepared-output.js';
import { trailerCount } from './trailer.js';

const progressEveryBytes = 16 << 20;

export async function prepareFile(input: PrepareInput): Promise<PreparedFile> {
  const { rule, key } = input;
  const context = { runId: input.runId, bucket: input.store.bucket, key, ruleId: rule.id };
  try {
    const plan = planPreparation(rule);
    if (!plan.read) {
      const unread = { records: null, bytesRead: 0, bytesScanned: 0, load: asIs(input), preparedKeys: [] };
      if (!input.hashContent) return unread;
      const sha256 = await hashStream(await input.store.get(key), input.signal);
      return { ...unread, bytesRead: input.size ?? 0, sha256 };
    }
    const prepared = await readAndPrepare(input, plan);
    // IGNOREHEADER n past the one header line the scan knows: COPY skips those lines, so they are no records.
    const extraHeaderLines = headerRows(rule) - (rule.header ? 1 : 0);
    if (prepared.records === null || extraHeaderLines <= 0) return prepared;
    return { ...prepared, records: Math.max(0, prepared.records - extraHeaderLines) };
  } catch (error) {
    if (error instanceof FerryError) {
      for (const [name, value] of Object.entries(context)) {
        const field = name as keyof typeof context;
        if (error.context[field] === undefined) Object.assign(error.context, { [field]: value });
      }
    }
    throw error;
  }
}

async function readAndPrepare(input: PrepareInput, plan: PreparationPlan): Promise<PreparedFile> {
  if (!plan.write) {
    // Only checks to make: the original is loaded as it is unless its bytes turn out to need a rewrite (CRLF).
    const checked = await prepareByReading(input);
    return checked ?? prepareByRewrite(input, { ...plan, write: true });
  }
  if (rangeCopyFits(input, plan)) {
    const copied = await prepareByRangeCopy(input);
    if (copied) return copied;
  }
  return prepareByRewrite(input, plan);
}

/**
 * A file whose only change is losing its trailer needs no rewrite: its prepared copy is the bytes before the
 * trailer line (header kept, skipped by COPY's IGNOREHEADER), which the store copies itself (server-side on S3).
 */
function rangeCopyFits(input: PrepareInput, plan: PreparationPlan): input is PrepareInput & { etag: string } {
  const { rule } = input;
  // `!plan.gzip` also means the input is not compressed
  return (
    input.etag !== undefined &&
    plan.parts === 1 &&
    !plan.gzip &&
    rule.split === undefined &&
    rule.lineage === undefined &&
    rule.trailer !== undefined
  );
}

/**
 * Whether the original's bytes cannot be loaded as they are: CRLF lines must become LF, and a BOM must not reach the
 * first field; a header is skipped by COPY only if it is the very first line.
 */
function needsRewrite(rule: Rule) {
  return (chunk: Buffer, scanner: LineScanner) =>
    chunk.indexOf(0x0d) !== -1 ||
    (scanner.startsWithBom && !rule.header) ||
    (rule.header && scanner.headerOffset !== undefined && scanner.headerOffset > 0);
}

/** Reads without writing and loads the original; undefined when the bytes turn out to need a rewrite. */
async function prepareByReading(input: PrepareInput): Promise<PreparedFile | undefined> {
  const { rule } = input;
  const progress = { rawBytes: 0, compressed: rule.compression !== 'none', size: undefined };
  const pass = await readPass(input, undefined, progress, needsRewrite(rule));
  return pass && { ...pass.prepared, load: asIs(input) };
}

/** Reads without writing, then has the store copy the range; undefined when the bytes turn out to need a rewrite. */
async function prepareByRangeCopy(input: PrepareInput & { etag: string }): Promise<PreparedFile | undefined> {
  const { rule } = input;
  const pass = await readPass(
    input,
    undefined,
    { rawBytes: 0, compressed: false, size: undefined },
    needsRewrite(rule),
  );
  if (pass === undefined) return undefined;
  const { scan, prepared } = pass;
  input.signal?.throwIfAborted();
  const key = preparedKey(runFolder(input.processingPrefix, input.runId), input.key, false);
  await input.store.copyRange(input.key, key, { start: 0, end: scan.trailerStart!, ifMatch: input.etag });
  return {
    ...prepared,
    load: { keys: [key], compression: 'none', hasHeader: rule.header },
    preparedKeys: [key],
  };
}

async function prepareByRewrite(input: PrepareInput, plan: PreparationPlan): Promise<PreparedFile> {
  const { store, key, rule } = input;
  const progress: Progress = {
    rawBytes: 0,
    compressed: rule.compression !== 'none',
    size: plan.write && plan.parts > 1 ? await objectSize(store, key, input.size) : undefined,
  };
  const codes = rule.split?.codes;
  const split = plan.write && codes ? splitOutput(input, plan, codes) : undefined;
  const parts = plan.write && !codes ? partOutput(input, plan, progress) : undefined;
  const output = split ?? parts;
  try {
    const { prepared } = (await readPass(input, output, progress))!;
    input.signal?.throwIfAborted();
    if (split) {
      const done = await split.finish();
      return {
        ...prepared,
        split: { parts: done.parts, dropped: done.dropped, droppedSample: done.droppedSample },
        preparedKeys: done.written,
      };
    }
    if (!parts) return { ...prepared, load: asIs(input) };
    const keys = await parts.finish();
    return {
      ...prepared,
      load: { keys, compression: plan.gzip ? 'gzip' : 'none', hasHeader: false },
      preparedKeys: keys,
    };
  } catch (error) {
    if (output) await discard(input, output.sinks(), error);
    throw error;
  }
}

/**
 * One streaming pass over the input: scans it, hands its data lines to `output`, validates header and trailer.
 * Stops early, returning undefined, as soon as `abandon` says so.
 */
async function readPass(
  input: PrepareInput,
  output: PreparedOutput | undefined,
  progress: Progress,
  abandon?: (chunk: Buffer, scanner: LineScanner) => boolean,
): Promise<{ scan: ScanResult; prepared: PreparedFile } | undefined> {
  const { rule } = input;
  let header: string | undefined;
  const totals = rule.controlTotals && new ControlTotalsCheck({ ...rule, controlTotals: rule.controlTotals });
  const numbers = rule.lineage && output ? new LineNumbers(rule) : undefined;
  const scanner = new LineScanner(
    { header: rule.header, trailer: rule.trailer !== undefined },
    {
      header(line) {
        header = line.toString('utf8');
        if (rule.checkHeader) checkHeader(header, rule);
      },
      data:
        output || totals
          ? (lines, records, firstLine) => {
              totals?.data(lines, firstLine, records);
              if (!output) return;
              const fed = toLineFeeds(lines);
              output.write(numbers ? numbers.stamp(fed, firstLine) : fed);
            }
          : undefined,
    },
  );
  const { signal } = input;
  signal?.throwIfAborted();
  const limit = await expansionLimitOf(input);
  // The bytes as stored: the raw stream's chunks for a compressed file, else the chunks scanned are those bytes.
  const hash = contentHasher();
  const source = await openSource(input, progress, hash);
  let scanned = 0;
  let reported = 0;
  // A read waiting on the store stops at once: destroying it ends the loop below with the signal's reason.
  const stop = () => source.destroy(signal?.reason);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of source.chunks) {
      signal?.throwIfAborted();
      scanned += chunk.length;
      if (limit) checkExpansion(scanned, limit);
      if (!progress.compressed) {
        progress.rawBytes = scanned;
        hash.update(chunk);
      }
      scanner.push(chunk);
      if (abandon?.(chunk, scanner)) {
        source.destroy();
        return undefined;
      }
      if (output) await output.ready();
      if (input.onProgress && progress.rawBytes - reported >= progressEveryBytes) {
        reported = progress.rawBytes;
        input.onProgress({ bytes: reported, records: scanner.recordsSoFar });
      }
    }
    const scan = scanner.end();
    const { trailerCount, checks } = validate(scan, input, totals);
    input.onProgress?.({ bytes: progress.rawBytes, records: scan.records });
    const prepared: PreparedFile = {
      records: scan.records,
      bytesRead: progress.rawBytes,
      bytesScanned: scanned,
      sha256: hash.digest('hex'),
      preparedKeys: [],
    };
    if (header !== undefined) prepared.header = header;
    if (trailerCount !== undefined) prepared.trailerCount = trailerCount;
    if (checks.length > 0) prepared.checks = checks;
    return { scan, prepared };
  } catch (error) {
    source.destroy();
    // An abort is not a broken file: the reason goes up as it is, never explained as a decompression error.
    if (signal?.aborted) throw signal.reason;
    throw source.explain(error);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

interface PassSource {
  chunks: AsyncIterable<Buffer>;
  /** Stops a read waiting on the store (a scan's file is closed as the loop over it ends). */
  destroy(reason?: unknown): void;
  /** The error to report for one the pass met (a decompressor's failure becomes a ValidationError). */
  explain(error: unknown): unknown;
}

/**
 * The bytes the pass reads. The pass keeps no chunk (the scanner copies what it holds on to, the outputs copy what
 * they write), so a plain input is read through the store's reused buffer where it has one: fresh buffers per read
 * left up to 64 MB dead between collections. A compressed one goes through Node's decompression stream, whose output
 * chunks are fresh (Node has no documented way to decompress a stream into a given buffer).
 */
async function openSource(input: PrepareInput, progress: Progress, hash: Hash): Promise<PassSource> {
  const { store, rule } = input;
  if (store.scan && rule.compression === 'none') {
    return { chunks: store.scan(input.key), destroy: () => undefined, explain: (error) => error };
  }
  const raw: Readable = await store.get(input.key);
  try {
    const reader = decompress(raw, rule.compression, rule.id);
    if (progress.compressed) {
      raw.on('data', (chunk: Buffer) => {
        progress.rawBytes += chunk.length;
        hash.update(chunk);
      });
    }
    return {
      chunks: reader.output as AsyncIterable<Buffer>,
      destroy: (reason) => raw.destroy(reason as Error | undefined),
      explain: reader.explain,
    };
  } catch (error) {
    raw.destroy();
    throw error;
  }
}

/** The rule's limit, else the setting's, on a compressed input; checked while it is decompressed. */
async function expansionLimitOf(input: PrepareInput): Promise<ExpansionLimit | undefined> {
  if (input.rule.compression === 'none') return undefined;
  const compressed = await objectSize(input.store, input.key, input.size);
  const ratio = input.rule.maxExpansionRatio ?? input.maxExpansionRatio ?? defaultMaxExpansionRatio;
  return compressed === undefined ? undefined : expansionLimit(compressed, ratio);
}

/**
 * Header and trailer rules on the finished scan; returns the trailer's count when there is one and the control
 * checks' verdicts (the count, and any control totals). A failed verdict fails the file, carrying all of them.
 */
function validate(
  scan: ScanResult,
  input: PrepareInput,
  totals: ControlTotalsCheck | undefined,
): { trailerCount?: number; checks: ContractCheck[] } {
  const { rule } = input;
  if (rule.header && scan.header === undefined) {
    throw new ValidationError('expected a header line, found no non-blank line');
  }
  if (!rule.trailer) return { checks: [] };
  if (scan.trailer === undefined) {
    const where = rule.header ? 'after the header' : 'in the file';
    throw new ValidationError(`expected a trailer line, found no non-blank line ${where}`);
  }
  const trailer = scan.trailer.toString('utf8');
  const count = trailerCount(trailer, rule.trailer);
  const checks: ContractCheck[] = [
    {
      check: 'control_count',
      outcome: count === scan.records ? 'passed' : 'failed',
      expected: `${count} records`,
      found: `${scan.records} records`,
    },
    ...(totals?.verdicts(trailer) ?? []),
  ];
  const failed = checks.filter((check) => check.outcome === 'failed');
  if (failed.length > 0) {
    const reasons = failed.map((check) =>
      check.check === 'control_count'
        ? `trailer says ${count} records, file has ${scan.records}`
        : describeCheck(check),
    );
    throw new ContractFailedError(reasons.join('; '), checks);
  }
  return { trailerCount: count, checks };
}

/** The original object, loaded as it is. */
function asIs(input: PrepareInput) {
  return { keys: [input.key], compression: input.rule.compression, hasHeader: headerRows(input.rule) > 0 };
}

/** A failed pass leaves nothing behind: uploads are stopped and whatever reached the store is deleted. */
async function discard(input: PrepareInput, sinks: ObjectSink[], error: unknown): Promise<void> {
  const reason = error instanceof Error ? error : new Error(String(error));
  await Promise.all(sinks.map((sink) => sink.abort(reason)));
  await Promise.all(sinks.map((sink) => input.store.delete(sink.key).catch(() => undefined)));
}
