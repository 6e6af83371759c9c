// The row context menu: a small WAI-ARIA menu at the pointer (or under the selected row for the keyboard). Up/Down
// move between items, Enter runs one, Escape or a click elsewhere closes it.
import { useEffect, useRef } from 'preact/hooks';

export interface MenuAction {
  readonly label: string;
  readonly run: (rowId: string) => void;
}

export function RowMenu({
  x,
  y,
  actions,
  rowId,
  onClose,
}: {
  x: number;
  y: number;
  actions: readonly MenuAction[];
  rowId: string;
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    const outside = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);
  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    }
  };
  // Kept inside the window: a menu opened near the right or bottom edge opens towards the inside.
  const left = Math.max(0, Math.min(x, (globalThis.innerWidth ?? 800) - 240));
  const top = Math.max(0, Math.min(y, (globalThis.innerHeight ?? 600) - actions.length * 26 - 8));
  return (
    <div class="row-menu" role="menu" aria-label="Exchange" ref={menu} style={{ left: `${left}px`, top: `${top}px` }} onKeyDown={onKeyDown}>
      {actions.map((action) => (
        <button
          key={action.label}
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            action.run(rowId);
            onClose();
          }}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
