import { tokenKindText } from '../../../shared/token-kinds';
import type { RemoteRow } from '../../../shared/types';
import { formatDate } from '../format';
import { oneMask } from '../mask';
import { useKeyport } from '../store/store-context';

const STATE_TEXT: Record<RemoteRow['state'], string> = {
  'in-keyport': 'In Keyport',
  'registry-only': 'Registry only',
  'revoked-elsewhere': 'Revoked elsewhere',
};

const STATE_HINT: Record<RemoteRow['state'], string> = {
  'in-keyport': 'The registry lists it and Keyport holds its value.',
  'registry-only': 'Created elsewhere: Keyport does not hold its value.',
  'revoked-elsewhere':
    'Keyport holds this token but the registry no longer lists it: it was revoked elsewhere.',
};

export interface RemoteTokenTableProps {
  rows: RemoteRow[];
  selected: ReadonlySet<string>;
  onSelect: (next: ReadonlySet<string>) => void;
}

/**
 * The registry's tokens merged with the vault. Rows revoked elsewhere stay, in the warning colour:
 * silently dropping them would hide that a token Keyport holds no longer works. Only tokens the
 * registry still lists can be selected for revoking.
 */
export function RemoteTokenTable({ rows, selected, onSelect }: RemoteTokenTableProps) {
  const openDialog = useKeyport((s) => s.openDialog);
  const selectable = rows.flatMap((r) => (r.remote ? [r.remote.key] : []));
  const allSelected = selectable.length > 0 && selectable.every((k) => selected.has(k));

  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    onSelect(next);
  };

  return (
    <div className="remote-table__scroller">
      <table className="remote-table" aria-label="Remote tokens">
        <thead>
          <tr>
            <th scope="col" className="remote-table__check">
              <input
                type="checkbox"
                aria-label="Select all tokens"
                checked={allSelected}
                disabled={selectable.length === 0}
                onChange={(e) => onSelect(new Set(e.target.checked ? selectable : []))}
              />
            </th>
            <th scope="col">Token</th>
            <th scope="col">Allowed from</th>
            <th scope="col">Dates</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { remote, local } = row;
            const masked = local?.masked ?? oneMask(remote?.masked ?? '');
            const created = formatDate(remote?.created ?? local?.created ?? null);
            const name = `${local ? `${local.label} ` : ''}${masked}, created ${created}`;
            const key = remote?.key ?? `local:${local?.id ?? ''}`;
            const warn = row.state === 'revoked-elsewhere';
            return (
              <tr key={key} className={warn ? 'remote-row remote-row--warning' : 'remote-row'}>
                <td className="remote-table__check">
                  {remote ? (
                    <input
                      type="checkbox"
                      aria-label={`Select ${name}`}
                      checked={selected.has(remote.key)}
                      onChange={(e) => toggle(remote.key, e.target.checked)}
                    />
                  ) : null}
                </td>
                <td className="remote-row__token">
                  {local ? <span className="remote-row__label">{local.label}</span> : null}
                  <code className="remote-row__masked">{masked}</code>
                  <span className="remote-row__kind">
                    {remote ? tokenKindText(remote) : (local?.permissions[0] ?? '—')}
                  </span>
                </td>
                <td className="mono remote-row__cidr">
                  {(remote?.cidr ?? local?.cidr ?? []).join(', ') || 'any'}
                </td>
                <td className="remote-row__dates">
                  <span>
                    Created <time>{created}</time>
                  </span>
                  <span>
                    Expires <time>{formatDate(remote?.expires ?? local?.expires ?? null)}</time>
                  </span>
                </td>
                <td>
                  <span
                    className={`badge remote-state remote-state--${row.state}`}
                    title={STATE_HINT[row.state]}
                  >
                    {STATE_TEXT[row.state]}
                  </span>
                  {warn && local ? (
                    <button
                      type="button"
                      className="button button--small button--danger-quiet remote-row__remove"
                      aria-label={`Remove ${local.label} from Keyport`}
                      onClick={() => openDialog({ kind: 'delete-token', tokenId: local.id })}
                    >
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
