// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInMe } from '../test-support/fake-server';
import type { FakeRoutes, SentRequest } from '../test-support/fake-server';
import { renderApp } from '../test-support/render-app';
import { describeRhythm } from './describe-rhythm';
import { gridFromRhythm, isExactOnGrid, rhythmFromGrid } from './week-grid';

afterEach(cleanup);

const nineToFive = ['09:00-17:00'];
const savedRhythm = {
  rhythm: {
    timeZone: 'Europe/Berlin',
    week: {
      mon: nineToFive,
      tue: nineToFive,
      wed: nineToFive,
      thu: nineToFive,
      fri: nineToFive,
      sat: [],
      sun: [],
    },
    exceptions: [{ date: '2026-12-24', hours: [] }],
  },
  focus: { mon: ['09:00-11:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  delivery: { mode: 'as-they-come', batchTimes: [] },
  isDefault: false,
  updatedAt: '2026-11-20T10:00:00.000Z',
};

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ status: 200, body: signedInMe }),
    'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/inbox': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/v1/me/rhythm': () => ({ status: 200, body: savedRhythm }),
    'GET /api/v1/me/time-off': () => ({ status: 200, body: { items: [] } }),
    'GET /api/v1/people/p-owner/busy': () => ({ status: 200, body: { personId: 'p-owner', busy: [] } }),
    ...extra,
  };
}

const cell = (day: number, slot: number) => {
  const found = document.querySelector<HTMLElement>(
    `[role="gridcell"][data-day="${day}"][data-slot="${slot}"]`,
  );
  if (!found) throw new Error(`no cell ${day}/${slot}`);
  return found;
};

const sentence = () => document.querySelector('.rhythm-sentence')?.textContent;

async function openRhythm(extra: FakeRoutes = {}) {
  const rendered = renderApp('/rhythm', routes(extra));
  await screen.findByRole('grid', { name: 'Weekly rhythm, one cell per half hour' }, { timeout: 5000 });
  return rendered;
}

