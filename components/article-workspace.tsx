'use client';
// The article page's client side: the ProseMirror view of the article with its annotation
// plugins, the selection toolbar, hover cards, the chooser for overlapping passages, the sidebar
// and the details panel. Annotation data lives in the annotations plugin's state; React renders
// from snapshots of it and sends changes back as transactions.
import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleDto } from '@/db/queries/articles';
import { byDocumentOrder } from '@/lib/annotations/order';
import { unpackAnnotations, type PackedAnnotations } from '@/lib/annotations/pack';
import { STATUS_LABEL, type Status } from '@/lib/annotations/status';
import type { Viewer } from '@/lib/viewer';
import { ApiError, api } from './api-client';
import { AnnotationDetails } from './annotation-details';
import { AnnotationSidebar, type SidebarFilters } from './annotation-sidebar';
import { ExportMenu } from './export-menu';
import { SelectionToolbar } from './selection-toolbar';
import { annotationsKey, annotationsPlugin, dispatchAnnotations, supportsCssHighlights, type AnnotationState, type ClientAnnotation } from './editor/annotations-plugin';
import { highlightPainterPlugin } from './editor/highlight-painter';
import { readOnlyPlugin } from './editor/read-only-plugin';
import { selectionDraft, type SelectionDraft } from './editor/selection';
import { useEditorView } from './editor/use-editor-view';

const POLL_MS = 2500;

interface Props {
  article: Omit<ArticleDto, 'plainText'>;
  viewer: Viewer;
  /** The annotations at render time, packed (lib/annotations/pack.ts). */
  initialAnnotations: PackedAnnotations;
  /** Server time (ms) the initial list was read at: polling asks for changes from there. */
  initialCursor: number;
}

interface Popup {
  ids: number[];
  x: number;
  y: number;
}

export function canChange(viewer: Viewer, a: ClientAnnotation) {
  return a.id > 0 && (a.author.id === viewer.id || viewer.role === 'admin');
}

