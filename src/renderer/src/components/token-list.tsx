import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { TokenMeta } from '../../../shared/types';
import { useKeyport } from '../store/store-context';
import { ROW_HEIGHT, TokenRow } from './token-row';

const NAV_KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'];

/**
 * The virtualized list: only the rows in view (plus a few) exist in the DOM, so 10,000 tokens
 * cost what 20 do. One row is in the Tab order; arrow keys, Home/End and Page keys move it.
 */
export function TokenList({ tokens }: { tokens: TokenMeta[] }) {
  const now = useKeyport((s) => s.now);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const focusRequest = useRef<string | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: tokens.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => tokens[index]?.id ?? index,
    overscan: 6,
  });

  const found = activeId === null ? -1 : tokens.findIndex((t) => t.id === activeId);
  const activeIndex = found === -1 ? 0 : found;

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
    setActiveId(token.id);
    focusRequest.current = token.id;
    virtualizer.scrollToIndex(clamped);
    const row = scrollerRef.current?.querySelector<HTMLElement>(`[data-token-id="${token.id}"]`);
    if (row) {
      focusRequest.current = null;
      row.focus();
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (!NAV_KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
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
        role="list"
        aria-label="Tokens"
        className="token-list__canvas"
        style={{ height: virtualizer.getTotalSize() }}
        onFocus={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>('[data-token-id]');
          const id = row?.dataset.tokenId;
          if (id && id !== activeId) setActiveId(id);
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
              active={item.index === activeIndex}
              start={item.start}
              now={now}
            />
          );
        })}
      </div>
    </div>
  );
}
