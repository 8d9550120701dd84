import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
document.documentElement.classList.add('theme-system');
// Until the settings arrive, follow the system, so a dark desktop does not flash a light page.
document.documentElement.classList.toggle('dark', window.matchMedia('(prefers-color-scheme: dark)').matches);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
