import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppRoot } from './app/AppRoot';
import { setUpI18n } from './app/i18n';
import { UpdatePrompt } from './app/UpdatePrompt';
import './ui/styles.css';

setUpI18n();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    {/*
      Outside AppRoot on purpose: a new version must still be offered when the
      device store fails to open. The service worker exists only in production
      builds; dev serves files directly.
    */}
    {import.meta.env.PROD ? <UpdatePrompt /> : null}
    <AppRoot>
      <App />
    </AppRoot>
  </StrictMode>,
);
