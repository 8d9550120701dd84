import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, loadFirstState } from './App.tsx';
import { languageFromLocale, loadLanguage } from './i18n/translate.ts';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
document.documentElement.classList.add('theme-system');
// Until the settings arrive, follow the system, so a dark desktop does not flash a light page.
document.documentElement.classList.toggle('dark', window.matchMedia('(prefers-color-scheme: dark)').matches);
// The first state and the first words travel at once: the bridge calls start now, the system language's texts load
// beside them ("Loading…" is in that language; the settings may switch it once they arrive). A language chunk that
// cannot load leaves the texts to the fallback language: the app still starts.
void loadFirstState();
void loadLanguage(languageFromLocale(navigator.language))
  .catch(() => undefined)
  .finally(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
