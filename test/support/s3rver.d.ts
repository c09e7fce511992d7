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

  // biome-ignore lint/suspicious/noExplicitAny: Koa contexts differ per middleware; each declares what it reads
  type Middleware = (context: any, next: () => Promise<void>) => Promise<void>;

  export default class S3rver {
    constructor(options: S3rverOptions);
    middleware: Middleware[];
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 's3rver/lib/stores/filesystem.js' {
  interface ListOptions {
    delimiter?: string;
    startAfter?: string;
    prefix?: string;
    maxKeys?: number;
  }
  interface Listing {
    objects: { key: string }[];
    commonPrefixes: string[];
    isTruncated: boolean;
  }
  const FilesystemStore: {
    encodeKeyPath(key: string): string;
    decodeKeyPath(keyPath: string): string;
    prototype: { listObjects(this: unknown, bucket: string, options: ListOptions): Promise<Listing> };
  };
  export default FilesystemStore;
}
