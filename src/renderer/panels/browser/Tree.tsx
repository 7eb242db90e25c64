// The Browser's lazy tree: one level read when its group is opened, NX_class badges, links shown as links (not
// expanded in the tree), unfinished scans marked.
import { useState } from 'react';
import type { OpenFile, TreeNode } from '../../../shared/browse.ts';
import { useNodeChildren } from '../../hooks/use-browser-node.ts';

interface TreeProps {
  file: OpenFile;
  path: string;
  depth: number;
  selected: string;
  onSelect: (n: TreeNode) => void;
}

export function Tree({ file, path, depth, selected, onSelect }: TreeProps) {
  const kids = useNodeChildren(file, path);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (!kids) return <div className="muted" style={{ paddingLeft: depth * 14 }}>…</div>;
  const toggle = (p: string) => {
    const next = new Set(open);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    setOpen(next);
  };
  return (
    <ul className="tree" role={depth === 0 ? 'tree' : 'group'}>
      {kids.map((k) => {
        const isOpen = open.has(k.path);
        const soft = (k as { softLink?: boolean }).softLink;
        return (
          <li key={k.path} role="treeitem" aria-expanded={k.kind === 'group' ? isOpen : undefined} aria-selected={selected === k.path}>
            <div
              className={selected === k.path ? 'tree-row selected' : 'tree-row'}
              data-testid={`tree-${k.path}`}
              onClick={() => {
                onSelect(k);
                if (k.kind === 'group' && !soft) toggle(k.path);
              }}
            >
              <TreeRowLabel node={k} open={isOpen} soft={soft} />
            </div>
            {k.kind === 'group' && isOpen && !soft && <Tree file={file} path={k.path} depth={depth + 1} onSelect={onSelect} selected={selected} />}
          </li>
        );
      })}
    </ul>
  );
}

function TreeRowLabel({ node: k, open, soft }: { node: TreeNode; open: boolean; soft: boolean | undefined }) {
  return (
    <>
      <span className="tree-icon">{k.kind === 'group' ? (open ? '▾' : '▸') : k.kind === 'dataset' ? '▪' : '↪'}</span>
      {k.name}
      {k.nxClass && <span className="badge">{k.nxClass}</span>}
      {soft && (
        <span className="badge link" title={k.target}>
          link
        </span>
      )}
      {k.kind === 'external-link' && (
        <span className="badge link" title={k.target}>
          external
        </span>
      )}
      {k.unfinished && <span className="badge warn">unfinished</span>}
      {k.shape && k.shape.length > 0 && <span className="muted small-text"> {k.shape.join('×')}</span>}
    </>
  );
}
