// Small statistics and formatting helpers for the bench.

/** Nearest-rank percentile (p in 0..100) of unsorted samples; null when there are none. */
export function percentile(samples: ArrayLike<number>, p: number): number | null {
  if (!samples.length) return null;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x: number | null, digits = 2) => (x === null ? null : Number(x.toFixed(digits)));

export function latencySummary(ms: ArrayLike<number>) {
  return { count: ms.length, p50: round(percentile(ms, 50), 3), p90: round(percentile(ms, 90), 3), p99: round(percentile(ms, 99), 3), max: round(percentile(ms, 100), 3) };
}

/** Terminal columns a string takes: CJK and full-width forms count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

export const padEnd = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
export const padStart = (s: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(s))) + s;

export function formatNumber(v: number | null, digits?: number): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : 2);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}
