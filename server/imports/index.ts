// The import kinds the server knows: the register's own, then each definition's (declared in its folder).
import { definitions } from '../../workflows/registry.ts';
import { registerImportKind } from './kinds.ts';
import { peopleImport } from './people.ts';

registerImportKind(peopleImport);
for (const d of definitions) for (const k of d.imports ?? []) registerImportKind(k);
export { importKind, importKinds, registerImportKind, type ImportKind } from './kinds.ts';
