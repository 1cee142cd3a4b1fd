// A document's printable page: the view its process declares, from the content frozen in its row.
// A document whose process (or kind) is gone prints its frozen fields as they are.
import { a4Page, esc } from '../workflows/print.ts';
import { own } from '../workflows/engine/own.ts';
import type { DocumentMeta, WorkflowDefinition } from '../workflows/types.ts';

export function documentHtml(def: WorkflowDefinition | undefined, kind: string, meta: DocumentMeta, content: Record<string, unknown>): string {
  const decl = def && own(def.documents, kind);
  if (decl) return decl.html(meta, content);
  const rows = Object.entries(content).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(typeof v === 'string' ? v : JSON.stringify(v))}</td></tr>`).join('');
  return a4Page(`${meta.number} ${meta.title}`, `<p class="no">${esc(meta.number)}</p>\n<h1>${esc(meta.title)}</h1>\n<table>${rows}</table>\n<div class="foot">内容校验 / SHA-256：${esc(meta.contentHash)}</div>`);
}
