// Lookups keyed by a client's string: only a plain object's own keys count, so `constructor`,
// `__proto__`, `toString` … name nothing instead of something inherited from Object.prototype.
export const own = <T>(o: Record<string, T>, key: string): T | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);
