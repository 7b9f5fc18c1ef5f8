import { Suspense, useEffect, useRef } from 'react';
import { Box, Group, Paper, Text } from '@mantine/core';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '../components/PageState';
import { APP_NAME } from './usePageTitle';
import { Logo } from './Logo';

/** The frame of the pages used before signing in: a header with the name and one card. */
export function PublicLayout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  // As in AppLayout: after moving to another page, focus goes to the start of its content.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="pw-skip-link" href="#main-content">
        Skip to main content
      </a>
      <Box component="header" h={60} px="md" className="pw-header">
        <Group h="100%">
          <Link to="/sign-in" className="pw-brand">
            <Logo size={28} />
            <Text component="span" fw={700} fz="lg" c="gray.9">
              {APP_NAME}
            </Text>
          </Link>
        </Group>
      </Box>
      <main id="main-content" ref={mainRef} tabIndex={-1} className="pw-public-main">
        <Paper withBorder shadow="xs" radius="md" p={{ base: 'lg', sm: 'xl' }} maw={440} mx="auto">
          <Suspense fallback={<Loading label="Loading the page…" />}>
            <Outlet />
          </Suspense>
        </Paper>
      </main>
    </>
  );
}
