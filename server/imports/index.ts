// The import kinds the server knows: the register's own here; a process folder's kinds are registered the same way.
import { registerImportKind } from './kinds.ts';
import { peopleImport } from './people.ts';

registerImportKind(peopleImport);
export { importKind, importKinds, registerImportKind, type ImportKind } from './kinds.ts';
