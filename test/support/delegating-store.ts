// A store that passes every call to another, with chosen methods replaced: how a test makes one call misbehave.
import type { ObjectStore } from '../../lib/ports/object-store.js';

export function delegatingStore(store: ObjectStore, replaced: Partial<ObjectStore> = {}): ObjectStore {
  return {
    bucket: store.bucket,
    head: (key) => store.head(key),
    get: (key) => store.get(key),
    put: (key, body) => store.put(key, body),
    copy: (from, to) => store.copy(from, to),
    copyRange: (from, to, range) => store.copyRange(from, to, range),
    delete: (key) => store.delete(key),
    list: (prefix) => store.list(prefix),
    ...replaced,
  };
}
