// An exclusive, cross-process lock on an embedded (PGlite) data directory: PGlite cannot be opened by two processes at
// once — both would write the same files and one's records are silently lost — so every open takes this lock first.
import { rmSync } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { FerryError } from '../../core/errors.js';

/** Who holds a lock: written into the lock file so a refused process can say which process to wait for. */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface LockOptions {
  /** How long to wait for another process to let go before refusing (default 60 s; 0 refuses at once). */
  waitMs?: number;
  /** Called once when the lock is busy and the caller starts waiting. */
  onWait?: (holder: LockHolder | undefined, lockFile: string) => void;
}

export interface DataDirLock {
  release(): Promise<void>;
}

export const defaultLockWaitMs = 60_000;
const pollMs = 100;
// A process that dies between taking the break lock and removing a stale lock leaves it; older than this, it is stale.
const breakLockStaleMs = 10_000;

/** The workspace database is held by another process for longer than the caller would wait. */
export class DataDirLockedError extends FerryError {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
    waitedMs: number,
  ) {
    super(
      `expected the embedded database ${lockFile.replace(/\.lock$/, '')} to be free, found it in use by ${describeHolder(holder)}` +
        ` (waited ${Math.round(waitedMs / 1000)} s): let that command finish, or stop it; ` +
        `set FERRY_LOCK_WAIT_SECONDS to wait longer, or DATABASE_URL and WAREHOUSE_URL for PostgreSQL servers that allow concurrent commands` +
        ` (a lock left by a process that no longer runs is removed by itself; lock file ${lockFile})`,
    );
    this.name = 'DataDirLockedError';
  }
}

export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'another process (the lock file is being written)';
  return `pid ${holder.pid} on ${holder.host} (\`${holder.command}\`, since ${holder.since})`;
}

// Opens of one directory inside this process share one lock file (PGlite's own instances are the caller's concern).
const heldHere = new Map<string, { count: number; ready: Promise<void> }>();

/** Takes `<dataDir>.lock`, waiting up to `waitMs` for another process; released by `release()` or at process exit. */
export async function lockDataDir(dataDir: string, options: LockOptions = {}): Promise<DataDirLock> {
  const lockFile = `${dataDir}.lock`;
  const shared = heldHere.get(lockFile);
  if (shared) {
    shared.count += 1;
    await shared.ready;
  } else {
    const entry = { count: 1, ready: acquire(lockFile, options) };
    heldHere.set(lockFile, entry);
    try {
      await entry.ready;
    } catch (error) {
      heldHere.delete(lockFile);
      throw error;
    }
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      const entry = heldHere.get(lockFile);
      if (!entry) return;
      entry.count -= 1;
      if (entry.count > 0) return;
      heldHere.delete(lockFile);
      locksOfThisProcess.delete(lockFile);
      await rm(lockFile, { force: true });
    },
  };
}

async function acquire(lockFile: string, options: LockOptions): Promise<void> {
  const waitMs = options.waitMs ?? defaultLockWaitMs;
  const started = Date.now();
  let told = false;
  for (;;) {
    if (await tryCreate(lockFile)) return;
    const holder = await readHolder(lockFile);
    if (holder && !isAlive(holder)) {
      await breakStaleLock(lockFile, holder);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new DataDirLockedError(lockFile, holder, waited);
    if (!told) {
      told = true;
      options.onWait?.(holder, lockFile);
    }
    await delay(pollMs);
  }
}

/** Creates the lock file only if none exists (O_EXCL), with this process as its holder. */
async function tryCreate(lockFile: string): Promise<boolean> {
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: ['ferry', ...process.argv.slice(2)].join(' '),
    since: new Date().toISOString(),
  };
  try {
    const file = await open(lockFile, 'wx');
    try {
      await file.writeFile(`${JSON.stringify(holder)}\n`);
    } finally {
      await file.close();
    }
    if (!exitHookInstalled) process.once('exit', removeAtExit);
    exitHookInstalled = true;
    locksOfThisProcess.add(lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(lockFile: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(lockFile, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : undefined;
  } catch {
    // Gone since, or still being written by its creator: look again.
    return undefined;
  }
}

/** A holder on another host cannot be checked, so it counts as alive (a shared network workspace). */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a dead process's lock. Two processes may find it stale at once; a second, short-lived lock (itself created
 * with O_EXCL) lets only one re-read and remove it, so no one removes a lock a live process has just taken.
 */
async function breakStaleLock(lockFile: string, stale: LockHolder): Promise<void> {
  const breaker = `${lockFile}.break`;
  const age = await stat(breaker).then(
    (s) => Date.now() - s.mtimeMs,
    () => undefined,
  );
  if (age !== undefined && age > breakLockStaleMs)
    await rename(breaker, `${breaker}.${process.pid}`).catch(() => {});
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(breaker, 'wx');
  } catch {
    await delay(pollMs);
    return;
  }
  try {
    const current = await readHolder(lockFile);
    if (current && current.pid === stale.pid && current.since === stale.since)
      await rm(lockFile, { force: true });
  } finally {
    await file.close();
    await rm(breaker, { force: true });
    await rm(`${breaker}.${process.pid}`, { force: true });
  }
}

// A command that ends with process.exit() skips release(); its lock files go with it.
const locksOfThisProcess = new Set<string>();
let exitHookInstalled = false;
function removeAtExit() {
  for (const lockFile of locksOfThisProcess) rmSync(lockFile, { force: true });
}
