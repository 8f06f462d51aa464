'use client';
// The Claims tab: the article's check-worthy sentences in document order with their reasons and
// state (recomputed by the workspace from the verdicts it holds), "Not a claim" and its undo.
// Picking a claim selects its sentence in the view, ready for 1, 2 or 3. The list is windowed
// (fixed-height rows, only those in view in the DOM), so thousands of claims stay instant.
import { useEffect, useMemo, useRef, useState } from 'react';
import { CLAIM_REASON_LABEL, CLAIM_STATES, CLAIM_STATE_LABEL, type ClaimCoverage, type ClaimDto, type ClaimState } from '@/lib/claims/types';
import { isEditor, type Viewer } from '@/lib/viewer';
import { CLAIM_KEYS_LABEL } from './editor/shortcuts';
import './claims.css';

const ROW_HEIGHT = 112;
const OVERSCAN = 6;

interface Props {
  claims: readonly ClaimDto[];
  coverage: ClaimCoverage;
  viewer: Viewer;
  /** False while the page's text is out of date or the article is read-only. */
  canWrite: boolean;
  /** Offsets of the claim whose sentence is selected in the view, if one is. */
  selected: { start: number; end: number } | null;
  /** A dismissal or an undo is on its way for the claim at this start offset. */
  busyAt: number | null;
  onPick: (claim: ClaimDto) => void;
  onDismiss: (claim: ClaimDto) => void;
  onRestore: (claim: ClaimDto) => void;
  loading: boolean;
  error: string | null;
}

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function ClaimsList({ claims, coverage, viewer, canWrite, selected, busyAt, onPick, onDismiss, onRestore, loading, error }: Props) {
  const [show, setShow] = useState<ClaimState | 'all'>('all');
  const listRef = useRef<HTMLDivElement | null>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const shown = useMemo(() => (show === 'all' ? claims : claims.filter((c) => c.state === show)), [claims, show]);
  const unchecked = coverage.checkWorthy - coverage.checked - coverage.dismissed;

  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected claim's row in view (after n / Shift+N).
  useEffect(() => {
    const el = listRef.current;
    const i = selected ? shown.findIndex((c) => c.start === selected.start && c.end === selected.end) : -1;
    if (!el || i < 0) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selected, shown]);

  const first = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + OVERSCAN);
  const mayUndo = (c: ClaimDto) => c.dismissal !== undefined && (c.dismissal.by.id === viewer.id || isEditor(viewer));

  return (
    <section className="claims-panel" aria-labelledby="claims-heading">
      <div className="panel-head">
        <h2 id="claims-heading">
          Claims <span className="muted">({coverage.checkWorthy})</span>
        </h2>
        {!loading && (
          <p className="small claims-coverage" data-testid="claims-coverage">
            {coverage.checked} checked · {coverage.dismissed} not a claim · <strong>{unchecked} unchecked</strong>
          </p>
        )}
        <label className="small claims-filter">
          Show{' '}
          <select value={show} onChange={(e) => setShow(e.target.value as ClaimState | 'all')}>
            <option value="all">all claims</option>
            {CLAIM_STATES.map((s) => (
              <option key={s} value={s}>
                {CLAIM_STATE_LABEL[s].toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <p className="small muted">
          <kbd>{CLAIM_KEYS_LABEL}</kbd> selects the next / previous unchecked claim; then 1, 2 or 3 marks it.
        </p>
      </div>
      {error && (
        <p className="small warn" role="alert">
          {error}
        </p>
      )}
      {loading && claims.length === 0 ? (
        <p className="small muted empty">Finding the claims…</p>
      ) : shown.length === 0 ? (
        <p className="small muted empty">{claims.length === 0 ? 'No check-worthy sentences were found in this article.' : 'No claims in this state.'}</p>
      ) : (
        <div className="claims-list" ref={listRef} tabIndex={0} aria-label="Claims in document order" onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
          <ul style={{ height: shown.length * ROW_HEIGHT }}>
            {shown.slice(first, last).map((c, i) => {
              const at = first + i;
              const isSelected = selected !== null && selected.start === c.start && selected.end === c.end;
              return (
                <li
                  key={`${c.start}-${c.end}`}
                  className={`claim-row claim-${c.state}${isSelected ? ' selected' : ''}`}
                  style={{ top: at * ROW_HEIGHT, height: ROW_HEIGHT - 8 }}
                  aria-setsize={shown.length}
                  aria-posinset={at + 1}
                  data-testid="claim-row"
                  data-state={c.state}
                >
                  <button type="button" className="claim-text" onClick={() => onPick(c)} aria-label={`Select in the article: ${excerpt(c.text, 200)}`}>
                    {excerpt(c.text, 220)}
                  </button>
                  <span className="claim-meta">
                    <span className={`claim-state ${c.state}`}>{CLAIM_STATE_LABEL[c.state]}</span>
                    {c.state === 'dismissed' && c.dismissal && <span className="small muted">by {c.dismissal.by.id === viewer.id ? 'you' : c.dismissal.by.name}</span>}
                    <span className="claim-reasons small muted">{c.reasons.map((r) => CLAIM_REASON_LABEL[r]).join(' · ')}</span>
                    {c.state === 'unchecked' && canWrite && (
                      <button type="button" className="link-button small claim-action" disabled={busyAt === c.start} onClick={() => onDismiss(c)}>
                        Not a claim
                      </button>
                    )}
                    {c.state === 'dismissed' && canWrite && mayUndo(c) && (
                      <button type="button" className="link-button small claim-action" disabled={busyAt === c.start} onClick={() => onRestore(c)}>
                        Undo
                      </button>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
