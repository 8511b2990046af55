import type { RequestOf } from '../../../../shared/ipc-contract';
import type { ConfigFormat, TokenMeta } from '../../../../shared/types';
import { tildePath } from '../../paths';
import { useKeyport } from '../../store/store-context';
import type { UsePlace } from '../../token-status';
import { Dialog } from './dialog';
import { ReferenceStep } from './reference-step';

/** The same entry as Keyport wrote it (or as the token names its registry), now as a reference. */
function planFor(
  token: TokenMeta,
  place: UsePlace,
  format: ConfigFormat,
): RequestOf<'config:plan'> {
  const target = place.written?.target;
  return {
    tokenId: token.id,
    format,
    file: place.file,
    registry: target?.registry ?? place.registry ?? token.registry,
    ...(target?.username ? { username: target.username } : {}),
    ...((target?.serverId ?? place.serverId)
      ? { serverId: target?.serverId ?? place.serverId }
      : {}),
    ...((target?.source ?? place.sourceName) ? { source: target?.source ?? place.sourceName } : {}),
    ...(target?.repository ? { repository: target.repository } : {}),
    ...(target?.scope ? { scope: target.scope } : {}),
    ...(target?.pipMode ? { pipMode: target.pipMode } : {}),
    ...(target?.mavenAuth ? { mavenAuth: target.mavenAuth } : {}),
    reference: true,
  };
}

/** "Write a reference instead" from the details pane's Where used: diff, then Replace. */
export function WriteReferenceDialog({
  token,
  place,
  format,
}: {
  token: TokenMeta;
  place: UsePlace;
  format: ConfigFormat;
}) {
  const closeDialog = useKeyport((s) => s.closeDialog);
  const home = useKeyport((s) => s.home);
  return (
    <Dialog title="Write a reference" onClose={closeDialog} className="dialog--wide">
      <ReferenceStep
        request={planFor(token, place, format)}
        intro={
          <>
            “{token.label}” is in plaintext in{' '}
            <span className="mono">{tildePath(place.file, home)}</span>.
          </>
        }
      />
    </Dialog>
  );
}
