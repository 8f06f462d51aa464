'use client';
// The article page's client side: layout and filter state around one ProseMirror view. The
// behaviour lives in the view's plugins (components/editor/): annotation data, the annotation UI
// (hover, click, chooser, open and active annotation), painting, the check-worthy claims and the
// keymap; React renders from snapshots of their state and sends changes back as transactions.
// Claims are fetched once (and after a dismissal), and their state is recomputed here from the
// verdicts the view holds, so it follows every verdict as it arrives. URL fragments
// #annotation-<id> and #passage-<start>-<end> select what they name, on load and on hashchange.
import type { EditorView } from 'prosemirror-view';
import { startTransition, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleDto } from '@/db/queries/articles';
import { unpackAnnotations, type PackedAnnotations } from '@/lib/annotations/pack';
import { claimStates, type ClaimBase, type ClaimDismissalRef } from '@/lib/claims/state';
import type { ClaimCoverage, ClaimDto } from '@/lib/claims/types';
import { STATUSES, STATUS_SHORTCUT, type Status } from '@/lib/annotations/status';
import type { RevisionDto } from '@/lib/revisions/types';
import type { Viewer } from '@/lib/viewer';
import { ApiError, call, conflictRevision, revisionApi } from './api-client';
import { AnnotationChooser } from './annotation-chooser';
import { AnnotationDetails } from './annotation-details';
import { AnnotationHoverCard } from './annotation-hover-card';
import { AnnotationSidebar, type SidebarFilters } from './annotation-sidebar';
import { ArticleRevisionBanner } from './article-revision-banner';
import { ClaimsList } from './claims-list';
import { ExportMenu } from './export-menu';
import { SelectionToolbar } from './selection-toolbar';
import { annotationUiKey, annotationUiPlugin, AnnotationUiState, dispatchUi, revealTr } from './editor/annotation-ui-plugin';
import { annotationsKey, annotationsPlugin, dispatchAnnotations, isRemoved, isStale, supportsCssHighlights, type AnnotationState, type ClientAnnotation } from './editor/annotations-plugin';
import { claimsPlugin, dispatchClaims, selectRangeTr } from './editor/claims-plugin';
import { markSelection, moveActive, openNextToRecheck } from './editor/commands';
import { highlightPainterPlugin } from './editor/highlight-painter';
import { keymapPlugin } from './editor/keymap';
import { languagePlugin } from './editor/language-plugin';
import { readOnlyPlugin } from './editor/read-only-plugin';
import { richContentPlugin } from './editor/rich-content-plugin';
import { selectionDraft, type SelectionDraft } from './editor/selection';
import { bindShortcuts, CLAIM_KEYS_LABEL, NEXT_KEY, PREVIOUS_KEY, RECHECK_KEY, type ShortcutEnv } from './editor/shortcuts';
import { useEditorView } from './editor/use-editor-view';
import { useAnnotationPolling } from './use-annotation-polling';
import './rich-content.css';

interface Props {
  article: Omit<ArticleDto, 'plainText'>;
  viewer: Viewer;
  /** The annotations at render time, packed (lib/annotations/pack.ts). */
  initialAnnotations: Promise<PackedAnnotations>;
  /** Server time (ms) the initial list was read at: polling asks for changes from there. */
  initialCursor: number;
  /** The current revision's metadata: the banner's facts. */
  revision: RevisionDto;
  /** How many revisions the article has (the banner shows from 2). */
  revisionCount: number;
}

/** GET /api/articles/:id/claims. */
interface ClaimList {
  claims: ClaimDto[];
  coverage: ClaimCoverage;
  revision: number;
}

/** The fetched claims as the state computation takes them: sentences, and the active dismissals. */
function claimInputs(list: ClaimList): { base: ClaimBase[]; dismissals: ClaimDismissalRef[] } {
  return {
    base: list.claims.map(({ start, end, text, reasons }) => ({ start, end, text, reasons })),
    dismissals: list.claims.flatMap((c) => (c.dismissal ? [{ ...c.dismissal, start: c.start, end: c.end }] : [])),
  };
}

