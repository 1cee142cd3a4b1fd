// The registry of import kinds (what one is: workflows/imports.ts): the register's own and every
// definition's `imports`. The upload/preview/commit machinery (server/routes/imports.ts) knows no kind by name.
import type { ImportKind } from '../../workflows/imports.ts';

export type { ImportContext, ImportKind, ImportTarget } from '../../workflows/imports.ts';

const kinds = new Map<string, ImportKind>();

export function registerImportKind(k: ImportKind): void {
  if (kinds.has(k.kind)) throw new Error(`import kind ${k.kind} registered twice`);
  kinds.set(k.kind, k);
}
export const importKind = (kind: string) => kinds.get(kind);
export const importKinds = () => [...kinds.values()];
