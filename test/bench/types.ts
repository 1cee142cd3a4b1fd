// What a bench section is and what it hands back to test/bench/run.ts for the table and the JSON.

/** One line of the printed table (and one entry of the JSON). */
export type Metric = {
  key: string; // stable id for the JSON, e.g. 'engine.transitionsPerSec'
  zh: string; // label shown first
  en: string; // English beside it
  value: number | null;
  unit: string; // e.g. '次/s', 'ms', '×'
  digits?: number; // decimals when printed (default: 0 for ≥100, else 2)
};

export type SectionResult = {
  metrics: Metric[];
  /** Printed under the section's rows (short lines). */
  notes?: string[];
  /** Everything else worth keeping in .bench/latest.json (per-round figures, per-step percentiles …). */
  details?: Record<string, unknown>;
};

export type BenchContext = {
  /** A fresh temporary directory, removed when the run ends. */
  tmpDir(prefix: string): string;
  /** A progress line on stderr (the table goes to stdout). */
  progress(message: string): void;
  /** 1 normally; BENCH_SCALE=0.2 for a quick smoke run, 2 for a longer, steadier one. */
  scale: number;
};

export type BenchSection = {
  id: string; // used on the command line: `npm run bench -- engine http`
  title: { zh: string; en: string };
  /** Rough wall time at scale 1 on a 2-core machine; the whole run should stay under ~2 minutes. */
  budgetSeconds: number;
  /** Run in a process of its own when other sections run too: its peak-memory figure then starts from a fresh process, not from the heap the sections before it grew. */
  ownProcess?: boolean;
  run(ctx: BenchContext): Promise<SectionResult>;
};
