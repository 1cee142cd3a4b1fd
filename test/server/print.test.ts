// A document prints with the view its process declares; one whose process or kind is unknown prints its frozen fields.
import { expect } from 'chai';
import { documentHtml } from '../../server/print.ts';
import type { WorkflowDefinition } from '../../workflows/types.ts';

const meta = { number: '测〔2026〕1号', title: '测试文书', contentHash: 'abc' };
const def = { documents: { note: { html: (m: typeof meta) => `<p>${m.number}</p>` } } } as unknown as WorkflowDefinition;

describe('document print', () => {
  it('uses the view the definition declares for the document\'s kind', () => {
    expect(documentHtml(def, 'note', meta, {})).to.equal('<p>测〔2026〕1号</p>');
  });

  it('prints the frozen fields, escaped, when no definition declares the kind', () => {
    for (const html of [documentHtml(undefined, 'note', meta, { to: '<b>工会</b>' }), documentHtml(def, 'other', meta, { to: '<b>工会</b>' })]) {
      expect(html).to.include('测试文书').and.include('&lt;b&gt;工会&lt;/b&gt;').and.include('SHA-256：abc');
      expect(html).not.to.include('<b>');
    }
  });
});
