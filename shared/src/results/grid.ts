// The virtual grid: a fixed pool of row elements redrawn from Arrow vectors on scroll, so the
// DOM holds only the viewport (rows and columns) whatever the result's size. Every value is
// written with textContent: data is never parsed as HTML.
import { copyFormatFor, type CopyFormat } from './copy-keys';
import { rangeText } from './copy';
import {
  HEADER_HEIGHT,
  ROW_HEIGHT,
  contentHeight,
  firstRowAt,
  scrollTopFor,
  visibleColumns,
} from './grid-layout';
import type { ResultStore, SortState } from './store';
import { TRINO_TYPE_KEY } from '../arrow/trino-types';
import { make } from './dom';

export interface Cell {
  row: number;
  /** Display position of the column (after reorder). */
  col: number;
}

export interface GridEvents {
  onSort(sort: SortState | undefined): void;
  onCopy(text: string, format: CopyFormat): void;
  onDetail(text: string): void;
}

export class VirtualGrid {
  readonly root: HTMLDivElement;
  private readonly scroller = make('div', 'loch-grid-scroll');
  private readonly view = make('div', 'loch-grid-view');
  private readonly spacer = make('div', 'loch-grid-spacer');
  private readonly header = make('div', 'loch-grid-header');
  private readonly body = make('div', 'loch-grid-body');
  private rowEls: HTMLDivElement[] = [];
  /** Display position -> schema column. */
  columnOrder: number[] = [];
  widths: number[] = [];
  private anchor: Cell = { row: 0, col: 0 };
  private focus: Cell = { row: 0, col: 0 };
  private pending = 0;
  private headerKey = '';
  private layoutKey = '';
  /** Milliseconds the last redraw took (read by the benchmark). */
  lastRenderMs = 0;
  onRendered: (() => void) | undefined;

