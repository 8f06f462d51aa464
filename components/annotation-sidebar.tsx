'use client';
// Every annotation of the article in document order, with counts per status and filters.
// The list is windowed (only the cards in view are in the DOM), so thousands stay instant.
// Above it, after a revision: the stale verdicts to re-check, and the ones whose passage the
// revision removed (with their old quote; they are not in the text any more). Each card says how
// many replies its annotation has.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ANCHOR_STATE_LABEL } from '@/lib/revisions/types';
import { STATUSES, STATUS_LABEL, type Status } from '@/lib/annotations/status';
import { replyCountText } from '@/lib/replies/types';
import type { Viewer } from '@/lib/viewer';
import { isRemoved, isStale, type ClientAnnotation } from './editor/annotations-plugin';
import './replies.css';

/** One reviewer at most: "Mine" and a chosen reviewer replace each other, so the export can name the same one. */
export interface SidebarFilters {
  statuses: Status[];
  reviewer: number | null;
  mine: boolean;
}

const CARD_HEIGHT = 96;
const OVERSCAN = 6;

interface Props {
  annotations: ClientAnnotation[];
  /** The annotations the filters let through, placed ones in document order, then removed ones. */
  visible: ClientAnnotation[];
  viewer: Viewer;
  filters: SidebarFilters;
  onFilters: (f: SidebarFilters) => void;
  activeId: number | null;
  /** Annotations not placed in the text (not found, or removed by a revision). */
  orphanIds: Set<number>;
  onPick: (id: number) => void;
  onMove: (delta: 1 | -1) => void;
}

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function AnnotationSidebar({ annotations, visible: filtered, viewer, filters, onFilters, activeId, orphanIds, onPick, onMove }: Props) {
  const listRef = useRef<HTMLDivElement | null>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const { visible, stale, removed } = useMemo(() => {
    const groups = { visible: [] as ClientAnnotation[], stale: [] as ClientAnnotation[], removed: new Map<number, ClientAnnotation[]>() };
    for (const a of filtered) {
      if (isRemoved(a)) {
        const n = a.anchor?.revision ?? 0;
        groups.removed.set(n, [...(groups.removed.get(n) ?? []), a]);
        continue;
      }
      groups.visible.push(a);
      if (isStale(a)) groups.stale.push(a);
    }
    return groups;
  }, [filtered]);
  const card = (a: ClientAnnotation) => (
    <span className="card-top">
      <span className={`status-chip ${a.status}`}>{STATUS_LABEL[a.status]}</span>
      <span className="small muted">{a.author.id === viewer.id ? 'You' : a.author.name}</span>
      {a.pending && <span className="small muted">saving…</span>}
      {isStale(a) && <span className="stale-tag small">{ANCHOR_STATE_LABEL.changed}</span>}
      {a.anchor?.state === 'moved' && <span className="moved-tag small">moved</span>}
      {orphanIds.has(a.id) && !isRemoved(a) && <span className="small warn">passage not found</span>}
      {a.replyCount > 0 && (
        <span className="reply-count small muted" data-testid="reply-count">
          {replyCountText(a.replyCount)}
        </span>
      )}
    </span>
  );

  const counts = useMemo(() => {
    const c: Record<Status, number> = { verified: 0, disputed: 0, needs_source: 0 };
    for (const a of annotations) c[a.status]++;
    return c;
  }, [annotations]);
  const reviewers = useMemo(() => {
    const m = new Map<number, string>();
    for (const a of annotations) m.set(a.author.id, a.author.name);
    return [...m].sort((a, b) => a[1].localeCompare(b[1]));
  }, [annotations]);

  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the active card in view.
  useEffect(() => {
    const el = listRef.current;
    const i = visible.findIndex((a) => a.id === activeId);
    if (!el || i < 0) return;
    const top = i * CARD_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + CARD_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + CARD_HEIGHT - el.clientHeight;
  }, [activeId, visible]);

  const first = Math.max(0, Math.floor(scroll.top / CARD_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((scroll.top + scroll.height) / CARD_HEIGHT) + OVERSCAN);
  // The list is windowed: point at the active card only while it is in the DOM (and in this list,
  // not in a re-check group), or the attribute names nothing.
  const activeIndex = activeId === null ? -1 : visible.findIndex((a) => a.id === activeId);
  const activeRendered = activeIndex >= first && activeIndex < last;
  const toggle = (s: Status) => onFilters({ ...filters, statuses: filters.statuses.includes(s) ? filters.statuses.filter((x) => x !== s) : [...filters.statuses, s] });

  return (
    <section className="annotation-list-panel">
      <div className="panel-head">
        <h2>
          Annotations <span className="muted">({annotations.length})</span>
        </h2>
        <div className="filters" role="group" aria-label="Filter by status">
          {STATUSES.map((s) => (
            <button key={s} type="button" className={`filter-chip status-chip ${s}`} aria-pressed={filters.statuses.includes(s)} onClick={() => toggle(s)} data-testid={`count-${s}`}>
              {STATUS_LABEL[s]} {counts[s]}
            </button>
          ))}
        </div>
        <div className="filters">
          <label className="small">
            Reviewer{' '}
            <select value={filters.reviewer ?? ''} onChange={(e) => onFilters({ ...filters, reviewer: e.target.value ? Number(e.target.value) : null, mine: false })}>
              <option value="">Everyone</option>
              {reviewers.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="small">
            <input type="checkbox" checked={filters.mine} onChange={(e) => onFilters({ ...filters, mine: e.target.checked, reviewer: e.target.checked ? null : filters.reviewer })} /> Mine
          </label>
        </div>
        {filtered.length !== annotations.length && <p className="small muted">Showing {filtered.length} of {annotations.length}.</p>}
      </div>
      {(stale.length > 0 || removed.size > 0) && (
        <div className="revision-groups">
          {stale.length > 0 && (
            <section id="recheck" className="annotation-group" aria-labelledby="recheck-heading" data-testid="recheck-group">
              <h3 id="recheck-heading">
                Re-check <span className="muted">({stale.length})</span>
              </h3>
              <ul>
                {stale.map((a) => (
                  <li key={a.id}>
                    <button type="button" className={`group-card ${a.id === activeId ? 'active' : ''}`} onClick={() => onPick(a.id)} data-testid="recheck-card">
                      {card(a)}
                      <span className="card-quote" dir="auto">“{excerpt(a.exact, 90)}”</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {[...removed].map(([n, list]) => (
            <section key={n} className="annotation-group" aria-labelledby={`removed-${n}-heading`} data-testid="removed-group">
              <h3 id={`removed-${n}-heading`}>
                Removed in revision {n} <span className="muted">({list.length})</span>
              </h3>
              <ul>
                {list.map((a) => (
                  <li key={a.id}>
                    <button type="button" className={`group-card ${a.id === activeId ? 'active' : ''}`} onClick={() => onPick(a.id)} data-testid="removed-card">
                      {card(a)}
                      <span className="card-quote" dir="auto">“{excerpt(a.anchor?.previousExact ?? a.exact, 90)}”</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {/* With the groups above, say what the list below is: every verdict, the grouped ones again. */}
      {(stale.length > 0 || removed.size > 0) && visible.length > 0 && <h3 className="list-heading">All in the text, in order</h3>}
      {/* Outside the listbox: a listbox may own only options. */}
      {visible.length === 0 && (
        <p className="small muted empty">{annotations.length === 0 ? 'No annotations yet. Select a passage to add one.' : filtered.length === 0 ? 'No annotation matches these filters.' : 'None in the text.'}</p>
      )}
      <div
        ref={listRef}
        className="annotation-list"
        role="listbox"
        tabIndex={0}
        aria-label="Annotations in document order"
        aria-activedescendant={activeRendered ? `card-${activeId}` : undefined}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            onMove(e.key === 'ArrowDown' ? 1 : -1);
          }
        }}
      >
        <div style={{ height: visible.length * CARD_HEIGHT, position: 'relative' }}>
          {visible.slice(first, last).map((a, i) => (
            <div
              key={a.id}
              id={`card-${a.id}`}
              role="option"
              aria-selected={a.id === activeId}
              className={`annotation-card ${a.id === activeId ? 'active' : ''}`}
              style={{ top: (first + i) * CARD_HEIGHT, height: CARD_HEIGHT - 8 }}
              onClick={() => onPick(a.id)}
              data-testid="annotation-card"
            >
              {card(a)}
              <div className="card-quote" dir="auto">“{excerpt(a.exact, 90)}”</div>
              {a.note && <div className="card-note small muted" dir="auto">{excerpt(a.note, 90)}</div>}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
