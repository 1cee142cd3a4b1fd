// The process diagram from what the API publishes (`diagram.graph`; before that, the Mermaid text's
// edges), laid out by dagre into SVG: the current state highlighted, the states passed marked.
import dagre from '@dagrejs/dagre';
import { useEffect, useMemo, useRef } from 'react';
import type { Graph, Workflow } from '../data.ts';
import { useI18n, type Lang } from '../i18n/index.tsx';

const norm = (id: string) => id.replace(/\./g, '_');

/** A graph from the older Mermaid-only answer: each declared state a node, `a --> b: EVENT` an edge. */
export function graphOf(wf: Workflow): Graph {
  if (wf.diagram.graph) return wf.diagram.graph;
  const nodes = wf.states.map((s) => ({ id: s.name, parent: null, title: typeof s.title === 'string' ? { zh: s.title } : s.title, final: s.final }));
  const known = new Set(nodes.map((n) => norm(n.id)));
  const byNorm = new Map(nodes.map((n) => [norm(n.id), n.id]));
  const edges = [...(wf.diagram.source ?? '').matchAll(/^\s*(\w+) --> (\w+): (\S+)/gm)]
    .filter((m) => known.has(m[1]) && known.has(m[2]) && m[1] !== m[2])
    .map((m) => ({ from: byNorm.get(m[1])!, to: byNorm.get(m[2])!, event: m[3] }));
  return { nodes, edges };
}

const W = 150, H = 44;

function layout(g: Graph, lang: Lang) {
  const d = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  d.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 40, marginx: 8, marginy: 8 });
  d.setDefaultEdgeLabel(() => ({}));
  const parents = new Set(g.nodes.map((n) => n.parent).filter(Boolean));
  for (const n of g.nodes) d.setNode(n.id, { width: W, height: H, label: (lang === 'en' && n.title.en) || n.title.zh || n.id });
  for (const n of g.nodes) if (n.parent && g.nodes.some((p) => p.id === n.parent)) d.setParent(n.id, n.parent);
  // dagre draws no edge at a compound node: aim at its initial (or first) child, down to a leaf,
  // since a child may be compound itself (P4's open → beforeTheVote → nomination).
  const leaf = (id: string): string => {
    if (!parents.has(id)) return id;
    return leaf(g.nodes.find((n) => n.parent === id && n.initial)?.id ?? g.nodes.find((n) => n.parent === id)!.id);
  };
  g.edges.forEach((e, i) => {
    const to = leaf(e.to), from = leaf(e.from);
    if (from !== to) d.setEdge(from, to, {}, `e${i}`);
  });
  dagre.layout(d);
  return { d, parents };
}

export function Diagram({ wf, state, passed }: { wf: Workflow; state: string; passed: string[] }) {
  const { lang, t } = useI18n();
  const g = useMemo(() => graphOf(wf), [wf]);
  const { d, parents } = useMemo(() => layout(g, lang), [g, lang]);
  const current = (id: string) => norm(state) === norm(id) || norm(state).startsWith(`${norm(id)}_`) || state.includes(`"${id}"`);
  const wasPassed = (id: string) => passed.some((p) => norm(p) === norm(id) || norm(p).startsWith(`${norm(id)}_`));
  const { width = 300, height = 100 } = d.graph();
  const box = useRef<HTMLDivElement>(null);
  // On a narrow screen, scroll the current state into view.
  useEffect(() => {
    const el = box.current; const cur = d.nodes().find((id) => !parents.has(id) && current(id));
    if (el && cur) el.scrollLeft = d.node(cur).x - el.clientWidth / 2;
  }, [d, state]);
  const label = `${t('diagram')}: ${g.nodes.filter((n) => current(n.id)).map((n) => n.title[lang] ?? n.title.zh).join('、')}`;
  return (
    <div ref={box} style={{ overflowX: 'auto' }} tabIndex={0} role="group" aria-label={t('diagram')}>
      <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: 'none' }}>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#64748b" /></marker></defs>
        {d.nodes().filter((id) => parents.has(id)).map((id) => {
          const n = d.node(id);
          return <g key={id}><rect x={n.x - n.width / 2} y={n.y - n.height / 2} width={n.width} height={n.height} rx={10} fill="#f8fafc" stroke="#94a3b8" strokeDasharray="4 3" />
            <text x={n.x - n.width / 2 + 8} y={n.y - n.height / 2 + 14} fontSize={12} fill="#334155">{n.label}</text></g>;
        })}
        {d.edges().map((e) => {
          const pts = d.edge(e).points ?? [];
          return <polyline key={e.name} points={pts.map((p: { x: number; y: number }) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#64748b" strokeWidth={1.2} markerEnd="url(#arrow)" />;
        })}
        {d.nodes().filter((id) => !parents.has(id)).map((id) => {
          const n = d.node(id);
          const cur = current(id), was = wasPassed(id);
          return (
            <g key={id} data-state={id} data-current={cur || undefined} data-passed={was || undefined}>
              <rect x={n.x - W / 2} y={n.y - H / 2} width={W} height={H} rx={8} fill={cur ? '#1d4ed8' : was ? '#dcfce7' : '#fff'} stroke={cur ? '#1e3a8a' : was ? '#15803d' : '#94a3b8'} strokeWidth={cur ? 3 : 1.5} />
              <text x={n.x} y={n.y + 5} textAnchor="middle" fontSize={13} fill={cur ? '#fff' : '#0f172a'}>{(was && !cur ? '✓ ' : '') + String(n.label).slice(0, 12)}</text>
            </g>
          );
        })}
      </svg>
      <div style={{ fontSize: 12, color: '#475569' }}>
        <span style={{ display: 'inline-block', width: 12, height: 12, background: '#1d4ed8', marginRight: 4, verticalAlign: 'middle' }} />{t('current')}
        <span style={{ display: 'inline-block', width: 12, height: 12, background: '#dcfce7', border: '1px solid #15803d', margin: '0 4px 0 12px', verticalAlign: 'middle' }} />{t('taken')}
      </div>
    </div>
  );
}