  constructor(
    private readonly store: ResultStore,
    private readonly events: GridEvents,
  ) {
    this.root = make('div', 'loch-grid');
    this.root.setAttribute('role', 'grid');
    this.root.setAttribute('aria-label', 'Query result');
    this.root.setAttribute('aria-multiselectable', 'true');
    this.root.tabIndex = 0;
    this.header.setAttribute('role', 'row');
    this.header.setAttribute('aria-rowindex', '1');
    this.body.setAttribute('role', 'rowgroup');
    this.view.append(this.header, this.body);
    this.scroller.append(this.view, this.spacer);
    this.root.append(this.scroller);
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.body.addEventListener('dblclick', (e) => this.onDoubleClick(e));
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  /** Call after the schema or row count changed. */
  refresh(): void {
    const fields = this.store.schema?.fields ?? [];
    // A new result resets column order and widths; a re-run of the same columns keeps them.
    const key = fields.map((f) => `${f.name}:${f.type}`).join('\u0000');
    if (key !== this.layoutKey) {
      this.layoutKey = key;
      this.columnOrder = fields.map((_, i) => i);
      this.widths = fields.map((f) => Math.max(80, Math.min(320, f.name.length * 8 + 40)));
      this.headerKey = '';
    }
    this.root.setAttribute('aria-rowcount', String(this.store.viewRowCount + 1));
    this.root.setAttribute('aria-colcount', String(fields.length));
    this.schedule();
  }

  schedule(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.render();
    });
  }

  private get viewportHeight(): number {
    return this.scroller.clientHeight;
  }

  /** Redraws the viewport now (synchronously). */
  render(): void {
    const t0 = performance.now();
    if (!this.store.schema) {
      this.header.replaceChildren();
      this.headerKey = '';
      for (const r of this.rowEls) r.hidden = true;
      return;
    }
    const rows = this.store.viewRowCount;
    const h = this.viewportHeight;
    const w = this.scroller.clientWidth;
    const totalWidth = this.widths.reduce((a, b) => a + b, 0);
    this.spacer.style.height = `${Math.max(0, contentHeight(rows) - h)}px`;
    this.spacer.style.width = `${totalWidth}px`;
    this.view.style.height = `${h}px`;
    this.view.style.width = `${w}px`;
    const first = firstRowAt(this.scroller.scrollTop, rows, h);
    const firstRow = Math.floor(first);
    const offset = (first - firstRow) * ROW_HEIGHT;
    const visible = Math.min(rows - firstRow, Math.ceil((h - HEADER_HEIGHT) / ROW_HEIGHT) + 1);
    const cols = visibleColumns(this.widths, this.scroller.scrollLeft, w);
    this.renderHeader(cols);
    this.ensureRows(Math.max(0, visible));
    const left = this.scroller.scrollLeft;
    const lo = Math.min(this.anchor.row, this.focus.row);
    const hi = Math.max(this.anchor.row, this.focus.row);
    const cLo = Math.min(this.anchor.col, this.focus.col);
    const cHi = Math.max(this.anchor.col, this.focus.col);
    for (let i = 0; i < this.rowEls.length; i++) {
      const rowEl = this.rowEls[i]!;
      const viewRow = firstRow + i;
      if (i >= visible) {
        rowEl.hidden = true;
        continue;
      }
      rowEl.hidden = false;
      rowEl.style.transform = `translateY(${i * ROW_HEIGHT - offset}px)`;
      rowEl.setAttribute('aria-rowindex', String(viewRow + 2));
      const row = this.store.rowAt(viewRow);
      this.fillRow(rowEl, row, viewRow, cols, left, lo <= viewRow && viewRow <= hi, cLo, cHi);
    }
    this.lastRenderMs = performance.now() - t0;
    this.onRendered?.();
  }

  private fillRow(
    rowEl: HTMLDivElement,
    row: number,
    viewRow: number,
    cols: { start: number; end: number; lefts: number[] },
    left: number,
    rowSelected: boolean,
    cLo: number,
    cHi: number,
  ): void {
    const count = cols.end - cols.start;
    while (rowEl.childElementCount < count) {
      const c = make('div', 'loch-cell');
      c.setAttribute('role', 'gridcell');
      rowEl.append(c);
    }
    while (rowEl.childElementCount > count) rowEl.lastElementChild!.remove();
    for (let k = 0; k < count; k++) {
      const pos = cols.start + k;
      const column = this.columnOrder[pos]!;
      const cell = rowEl.children[k] as HTMLDivElement;
      const text = this.store.text(row, column);
      const fmt = this.store.formats[column]!;
      cell.style.left = `${cols.lefts[pos]! - left}px`;
      cell.style.width = `${this.widths[pos]!}px`;
      cell.setAttribute('aria-colindex', String(pos + 1));
      cell.dataset.row = String(viewRow);
      cell.dataset.col = String(pos);
      const selected = rowSelected && pos >= cLo && pos <= cHi;
      const active = viewRow === this.focus.row && pos === this.focus.col;
      cell.className =
        'loch-cell' +
        (text === null ? ' loch-null' : '') +
        (fmt.align === 'right' ? ' loch-num' : '') +
        (fmt.nested ? ' loch-nested' : '') +
        (selected ? ' loch-selected' : '') +
        (active ? ' loch-active' : '');
      cell.setAttribute('aria-selected', String(selected));
      if (active) {
        cell.id = 'loch-active-cell';
        this.root.setAttribute('aria-activedescendant', cell.id);
      } else if (cell.id) cell.removeAttribute('id');
      // NULL is drawn as a styled marker, never as the data string "NULL".
      cell.textContent = text === null ? 'NULL' : text;
    }
  }

  private ensureRows(n: number): void {
    while (this.rowEls.length < n) {
      const r = make('div', 'loch-row');
      r.setAttribute('role', 'row');
      this.body.append(r);
      this.rowEls.push(r);
    }
  }

  private renderHeader(cols: { start: number; end: number; lefts: number[] }): void {
    const sort = this.store.sort;
    const left = this.scroller.scrollLeft;
    const key = `${cols.start}:${cols.end}:${left}:${this.widths.join(',')}:${this.columnOrder.join(',')}:${sort?.column}:${sort?.direction}`;
    if (key === this.headerKey) return;
    this.headerKey = key;
    this.header.replaceChildren();
    const fields = this.store.schema!.fields;
    for (let pos = cols.start; pos < cols.end; pos++) {
      const column = this.columnOrder[pos]!;
      const field = fields[column]!;
      const h = make('div', 'loch-header-cell');
      h.setAttribute('role', 'columnheader');
      h.setAttribute('aria-colindex', String(pos + 1));
      h.dataset.col = String(pos);
      h.style.left = `${cols.lefts[pos]! - left}px`;
      h.style.width = `${this.widths[pos]!}px`;
      const sorted = sort?.column === column ? sort.direction : undefined;
      h.setAttribute(
        'aria-sort',
        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none',
      );
      const name = make('span', 'loch-header-name');
      name.textContent = field.name;
      const type = make('span', 'loch-header-type');
      type.textContent = field.metadata.get(TRINO_TYPE_KEY) ?? String(field.type);
      const mark = make('span', 'loch-sort-mark');
      mark.textContent = sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '';
      const handle = make('span', 'loch-resize');
      handle.setAttribute('aria-hidden', 'true');
      h.title = `${field.name}: ${type.textContent}`;
      h.append(name, mark, type, handle);
      handle.addEventListener('pointerdown', (e) => this.startResize(e, pos));
      h.addEventListener('pointerdown', (e) => {
        if (e.target !== handle) this.startReorder(e, pos);
      });
      this.header.append(h);
    }
  }

  /** Cycles the sort of a display column: ascending, descending, none. */
  toggleSort(pos: number): void {
    const column = this.columnOrder[pos]!;
    const s = this.store.sort;
    const next: SortState | undefined =
      s?.column !== column
        ? { column, direction: 'asc' }
        : s.direction === 'asc'
          ? { column, direction: 'desc' }
          : undefined;
    this.events.onSort(next);
  }

  private startResize(e: PointerEvent, pos: number): void {
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const w0 = this.widths[pos]!;
    const move = (m: PointerEvent) => {
      this.widths[pos] = Math.max(40, w0 + m.clientX - x0);
      this.schedule();
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  // Dragging a header moves the column; a click without movement sorts by it.
  private startReorder(e: PointerEvent, pos: number): void {
    const x0 = e.clientX;
    let moved = false;
    const move = (m: PointerEvent) => {
      if (Math.abs(m.clientX - x0) > 5) moved = true;
    };
    const up = (u: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (!moved) {
        this.toggleSort(pos);
        return;
      }
      const x = u.clientX - this.scroller.getBoundingClientRect().left + this.scroller.scrollLeft;
      const { lefts } = visibleColumns(this.widths, 0, Infinity);
      let target = lefts.findIndex((l, i) => x >= l && x < l + this.widths[i]!);
      if (target < 0) target = this.widths.length - 1;
      this.moveColumn(pos, target);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  moveColumn(from: number, to: number): void {
    if (from === to || to < 0 || to >= this.columnOrder.length) return;
    const [c] = this.columnOrder.splice(from, 1);
    const [w] = this.widths.splice(from, 1);
    this.columnOrder.splice(to, 0, c!);
    this.widths.splice(to, 0, w!);
    this.schedule();
  }

  private cellAt(e: MouseEvent): Cell | undefined {
    const t = (e.target as HTMLElement).closest<HTMLElement>('.loch-cell');
    if (!t?.dataset.row) return undefined;
    return { row: Number(t.dataset.row), col: Number(t.dataset.col) };
  }

  private onMouseDown(e: MouseEvent): void {
    const cell = this.cellAt(e);
    if (!cell) return;
    this.select(cell, e.shiftKey);
    this.root.focus();
  }

  private onDoubleClick(e: MouseEvent): void {
    const cell = this.cellAt(e);
    if (!cell) return;
    const column = this.columnOrder[cell.col]!;
    const text = this.store.text(this.store.rowAt(cell.row), column);
    this.events.onDetail(text === null ? 'NULL' : text);
  }

  /** Moves the active cell (extending the range with `extend`) and scrolls it into view. */
  select(cell: Cell, extend = false): void {
    const rows = this.store.viewRowCount;
    const c: Cell = {
      row: Math.max(0, Math.min(rows - 1, cell.row)),
      col: Math.max(0, Math.min(this.columnOrder.length - 1, cell.col)),
    };
    this.focus = c;
    if (!extend) this.anchor = c;
    this.scrollIntoView(c);
    this.schedule();
  }

  selectAll(): void {
    this.anchor = { row: 0, col: 0 };
    this.focus = { row: this.store.viewRowCount - 1, col: this.columnOrder.length - 1 };
    this.schedule();
  }

  get selection(): { anchor: Cell; focus: Cell } {
    return { anchor: { ...this.anchor }, focus: { ...this.focus } };
  }

  scrollToRow(row: number): void {
    this.scroller.scrollTop = scrollTopFor(row, this.store.viewRowCount, this.viewportHeight);
    this.schedule();
  }

  private scrollIntoView(c: Cell): void {
    const h = this.viewportHeight;
    const rows = this.store.viewRowCount;
    const first = firstRowAt(this.scroller.scrollTop, rows, h);
    const body = Math.floor((h - HEADER_HEIGHT) / ROW_HEIGHT) - 1;
    if (c.row < first) this.scroller.scrollTop = scrollTopFor(c.row, rows, h);
    else if (c.row > first + body) this.scroller.scrollTop = scrollTopFor(c.row - body, rows, h);
    const { lefts } = visibleColumns(this.widths, 0, Infinity);
    const l = lefts[c.col]!;
    const r = l + this.widths[c.col]!;
    if (l < this.scroller.scrollLeft) this.scroller.scrollLeft = l;
    else if (r > this.scroller.scrollLeft + this.scroller.clientWidth) {
      this.scroller.scrollLeft = r - this.scroller.clientWidth;
    }
  }

  /** The selected range as text with headers (at most `limit` rows). */
  selectionText(format: CopyFormat, limit = 100_000): string {
    const r0 = Math.min(this.anchor.row, this.focus.row);
    const r1 = Math.min(Math.max(this.anchor.row, this.focus.row), r0 + limit - 1);
    const c0 = Math.min(this.anchor.col, this.focus.col);
    const c1 = Math.max(this.anchor.col, this.focus.col);
    const columns = this.columnOrder.slice(c0, c1 + 1);
    const fields = this.store.schema!.fields;
    const rows: (string | null)[][] = [];
    for (let r = r0; r <= r1; r++) {
      const row = this.store.rowAt(r);
      rows.push(columns.map((c) => this.store.text(row, c)));
    }
    return rangeText({ headers: columns.map((c) => fields[c]!.name), rows }, format);
  }

  private onKey(e: KeyboardEvent): void {
    if (this.store.viewRowCount === 0) return;
    const page = Math.max(1, Math.floor((this.viewportHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const f = this.focus;
    const mod = e.ctrlKey || e.metaKey;
    const copy = copyFormatFor(e);
    if (copy) {
      e.preventDefault();
      this.events.onCopy(this.selectionText(copy), copy);
      return;
    }
    if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      this.selectAll();
      return;
    }
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      const to = f.col + (e.key === 'ArrowLeft' ? -1 : 1);
      this.moveColumn(f.col, to);
      this.select({ row: f.row, col: to });
      return;
    }
    const moves: Record<string, Cell> = {
      ArrowDown: { row: f.row + 1, col: f.col },
      ArrowUp: { row: f.row - 1, col: f.col },
      ArrowLeft: { row: f.row, col: f.col - 1 },
      ArrowRight: { row: f.row, col: f.col + 1 },
      PageDown: { row: f.row + page, col: f.col },
      PageUp: { row: f.row - page, col: f.col },
      Home: mod ? { row: 0, col: 0 } : { row: f.row, col: 0 },
      End: mod
        ? { row: this.store.viewRowCount - 1, col: this.columnOrder.length - 1 }
        : { row: f.row, col: this.columnOrder.length - 1 },
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      this.select(to, e.shiftKey);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const column = this.columnOrder[f.col]!;
      const text = this.store.text(this.store.rowAt(f.row), column);
      this.events.onDetail(text === null ? 'NULL' : text);
    }
  }
}
