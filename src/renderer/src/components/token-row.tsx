import { memo } from 'react';
import type { TokenMeta } from '../../../shared/types';
import type { RegistryCheck } from '../store/keyport-store';
import { tokenStatus } from '../token-status';
import { EcoIcon } from './eco-icon';

export const ROW_HEIGHT = 44;

export interface TokenRowProps {
  token: TokenMeta;
  index: number;
  setSize: number;
  selected: boolean;
  /** The row Tab lands on (roving tabindex): the selected one, else the first. */
  tabbable: boolean;
  start: number;
  now: number;
  check: RegistryCheck | undefined;
}

/** The registry's host, which is what tells two tokens apart; the full URL is in the details. */
export function hostOf(registry: string): string {
  try {
    return new URL(registry).host;
  } catch {
    return registry;
  }
}

/**
 * One token in the list: its ecosystem, label, registry host and one status. No buttons: the
 * actions are in the details pane (and on the keyboard: Enter, Ctrl+C, Delete).
 */
export const TokenRow = memo(function TokenRow({
  token,
  index,
  setSize,
  selected,
  tabbable,
  start,
  now,
  check,
}: TokenRowProps) {
  const status = tokenStatus(token, now, check);
  const host = hostOf(token.registry);
  return (
    <div
      role="option"
      aria-selected={selected}
      aria-label={token.label}
      aria-description={`${host}${token.user ? `, ${token.user}` : ''}, ${status.text}`}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      tabIndex={tabbable ? 0 : -1}
      data-index={index}
      data-token-id={token.id}
      data-return-focus={selected || undefined}
      className="token-row"
      style={{ transform: `translateY(${start}px)` }}
    >
      <EcoIcon ecosystem={token.ecosystem} size={26} />
      <span className="token-row__text" aria-hidden="true">
        <span className="token-row__label" title={token.label}>
          {token.label}
        </span>
        <span className="token-row__sub" title={token.registry}>
          {host}
          {token.user ? ` · ${token.user}` : ''}
        </span>
      </span>
      {/* Only what needs attention earns a pill: a quiet list is a healthy one. */}
      {status.tone === 'warning' || status.tone === 'expired' ? (
        <span className={`pill pill--${status.tone}`} aria-hidden="true" title={status.hint}>
          {status.text}
        </span>
      ) : null}
    </div>
  );
});
