'use client';
// The import form: pick a format, give the article, check what was found (POST /api/articles/preview),
// correct the metadata, then save (POST /api/articles) and open the article.
import { useState } from 'react';
import { ApiError, postImport, type ImportFormat } from './api-client';
import { FormatChoice, type FormatOption } from './format-choice';

type Format = ImportFormat;
const FORMATS: FormatOption[] = [
  { value: 'text', label: 'Plain text' },
  { value: 'markdown', label: 'Markdown' },
  { value: 'html', label: 'HTML' },
  { value: 'url', label: 'From a web address' },
];
const META = [
  { key: 'title', label: 'Title' },
  { key: 'byline', label: 'Byline' },
  { key: 'publisher', label: 'Publisher' },
  { key: 'sourceUrl', label: 'Source URL' },
  { key: 'publishedAt', label: 'Published (YYYY-MM-DD)' },
] as const;
type MetaKey = (typeof META)[number]['key'];
type Meta = Record<MetaKey, string>;

interface Preview {
  words: number;
  paragraphs: number;
  headings: string[];
  excerpt: string;
  duplicateOf: { id: number; title: string; url: string } | null;
}

export function ImportForm() {
  const [format, setFormat] = useState<Format>('text');
  const [content, setContent] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [meta, setMeta] = useState<Meta>({ title: '', byline: '', publisher: '', sourceUrl: '', publishedAt: '' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<{ message: string; link?: string } | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | null>(null);

  async function send<T>(path: string): Promise<T | null> {
    const given = Object.fromEntries(Object.entries(meta).filter(([, v]) => v.trim()));
    try {
      const data = await postImport<T>(path, { format, content, url, file }, given);
      setError(null);
      return data;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError({ message: e.message, link: (e.details as { existingArticleUrl?: string } | undefined)?.existingArticleUrl });
      return null;
    }
  }

  async function check() {
    setBusy('check');
    const data = await send<Preview & Partial<Meta>>('/api/articles/preview');
    setBusy(null);
    if (!data) return;
    setPreview(data);
    // Found metadata fills the fields the reviewer left empty; what they typed stays.
    setMeta((m) => Object.fromEntries(META.map(({ key }) => [key, m[key] || (data[key] ?? '')])) as Meta);
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy('save');
    const data = await send<{ id: number }>('/api/articles');
    if (!data) {
      setBusy(null);
      return;
    }
    window.location.assign(`/articles/${data.id}`);
  }

  const hasInput = format === 'url' ? url.trim() !== '' : file !== null || content.trim() !== '';

  return (
    <form className="import-form" onSubmit={save}>
      <FormatChoice
        legend="Format"
        options={FORMATS}
        value={format}
        onChange={(f) => {
          setFormat(f);
          setPreview(null);
        }}
      />
      {format === 'url' ? (
        <label>
          Web address
          <input type="url" name="url" placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
      ) : (
        <>
          <label>
            Paste the article
            <textarea name="content" rows={12} value={content} onChange={(e) => setContent(e.target.value)} disabled={file !== null} />
          </label>
          <label>
            or upload a file
            <input type="file" name="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        </>
      )}
      <div>
        <button type="button" className="secondary" onClick={() => void check()} disabled={!hasInput || busy !== null}>
          {busy === 'check' ? 'Checking…' : 'Check article'}
        </button>
      </div>
      {preview && (
        <section className="preview" aria-label="What will be imported" data-testid="import-preview">
          <p>
            <strong>{preview.words.toLocaleString('en')}</strong> words in {preview.paragraphs} paragraphs
            {preview.headings.length > 0 && <> and {preview.headings.length} headings ({preview.headings.join(' · ')})</>}.
          </p>
          <p className="excerpt">{preview.excerpt}…</p>
          {preview.duplicateOf && (
            <p className="form-error">
              This source was already imported: <a href={preview.duplicateOf.url}>{preview.duplicateOf.title}</a>
            </p>
          )}
        </section>
      )}
      <fieldset className="meta-fields">
        <legend>Details (filled from the article where found; edit before saving)</legend>
        {META.map(({ key, label }) => (
          <label key={key}>
            {label}
            <input name={key} value={meta[key]} onChange={(e) => setMeta({ ...meta, [key]: e.target.value })} />
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error.message} {error.link && <a href={error.link}>Open the existing article</a>}
        </p>
      )}
      <button type="submit" className="primary" disabled={!hasInput || busy !== null}>
        {busy === 'save' ? 'Saving…' : 'Save article'}
      </button>
    </form>
  );
}
