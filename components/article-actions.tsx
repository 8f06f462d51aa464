'use client';
// Archive (hide from the list, keep the annotations) or delete (only when never annotated).
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function ArticleActions({ id, title, annotated }: { id: number; title: string; annotated: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function run(method: 'PATCH' | 'DELETE') {
    const verb = method === 'DELETE' ? 'Delete' : 'Archive';
    if (!window.confirm(`${verb} “${title}”?`)) return;
    const res = await fetch(`/api/articles/${id}`, {
      method,
      headers: method === 'PATCH' ? { 'content-type': 'application/json' } : undefined,
      body: method === 'PATCH' ? JSON.stringify({ archived: true }) : undefined,
    });
    if (!res.ok) {
      const data = await res.json().catch(() => null);
      setError(data?.error?.message ?? `The server answered ${res.status}.`);
      return;
    }
    router.refresh();
  }

  return (
    <div className="row-actions">
      {annotated ? (
        <button type="button" className="secondary small" onClick={() => void run('PATCH')}>
          Archive
        </button>
      ) : (
        <button type="button" className="secondary small" onClick={() => void run('DELETE')}>
          Delete
        </button>
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
