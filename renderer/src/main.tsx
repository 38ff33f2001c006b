/** Renderer entry: React root with TanStack Query and notifications. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { NotificationsProvider } from './notifications/NotificationsProvider.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/screens.css';
import './styles/jobs.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Calls go to a local engine: a failure is real, retrying it only delays the message.
    queries: { retry: false, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <NotificationsProvider>
        <App />
      </NotificationsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
