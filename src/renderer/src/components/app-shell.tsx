import { useEffect } from 'react';
import { useKeyport } from '../store/store-context';
import { VIEWS } from '../store/views';
import { DialogHost } from './dialogs/dialog-host';
import { ErrorBanner } from './error-banner';
import { Notices } from './notices';
import { OpenDialogButton } from './open-dialog-button';
import { ProgressBar } from './progress-bar';
import { RegistriesView } from './registries-view';
import { ScanView } from './scan-view';
import { Sidebar } from './sidebar';
import { TokensView } from './tokens-view';

/**
 * Sidebar, header, the current view, and the overlays (dialogs, toasts). A revealed value is
 * dropped when the window loses focus; expiry badges are recomputed when it regains it.
 */
export function AppShell() {
  const view = useKeyport((s) => s.view);
  const hide = useKeyport((s) => s.hide);
  const tick = useKeyport((s) => s.tick);

  useEffect(() => {
    window.addEventListener('blur', hide);
    window.addEventListener('focus', tick);
    return () => {
      window.removeEventListener('blur', hide);
      window.removeEventListener('focus', tick);
    };
  }, [hide, tick]);

  const title = VIEWS.find((v) => v.id === view)?.label ?? 'Keyport';
  return (
    <div className="app">
      <Sidebar />
      <div className="app__column">
        <header className="app-header">
          <h1 className="app-header__title">{title}</h1>
          {view === 'tokens' ? (
            <OpenDialogButton primary dialog={{ kind: 'add-token' }}>
              Add token
            </OpenDialogButton>
          ) : null}
          {view === 'registries' ? (
            <OpenDialogButton primary dialog={{ kind: 'add-account' }}>
              Add account
            </OpenDialogButton>
          ) : null}
          {/* In the banner landmark, drawn under the header's border as before (styles.css). */}
          <ProgressBar />
        </header>
        <ErrorBanner />
        <main id="main" className="app__main" tabIndex={-1}>
          {view === 'tokens' ? <TokensView /> : null}
          {view === 'registries' ? <RegistriesView /> : null}
          {view === 'scan' ? <ScanView /> : null}
        </main>
      </div>
      <DialogHost />
      <Notices />
    </div>
  );
}
