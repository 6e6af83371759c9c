// Renders a core TreeNode as an accessible nested tree; clicking a field with a byte range selects it (the hex
// view highlights those bytes).
import type { TreeNode } from '../../core/report/token-tree';
import type { ByteRange } from '../../core/decode/result';

interface Selection {
  readonly selected?: ByteRange | null;
  readonly onSelect?: (range: ByteRange) => void;
}

export function TokenTreeView({ root, selected = null, onSelect }: { root: TreeNode } & Selection) {
  return (
    <ul class="tree" role="tree" aria-label="Decoded token">
      <TreeItem node={root} selected={selected} onSelect={onSelect} />
    </ul>
  );
}

function TreeItem({ node, selected, onSelect }: { node: TreeNode } & Selection) {
  const range = node.range;
  const isSelected = range !== undefined && selected != null && range[0] === selected[0] && range[1] === selected[1];
  const select = (event: Event) => {
    event.stopPropagation();
    if (range && onSelect) onSelect(range);
  };
  return (
    <li
      role="treeitem"
      aria-expanded={node.children ? true : undefined}
      aria-selected={range && onSelect ? isSelected : undefined}
      title={range ? `bytes ${range[0]}–${range[1]}` : undefined}
      class={isSelected ? 'selected' : undefined}
      onClick={range && onSelect ? select : undefined}
    >
      <span class="tree-label">{node.label}</span>
      {node.value !== undefined && <span class="tree-value">{node.value}</span>}
      {node.children && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((child, index) => (
            <TreeItem key={`${child.label}-${index}`} node={child} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}
