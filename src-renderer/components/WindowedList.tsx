import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type ReactNode,
  type RefObject,
} from 'react';

/**
 * From this many items a list renders only the rows near the viewport. Below it every row is in
 * the page as before (a creator's handful of accounts), so the browser's find and every test see
 * plain lists.
 */
const WINDOW_FROM = 60;

/** Whether a list of `count` accounts is long enough to window (and to offer "Find an account"). */
export const isLongList = (count: number): boolean => count >= WINDOW_FROM;

/** What a windowed row puts on its `<li>`: its place for screen readers and the virtualizer. */
export interface RowSlot {
  'data-index': number;
  'aria-posinset': number;
  'aria-setsize': number;
  ref(element: HTMLLIElement | null): void;
  style: CSSProperties;
}

interface WindowedListProps<T> {
  items: readonly T[];
  /** Each row's `<li>`; spread `slot` on it when given (windowed lists only). */
  renderRow(item: T, slot?: RowSlot): ReactNode;
  getKey(item: T): string;
  className: string;
  /** The list's accessible name, by id. */
  labelledBy?: string;
  /** A first guess of a row's height (px); rows are measured once rendered. */
  estimate: number;
  /** The CSS gap between rows (px), which absolute positioning would otherwise lose. */
  gap: number;
  /** An ordered list (`<ol>`), for rows whose order means something (a calendar). */
  ordered?: boolean;
  /**
   * Whether to window; by default from WINDOW_FROM items. A screen of several lists decides by
   * its total (200 accounts in four lists of 50 cost as much as one of 200).
   */
  windowed?: boolean;
}

/** A `<ul>` of rows; long lists are windowed (only the rows near the viewport are rendered). */
export function WindowedList<T>(props: WindowedListProps<T>) {
  if (!(props.windowed ?? isLongList(props.items.length))) {
    const List = props.ordered ? 'ol' : 'ul';
    return (
      <List className={props.className} aria-labelledby={props.labelledBy}>
        {props.items.map((item) => props.renderRow(item))}
      </List>
    );
  }
  return <Windowed {...props} />;
}

/** The list's distance from the top of the document, which the window's scroll is measured from. */
function useScrollMargin(list: RefObject<HTMLElement | null>): number {
  const [margin, setMargin] = useState(0);
  // Measured when the page around the list changes size, not on every render: each reading
  // forces a layout, and the list renders on every scroll.
  useLayoutEffect(() => {
    const measure = () => {
      const top = (list.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setMargin((previous) => (Math.abs(previous - top) < 1 ? previous : top));
    };
    measure();
    // Banners and notices above the list come and go; follow them.
    const observer = new ResizeObserver(measure);
    if (list.current?.parentElement) observer.observe(list.current.parentElement);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [list]);
  return margin;
}

function Windowed<T>({
  items,
  renderRow,
  getKey,
  className,
  labelledBy,
  estimate,
  gap,
  ordered,
}: Omit<WindowedListProps<T>, 'windowed'>) {
  const List = ordered ? 'ol' : 'ul';
  const list = useRef<HTMLUListElement & HTMLOListElement>(null);
  const scrollMargin = useScrollMargin(list);
  // The row holding focus stays rendered when it scrolls away, so focus is never dropped to <body>.
  const [focused, setFocused] = useState<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focused === null || focused >= range.count || indexes.includes(focused)) return indexes;
      return [...indexes, focused].sort((a, b) => a - b);
    },
    [focused],
  );
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => estimate,
    overscan: 6,
    gap,
    scrollMargin,
    getItemKey: useCallback((index: number) => getKey(items[index]!), [getKey, items]),
    rangeExtractor,
  });
  // Rows are memoised: hand each the same slot object while its place is unchanged.
  const slots = useRef(new Map<number, RowSlot>());
  const slot = (index: number, start: number): RowSlot => {
    const top = start - scrollMargin;
    const known = slots.current.get(index);
    if (known && known.style.translate === `0 ${top}px` && known['aria-setsize'] === items.length)
      return known;
    const made: RowSlot = {
      'data-index': index,
      'aria-posinset': index + 1,
      'aria-setsize': items.length,
      ref: virtualizer.measureElement,
      style: { translate: `0 ${top}px` },
    };
    slots.current.set(index, made);
    return made;
  };
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (row) setFocused(Number(row.dataset.index));
  };
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null);
  };
  return (
    <List
      ref={list}
      className={`${className} windowed-list`}
      aria-labelledby={labelledBy}
      style={{ height: virtualizer.getTotalSize() }}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      {virtualizer
        .getVirtualItems()
        .map((row) => renderRow(items[row.index]!, slot(row.index, row.start)))}
    </List>
  );
}
