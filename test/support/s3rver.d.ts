// Types for the parts of s3rver (the @20minutes fork; an S3-protocol server for tests) that s3-server.ts uses.
declare module '@20minutes/s3rver' {
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

declare module '@20minutes/s3rver/lib/stores/filesystem.js' {
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
  interface StoredObject {
    content?: import('node:stream').Readable | null;
    range?: { start: number; end: number };
  }
  interface Store {
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  }
  const FilesystemStore: {
    encodeKeyPath(key: string): string;
    decodeKeyPath(keyPath: string): string;
    prototype: {
      listObjects(this: unknown, bucket: string, options: ListOptions): Promise<Listing>;
      getObject(
        this: Store,
        bucket: string,
        key: string,
        options?: { start?: number; end?: number },
      ): Promise<StoredObject | null>;
      putObjectMultipart(
        this: Store,
        bucket: string,
        uploadId: string,
        parts: { number: number; etag: string }[],
      ): Promise<{ size: number; md5: string }>;
    };
  };
  export default FilesystemStore;
}

declare module '@20minutes/s3rver/lib/models/error.js' {
  /** An error s3rver answers as S3 does: `code` names it and sets the HTTP status. */
  export default class S3Error extends Error {
    constructor(code: string, message?: string, detail?: Record<string, string>);
  }
}
