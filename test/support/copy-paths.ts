// Records which path each stand-in COPY took, as reported on its diagnostics channel, until stopped.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { type CopyPathMessage, copyPathChannel } from '../../lib/adapters/local/redshift/copy/run-copy.js';

export function recordCopyPaths(): { paths: CopyPathMessage['path'][]; stop(): void } {
  const paths: CopyPathMessage['path'][] = [];
  const onPath = (message: unknown) => paths.push((message as CopyPathMessage).path);
  subscribe(copyPathChannel.name, onPath);
  return { paths, stop: () => unsubscribe(copyPathChannel.name, onPath) };
}
