import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Theme and shared controls first, so each feature's own stylesheet (imported by its components) can refine them.
import './ui/base.css';
import './ui/controls.css';
import { App } from './App';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
