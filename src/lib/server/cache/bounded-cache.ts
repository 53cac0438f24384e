// A least-recently-used map bounded in entries and in (estimated) bytes, for things derived
// from immutable records: a scenario version never changes, so what is parsed or rendered
// from it stays right for as long as it is kept, and a new version has a key of its own.

export class BoundedCache<K, V> {
	private readonly map = new Map<K, { value: V; bytes: number }>();
	private total = 0;

	constructor(
		private readonly limits: { maxEntries: number; maxBytes: number },
		private readonly sizeOf: (value: V) => number
	) {}

	get(key: K): V | undefined {
		const hit = this.map.get(key);
		if (!hit) return undefined;
		this.map.delete(key); // most recently used goes last
		this.map.set(key, hit);
		return hit.value;
	}

	set(key: K, value: V): void {
		this.delete(key);
		const bytes = this.sizeOf(value);
		// Something larger than the whole budget is served but never kept.
		if (bytes > this.limits.maxBytes) return;
		this.map.set(key, { value, bytes });
		this.total += bytes;
		for (const [oldest, entry] of this.map) {
			if (this.map.size <= this.limits.maxEntries && this.total <= this.limits.maxBytes) break;
			this.map.delete(oldest);
			this.total -= entry.bytes;
		}
	}

	/** The cached value, or what `make` returns, kept for next time. */
	getOrSet(key: K, make: () => V): V {
		const hit = this.get(key);
		if (hit !== undefined) return hit;
		const value = make();
		this.set(key, value);
		return value;
	}

	delete(key: K): void {
		const old = this.map.get(key);
		if (!old) return;
		this.map.delete(key);
		this.total -= old.bytes;
	}

	get size() {
		return this.map.size;
	}

	get bytes() {
		return this.total;
	}
}

/** A rough size of plain data in bytes (strings as UTF-16), cheap enough to run once per entry. */
export function approximateBytes(value: unknown): number {
	if (typeof value === 'string') return 2 * value.length + 16;
	if (value === null || typeof value !== 'object') return 8;
	let n = 16;
	if (Array.isArray(value)) for (const v of value) n += approximateBytes(v);
	else for (const [k, v] of Object.entries(value)) n += 2 * k.length + approximateBytes(v);
	return n;
}