type SidebarTab = 'annotations' | 'claims';
const TABS: { id: SidebarTab; label: string }[] = [
  { id: 'annotations', label: 'Annotations' },
  { id: 'claims', label: 'Claims' },
];

export function canChange(viewer: Viewer, a: ClientAnnotation) {
  return a.id > 0 && (a.author.id === viewer.id || viewer.role === 'admin');
}

const NO_ANNOTATIONS: readonly ClientAnnotation[] = [];

export function ArticleWorkspace({ article, viewer, initialAnnotations, initialCursor, revision, revisionCount }: Props) {
  // Streamed after the rest of the page (it waits for the server's read of every annotation).
  const packed = use(initialAnnotations);
  const [snapshot, setSnapshot] = useState<AnnotationState | null>(null);
  const [ui, setUi] = useState<AnnotationUiState>(AnnotationUiState.empty);
  const [draft, setDraft] = useState<SelectionDraft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** A newer revision than the page shows, once a write or a poll has learnt of one, and what was not saved. */
  const [outdated, setOutdated] = useState<{ revision: number; unsaved: 'selection' | 'change' | null } | null>(null);
  const [filters, setFilters] = useState<SidebarFilters>({ statuses: [], reviewer: null, mine: false });
  const columnRef = useRef<HTMLElement | null>(null);
  const sidebarRef = useRef<HTMLElement | null>(null);
  /** Set by the banner and the sidebar's cards: scroll the details panel into view once it has opened. */
  const showDetailsRef = useRef(false);
  const [showDetails, setShowDetails] = useState(0);
  const envRef = useRef<ShortcutEnv | null>(null);
  const [tab, setTab] = useState<SidebarTab>('annotations');
  const [claimList, setClaimList] = useState<ClaimList | null>(null);
  const [claimsError, setClaimsError] = useState<string | null>(null);
  const [claimBusyAt, setClaimBusyAt] = useState<number | null>(null);

  const onUpdate = useCallback((view: EditorView) => {
    const state = annotationsKey.getState(view.state)!;
    // The view has painted a change already; the sidebar's thousands of cards may follow a frame
    // later rather than hold that frame back (bench/results/paint.md, click → painted).
    startTransition(() => setSnapshot((prev) => (prev === state ? prev : state)));
    setUi(annotationUiKey.getState(view.state)!);
    setDraft((prev) => {
      const next = selectionDraft(view);
      return prev && next && prev.start === next.start && prev.end === next.end ? prev : next;
    });
  }, []);

  const { mountRef, view } = useEditorView(
    article.doc,
    () => [
      readOnlyPlugin(),
      languagePlugin(article),
      richContentPlugin(),
      annotationsPlugin((index) => unpackAnnotations(packed, index), () => !supportsCssHighlights()),
      claimsPlugin(),
      annotationUiPlugin(),
      highlightPainterPlugin(),
      keymapPlugin(() => (envRef.current ? bindShortcuts(envRef.current) : [])),
    ],
    onUpdate,
  );

  /** In the text first (document order), then the ones a revision removed; kept in order by the plugin, a new array only when one changes. */
  const annotations = (snapshot?.list ?? NO_ANNOTATIONS) as ClientAnnotation[];

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

  /** Tells the reviewer the text moved on; the write that found out is rolled back by its caller. */
  const conflict = useCallback((revision: number, unsaved: 'selection' | 'change' | null) => {
    setOutdated((prev) => ({ revision: Math.max(prev?.revision ?? 0, revision), unsaved: unsaved ?? prev?.unsaved ?? null }));
  }, []);

  const save = useCallback(
    async (optimistic: ClientAnnotation) => {
      if (!view) return;
      try {
        const { start, end, status, exact } = optimistic;
        const openBefore = annotationUiKey.getState(view.state)!.openId;
        const saved = await revisionApi.createAnnotation(article.id, article.revision, { start: start!, end: end!, status, exact });
        // The new verdict's details open, unless the reviewer has since opened other details or
        // the chooser over overlapping passages: a late answer must not pull that away.
        const ui = annotationUiKey.getState(view.state)!;
        const tr = view.state.tr.setMeta(annotationsKey, { type: 'replace', id: optimistic.id, annotation: saved });
        view.dispatch(ui.chooser === null && ui.openId === openBefore ? tr.setMeta(annotationUiKey, { type: 'open', id: saved.id }) : tr);
        setNotice(null);
      } catch (error) {
        dispatchAnnotations(view, { type: 'remove', ids: [optimistic.id] });
        const current = conflictRevision(error);
        if (current !== null) conflict(current, 'selection');
        else setNotice(`The annotation was not saved: ${error instanceof ApiError ? error.message : 'unexpected error.'}`);
      }
    },
    [view, article.id, article.revision, conflict],
  );

  const order = useMemo(() => visible.filter((a) => !isRemoved(a)).map((a) => a.id), [visible]);
  /** What the re-check key walks: stale verdicts in document order, then removed ones. */
  const recheck = useMemo(() => [...visible.filter(isStale), ...visible.filter(isRemoved)].map((a) => a.id), [visible]);
  /** Waiting for a re-check whatever the filters show, so the banner never calls hidden work done. */
  const outstanding = useMemo(() => annotations.filter((a) => isStale(a) || isRemoved(a)).length, [annotations]);

  const env = useMemo<ShortcutEnv>(
    () => ({
      articleId: article.id,
      revision: article.revision,
      author: { id: viewer.id, name: viewer.name },
      canWrite: outdated === null,
      save: (a) => void save(a),
      order,
      recheck,
    }),
    [article.id, article.revision, viewer.id, viewer.name, outdated, save, order, recheck],
  );
  useEffect(() => {
    envRef.current = env;
  }, [env]);

  useAnnotationPolling(view, { articleId: article.id, initialCursor, revision: article.revision, onNewRevision: (n) => conflict(n, null) });

  /** Reads the claims again; offsets of a newer revision than the page shows are never used. */
  const loadClaims = useCallback(async () => {
    try {
      const list = await call<ClaimList>('GET', `/api/articles/${article.id}/claims`);
      if (list.revision !== article.revision) {
        conflict(list.revision, null);
        return;
      }
      setClaimList(list);
      setClaimsError(null);
    } catch (error) {
      setClaimsError(`The claims could not be loaded: ${error instanceof ApiError ? error.message : 'unexpected error.'}`);
    }
  }, [article.id, article.revision, conflict]);
  useEffect(() => {
    void loadClaims();
  }, [loadClaims]);

  const claimInput = useMemo(() => (claimList ? claimInputs(claimList) : null), [claimList]);
  /** The claims' state from the verdicts this page holds: follows every verdict as it arrives. */
  const claims = useMemo(() => (claimInput ? claimStates(claimInput.base, annotations, claimInput.dismissals) : null), [claimInput, annotations]);
  useEffect(() => {
    if (view && claims) dispatchClaims(view, claims.claims);
  }, [view, claims]);

  const claimsWritable = outdated === null && !article.archivedAt;
  const changeClaim = useCallback(
    async (claim: ClaimDto, send: () => Promise<unknown>) => {
      setClaimBusyAt(claim.start);
      try {
        await send();
        await loadClaims();
      } catch (error) {
        const current = conflictRevision(error);
        if (current !== null) conflict(current, 'change');
        else setClaimsError(`Not saved: ${error instanceof ApiError ? error.message : 'unexpected error.'}`);
      } finally {
        setClaimBusyAt(null);
      }
    },
    [loadClaims, conflict],
  );
  const dismissClaim = (claim: ClaimDto) =>
    void changeClaim(claim, () => call('POST', `/api/articles/${article.id}/claims/dismissals`, { start: claim.start, end: claim.end, revision: article.revision }));
  const restoreClaim = (claim: ClaimDto) => {
    const id = claim.dismissal?.id;
    if (id !== undefined) void changeClaim(claim, () => call('DELETE', `/api/claim-dismissals/${id}`));
  };

  /** Selects a code-point range of the text in the view (a claim's sentence, a linked passage). */
  const selectRange = useCallback(
    (start: number, end: number) => {
      if (!view) return false;
      const tr = selectRangeTr(view.state, start, end);
      if (!tr) return false;
      view.focus();
      view.dispatch(tr);
      return true;
    },
    [view],
  );
  const selectedClaim = useMemo(() => (draft && claims ? (claims.claims.find((c) => c.start === draft.start && c.end === draft.end) ?? null) : null), [draft, claims]);

  // #annotation-<id> opens that annotation; #passage-<start>-<end> selects that range.
  useEffect(() => {
    if (!view) return;
    const follow = () => {
      const hash = decodeURIComponent(window.location.hash);
      const annotation = /^#annotation-(\d+)$/.exec(hash);
      const passage = /^#passage-(\d+)-(\d+)$/.exec(hash);
      if (annotation) {
        const id = Number(annotation[1]);
        if (!annotationsKey.getState(view.state)!.get(id)) return;
        setTab('annotations');
        view.dispatch(revealTr(view.state, id, true));
      } else if (passage) {
        const [start, end] = [Number(passage[1]), Number(passage[2])];
        if (start < end && selectRange(start, end)) {
          const coords = view.coordsAtPos(view.state.selection.from);
          window.scrollTo({ top: Math.max(0, window.scrollY + coords.top - window.innerHeight / 3) });
        }
      }
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [view, selectRange]);

  const open = useCallback((id: number) => view?.dispatch(revealTr(view.state, id, true)), [view]);
  const move = useCallback((delta: 1 | -1) => view && moveActive(delta, env.order)(view.state, view.dispatch, view), [view, env]);
  const recheckNext = () => view && openNextToRecheck(env.recheck)(view.state, view.dispatch, view);
  // In one column (a phone) the sidebar is below the whole article: a re-check or a card opened
  // from the banner or the list would open out of sight, so scroll its panel into view.
  const showOpened = () => {
    if (!window.matchMedia('(max-width: 900px)').matches) return;
    showDetailsRef.current = true;
    setShowDetails((n) => n + 1);
  };
  useEffect(() => {
    const details = sidebarRef.current?.querySelector('[data-testid="annotation-details"]');
    if (!showDetailsRef.current || !details) return;
    showDetailsRef.current = false;
    details.scrollIntoView({ block: 'start' });
  }, [showDetails, ui.openId]);
  const mark = (status: Status) => view && markSelection(status, env)(view.state, view.dispatch, view);
  const canMark = (status: Status) => !!view && markSelection(status, env)(view.state, undefined, view);

  const col = columnRef.current?.getBoundingClientRect();
  const toolbarAt = useMemo(() => {
    if (!draft || !view || !columnRef.current) return null;
    const c = view.coordsAtPos(draft.to);
    const box = columnRef.current.getBoundingClientRect();
    return { x: Math.max(0, Math.min(c.left - box.left - 40, box.width - 360)), y: c.bottom - box.top + 8 };
  }, [draft, view]);
  const chooserAt = useMemo(() => {
    if (!ui.chooser || !view || !columnRef.current) return null;
    const c = view.coordsAtPos(ui.chooser.pos);
    const box = columnRef.current.getBoundingClientRect();
    return { x: c.left - box.left, y: c.bottom - box.top + 6 };
  }, [ui.chooser, view]);

  const byId = (id: number) => snapshot?.get(id);
  const resolve = (ids: number[]) => ids.map(byId).filter((a): a is ClientAnnotation => a !== undefined);
  const openAnnotation = ui.openId !== null ? byId(ui.openId) : undefined;

  return (
    <main className="workspace">
      <article className="article-column" ref={columnRef}>
        <header className="article-meta">
          <div className="article-actions-bar">
            <a className="button-link" href={`/articles/${article.id}/update`}>
              Update article
            </a>
            <ExportMenu
              articleId={article.id}
              statuses={filters.statuses}
              reviewer={filters.mine ? viewer.id : (filters.reviewer ?? undefined)}
            />
          </div>
          {/* The title may be given in another language than the text's: its own letters decide. */}
          <h1 dir="auto">{article.title}</h1>
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
          <p className="muted small hint">
            Select a passage to mark it. Press {STATUSES.map((s) => STATUS_SHORTCUT[s]).join(', ').replace(/, ([^,]*)$/, ' or $1')} with a selection; {NEXT_KEY} / {PREVIOUS_KEY} move between
            annotations; {CLAIM_KEYS_LABEL} select the next / previous unchecked claim
            {recheck.length > 0 ? `; ${RECHECK_KEY} opens the next verdict to re-check` : ''}.
          </p>
        </header>
        {revisionCount > 1 && (
          <ArticleRevisionBanner
            articleId={article.id}
            revision={revision}
            waiting={recheck.length}
            outstanding={outstanding}
            onRecheck={() => {
              recheckNext();
              showOpened();
            }}
          />
        )}
        {outdated && (
          <div className="notice" role="alert" data-testid="revision-conflict">
            <span>
              This article was updated{outdated.revision > 0 ? ` to revision ${outdated.revision}` : ''} while you worked. Reload to see the new text
              {outdated.unsaved ? ` — your ${outdated.unsaved} was not saved.` : '.'}
            </span>
            <button type="button" className="secondary small" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        )}
        {notice && !outdated && (
          <div className="notice" role="alert">
            {notice}
            <button type="button" className="link-button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        <div ref={mountRef} data-testid="article-view" />
        {draft && toolbarAt && <SelectionToolbar x={toolbarAt.x} y={toolbarAt.y} canMark={canMark} onMark={(s) => void mark(s)} />}
        {ui.hover && !ui.chooser && !draft && col && <AnnotationHoverCard annotations={resolve(ui.hover.ids)} x={ui.hover.clientX - col.left + 12} y={ui.hover.clientY - col.top + 18} />}
        {ui.chooser && chooserAt && <AnnotationChooser annotations={resolve(ui.chooser.ids)} x={chooserAt.x} y={chooserAt.y} onPick={open} />}
      </article>
      <aside className="sidebar" aria-label="Annotations and claims" ref={sidebarRef}>
        {openAnnotation && (
          <AnnotationDetails
            key={openAnnotation.id}
            annotation={openAnnotation}
            editable={canChange(viewer, openAnnotation)}
            viewer={viewer}
            revision={article.revision}
            selection={draft}
            onChanged={(a) => view && dispatchAnnotations(view, { type: 'upsert', annotations: [a] })}
            onDeleted={(id) => view && dispatchAnnotations(view, { type: 'remove', ids: [id] })}
            onConflict={(n) => conflict(n, 'change')}
            onClose={() => view && dispatchUi(view, { type: 'close' })}
          />
        )}
        <div className="sidebar-tabs" role="tablist" aria-label="Sidebar">
          {TABS.map((t, i) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                e.preventDefault();
                const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }}
            >
              {t.label}
              {t.id === 'claims' && claims && <span className="tab-count"> ({claims.coverage.checkWorthy - claims.coverage.checked - claims.coverage.dismissed} unchecked)</span>}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="panel-annotations" aria-labelledby="tab-annotations" hidden={tab !== 'annotations'}>
          <AnnotationSidebar
            annotations={annotations}
            visible={visible}
            viewer={viewer}
            filters={filters}
            onFilters={setFilters}
            activeId={ui.activeId}
            orphanIds={snapshot ? new Set(snapshot.orphans.keys()) : new Set()}
            onPick={(id) => {
              open(id);
              showOpened();
            }}
            onMove={move}
          />
        </div>
        <div role="tabpanel" id="panel-claims" aria-labelledby="tab-claims" hidden={tab !== 'claims'}>
          <ClaimsList
            claims={claims?.claims ?? []}
            coverage={claims?.coverage ?? { checkWorthy: 0, checked: 0, dismissed: 0 }}
            viewer={viewer}
            canWrite={claimsWritable}
            selected={selectedClaim}
            busyAt={claimBusyAt}
            loading={claimList === null}
            error={claimsError}
            onPick={(c) => selectRange(c.start, c.end)}
            onDismiss={dismissClaim}
            onRestore={restoreClaim}
          />
        </div>
      </aside>
    </main>
  );
}
