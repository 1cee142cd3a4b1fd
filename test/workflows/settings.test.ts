// Settings: declared by their owners (a process folder, or workflows/settings.ts for the generic
// ones), each with a schema, titles, rule and source; SETTINGS_JSON only by their own names.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processSettings } from '../../workflows/registry.ts';
import { DEFAULT_SETTINGS, GENERIC_SETTINGS, loadSettings, SETTINGS, settingProblems } from '../../workflows/settings.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const sources = (dir: string): string[] => readdirSync(join(ROOT, dir)).flatMap((f) => {
  const p = join(dir, f);
  return statSync(join(ROOT, p)).isDirectory() ? sources(p) : f.endsWith('.ts') ? [p] : [];
});

describe('settings', () => {
  it('overrides a [default] by name', () => {
    expect(loadSettings('{"approvalAnswerWorkingDays":15}')).to.deep.equal({ ...DEFAULT_SETTINGS, approvalAnswerWorkingDays: 15 });
  });

  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])
    it(`refuses ${key}, a name every JavaScript object inherits, as an unknown setting`, () => {
      expect(() => loadSettings(`{"${key}":1}`)).to.throw(`unknown setting ${key}`);
    });

  it('refuses a SETTINGS_JSON value its key\'s schema refuses', () => {
    expect(() => loadSettings('{"reminderHour":24}')).to.throw(/reminderHour/);
    expect(() => loadSettings('{"grassrootsOrgKinds":"grassroots_union"}')).to.throw(/grassrootsOrgKinds/);
  });

  it('is the union of the generic declarations and each process\'s, every key declared once', () => {
    const groups = [GENERIC_SETTINGS, ...processSettings.map((p) => p.settings)];
    const keys = groups.flatMap((g) => Object.keys(g));
    expect(new Set(keys).size).to.equal(keys.length);
    expect(SETTINGS.map((s) => s.key)).to.deep.equal(keys);
    expect(Object.keys(DEFAULT_SETTINGS)).to.deep.equal(keys);
  });

  for (const s of SETTINGS)
    it(`${s.key}: titled zh/en, cites its rule and source, and its default passes its own schema`, () => {
      expect(s.decl.title.zh).to.match(/[\u4e00-\u9fff]/);
      expect(s.decl.title.en).to.match(/[a-z]/);
      expect(s.decl.source).to.be.a('string').and.not.equal('');
      if (s.decl.rule) expect(s.decl.rule.rule).to.match(/^R-/) && expect(s.decl.rule.clause).to.match(/^§/);
      expect(settingProblems(s.key, s.decl.default)).to.deep.equal([]);
    });

  it('names a process\'s own settings only in its folder (and the registry): generic code reads them through the process', () => {
    const files = ['workflows', 'server', 'db', 'notifications'].flatMap(sources);
    const found: string[] = [];
    for (const { owner, settings } of processSettings)
      for (const key of Object.keys(settings))
        for (const f of files)
          if (!f.startsWith(`workflows/${owner}/`) && new RegExp(`\\b${key}\\b`).test(readFileSync(join(ROOT, f), 'utf8'))) found.push(`${key} in ${f}`);
    expect(found).to.deep.equal([]);
  });
});