export function ArticleWorkspace({ article, viewer, initialAnnotations, initialCursor }: Props) {
  const [snapshot, setSnapshot] = useState<AnnotationState | null>(null);
  const [draft, setDraft] = useState<SelectionDraft | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [chooser, setChooser] = useState<Popup | null>(null);
  const [hover, setHover] = useState<Popup | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filters, setFilters] = useState<SidebarFilters>({ statuses: [], reviewer: null, mine: false });
  const columnRef = useRef<HTMLElement | null>(null);
  const viewRef = useRef<EditorView | null>(null);
  const flashTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const events = useRef({ click: (_v: EditorView, _pos: number, _e: MouseEvent) => false, hover: (_v: EditorView, _e: MouseEvent) => {} });

  const onUpdate = useCallback((view: EditorView) => {
    viewRef.current = view;
    const state = annotationsKey.getState(view.state)!;
    setSnapshot((prev) => (prev === state ? prev : state));
    setDraft((prev) => {
      const next = selectionDraft(view);
      return prev && next && prev.start === next.start && prev.end === next.end ? prev : next;
    });
  }, []);

  const { mountRef, view } = useEditorView(
    article.doc,
    () => [
      readOnlyPlugin(),
      annotationsPlugin((index) => unpackAnnotations(initialAnnotations, index), () => !supportsCssHighlights()),
      highlightPainterPlugin(),
      new Plugin({
        props: {
          handleClick: (v, pos, e) => events.current.click(v, pos, e),
          handleDOMEvents: {
            mousemove: (v, e) => {
              events.current.hover(v, e);
              return false;
            },
            mouseleave: () => {
              setHover(null);
              return false;
            },
          },
        },
      }),
    ],
    onUpdate,
  );

  const annotations = useMemo(() => (snapshot ? snapshot.all().sort(byDocumentOrder) : []), [snapshot]);

  const visible = useMemo(
    () =>
      annotations.filter(
        (a) =>
          (filters.statuses.length === 0 || filters.statuses.includes(a.status)) &&
          (filters.reviewer === null || a.author.id === filters.reviewer) &&
          (!filters.mine || a.author.id === viewer.id),
      ),
    [annotations, filters, viewer.id],
  );

  /** Scrolls the article to an annotation's passage and flashes it. */
  const reveal = useCallback((id: number) => {
    const v = viewRef.current;
    if (!v) return;
    const range = annotationsKey.getState(v.state)!.range(id);
    if (!range) return;
    const coords = v.coordsAtPos(range.from);
    window.scrollTo({ top: Math.max(0, window.scrollY + coords.top - window.innerHeight / 3), behavior: 'smooth' });
    dispatchAnnotations(v, { type: 'focus', id });
    clearTimeout(flashTimer.current);
    flashTimer.current = setTimeout(() => {
      if (viewRef.current && annotationsKey.getState(viewRef.current.state)!.focusedId === id) dispatchAnnotations(viewRef.current, { type: 'focus', id: null });
    }, 1800);
  }, []);

  const open = useCallback(
    (id: number) => {
      setChooser(null);
      setOpenId(id);
      setActiveId(id);
      reveal(id);
    },
    [reveal],
  );

  events.current.click = (v, pos) => {
    if (!v.state.selection.empty) return false;
    const here = annotationsKey.getState(v.state)!.at(pos);
    if (here.length === 1) open(here[0].id);
    else if (here.length > 1) {
      const c = v.coordsAtPos(pos);
      const col = columnRef.current!.getBoundingClientRect();
      setChooser({ ids: here.map((a) => a.id), x: c.left - col.left, y: c.bottom - col.top + 6 });
    } else setChooser(null);
    return false;
  };

  const hoverFrame = useRef(0);
  events.current.hover = (v, e) => {
    cancelAnimationFrame(hoverFrame.current);
    const { clientX, clientY } = e;
    hoverFrame.current = requestAnimationFrame(() => {
      const found = v.posAtCoords({ left: clientX, top: clientY });
      const here = found ? annotationsKey.getState(v.state)!.at(found.pos) : [];
      const col = columnRef.current?.getBoundingClientRect();
      setHover((prev) => {
        if (here.length === 0 || !col) return null;
        const ids = here.map((a) => a.id);
        if (prev && prev.ids.join() === ids.join()) return prev;
        return { ids, x: clientX - col.left + 12, y: clientY - col.top + 18 };
      });
    });
  };

  const create = useCallback(
    async (status: Status) => {
      const v = viewRef.current;
      const d = v ? selectionDraft(v) : null;
      if (!v || !d) return;
      const now = new Date().toISOString();
      const tempId = -Date.now();
      const optimistic: ClientAnnotation = {
        id: tempId,
        articleId: article.id,
        status,
        start: d.start,
        end: d.end,
        exact: d.exact,
        prefix: '',
        suffix: '',
        note: '',
        sources: [],
        author: { id: viewer.id, name: viewer.name },
        createdAt: now,
        updatedAt: now,
        pending: true,
      };
      v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, d.to)).setMeta(annotationsKey, { type: 'upsert', annotations: [optimistic] }));
      try {
        const saved = await api.createAnnotation(article.id, { start: d.start, end: d.end, status, exact: d.exact });
        dispatchAnnotations(v, { type: 'replace', id: tempId, annotation: saved });
        setNotice(null);
        setOpenId(saved.id);
        setActiveId(saved.id);
      } catch (error) {
        dispatchAnnotations(v, { type: 'remove', ids: [tempId] });
        setNotice(`The annotation was not saved: ${error instanceof ApiError ? error.message : 'unexpected error.'}`);
      }
    },
    [article.id, viewer.id, viewer.name],
  );

  const move = useCallback(
    (delta: 1 | -1) => {
      if (visible.length === 0) return;
      const at = visible.findIndex((a) => a.id === activeId);
      const next = at < 0 ? (delta > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, at + delta));
      setActiveId(visible[next].id);
      reveal(visible[next].id);
    },
    [visible, activeId, reveal],
  );

  // Keyboard: 1/2/3 mark the selection; j/k move between annotations; Escape closes popups.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || t?.closest('input, textarea, select')) return;
      const statusByKey: Record<string, Status> = { '1': 'verified', '2': 'disputed', '3': 'needs_source' };
      if (statusByKey[e.key] && viewRef.current && selectionDraft(viewRef.current)) {
        e.preventDefault();
        void create(statusByKey[e.key]);
      } else if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        move(e.key === 'j' ? 1 : -1);
      } else if (e.key === 'Enter' && activeId !== null && (t === document.body || t?.getAttribute('role') === 'listbox')) {
        open(activeId);
      } else if (e.key === 'Escape') {
        setChooser(null);
        setHover(null);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [create, move, open, activeId]);

  // Other reviewers' work arrives by polling for changes since the last answer.
  useEffect(() => {
    if (!view) return;
    let cursor = initialCursor;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const changes = await api.changes(article.id, cursor);
        cursor = changes.cursor;
        if (changes.deleted.length) dispatchAnnotations(view, { type: 'remove', ids: changes.deleted });
        if (changes.annotations.length) dispatchAnnotations(view, { type: 'upsert', annotations: changes.annotations });
      } catch {
        // Try again on the next tick; a lasting problem shows when the reviewer saves.
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [view, article.id, initialCursor]);

  const toolbarAt = useMemo(() => {
    if (!draft || !view || !columnRef.current) return null;
    const c = view.coordsAtPos(draft.to);
    const col = columnRef.current.getBoundingClientRect();
    return { x: Math.max(0, Math.min(c.left - col.left - 40, col.width - 360)), y: c.bottom - col.top + 8 };
  }, [draft, view]);

  const openAnnotation = openId !== null ? snapshot?.get(openId) : undefined;
  const byId = (id: number) => snapshot?.get(id);

  return (
    <main className="workspace">
      <article className="article-column" ref={columnRef}>
        <header className="article-meta">
          <ExportMenu
            articleId={article.id}
            status={filters.statuses.length === 1 ? filters.statuses[0] : undefined}
            reviewer={filters.mine ? viewer.id : (filters.reviewer ?? undefined)}
          />
          <h1>{article.title}</h1>
          <p className="muted">
            {[article.byline, article.publisher, article.publishedAt].filter(Boolean).join(' · ')}
            {article.sourceUrl && /^https?:/i.test(article.sourceUrl) && (
              <>
                {' · '}
                <a href={article.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
                  Original article
                </a>
              </>
            )}
          </p>
          <p className="muted small hint">Select a passage to mark it. Press 1, 2 or 3 with a selection; j / k move between annotations.</p>
        </header>
        {notice && (
          <div className="notice" role="alert">
            {notice}
            <button type="button" className="link-button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        <div ref={mountRef} data-testid="article-view" />
        {draft && toolbarAt && <SelectionToolbar x={toolbarAt.x} y={toolbarAt.y} onMark={(s) => void create(s)} />}
        {hover && !chooser && !draft && (
          <div className="hover-card" role="tooltip" style={{ left: hover.x, top: hover.y }} data-testid="hover-card">
            {hover.ids.length > 1 && <div className="small muted">{hover.ids.length} annotations here — click to choose</div>}
            {hover.ids.slice(0, 3).map((id) => {
              const a = byId(id);
              return a ? (
                <div key={id} className="hover-item">
                  <span className={`status-chip ${a.status}`}>{STATUS_LABEL[a.status]}</span> <strong>{a.author.name}</strong>
                  {a.note && <div className="small">{a.note.length > 120 ? `${a.note.slice(0, 120)}…` : a.note}</div>}
                </div>
              ) : null;
            })}
          </div>
        )}
        {chooser && (
          <div className="chooser" role="menu" aria-label="Annotations at this spot" style={{ left: chooser.x, top: chooser.y }} data-testid="chooser">
            {chooser.ids.map((id) => {
              const a = byId(id);
              return a ? (
                <button key={id} type="button" role="menuitem" onClick={() => open(id)}>
                  <span className={`status-chip ${a.status}`}>{STATUS_LABEL[a.status]}</span> {a.author.name}: “{a.exact.length > 50 ? `${a.exact.slice(0, 50)}…` : a.exact}”
                </button>
              ) : null;
            })}
          </div>
        )}
      </article>
      <aside className="sidebar" aria-label="Annotations">
        {openAnnotation && (
          <AnnotationDetails
            key={openAnnotation.id}
            annotation={openAnnotation}
            editable={canChange(viewer, openAnnotation)}
            onChanged={(a) => view && dispatchAnnotations(view, { type: 'upsert', annotations: [a] })}
            onDeleted={(id) => {
              if (view) dispatchAnnotations(view, { type: 'remove', ids: [id] });
              setOpenId(null);
            }}
            onClose={() => setOpenId(null)}
          />
        )}
        <AnnotationSidebar
          annotations={annotations}
          visible={visible}
          viewer={viewer}
          filters={filters}
          onFilters={setFilters}
          activeId={activeId}
          orphanIds={snapshot ? new Set(snapshot.orphans.keys()) : new Set()}
          onPick={open}
          onMove={move}
        />
      </aside>
    </main>
  );
}
