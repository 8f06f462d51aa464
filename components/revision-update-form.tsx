'use client';
// Updating an article's text: give the new version (paste, upload, or fetch the source URL again),
// preview what happens to the verdicts (POST …/revisions?preview=1, nothing stored), then save the
// revision against the one the preview was made on, so a concurrent update is refused, not merged.
import { useState } from 'react';
import { ApiError, articleRevisionApi, type ImportFields, type ImportFormat, type RevisionPreview } from './api-client';
import { FormatChoice } from './format-choice';
import { RevisionPreviewSummary } from './revision-preview';
import './revisions.css';

const DETAILS = [
  { key: 'title', label: 'Title' },
  { key: 'byline', label: 'Byline' },
  { key: 'publisher', label: 'Publisher' },
  { key: 'publishedAt', label: 'Published (YYYY-MM-DD)' },
] as const;
type DetailKey = (typeof DETAILS)[number]['key'];
export type RevisionDetails = Record<DetailKey, string | null>;

interface Props {
  articleId: number;
  /** The revision the article is at now: previews and the save are made against it. */
  currentRevision: number;
  sourceUrl: string | null;
  details: RevisionDetails;
}

interface Failure {
  message: string;
  /** Someone saved a revision meanwhile: start again from it. */
  conflict?: number;
}

export function RevisionUpdateForm({ articleId, currentRevision, sourceUrl, details: initial }: Props) {
  const [format, setFormat] = useState<ImportFormat>('text');
  const [content, setContent] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [details, setDetails] = useState<Record<DetailKey, string>>(() => Object.fromEntries(DETAILS.map(({ key }) => [key, initial[key] ?? ''])) as Record<DetailKey, string>);
  const [preview, setPreview] = useState<RevisionPreview | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | 'details' | null>(null);

  const source = { format, content, file };
  const hasInput = format === 'url' || file !== null || content.trim() !== '';
  const detailsChanged = DETAILS.some(({ key }) => details[key].trim() !== (initial[key] ?? ''));

  /** The details as the form shows them; a field the reviewer emptied is cleared. */
  function fields(): ImportFields {
    const out: ImportFields = { baseRevision: currentRevision };
    for (const { key } of DETAILS) {
      const value = details[key].trim();
      if (value) out[key] = value;
      else if (initial[key] && key !== 'title') out[key] = null;
    }
    return out;
  }

  function fail(e: unknown) {
    if (!(e instanceof ApiError)) throw e;
    const current = (e.details as { currentRevision?: number } | undefined)?.currentRevision;
    setError({ message: e.message, conflict: e.code === 'revision_conflict' ? (current ?? currentRevision + 1) : undefined });
  }

  /** A new input makes the preview stale: it no longer describes what Save would send. */
  function changed() {
    setPreview(null);
  }

  async function runPreview() {
    setBusy('preview');
    setError(null);
    try {
      setPreview(await articleRevisionApi.preview(articleId, source, fields()));
    } catch (e) {
      setPreview(null);
      fail(e);
    } finally {
      setBusy(null);
    }
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!preview || preview.unchanged) return;
    setBusy('save');
    setError(null);
    try {
      const saved = await articleRevisionApi.create(articleId, source, fields());
      if (!saved.unchanged) {
        window.location.assign(`/articles/${articleId}`);
        return;
      }
      setPreview({ unchanged: true });
    } catch (err) {
      fail(err);
    }
    setBusy(null);
  }

  async function saveDetails() {
    setBusy('details');
    setError(null);
    const patch: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(fields())) if (k !== 'baseRevision' && v !== undefined) patch[k] = v === null ? null : String(v);
    try {
      await articleRevisionApi.updateDetails(articleId, patch);
      window.location.assign(`/articles/${articleId}`);
      return;
    } catch (err) {
      fail(err);
    }
    setBusy(null);
  }

  const next = currentRevision + 1;
  return (
    <form className="import-form revision-form" onSubmit={save} aria-describedby="revision-form-help">
      <p id="revision-form-help" className="muted small">
        The article is at revision {currentRevision}. Nothing is saved until you preview the new version and choose Save.
      </p>
      <FormatChoice
        legend="New version"
        options={[
          { value: 'text', label: 'Plain text' },
          { value: 'markdown', label: 'Markdown' },
          { value: 'html', label: 'HTML' },
          ...(sourceUrl ? [{ value: 'url' as const, label: 'Fetch the source URL again' }] : []),
        ]}
        value={format}
        onChange={(f) => {
          setFormat(f);
          changed();
        }}
      />
      {format === 'url' && sourceUrl ? (
        <p className="revision-refetch">
          The current text of <a href={sourceUrl}>{sourceUrl}</a> will be fetched and compared with revision {currentRevision}.
        </p>
      ) : (
        <>
          <label>
            Paste the new version
            <textarea
              name="content"
              rows={12}
              value={content}
              disabled={file !== null}
              onChange={(e) => {
                setContent(e.target.value);
                changed();
              }}
            />
          </label>
          <label>
            or upload a file
            <input
              type="file"
              name="file"
              accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                changed();
              }}
            />
          </label>
        </>
      )}
      <fieldset className="meta-fields">
        <legend>Details (change them if the new version changed them)</legend>
        {DETAILS.map(({ key, label }) => (
          <label key={key}>
            {label}
            <input name={key} value={details[key]} required={key === 'title'} onChange={(e) => setDetails({ ...details, [key]: e.target.value })} />
          </label>
        ))}
      </fieldset>
      <div>
        <button type="button" className="secondary" onClick={() => void runPreview()} disabled={!hasInput || busy !== null}>
          {busy === 'preview' ? 'Comparing…' : 'Preview changes'}
        </button>
      </div>
      <div aria-live="polite">
        {preview && (
          <section className="preview revision-preview" aria-labelledby="revision-preview-title" data-testid="revision-preview">
            <h2 id="revision-preview-title">What saving will do</h2>
            {preview.unchanged ? (
              <p className="revision-summary" data-testid="revision-summary">
                No change in the text: there is nothing to save as a new revision.
                {detailsChanged && ' The details you changed can be saved on their own.'}
              </p>
            ) : (
              <RevisionPreviewSummary carried={preview.carried} annotations={preview.annotations} />
            )}
          </section>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error.message}{' '}
          {error.conflict !== undefined && (
            <a href={`/articles/${articleId}/update`}>Start again from revision {error.conflict}</a>
          )}
        </p>
      )}
      <div className="revision-actions">
        <button type="submit" className="primary" disabled={!preview || preview.unchanged || error?.conflict !== undefined || busy !== null}>
          {busy === 'save' ? 'Saving…' : `Save revision ${next}`}
        </button>
        {preview?.unchanged && detailsChanged && (
          <button type="button" className="secondary" onClick={() => void saveDetails()} disabled={busy !== null}>
            {busy === 'details' ? 'Saving…' : 'Save details only'}
          </button>
        )}
        <a href={`/articles/${articleId}`}>Cancel</a>
      </div>
    </form>
  );
}
