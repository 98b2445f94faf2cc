// First: no schema may be built before zod is told not to use eval (see zodConfig.ts).
import './app/zodConfig';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot';
import { i18nReady, setUpI18n } from './app/i18n';
import { UpdatePrompt } from './app/UpdatePrompt';
import { UpdateNeededBanner } from './app/UpdateNeededBanner';
import './ui/styles.css';

setUpI18n();

// The screens behind sign-in, with the device store they read, load while the
// sign-in or PIN screen is showing: those screens must not wait for them.
const loadApp = () => import('./app/App');
const App = lazy(async () => ({ default: (await loadApp()).App }));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

function render(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      {/*
        Outside AppRoot on purpose: a new version must still be offered when the
        device store fails to open. The service worker exists only in production
        builds; dev serves files directly.
      */}
      {import.meta.env.PROD ? <UpdatePrompt /> : null}
      <UpdateNeededBanner />
      <AppRoot>
        <Suspense fallback={<div className="screen-loading" aria-busy="true" />}>
          <App />
        </Suspense>
      </AppRoot>
    </StrictMode>,
  );
  // Fetched (from the service worker's cache once installed) right after the first screen is up,
  // so unlocking does not wait for it either; not before it, so it never delays the first screen.
  window.setTimeout(() => void loadApp(), 0);
}

// The first screen waits for its language (a chunk from the service worker's cache, once installed)
// so it never shows English first; a failed load still renders, in English.
void i18nReady().then(
  () => render(container),
  () => render(container),
);
