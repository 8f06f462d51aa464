'use client';
// The article page's client side: the read-only ProseMirror view of the article.
import type { ArticleDto } from '@/db/queries/articles';
import type { Viewer } from '@/lib/viewer';
import { useEditorView } from './editor/use-editor-view';

export function ArticleWorkspace({ article }: { article: ArticleDto; viewer: Viewer }) {
  const { mountRef } = useEditorView(article.doc, () => []);
  return (
    <main className="workspace">
      <article className="article-column">
        <header className="article-meta">
          <h1>{article.title}</h1>
          <p className="muted">
            {[article.byline, article.publisher, article.publishedAt].filter(Boolean).join(' · ')}
            {article.sourceUrl && /^https?:/i.test(article.sourceUrl) && (
              <>
                {' · '}
                <a href={article.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
                  Source
                </a>
              </>
            )}
          </p>
        </header>
        <div ref={mountRef} data-testid="article-view" />
      </article>
    </main>
  );
}
