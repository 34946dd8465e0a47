// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ShortcutRegistry } from './shortcuts';

function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('the shortcut registry', () => {
  it('runs the latest shortcut for a key and lists one per key', () => {
    const registry = new ShortcutRegistry();
    const ran: string[] = [];
    registry.register({ key: 'j', description: 'Next', run: () => ran.push('outer') });
    const remove = registry.register({ key: 'j', description: 'Next post', run: () => ran.push('inner') });
    expect(registry.handle(press('j'))).toBe(true);
    expect(registry.list().map((s) => s.description)).toEqual(['Next post']);
    remove();
    registry.handle(press('j'));
    expect(ran).toEqual(['inner', 'outer']);
    expect(registry.list().map((s) => s.description)).toEqual(['Next']);
  });

  it('never takes keys typed into a field or pressed with a modifier', () => {
    const registry = new ShortcutRegistry();
    let runs = 0;
    registry.register({ key: 'e', description: 'Done', run: () => runs++ });
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    expect(registry.handle(press('e', input))).toBe(false);
    expect(registry.handle(press('e', textarea))).toBe(false);
    expect(registry.handle(press('e', document.body, { ctrlKey: true }))).toBe(false);
    expect(registry.handle(press('x'))).toBe(false);
    expect(runs).toBe(0);
    const event = press('e');
    expect(registry.handle(event)).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(runs).toBe(1);
  });

  it('keeps the same list between changes, so React can subscribe to it', () => {
    const registry = new ShortcutRegistry();
    let changes = 0;
    registry.subscribe(() => changes++);
    registry.register({ key: '?', description: 'Help', run: () => undefined });
    const first = registry.list();
    expect(registry.list()).toBe(first);
    expect(changes).toBe(1);
  });
});
