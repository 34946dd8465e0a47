// The weekly grid of "My rhythm": a column per weekday, a row per half hour. Painted by dragging (a drag
// paints the rectangle between where it started and where it is) or from the keyboard: the arrow keys move a
// cell cursor, Space or Enter paints with the brush, Shift+arrow moves and paints.
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { weekdayLabels, weekdayNames } from './describe-rhythm';
import { clockOf, paintRect, slotMinutes, slotsPerDay, weekdays } from './week-grid';
import type { CellKind, WeekGrid } from './week-grid';

interface Cell {
  day: number;
  slot: number;
}

/** What a cell kind is called in words (labels, legend, brush). */
export const kindNames: Record<CellKind, string> = { working: 'working', focus: 'focus', off: 'off' };

const brushKeys: Record<string, CellKind> = { w: 'working', f: 'focus', o: 'off' };

function cellAt(element: Element | null): Cell | null {
  const cell = element?.closest<HTMLElement>('[data-slot]');
  if (!cell) return null;
  return { day: Number(cell.dataset.day), slot: Number(cell.dataset.slot) };
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

/** The label of a cell: "Monday 09:00 to 09:30, working". */
export function cellLabel(day: number, slot: number, kind: CellKind): string {
  const start = clockOf(slot * slotMinutes);
  const end = clockOf((slot + 1) * slotMinutes);
  return `${weekdayNames[day]!} ${start} to ${end}, ${kindNames[kind]}`;
}

/** The painted week; `onChange` gets the grid after each stroke (a drag, a key). */
export function RhythmGrid({
  grid,
  brush,
  onChange,
  onBrushChange,
  describedBy,
}: {
  grid: WeekGrid;
  brush: CellKind;
  onChange: (grid: WeekGrid) => void;
  onBrushChange: (brush: CellKind) => void;
  describedBy?: string;
}) {
  const [cursor, setCursor] = useState<Cell>({ day: 0, slot: 18 });
  const [drag, setDrag] = useState<{ anchor: Cell; current: Cell } | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  // The cursor cell takes focus when it moves, if the grid has focus (never on the first render).
  useEffect(() => {
    const root = gridRef.current;
    if (!root || !root.contains(document.activeElement)) return;
    root.querySelector<HTMLElement>(`[data-day="${cursor.day}"][data-slot="${cursor.slot}"]`)?.focus();
  }, [cursor]);

  const shown = drag ? paintRect(grid, drag.anchor, drag.current, brush) : grid;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const cell = cellAt(event.target as Element);
    if (!cell) return;
    event.preventDefault();
    // Keep getting the moves (touch and pen capture implicitly; a mouse leaving the grid too).
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDrag({ anchor: cell, current: cell });
    setCursor(cell);
    gridRef.current
      ?.querySelector<HTMLElement>(`[data-day="${cell.day}"][data-slot="${cell.slot}"]`)
      ?.focus({ preventScroll: true });
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    // Under pointer capture the target is the grid itself: find the cell under the pointer.
    const under =
      typeof document.elementFromPoint === 'function'
        ? (document.elementFromPoint(event.clientX, event.clientY) ?? event.target)
        : event.target;
    const cell = cellAt(under as Element) ?? cellAt(event.target as Element);
    if (cell && (cell.day !== drag.current.day || cell.slot !== drag.current.slot)) {
      setDrag({ anchor: drag.anchor, current: cell });
      setCursor(cell);
    }
  };

  const onPointerUp = () => {
    if (!drag) return;
    onChange(paintRect(grid, drag.anchor, drag.current, brush));
    setDrag(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      PageUp: [0, -4],
      PageDown: [0, 4],
    };
    let next: Cell | null = null;
    if (event.key in moves) {
      const [dd, ds] = moves[event.key]!;
      next = { day: clamp(cursor.day + dd, 6), slot: clamp(cursor.slot + ds, slotsPerDay - 1) };
    } else if (event.key === 'Home') next = { day: cursor.day, slot: 0 };
    else if (event.key === 'End') next = { day: cursor.day, slot: slotsPerDay - 1 };
    if (next) {
      event.preventDefault();
      if (event.shiftKey) onChange(paintRect(grid, cursor, next, brush));
      setCursor(next);
      return;
    }
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      onChange(paintRect(grid, cursor, cursor, brush));
      return;
    }
    const brushKey = brushKeys[event.key.toLowerCase()];
    if (brushKey) {
      event.preventDefault();
      onBrushChange(brushKey);
    }
  };

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label="Weekly rhythm, one cell per half hour"
      aria-describedby={describedBy}
      aria-rowcount={slotsPerDay + 1}
      aria-colcount={weekdays.length + 1}
      className="rhythm-grid"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      onKeyDown={onKeyDown}
    >
      <div role="row" className="rhythm-grid-row rhythm-grid-head">
        <div role="columnheader" className="rhythm-grid-corner">
          <span className="visually-hidden">Time</span>
        </div>
        {weekdayLabels.map((label, day) => (
          <div role="columnheader" key={label} className="rhythm-grid-day">
            <abbr title={weekdayNames[day]}>{label}</abbr>
          </div>
        ))}
      </div>
      {Array.from({ length: slotsPerDay }, (_, slot) => {
        const start = clockOf(slot * slotMinutes);
        const isHour = (slot * slotMinutes) % 60 === 0;
        return (
          <div role="row" key={slot} className={`rhythm-grid-row${isHour ? ' rhythm-grid-hour' : ''}`}>
            <div role="rowheader" className="rhythm-grid-time">
              <span className={slot % 4 === 0 ? undefined : 'visually-hidden'}>{start}</span>
            </div>
            {shown.map((day, d) => {
              const kind = day[slot]!;
              const isCursor = cursor.day === d && cursor.slot === slot;
              return (
                <div
                  role="gridcell"
                  key={d}
                  data-day={d}
                  data-slot={slot}
                  data-kind={kind}
                  tabIndex={isCursor ? 0 : -1}
                  aria-label={cellLabel(d, slot, kind)}
                  className={`rhythm-cell rhythm-cell-${kind}`}
                />
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
