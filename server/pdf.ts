// HTML to PDF with the machine's Chromium, driven by playwright-core (which downloads no browser).
// Generic: any printable page. One browser, launched on the first PDF and reused (a launch costs
// about a second), closed with the system. Offline: the page may load nothing from the network.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Chromium as root needs --no-sandbox; on a closed network it must not phone home. */
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'];

/**
 * Printed before the page's own styles, so a page's `@page` and fonts win: A4 with margins, and the
 * CJK faces of fonts-noto-cjk, without which Chinese prints as boxes.
 */
const PRINT_CSS = `<style>
@page { size: A4; margin: 20mm 18mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; -webkit-print-color-adjust: exact; }
</style>`;

export type PdfRenderer = {
  /** Whether a Chromium is there to print with (else PDF is not offered). */
  available(): boolean;
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
};

/** The page with the base print styles first in its head (or in front of it, for a fragment). */
export const withPrintCss = (html: string) =>
  /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => `${h}\n${PRINT_CSS}`) : `${PRINT_CSS}\n${html}`;

export function pdfRenderer(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): PdfRenderer {
  let browser: Promise<Browser> | undefined;
  // Loaded on the first PDF: a process that prints none (a worker, most starts) never loads the driver.
  const launch = () => {
    const b = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath, args: ARGS }));
    b.catch(() => { if (browser === b) browser = undefined; }); // a failed launch is tried again next time
    return b;
  };
  return {
    available: () => existsSync(executablePath),
    async render(html) {
      const b = await (browser ??= launch());
      const context = await b.newContext({ offline: true, javaScriptEnabled: false });
      try {
        await context.route('**/*', (r) => r.abort());
        const page = await context.newPage();
        await page.setContent(withPrintCss(html), { waitUntil: 'load' });
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await context.close();
      }
    },
    async close() {
      const b = browser;
      browser = undefined;
      await (await b?.catch(() => undefined))?.close();
    },
  };
}

/** Content-Disposition for a download named in any script: a plain ASCII fallback, and the real name per RFC 5987. */
export function attachmentHeader(name: string, fallback: string): string {
  const star = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${star}`;
}
