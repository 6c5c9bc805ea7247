/**
 * A `Map` that keeps at most `maxEntries`: setting a new key beyond that forgets the oldest
 * one. What adapters remember per message or per sender in memory (failed downloads,
 * replies in progress, recent sends) stays bounded whatever the traffic.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly maxEntries: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.maxEntries) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }

  /** Sets the key as the most recent one (an existing key moves to the end). */
  refresh(key: K, value: V): this {
    this.delete(key);
    return this.set(key, value);
  }
}
