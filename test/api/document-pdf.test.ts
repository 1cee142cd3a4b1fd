// A written approval as PDF (Accept: application/pdf), printed by the machine's Chromium with the
// CJK fonts: the file is a PDF and its Chinese text comes back out of it (pdftotext, poppler-utils).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const children = () => { try { return execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { encoding: 'utf8' }); } catch { return ''; } };

async function approvedDocument(s: Sys): Promise<{ id: number; href: string; number: string }> {
  const id = await submittedRequest(s);
  const ok = await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE', conditions: '依法签订劳动合同' });
  return ok.body.documents[0];
}
const get = (s: Sys, href: string, accept: string) => fetch(s.url + href, { headers: { authorization: `Bearer ${s.token('guomao.requester')}`, accept } });

describe('a document as PDF', function () {
  this.timeout(60_000);

  describe('with Chromium', () => {
    let s: Sys;
    before(async function () {
      if (!existsSync(CHROMIUM)) {
        console.log(`      (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
        this.skip();
      }
      s = await startTestSystem();
    });
    after(async () => s?.cleanup());

    it('prints the written approval to a PDF whose Chinese title and number are extractable, named by its number', async () => {
      const doc = await approvedDocument(s);
      const res = await get(s, doc.href, 'application/pdf');
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/pdf');
      expect(res.headers.get('content-disposition')).to.equal(`attachment; filename="document-${doc.id}.pdf"; filename*=UTF-8''${encodeURIComponent(`${doc.number}.pdf`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      const dir = mkdtempSync(join(tmpdir(), 'uw-pdf-'));
      try {
        writeFileSync(join(dir, 'd.pdf'), pdf);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        expect(text).to.include('关于同意北京国贸物业管理有限公司工会以购买服务方式聘用工会工作人员的批复').and.include(doc.number);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('prints two PDFs at once with the one browser, and lists PDF among what it offers', async () => {
      const doc = await approvedDocument(s);
      const [a, b] = await Promise.all([get(s, doc.href, 'application/pdf'), get(s, doc.href, 'application/pdf')]);
      expect([a.status, b.status]).to.deep.equal([200, 200]);
      const refused = await get(s, doc.href, 'image/png');
      expect(refused.status).to.equal(406);
      expect((await refused.json()).accepts).to.deep.equal(['text/html', 'application/json', 'application/pdf']);
    });

    it('closes the browser when the system stops', async () => {
      expect(children()).to.match(/chrom/);
      await s.cleanup();
      s = undefined as unknown as Sys;
      expect(children()).to.not.match(/chrom/);
    });
  });

  describe('without Chromium', () => {
    let s: Sys;
    const saved = process.env.CHROMIUM_PATH;
    before(async () => {
      process.env.CHROMIUM_PATH = '/nonexistent/chromium';
      s = await startTestSystem();
    });
    after(async () => {
      if (saved === undefined) delete process.env.CHROMIUM_PATH; else process.env.CHROMIUM_PATH = saved;
      await s.cleanup();
    });

    it('does not offer PDF: 406 lists what it does offer', async () => {
      const doc = await approvedDocument(s);
      const res = await get(s, doc.href, 'application/pdf');
      expect(res.status).to.equal(406);
      const body = await res.json();
      expect(body.accepts).to.deep.equal(['text/html', 'application/json']);
      expect(body.detail).to.not.include('pdf');
    });
  });
});
