// Pieces every printed document shares: escaping, dates and numbers as an official letter writes them.
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const DIGITS = '〇一二三四五六七八九';
/** 1–99 in Chinese numerals, as an official letter writes a period (六个月, 十二个月, 二十四个月). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10), ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}${tens ? '十' : ''}${ones ? DIGITS[ones] : ''}`;
}
/** An A4 page in the style of an official letter; `body` is HTML already escaped. */
export const a4Page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
  @page { size: A4; margin: 25mm 26mm; }
  body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.8; max-width: 170mm; margin: 2em auto; color: #000; }
  h1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; text-align: center; font-size: 20pt; margin: 0.5em 0; }
  .no { text-align: center; } .right { text-align: right; } table { border-collapse: collapse; width: 100%; font-size: 12pt; }
  td, th { border: 1px solid #000; padding: 4px 6px; vertical-align: top; } .en { font-size: 10pt; color: #444; }
  .foot { font-size: 9pt; color: #555; border-top: 1px solid #999; margin-top: 2em; word-break: break-all; }
  @media print { .en { color: #000; } }
</style></head><body>
${body}
</body></html>`;
