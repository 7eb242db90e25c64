// The search box above the Browser's tree: Enter finds nodes by name across the file; a click on a found path
// selects it.
import { useState } from 'react';
import type { TreeNode } from '../../../shared/browse.ts';

interface TreeSearchProps {
  found: TreeNode[];
  onSearch: (text: string) => void;
  onSelect: (n: TreeNode) => void;
}

export function TreeSearch({ found, onSearch, onSelect }: TreeSearchProps) {
  const [text, setText] = useState('');
  return (
    <>
      <input aria-label="search by name" placeholder="search by name" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && text && onSearch(text)} />
      {found.length > 0 && (
        <ul className="found">
          {found.map((f) => (
            <li key={f.path} onClick={() => onSelect(f)}>
              {f.path}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
