import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import '@mantine/core/styles.css';
import './styles.css';
import { sessionQueryKey } from './api/auth';
import { onUnauthorized } from './api/client';
import { queryClient } from './queryClient';
import { router } from './routes';
import { cssVariablesResolver, theme } from './theme';

// A 401 from any API call means the session has ended: forgetting it makes the signed-in part
// of the application send the user to the sign-in page, which then leads back here.
onUnauthorized(() => {
  queryClient.setQueryData(sessionQueryKey, null);
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