describe('the week grid model', () => {
  it('turns hours into cells and back, focus inside working hours', () => {
    const grid = gridFromRhythm({ mon: ['09:00-17:00'], sun: ['22:00-24:00'] }, { mon: ['13:00-14:30'] });
    expect(grid[0]![17]).toBe('off');
    expect(grid[0]![18]).toBe('working');
    expect(grid[0]![26]).toBe('focus');
    expect(grid[0]![28]).toBe('focus');
    expect(grid[0]![29]).toBe('working');
    const back = rhythmFromGrid(grid);
    expect(back.week.mon).toEqual(['09:00-17:00']);
    expect(back.week.sun).toEqual(['22:00-24:00']);
    expect(back.focus.mon).toEqual(['13:00-14:30']);
    expect(back.week.tue).toEqual([]);
    expect(isExactOnGrid({ mon: ['09:00-17:00'] }, { mon: ['13:00-14:30'] })).toBe(true);
    expect(isExactOnGrid({ mon: ['09:15-17:00'] }, {})).toBe(false);
  });

  it('says in words what the settings mean', () => {
    const grid = gridFromRhythm(
      { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
      {
        mon: ['09:00-11:00'],
        tue: ['09:00-11:00'],
        wed: ['09:00-11:00'],
        thu: ['09:00-11:00'],
        fri: ['09:00-11:00'],
      },
    );
    expect(
      describeRhythm(grid, { timeZone: 'Europe/Berlin', delivery: { mode: 'as-they-come', batchTimes: [] } }),
    ).toBe('Posts reach you Mon–Fri 09:00–17:00 Berlin time, except during focus 09:00–11:00.');
    expect(
      describeRhythm(grid, {
        timeZone: 'America/New_York',
        delivery: { mode: 'batched', batchTimes: ['14:00', '09:30'] },
      }),
    ).toBe(
      'Posts reach you in batches at 09:30 and 14:00, Mon–Fri 09:00–17:00 New York time, except during focus 09:00–11:00.',
    );
    expect(
      describeRhythm(gridFromRhythm({}, {}), {
        timeZone: 'UTC',
        delivery: { mode: 'as-they-come', batchTimes: [] },
      }),
    ).toMatch(/^No working hours are set/);
  });
});

describe('My rhythm', () => {
  it('shows the saved rhythm on the grid and in the sentence', async () => {
    await openRhythm();
    expect(sentence()).toBe(
      'Posts reach you Mon–Fri 09:00–17:00 Berlin time, except during focus Mon 09:00–11:00.',
    );
    expect(cell(0, 18).dataset.kind).toBe('focus');
    expect(cell(0, 22).dataset.kind).toBe('working');
    expect(cell(4, 33).dataset.kind).toBe('working');
    expect(cell(4, 34).dataset.kind).toBe('off');
    expect(cell(5, 20).dataset.kind).toBe('off');
    expect(cell(1, 20).getAttribute('aria-label')).toBe('Tuesday 10:00 to 10:30, working');
    expect((screen.getByLabelText('Your time zone') as HTMLSelectElement).value).toBe('Europe/Berlin');
  });

  it('paints the rectangle of a drag with the brush, and the sentence follows', async () => {
    await openRhythm();
    // Saturday 10:00 to Sunday 11:30, working.
    fireEvent.pointerDown(cell(5, 20), { pointerId: 1, button: 0, pointerType: 'mouse' });
    fireEvent.pointerMove(cell(6, 21), { pointerId: 1, pointerType: 'mouse' });
    fireEvent.pointerMove(cell(6, 23), { pointerId: 1, pointerType: 'mouse' });
    // While dragging the rectangle is shown, not yet kept.
    expect(cell(5, 23).dataset.kind).toBe('working');
    fireEvent.pointerUp(cell(6, 23), { pointerId: 1, pointerType: 'mouse' });
    for (const [day, slot] of [
      [5, 20],
      [5, 23],
      [6, 20],
      [6, 23],
    ] as const) {
      expect(cell(day, slot).dataset.kind).toBe('working');
    }
    expect(cell(5, 19).dataset.kind).toBe('off');
    expect(cell(5, 24).dataset.kind).toBe('off');
    expect(sentence()).toBe(
      'Posts reach you Mon–Fri 09:00–17:00 and Sat–Sun 10:00–12:00 Berlin time, except during focus Mon 09:00–11:00.',
    );

    // The off brush erases: Friday afternoon off.
    fireEvent.click(screen.getByRole('radio', { name: /^Off/ }));
    fireEvent.pointerDown(cell(4, 26), { pointerId: 2, button: 0, pointerType: 'mouse' });
    fireEvent.pointerMove(cell(4, 33), { pointerId: 2, pointerType: 'mouse' });
    fireEvent.pointerUp(cell(4, 33), { pointerId: 2, pointerType: 'mouse' });
    expect(cell(4, 26).dataset.kind).toBe('off');
    expect(cell(4, 25).dataset.kind).toBe('working');
    expect(sentence()).toContain('Mon–Thu 09:00–17:00, Fri 09:00–13:00, and Sat–Sun 10:00–12:00 Berlin time');
  });

  it('paints from the keyboard: arrows move the cursor, Space paints, Shift+arrow paints as it moves', async () => {
    await openRhythm();
    const start = cell(0, 18); // The cursor starts on Monday 09:00.
    expect(start.tabIndex).toBe(0);
    start.focus();
    fireEvent.keyDown(start, { key: 'f' }); // The focus brush.
    expect((screen.getByRole('radio', { name: /^Focus/ }) as HTMLInputElement).checked).toBe(true);
    // To Wednesday 14:00: right twice, down ten times.
    let at: HTMLElement = start;
    for (const key of ['ArrowRight', 'ArrowRight', ...Array(10).fill('ArrowDown')] as string[]) {
      fireEvent.keyDown(at, { key });
      at = document.activeElement as HTMLElement;
    }
    expect(at).toBe(cell(2, 28));
    expect(at.tabIndex).toBe(0);
    expect(cell(0, 18).tabIndex).toBe(-1);
    fireEvent.keyDown(at, { key: ' ' });
    expect(cell(2, 28).dataset.kind).toBe('focus');
    fireEvent.keyDown(at, { key: 'ArrowDown', shiftKey: true });
    expect(cell(2, 29).dataset.kind).toBe('focus');
    expect(cell(2, 30).dataset.kind).toBe('working');
    expect(sentence()).toBe(
      'Posts reach you Mon–Fri 09:00–17:00 Berlin time, except during focus Mon 09:00–11:00 and Wed 14:00–15:00.',
    );
  });

  it('saves what the grid shows, with the time zone and delivery chosen', async () => {
    const { requests } = await openRhythm({
      'PUT /api/v1/me/rhythm': (request: SentRequest) => ({
        status: 200,
        body: { ...(request.body as object), isDefault: false, updatedAt: '2026-11-26T10:00:00.000Z' },
      }),
    });
    // Sunday 22:00–24:00 working.
    fireEvent.pointerDown(cell(6, 44), { pointerId: 1, button: 0, pointerType: 'mouse' });
    fireEvent.pointerMove(cell(6, 47), { pointerId: 1, pointerType: 'mouse' });
    fireEvent.pointerUp(cell(6, 47), { pointerId: 1, pointerType: 'mouse' });
    fireEvent.change(screen.getByLabelText('Find a time zone'), { target: { value: 'tokyo' } });
    const zones = screen.getByLabelText('Your time zone') as HTMLSelectElement;
    expect([...zones.options].map((o) => o.value)).toContain('Asia/Tokyo');
    fireEvent.change(zones, { target: { value: 'Asia/Tokyo' } });
    fireEvent.click(screen.getByRole('radio', { name: 'In batches at set times' }));
    fireEvent.change(screen.getByLabelText('Batch time 2'), { target: { value: '15:30' } });
    expect(sentence()).toBe(
      'Posts reach you in batches at 09:00 and 15:30, Mon–Fri 09:00–17:00 and Sun 22:00–24:00 Tokyo time, except during focus Mon 09:00–11:00.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save rhythm' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/api/v1/me/rhythm');
    expect(put.body).toEqual({
      rhythm: {
        timeZone: 'Asia/Tokyo',
        week: {
          mon: nineToFive,
          tue: nineToFive,
          wed: nineToFive,
          thu: nineToFive,
          fri: nineToFive,
          sat: [],
          sun: ['22:00-24:00'],
        },
        exceptions: [{ date: '2026-12-24', hours: [] }],
      },
      focus: { mon: ['09:00-11:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      delivery: { mode: 'batched', batchTimes: ['09:00', '15:30'] },
    });
    expect(await screen.findByText('Saved.')).toBeTruthy();
    // What was saved is what the grid now shows.
    expect(cell(6, 44).dataset.kind).toBe('working');
    expect(cell(6, 43).dataset.kind).toBe('off');
  });

  it('shows the server’s error path and message next to the field it names', async () => {
    await openRhythm({
      'PUT /api/v1/me/rhythm': () => ({
        status: 400,
        body: {
          status: 400,
          code: 'validation_failed',
          detail: 'body.rhythm.week.mon[0]: the end must be after the start',
          errors: [{ path: 'body.rhythm.week.mon[0]', message: 'the end must be after the start' }],
        },
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save rhythm' }));
    const grid = screen.getByRole('grid');
    await screen.findByRole('alert');
    const describedBy = grid.getAttribute('aria-describedby')!.split(' ');
    const message = describedBy.map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(message).toContain('body.rhythm.week.mon[0]: the end must be after the start');
    expect(screen.getByRole('alert').textContent).toBe('The rhythm was not saved: see the messages above.');
  });

  it('adds time off by date range with a note, and lists it', async () => {
    const items: unknown[] = [];
    const { requests } = await openRhythm({
      'GET /api/v1/me/time-off': () => ({ status: 200, body: { items } }),
      'POST /api/v1/me/time-off': (request) => {
        const body = request.body as { from: string; to: string; note?: string };
        items.push({ id: 't-1', note: '', createdAt: '2026-11-26T10:00:00Z', ...body });
        return { status: 201, body: items[0] };
      },
    });
    expect(await screen.findByText('No time off planned.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('First day off'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('Last day off'), { target: { value: '2026-12-14' } });
    fireEvent.change(screen.getByLabelText(/^Note/), { target: { value: 'Tokyo <trip>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add time off' }));
    const list = await screen.findByRole('list', { name: 'Planned time off' });
    expect(within(list).getByText('Dec 1 – 14, 2026')).toBeTruthy();
    expect(list.textContent).toContain('Tokyo <trip>');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      from: '2026-12-01',
      to: '2026-12-14',
      note: 'Tokyo <trip>',
    });
    expect(sentence()).toMatch(/, and never on your time off\.$/);
  });

  it('lists the busy times of my imported calendar in my time zone, asking for the next two weeks', async () => {
    const { requests } = await openRhythm({
      'GET /api/v1/people/p-owner/busy': () => ({
        status: 200,
        body: {
          personId: 'p-owner',
          busy: [{ start: '2026-12-01T13:00:00.000Z', end: '2026-12-01T14:30:00.000Z' }],
        },
      }),
    });
    const list = await screen.findByRole('list', { name: 'Busy times' });
    // 13:00Z is 14:00 in Berlin (winter).
    expect(list.textContent).toMatch(/^Busy 14:00 .+ – 15:30 .+$/);
    const sent = requests.find((r) => r.path === '/api/v1/people/p-owner/busy')!;
    const query = new URLSearchParams(sent.search);
    expect(Date.parse(query.get('to')!) - Date.parse(query.get('from')!)).toBe(14 * 24 * 60 * 60_000);
  });
});
