import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app';
import { connectStore } from './store/connect-store';
import './styles/index.css';

// The app's CSP forbids eval: tell zod not to probe for it (the probe only logs a CSP report).
z.config({ jitless: true });
connectStore();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
