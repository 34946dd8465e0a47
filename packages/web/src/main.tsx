// The browser entry: one API client and query cache for the page, the theme, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createWebApiClient } from './app/api-client';
import { createQueryClient } from './app/query-client';
import './app/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App api={createWebApiClient()} queryClient={createQueryClient()} />
  </StrictMode>,
);
