// Renders a core TreeNode as an accessible nested tree.
import type { TreeNode } from '../../core/report/token-tree';

export function TokenTreeView({ root }: { root: TreeNode }) {
  return (
    <ul class="tree" role="tree" aria-label="Decoded token">
      <TreeItem node={root} />
    </ul>
  );
}

function TreeItem({ node }: { node: TreeNode }) {
  const range = node.range ? `bytes ${node.range[0]}–${node.range[1]}` : undefined;
  return (
    <li role="treeitem" aria-expanded={node.children ? true : undefined} title={range}>
      <span class="tree-label">{node.label}</span>
      {node.value !== undefined && <span class="tree-value">{node.value}</span>}
      {node.children && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((child, index) => (
            <TreeItem key={`${child.label}-${index}`} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
