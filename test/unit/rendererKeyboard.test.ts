import { describe, expect, it } from 'vitest';
import { statusHints, type StatusContext } from '../../renderer/src/shell/statusHints';
import { pagingDirectionOf } from '../../renderer/src/ui/pagingKeys';

const key = (
  key: string,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {},
) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('pagingDirectionOf', () => {
  it('pages with Alt+PageDown and Alt+PageUp only', () => {
    expect(pagingDirectionOf(key('PageDown', { altKey: true }))).toBe('next');
    expect(pagingDirectionOf(key('PageUp', { altKey: true }))).toBe('prev');
  });

  it('leaves plain PageUp/PageDown, arrows and other chords to whoever has focus', () => {
    expect(pagingDirectionOf(key('PageDown'))).toBeNull();
    expect(pagingDirectionOf(key('ArrowRight', { altKey: true }))).toBeNull();
    expect(pagingDirectionOf(key('PageDown', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(pagingDirectionOf(key('PageUp', { altKey: true, shiftKey: true }))).toBeNull();
    expect(pagingDirectionOf(key('PageDown', { ctrlKey: true }))).toBeNull();
  });
});

const text = (context: Partial<StatusContext>) =>
  statusHints({
    view: 'tester',
    viewCount: 7,
    editorFocused: false,
    exitArmed: false,
    modKey: 'Ctrl',
    ...context,
  })
    .map((h) => `${h.keys.join(h.joiner ?? '')} ${h.text}`)
    .join(' · ');

describe('statusHints', () => {
  it('says first how to leave the editor while it has the caret, then send and dry run', () => {
    expect(text({ editorFocused: true })).toMatch(
      /^Esc then Tab to leave the editor · Ctrl\+Enter send · Ctrl\+Shift\+Enter dry run/,
    );
  });

  it('says Tab now leaves once a bare Escape armed it', () => {
    expect(text({ editorFocused: true, exitArmed: true })).toMatch(
      /^Tab or Shift\+Tab now leaves the editor/,
    );
  });

  it('outside the editor: the paging keys and where all shortcuts are', () => {
    expect(text({})).toMatch(/^Alt\+PageUp \/ Alt\+PageDown previous \/ next request · .*\? all shortcuts$/);
    expect(text({ view: 'history' })).toBe(
      'Alt+PageUp / Alt+PageDown previous / next request · ? all shortcuts',
    );
  });

  it('views without a lifecycle offer switching views, not paging', () => {
    const debuggerHints = text({ view: 'debugger', editorFocused: true });
    expect(debuggerHints).toContain('Ctrl+1…Ctrl+7 switch views');
    expect(debuggerHints).not.toContain('request');
    expect(debuggerHints).not.toContain('leave the editor');
  });

  it('uses the platform’s modifier', () => {
    expect(text({ editorFocused: true, modKey: '⌘' })).toContain('⌘+Enter send');
  });
});
