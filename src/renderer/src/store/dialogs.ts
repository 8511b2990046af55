import type { HelperKind } from '../../../shared/credential-helpers';
import type { Finding, SweepFinding } from '../../../shared/types';
import type { UsePlace } from '../token-status';

/**
 * Which modal is open. One at a time; the dialog host maps each kind to its component, so a new
 * dialog is a new member here plus one line in dialog-host.tsx. Requests carry ids only: the
 * dialog reads the current token or account from the store, and renders nothing if it has gone.
 * The one exception is a scan finding: it is a snapshot of a file (masked, nothing secret), and
 * the import dialog must keep working on the row that was clicked while a rescan replaces the
 * table underneath it.
 */
export type DialogRequest =
  | { kind: 'add-token' }
  | { kind: 'edit-token'; tokenId: string }
  | { kind: 'delete-token'; tokenId: string }
  | { kind: 'write-config'; tokenId: string }
  /** A plaintext place from the details pane's Where used, to hold a reference instead. */
  | { kind: 'write-reference'; tokenId: string; place: UsePlace }
  | { kind: 'rotate-token'; tokenId: string }
  /** "Use without files": preview and set up one credential helper for the token. */
  | { kind: 'helper-setup'; tokenId: string; helper: HelperKind }
  | { kind: 'add-account' }
  | { kind: 'create-token'; accountId: string }
  | { kind: 'revoke-tokens'; accountId: string; keys: string[] }
  | { kind: 'import-finding'; finding: Finding }
  /** Snapshots too, for the same reason: the plaintext findings Keyport does not hold. */
  | { kind: 'import-all'; findings: Finding[] }
  /** A sweep's findings, all imported and rewritten as references after one combined preview. */
  | { kind: 'sweep-import'; findings: SweepFinding[] };
