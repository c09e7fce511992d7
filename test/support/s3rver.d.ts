// Types for the parts of s3rver (an S3-protocol server for tests) that test/support/s3-server.ts uses.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: unknown[] }[];
  }

  type Middleware = (
    context: { headers: Record<string, string | undefined> },
    next: () => Promise<void>,
  ) => Promise<void>;

  export default class S3rver {
    constructor(options: S3rverOptions);
    middleware: Middleware[];
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 's3rver/lib/stores/filesystem.js' {
  const FilesystemStore: {
    encodeKeyPath(key: string): string;
    decodeKeyPath(keyPath: string): string;
  };
  export default FilesystemStore;
}
