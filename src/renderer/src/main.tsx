import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { windowApi } from './api';
import { AppShell } from './components/app-shell';
import { createKeyportStore } from './store/keyport-store';
import { StoreProvider } from './store/store-context';
import './styles.css';

const store = createKeyportStore({ api: windowApi() });
void store.getState().init();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <AppShell />
    </StoreProvider>
  </StrictMode>,
);
