// The bench sections `npm run bench` runs, in order.
//
// ┌─ EXTENSION POINT ────────────────────────────────────────────────────────────────────────────┐
// │ To add a section (e.g. the scheduler-tick bench: one tick with 10,000 vs 1,000,000 pending     │
// │ deadlines), write test/bench/<name>.ts exporting a `BenchSection` (see ./types.ts), import it   │
// │ here and append it to `benchSections`. run.ts prints its metrics as table rows, its notes       │
// │ under them, and stores metrics + details in .bench/latest.json under its id. Use               │
// │ ctx.tmpDir() for databases (removed at the end) and keep `budgetSeconds` honest: the whole run │
// │ should stay under ~2 minutes on a 2-core machine (`npm run bench -- <id>` runs one section).   │
// └──────────────────────────────────────────────────────────────────────────────────────────────┘
import { assessmentSection } from './assessment.ts';
import { batchSection } from './batch.ts';
import { boardSection } from './board.ts';
import { engineSection } from './engine.ts';
import { httpSection } from './http.ts';
import { importsSection } from './imports.ts';
import { recruitmentSection } from './recruitment.ts';
import { routeSection } from './route.ts';
import { schedulerSection } from './scheduler.ts';
import { startSection } from './start.ts';
import type { BenchSection } from './types.ts';
import { webSection } from './web.ts';

export type { BenchContext, BenchSection, Metric, SectionResult } from './types.ts';

export const benchSections: BenchSection[] = [
  engineSection,
  httpSection,
  routeSection,
  schedulerSection,
  batchSection,
  importsSection,
  boardSection,
  recruitmentSection,
  startSection,
  webSection,
  assessmentSection,
];
