import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface MenuAction {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  className?: string;
}

/** Which item a key moves to in a menu of `count` items (null: the key is not a move). */
export function nextItem(key: string, current: number, count: number): number | null {
  if (key === 'ArrowDown') return (current + 1) % count;
  if (key === 'ArrowUp') return (current - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * A row's actions behind one button, for narrow windows (the WAI-ARIA menu button pattern):
 * arrows move, Escape closes and returns focus to the button, a click elsewhere closes.
 */
export function ActionMenu({
  actions,
  describedBy,
  buttonRef,
}: {
  actions: readonly MenuAction[];
  describedBy?: string;
  /** The button, for a caller that returns focus to it (after a rename, say). */
  buttonRef?: RefObject<HTMLButtonElement | null>;
}) {
  const [open, setOpen] = useState<{ focus: number } | null>(null);
  const ownButton = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownButton;
  const menu = useRef<HTMLUListElement>(null);
  const buttonId = useId();
  const menuId = useId();

  // Opened near the bottom of the window, the whole menu scrolls into view, not just its first item.
  const isOpen = open !== null;
  useEffect(() => {
    if (isOpen) menu.current?.scrollIntoView({ block: 'nearest' });
  }, [isOpen]);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')[open.focus]?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(null);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open, button]);

  const close = () => {
    setOpen(null);
    button.current?.focus();
  };
  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen({ focus: event.key === 'ArrowDown' ? 0 : actions.length - 1 });
    }
  };
  const onMenuKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    // Tab leaves the menu the way focus goes; the menu closes behind it.
    if (event.key === 'Tab') {
      setOpen(null);
      return;
    }
    const next = nextItem(event.key, open?.focus ?? 0, actions.length);
    if (next === null) return;
    event.preventDefault();
    setOpen({ focus: next });
  };

  return (
    <div className="action-menu">
      <button
        ref={button}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        aria-describedby={describedBy}
        onClick={() => (open ? setOpen(null) : setOpen({ focus: 0 }))}
        onKeyDown={onButtonKey}
      >
        Actions
      </button>
      {open ? (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          className="action-menu-list"
          onKeyDown={onMenuKey}
        >
          {actions.map((action, index) => (
            <li key={action.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={index === open.focus ? 0 : -1}
                className={action.className}
                // Still focusable, so the arrows reach it and a screen reader says why it is there.
                aria-disabled={action.disabled ? true : undefined}
                aria-describedby={describedBy}
                onFocus={() => index !== open.focus && setOpen({ focus: index })}
                onClick={() => {
                  if (action.disabled) return;
                  close();
                  action.onSelect();
                }}
              >
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
