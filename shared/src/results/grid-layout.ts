// Geometry of the virtual grid, kept apart from the DOM so it is testable: which rows and
// columns are visible, and the scaled scrolling that lets 10M+ rows fit under the browser's
// maximum element height (~33.5M px in Chromium, far less in others).

export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 26;
/** The tallest scroll content the grid creates; beyond it, scroll positions are scaled. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Height of the scrolled content for `rows` rows. */
export function contentHeight(rows: number): number {
  return Math.min(rows * ROW_HEIGHT + HEADER_HEIGHT, MAX_SCROLL_HEIGHT);
}

/** The first visible row (fractional) for a scrollTop; exact pixel mapping when not scaled. */
export function firstRowAt(scrollTop: number, rows: number, viewportHeight: number): number {
  const bodyRows = Math.max(0, (viewportHeight - HEADER_HEIGHT) / ROW_HEIGHT);
  const maxFirst = Math.max(0, rows - bodyRows);
  const maxScroll = Math.max(1, contentHeight(rows) - viewportHeight);
  if (maxFirst === 0) return 0;
  return Math.min(maxFirst, (Math.min(scrollTop, maxScroll) / maxScroll) * maxFirst);
}

/** The scrollTop that puts `row` first (the inverse of firstRowAt). */
export function scrollTopFor(row: number, rows: number, viewportHeight: number): number {
  const bodyRows = Math.max(0, (viewportHeight - HEADER_HEIGHT) / ROW_HEIGHT);
  const maxFirst = Math.max(0, rows - bodyRows);
  const maxScroll = Math.max(0, contentHeight(rows) - viewportHeight);
  if (maxFirst === 0) return 0;
  return (Math.min(row, maxFirst) / maxFirst) * maxScroll;
}

/** Column left edges (positions in display order) and the range visible in [left, left+width). */
export function visibleColumns(
  widths: readonly number[],
  scrollLeft: number,
  viewportWidth: number,
): { start: number; end: number; lefts: number[] } {
  const lefts: number[] = [];
  let x = 0;
  for (const w of widths) {
    lefts.push(x);
    x += w;
  }
  let start = 0;
  while (start < widths.length - 1 && lefts[start]! + widths[start]! <= scrollLeft) start++;
  let end = start;
  while (end < widths.length && lefts[end]! < scrollLeft + viewportWidth) end++;
  return { start, end, lefts };
}
