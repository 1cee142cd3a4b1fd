// The PDF renderer's pure parts: the download's name in any script, and the base print styles.
import { expect } from 'chai';
import { attachmentHeader, pdfRenderer, withPrintCss } from '../../server/pdf.ts';

describe('server/pdf', () => {
  it('names a download in Chinese per RFC 5987, with a plain ASCII fallback', () => {
    expect(attachmentHeader('建外工批〔2026〕1号.pdf', 'document-1.pdf'))
      .to.equal(`attachment; filename="document-1.pdf"; filename*=UTF-8''${encodeURIComponent('建外工批〔2026〕1号.pdf')}`);
    expect(attachmentHeader("a'(b).pdf", 'x"y\\é.pdf')).to.equal(`attachment; filename="x_y__.pdf"; filename*=UTF-8''a%27%28b%29.pdf`);
  });

  it("puts the A4 and CJK font styles first in the head, so the page's own styles win", () => {
    const out = withPrintCss('<html><head><meta charset="utf-8"><style>@page { margin: 25mm }</style></head><body>x</body></html>');
    expect(out.indexOf('Noto Serif CJK SC')).to.be.greaterThan(0).and.lessThan(out.indexOf('25mm'));
    expect(withPrintCss('<p>x</p>')).to.match(/^<style>[\s\S]*size: A4[\s\S]*<\/style>\n<p>x<\/p>$/);
  });

  it('is not available without a Chromium at its path, and closes without having launched', async () => {
    const r = pdfRenderer('/nonexistent/chromium');
    expect(r.available()).to.equal(false);
    await r.close();
  });
});
