// A core TreeNode as an accessible, collapsible tree (the WAI-ARIA tree pattern): one item in the tab order, the
// arrow keys move (Right opens or enters, Left closes or climbs), Home/End jump, Enter or Space selects a field with a
// byte range (the hex view highlights those bytes). Field names and values carry the glossary on hover.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ByteRange } from '../../core/decode/result';
import type { TreeNode } from '../../core/report/token-tree';
import { explain } from '../glossary';
import { jargonTitle } from './FindingView';

interface Selection {
  readonly selected?: ByteRange | null;
  readonly onSelect?: (range: ByteRange) => void;
}

interface Placed {
  readonly node: TreeNode;
  /** "0", "0.2", "0.2.1": the node's position, its key in the tree. */
  readonly path: string;
  readonly parent: string | null;
}

const hasChildren = (node: TreeNode) => (node.children?.length ?? 0) > 0;

/** The items the keyboard walks: every node whose ancestors are open, in reading order. */
function visibleItems(root: TreeNode, collapsed: ReadonlySet<string>): Placed[] {
  const items: Placed[] = [];
  const walk = (node: TreeNode, path: string, parent: string | null) => {
    items.push({ node, path, parent });
    if (hasChildren(node) && !collapsed.has(path)) node.children?.forEach((child, index) => walk(child, `${path}.${index}`, path));
  };
  walk(root, '0', null);
  return items;
}

export function TokenTreeView({ root, selected = null, onSelect }: { root: TreeNode } & Selection) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState('0');
  const moved = useRef(false);
  const list = useRef<HTMLUListElement>(null);
  const items = useMemo(() => visibleItems(root, collapsed), [root, collapsed]);
  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    list.current?.querySelector<HTMLElement>(`[data-path="${focused}"]`)?.focus();
  }, [focused]);
  const toggle = (path: string, open: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (open) next.delete(path);
      else next.add(path);
      return next;
    });
  const moveTo = (path: string | undefined) => {
    if (path === undefined) return;
    moved.current = true;
    setFocused(path);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = items.findIndex((item) => item.path === focused);
    const item = items[index];
    if (!item) return;
    const open = hasChildren(item.node) && !collapsed.has(item.path);
    const actions: Record<string, () => void> = {
      ArrowDown: () => moveTo(items[index + 1]?.path),
      ArrowUp: () => moveTo(items[index - 1]?.path),
      Home: () => moveTo(items[0]?.path),
      End: () => moveTo(items.at(-1)?.path),
      ArrowRight: () => {
        if (open) moveTo(`${item.path}.0`);
        else if (hasChildren(item.node)) toggle(item.path, true);
      },
      ArrowLeft: () => {
        if (open) toggle(item.path, false);
        else moveTo(item.parent ?? undefined);
      },
      Enter: () => item.node.range && onSelect?.(item.node.range),
      ' ': () => item.node.range && onSelect?.(item.node.range),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };
  return (
    <ul class="tree" role="tree" aria-label="Decoded token" ref={list} onKeyDown={onKeyDown}>
      <TreeItem node={root} path="0" tree={{ collapsed, focused, onFocus: setFocused, onToggle: toggle, selected, onSelect }} />
    </ul>
  );
}

/** What every item of one tree shares: which are closed, which has the focus, the selection, and the actions. */
interface TreeState extends Selection {
  readonly collapsed: ReadonlySet<string>;
  readonly focused: string;
  readonly onFocus: (path: string) => void;
  readonly onToggle: (path: string, open: boolean) => void;
}

function TreeItem({ node, path, tree }: { node: TreeNode; path: string; tree: TreeState }) {
  const { collapsed, focused, onFocus, onToggle, selected, onSelect } = tree;
  const range = node.range;
  const isSelected = range !== undefined && selected != null && range[0] === selected[0] && range[1] === selected[1];
  const parent = hasChildren(node);
  const open = parent && !collapsed.has(path);
  const click = (event: Event) => {
    event.stopPropagation();
    onFocus(path);
    if (range && onSelect) onSelect(range);
  };
  const hint = explain(node.label) ?? (node.value ? jargonTitle(node.value) : undefined);
  return (
    <li
      role="treeitem"
      data-path={path}
      tabIndex={path === focused ? 0 : -1}
      aria-expanded={parent ? open : undefined}
      aria-selected={range && onSelect ? isSelected : undefined}
      title={[range ? `bytes ${range[0]}–${range[1]}` : null, hint].filter(Boolean).join('\n') || undefined}
      class={isSelected ? 'selected' : undefined}
      onClick={click}
    >
      {parent ? (
        <span
          class="twisty"
          aria-hidden="true"
          onClick={(event) => {
            event.stopPropagation();
            onToggle(path, !open);
          }}
        >
          {open ? '▾' : '▸'}
        </span>
      ) : (
        <span class="twisty" aria-hidden="true" />
      )}
      <span class={node.value !== undefined ? 'tree-label has-value' : 'tree-label'}>{node.label}</span>
      {node.value !== undefined && <span class="tree-value">{node.value}</span>}
      {open && (
        <ul role="group">
          {node.children?.map((child, index) => (
            <TreeItem key={`${child.label}-${index}`} node={child} path={`${path}.${index}`} tree={tree} />
          ))}
        </ul>
      )}
    </li>
  );
}
