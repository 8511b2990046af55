import { OpenDialogButton } from './open-dialog-button';

/** The Registries view's header actions. */
export function RegistriesToolbar() {
  return (
    <div className="toolbar toolbar--end">
      <OpenDialogButton primary dialog={{ kind: 'add-account' }}>
        Add account
      </OpenDialogButton>
    </div>
  );
}
