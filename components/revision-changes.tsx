// The text of one revision with what changed since another marked in it: insertions underlined,
// deletions struck through, each also named for screen readers, so colour is never the only cue.
// A server component: the marks are plain HTML and the grouped paragraphs open with <details>.
import { diffBlocks, diffStats, groupUnchanged, wholly, type DiffBlock, type DiffPiece } from './revision-blocks';
import './revisions.css';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function Piece({ piece }: { piece: DiffPiece }) {
  if (piece.op === 'equal') return <>{piece.text}</>;
  const Tag = piece.op === 'insert' ? 'ins' : 'del';
  const word = piece.op === 'insert' ? 'inserted' : 'deleted';
  return (
    <Tag className="rev-mark">
      <span className="sr-only">[{word}: </span>
      {piece.text}
      <span className="sr-only">]</span>
    </Tag>
  );
}

function Paragraph({ block }: { block: DiffBlock }) {
  const whole = wholly(block, 'insert') ? 'insert' : wholly(block, 'delete') ? 'delete' : block.pieces.every((p) => p.op === 'equal') ? 'equal' : 'mixed';
  return (
    <p className={`rev-block rev-${whole}`}>
      {block.breakBefore === 'insert' && (
        <ins className="rev-mark rev-break" title="New paragraph break">
          ¶<span className="sr-only"> paragraph break inserted</span>
        </ins>
      )}
      {block.breakBefore === 'delete' && (
        <del className="rev-mark rev-break" title="Paragraph break removed">
          ¶<span className="sr-only"> paragraph break deleted</span>
        </del>
      )}
      {block.pieces.map((piece, i) => (
        <Piece key={i} piece={piece} />
      ))}
    </p>
  );
}

export function RevisionDiffSummary({ diff }: { diff: readonly DiffPiece[] }) {
  const s = diffStats(diff);
  if (s.insertions === 0 && s.deletions === 0) return <p data-testid="diff-summary">No differences in the text.</p>;
  return (
    <p data-testid="diff-summary">
      <strong>{plural(s.insertions, 'insertion', 'insertions')}</strong> ({plural(s.insertedWords, 'word', 'words')}),{' '}
      <strong>{plural(s.deletions, 'deletion', 'deletions')}</strong> ({plural(s.deletedWords, 'word', 'words')}).
    </p>
  );
}

export function RevisionChanges({ diff }: { diff: readonly DiffPiece[] }) {
  const rows = groupUnchanged(diffBlocks(diff));
  return (
    <div className="rev-diff" data-testid="revision-diff">
      {rows.map((row) =>
        row.kind === 'block' ? (
          <Paragraph key={row.index} block={row.block} />
        ) : (
          <details key={`u${row.blocks[0].index}`} className="rev-unchanged">
            <summary>… {plural(row.blocks.length, 'unchanged paragraph', 'unchanged paragraphs')} …</summary>
            {row.blocks.map(({ block, index }) => (
              <Paragraph key={index} block={block} />
            ))}
          </details>
        ),
      )}
    </div>
  );
}
