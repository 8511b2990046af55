import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { TokenMeta } from '../../../shared/types';
import { useKeyport } from '../store/store-context';
import { ROW_HEIGHT, TokenRow } from './token-row';

const NAV_KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'];

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString() !== '';
}

/** Asks the pane to take focus: its heading, so the next Tab reaches its first action. */
export function focusDetail(): void {
  document.getElementById('token-detail-title')?.focus();
}

/**
 * The virtualized token list (a listbox): only the rows in view (plus a few) exist in the DOM, so
 * 10,000 tokens cost what 20 do. Selection follows the arrow keys and the details pane follows
 * the selection. Enter moves into the pane, Ctrl/Cmd+C copies the selected token, Delete asks to
 * delete it.
 */
export function TokenList({ tokens }: { tokens: TokenMeta[] }) {
  const now = useKeyport((s) => s.now);
  const selectedId = useKeyport((s) => s.selectedTokenId);
  const checks = useKeyport((s) => s.registryChecks);
  const selectToken = useKeyport((s) => s.selectToken);
  const copy = useKeyport((s) => s.copy);
  const openDialog = useKeyport((s) => s.openDialog);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const focusRequest = useRef<string | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: tokens.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => tokens[index]?.id ?? index,
    overscan: 6,
  });

  const found = selectedId === null ? -1 : tokens.findIndex((t) => t.id === selectedId);
  const tabIndex = found === -1 ? 0 : found;

  // Focus follows a keyboard move once the target row has been rendered (it may need a scroll).
  useEffect(() => {
    const id = focusRequest.current;
    if (id === null) return;
    const row = scrollerRef.current?.querySelector<HTMLElement>(`[data-token-id="${id}"]`);
    if (row) {
      focusRequest.current = null;
      row.focus();
    }
  });

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(tokens.length - 1, index));
    const token = tokens[clamped];
    if (!token) return;
    selectToken(token.id);
    focusRequest.current = token.id;
    virtualizer.scrollToIndex(clamped);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const token = tokens[index];
    if (!token) return;
    const modifier = event.ctrlKey || event.metaKey;
    if (modifier && !event.altKey && event.key.toLowerCase() === 'c') {
      if (hasTextSelection()) return;
      event.preventDefault();
      void copy(token.id);
      return;
    }
    if (event.altKey || modifier) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      selectToken(token.id, { open: true });
      // The pane may only now be rendered (narrow window): focus it after this render.
      requestAnimationFrame(focusDetail);
      return;
    }
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      selectToken(token.id);
      openDialog({ kind: 'delete-token', tokenId: token.id });
      return;
    }
    if (!NAV_KEYS.includes(event.key)) return;
    const page = Math.max(1, Math.floor((scrollerRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const next = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: tokens.length - 1,
      PageDown: index + page,
      PageUp: index - page,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    moveTo(next);
  };

  return (
    <div className="token-list" ref={scrollerRef} onKeyDown={onKeyDown}>
      <div
        role="listbox"
        aria-label="Tokens"
        aria-keyshortcuts="Enter Control+C Delete"
        className="token-list__canvas"
        style={{ height: virtualizer.getTotalSize() }}
        onClick={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>('[data-token-id]');
          const id = row?.dataset.tokenId;
          if (id) selectToken(id, { open: true });
        }}
        onFocus={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>('[data-token-id]');
          const id = row?.dataset.tokenId;
          if (id && id !== selectedId) selectToken(id);
        }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const token = tokens[item.index];
          if (!token) return null;
          return (
            <TokenRow
              key={token.id}
              token={token}
              index={item.index}
              setSize={tokens.length}
              selected={token.id === selectedId}
              tabbable={item.index === tabIndex}
              start={item.start}
              now={now}
              check={checks[token.id]}
            />
          );
        })}
      </div>
    </div>
  );
}
