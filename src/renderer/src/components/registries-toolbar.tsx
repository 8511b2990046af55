import { useKeyport } from '../store/store-context';

/** The Registries view's header actions. */
export function RegistriesToolbar() {
  const openDialog = useKeyport((s) => s.openDialog);
  return (
    <div className="toolbar toolbar--end">
      <button
        type="button"
        className="button button--primary"
        onClick={() => openDialog({ kind: 'add-account' })}
      >
        Add account
      </button>
    </div>
  );
}
