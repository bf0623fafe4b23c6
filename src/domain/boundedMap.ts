/**
 * A Map that holds at most `max` entries: setting a key (new or again) makes it the newest, and when full the oldest
 * set is forgotten. The in-process caches (known stops, language choices, announcements' maps, member lists, map
 * images) are these, so that none grows with the number of guilds or stops it ever saw.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    if (this.max <= 0) return this;
    while (this.size >= this.max) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
