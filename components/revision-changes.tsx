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

/** Where a paragraph that only moved went to (on its old copy) or came from (on its new one). */
type Move = 'down' | 'up' | 'from-above' | 'from-below';

const MOVE_LABEL: Record<Move, string> = {
  down: '↓ Moved further down, unchanged',
  up: '↑ Moved further up, unchanged',
  'from-above': '↑ Moved here from further up, unchanged',
  'from-below': '↓ Moved here from further down, unchanged',
};

const blockText = (block: DiffBlock) => block.pieces.map((p) => p.text).join('').replace(/\s+/g, ' ').trim();

/**
 * Paragraphs deleted in one place and inserted word for word in another: the diff sees a deletion
 * and an insertion, a reader sees a move. Each old copy pairs with one new copy, keyed by index.
 */
export function findMoves(blocks: readonly DiffBlock[]): Map<number, Move> {
  const inserted = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    if (!wholly(b, 'insert')) return;
    const key = blockText(b);
    if (key) inserted.set(key, [...(inserted.get(key) ?? []), i]);
  });
  const moves = new Map<number, Move>();
  blocks.forEach((b, i) => {
    if (!wholly(b, 'delete')) return;
    const to = inserted.get(blockText(b))?.shift();
    if (to === undefined) return;
    moves.set(i, to > i ? 'down' : 'up');
    moves.set(to, to > i ? 'from-above' : 'from-below');
  });
  return moves;
}

function Paragraph({ block, move }: { block: DiffBlock; move?: Move }) {
  const whole = wholly(block, 'insert') ? 'insert' : wholly(block, 'delete') ? 'delete' : block.pieces.every((p) => p.op === 'equal') ? 'equal' : 'mixed';
  return (
    <p className={`rev-block rev-${whole}${move ? ' rev-moved' : ''}`}>
      {move && <span className="rev-move-label">{MOVE_LABEL[move]}</span>}
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
  const moved = [...findMoves(diffBlocks(diff)).values()].filter((m) => m === 'down' || m === 'up').length;
  return (
    <p data-testid="diff-summary">
      <strong>{plural(s.insertions, 'insertion', 'insertions')}</strong> ({plural(s.insertedWords, 'word', 'words')}),{' '}
      <strong>{plural(s.deletions, 'deletion', 'deletions')}</strong> ({plural(s.deletedWords, 'word', 'words')}).
      {moved > 0 && ` Of these, ${plural(moved, 'paragraph', 'paragraphs')} only moved.`}
    </p>
  );
}

export function RevisionChanges({ diff }: { diff: readonly DiffPiece[] }) {
  const blocks = diffBlocks(diff);
  const moves = findMoves(blocks);
  const rows = groupUnchanged(blocks);
  return (
    <div className="rev-diff" data-testid="revision-diff">
      {rows.map((row) =>
        row.kind === 'block' ? (
          <Paragraph key={row.index} block={row.block} move={moves.get(row.index)} />
        ) : (
          <details key={`u${row.blocks[0].index}`} className="rev-unchanged">
            <summary>… {plural(row.blocks.length, 'unchanged paragraph', 'unchanged paragraphs')} …</summary>
            {row.blocks.map(({ block, index }) => (
              <Paragraph key={index} block={block} move={moves.get(index)} />
            ))}
          </details>
        ),
      )}
    </div>
  );
}
