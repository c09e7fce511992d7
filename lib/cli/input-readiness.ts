// When `ferry watch` may take a file: S3 notifies only complete objects, but a directory shows a file while it is
// still being written, so a file is taken only once it has stopped changing, and never under a temporary name.
import type { ObjectInfo } from '../ports/object-store.js';

/** How long a file's size and time stamp must stay the same before it is taken. */
export const defaultSettleMs = 10_000;

// Names writers use until a file is complete, then rename: dot-files (rsync, editors), .part/.partial (browsers, curl
// scripts), .tmp/.temp, .filepart (WinSCP), .crdownload (Chrome), .download (Safari), ~ backups.
const temporaryName = /^\.|\.(part|partial|tmp|temp|filepart|crdownload|download|swp)$|~$/i;

export function isTemporaryName(key: string): boolean {
  return temporaryName.test(key.slice(key.lastIndexOf('/') + 1));
}

export type Readiness = 'ready' | 'changing' | 'temporary';

/** Remembers since when each file has looked the same; one per watch loop. */
export class SettleTracker {
  private readonly unchanged = new Map<string, { signature: string; since: number }>();

  constructor(
    private readonly settleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Ready once size, time stamp and ETag have stayed the same for `settleMs` — watched here, or told by a time stamp
   * already that old (a file that sat in the folder before the watch began need not be watched again).
   */
  look(info: ObjectInfo): Readiness {
    if (isTemporaryName(info.key)) return 'temporary';
    const now = this.now();
    const signature = `${info.size}:${info.lastModified.getTime()}:${info.etag}`;
    const seen = this.unchanged.get(info.key);
    const since = seen?.signature === signature ? seen.since : now;
    this.unchanged.set(info.key, { signature, since });
    const quiet = Math.max(now - since, now - info.lastModified.getTime());
    return quiet >= this.settleMs ? 'ready' : 'changing';
  }

  /** Drops files no longer listed (taken and archived, or renamed). */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.unchanged.keys()) if (!keys.has(key)) this.unchanged.delete(key);
  }
}
