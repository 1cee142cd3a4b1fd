// The history hash chain: each row's hash covers its content and the previous row's hash, and the
// case row keeps the head (head_hash, version == last seq), so an edited, deleted or appended row,
// and a case whose state or snapshot was edited apart from its history, all show up when checked.
import { hash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);
/** The formula new rows are written with (1: before migration 20261201120000; see chainHash). */
export const HASH_VERSION = 2;

export type Chained = {
  instance_id: string; seq: number; type: string; actor_id: string; actor_name: string; from_state: string | null; to_state: string; at: string;
  payload: string; snapshot_hash: string | null; hash_version: number;
};
export type ChainedRow = Chained & { prev_hash: string; hash: string };
export type ChainHead = { version: number; state: string; snapshot: string; head_hash: string | null };
export type ChainFault = { brokenAtSeq: number; reason: 'seq_gap' | 'hash_mismatch' | 'version_mismatch' | 'head_mismatch' | 'state_mismatch' | 'snapshot_mismatch' };

// One-shot crypto.hash: no Hash object per row, under half createHash's time for a few hundred bytes.
const sha256 = (s: string) => hash('sha256', s, 'hex');

/** What a row binds its case's snapshot with: the snapshot text as stored. */
export const snapshotHash = (snapshot: string) => sha256(snapshot);

/**
 * Version 2 also covers the actor's name and the snapshot the row resulted in (null where that
 * snapshot is no longer known, e.g. rows older than the migration). Version 1 is kept only to
 * check chains the migration found already broken and left as they were.
 */
export function chainHash(prev: string, r: Chained): string {
  const v1 = [prev, r.instance_id, r.seq, r.type, r.actor_id, r.from_state, r.to_state, r.at, r.payload];
  if (r.hash_version === 1) return sha256(JSON.stringify(v1));
  return sha256(JSON.stringify([r.hash_version, ...v1, r.actor_name, r.snapshot_hash]));
}

/** The first row (by seq, 1, 2, …) that does not follow its predecessor, or null. */
export function rowFault(rows: ChainedRow[]): ChainFault | null {
  let prev = GENESIS;
  for (const [i, r] of rows.entries()) {
    if (r.seq !== i + 1) return { brokenAtSeq: Math.min(r.seq, i + 1), reason: 'seq_gap' };
    if (r.hash_version !== 1 && r.hash_version !== HASH_VERSION) return { brokenAtSeq: r.seq, reason: 'hash_mismatch' };
    if (r.prev_hash !== prev || chainHash(prev, r) !== r.hash) return { brokenAtSeq: r.seq, reason: 'hash_mismatch' };
    prev = r.hash;
  }
  return null;
}

/**
 * A case verifies when its chain holds and its row agrees with the chain's last row: same seq as
 * its version, same hash as its head, same state, and its snapshot hashes to the one recorded.
 * A mismatch of the case row itself is reported at the case's version.
 */
export function verifyCase(c: ChainHead, rows: ChainedRow[]): ChainFault | null {
  const fault = rowFault(rows);
  if (fault) return fault;
  const last = rows.at(-1);
  const at = (reason: ChainFault['reason']): ChainFault => ({ brokenAtSeq: c.version, reason });
  if (!last || last.seq !== c.version) return at('version_mismatch');
  if (last.hash !== c.head_hash) return at('head_mismatch');
  if (last.to_state !== c.state) return at('state_mismatch');
  if (last.snapshot_hash !== snapshotHash(c.snapshot)) return at('snapshot_mismatch');
  return null;
}
