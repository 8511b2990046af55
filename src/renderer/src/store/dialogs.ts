/**
 * Which modal is open. One at a time; the dialog host maps each kind to its component, so a new
 * dialog (e.g. "Write to config…") is a new member here plus one line in dialog-host.tsx.
 */
export type DialogRequest =
  | { kind: 'add-token' }
  | { kind: 'edit-token'; tokenId: string }
  | { kind: 'delete-token'; tokenId: string };
