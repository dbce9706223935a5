/** Rows drawn beyond each edge, so a quick scroll never shows a blank before the next frame. */
const OVERSCAN = 8;

/** The rows of a list of same-height rows that a viewport shows, from `start` to `end` (excluded). */
export function visibleRows(scrollTop: number, height: number, rowHeight: number, count: number): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

/** The scroll position that brings a row fully into view, moving as little as possible. */
export function scrollToShow(index: number, scrollTop: number, height: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return top + rowHeight - height;
  return scrollTop;
}
