// Finished statements kept on disk in the workspace, so a later process can still describe them: the Data API keeps a
// statement's description and result for 24 hours whoever asks, and `ferry reprocess --resume` runs in a new process.
// https://docs.aws.amazon.com/redshift/latest/mgmt/data-api.html (considerations: a query result is kept 24 hours)
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StatementRecord } from './statement-record.js';

const keepMs = 24 * 60 * 60 * 1000;
// Expired files are swept every this many writes, so writing stays cheap.
const sweepEvery = 200;

export class StatementHistory {
  private writes = 0;

  constructor(
    private readonly dir: string,
    private readonly now: () => Date,
  ) {}

  async save(record: StatementRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.pathOf(record.id);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(record));
    await rename(temp, path);
    if (this.writes++ % sweepEvery === 0) await this.sweep();
  }

  /** The record as it was when it finished, or undefined when it is unknown or older than a day. */
  async load(id: string): Promise<StatementRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const text = await readFile(this.pathOf(id), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const record = revive(JSON.parse(text) as StatementRecord);
    return this.now().getTime() - record.updatedAt.getTime() > keepMs ? undefined : record;
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private async sweep(): Promise<void> {
    const cutoff = this.now().getTime() - keepMs;
    for (const name of await readdir(this.dir).catch(() => [])) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }
}

function revive(record: StatementRecord): StatementRecord {
  return {
    ...record,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
    subs: record.subs.map((sub) => ({
      ...sub,
      createdAt: new Date(sub.createdAt),
      updatedAt: new Date(sub.updatedAt),
    })),
  };
}
