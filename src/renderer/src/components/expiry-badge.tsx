import { expiryInfo } from '../format';

export function ExpiryBadge({ expires, now }: { expires: string | null; now: number }) {
  const { text, tone } = expiryInfo(expires, now);
  return (
    <span className={`badge badge--${tone}`} title={expires ?? undefined}>
      {text}
    </span>
  );
}
