import { useEffect } from 'react';
import { useKeyport } from '../store/store-context';
import { DialogHost } from './dialogs/dialog-host';
import { ErrorBanner } from './error-banner';
import { Notices } from './notices';
import { ProgressBar } from './progress-bar';
import { RegistriesToolbar } from './registries-toolbar';
import { RegistriesView } from './registries-view';
import { ScanView } from './scan-view';
import { Sidebar } from './sidebar';
import { TokenToolbar } from './token-toolbar';
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

  return (
    <div className="app">
      <Sidebar />
      <div className="app__column">
        <header className="app-header">
          <h1 className="app-header__title">Keyport</h1>
          {view === 'tokens' ? <TokenToolbar /> : null}
          {view === 'registries' ? <RegistriesToolbar /> : null}
        </header>
        <ProgressBar />
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
