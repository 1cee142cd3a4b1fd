// Failed bearer-token attempts per client (issue 7 item 23): after `limit` failures within a fixed
// window the client's next attempts are answered 429, unchecked, until the window ends; valid
// tokens never count as failures. In memory, at most `maxClients` entries (the oldest dropped first),
// so a flood of addresses cannot grow it; the clock is passed in so tests move it by hand.
export type AuthThrottle = {
  /** Milliseconds until the client may try again; 0 when it is not throttled. */
  blockedFor(client: string): number;
  fail(client: string): void;
  size(): number;
};

export function createAuthThrottle(o: { now: () => number; limit?: number; windowMs?: number; maxClients?: number }): AuthThrottle {
  const limit = o.limit ?? 20;
  const windowMs = o.windowMs ?? 60_000;
  const maxClients = o.maxClients ?? 10_000;
  const clients = new Map<string, { start: number; failures: number }>(); // in order of window start

  return {
    blockedFor(client) {
      const e = clients.get(client);
      const left = e ? e.start + windowMs - o.now() : 0;
      return e && e.failures >= limit && left > 0 ? left : 0;
    },
    fail(client) {
      const now = o.now();
      const e = clients.get(client);
      if (e && now - e.start < windowMs) return void e.failures++;
      clients.delete(client);
      while (clients.size >= maxClients) clients.delete(clients.keys().next().value!);
      clients.set(client, { start: now, failures: 1 });
    },
    size: () => clients.size,
  };
}
