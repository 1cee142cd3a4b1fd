// The history hash chain: each row's hash covers its content and the previous row's hash,
// so an edited or deleted row shows up when the chain is checked.
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

export type Chained = { instance_id: string; seq: number; type: string; actor_id: string; from_state: string | null; to_state: string; at: string; payload: string };

export function chainHash(prev: string, r: Chained): string {
  const body = JSON.stringify([prev, r.instance_id, r.seq, r.type, r.actor_id, r.from_state, r.to_state, r.at, r.payload]);
  return createHash('sha256').update(body).digest('hex');
}

/** The seq of the first row whose hash does not follow, or null when the chain holds. */
export function brokenAt(rows: (Chained & { prev_hash: string; hash: string })[]): number | null {
  let prev = GENESIS;
  for (const r of rows) {
    if (r.prev_hash !== prev || chainHash(prev, r) !== r.hash) return r.seq;
    prev = r.hash;
  }
  return null;
}
