// The language switch: zh-CN by default, English on request, remembered in localStorage.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.ts';
import { zh, type Dict } from './zh.ts';

export type Lang = 'zh' | 'en';
export type Key = keyof Dict;
const DICTS: Record<Lang, Dict> = { zh, en };
const STORE = 'uw.lang';

type I18n = { lang: Lang; setLang(l: Lang): void; t(k: Key, vars?: Record<string, string | number>): string; pick(x: { zh: string; en?: string } | string | undefined): string };
const Ctx = createContext<I18n | null>(null);

const initial = (): Lang => (localStorage.getItem(STORE) === 'en' ? 'en' : 'zh');

/** The zh or en half of a server text: `{zh,en}` objects, or the house style '中文 / English' strings. */
export function pickText(lang: Lang, x: { zh: string; en?: string } | string | undefined): string {
  if (x == null) return '';
  if (typeof x === 'object') return (lang === 'en' ? x.en : x.zh) || x.zh || '';
  const i = x.indexOf(' / ');
  if (i < 0) return x;
  return lang === 'en' ? x.slice(i + 3) : x.slice(0, i);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, set] = useState<Lang>(initial);
  const value = useMemo<I18n>(() => ({
    lang,
    setLang: (l) => { localStorage.setItem(STORE, l); document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en'; set(l); },
    t: (k, vars) => DICTS[lang][k].replace(/\{(\w+)\}/g, (_, v: string) => String(vars?.[v] ?? '')),
    pick: (x) => pickText(lang, x),
  }), [lang]);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}
