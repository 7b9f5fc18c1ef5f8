import { Suspense, useEffect, useRef } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isAdmin, sessionQueryKey, signOut, useSession } from '../api/auth';
import { Loading } from '../components/PageState';
import { APP_NAME } from './usePageTitle';
import { isNavItemActive, visibleSections } from './navigation';
import { Logo } from './Logo';

const MAIN_ID = 'main-content';
const NAV_ID = 'main-navigation';

/** The signed-in user's name and the sign-out button, or a sign-in link. */
function AccountMenu() {
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Signed out or not (the request may fail), this browser forgets the session.
  const signOutNow = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
      navigate('/sign-in', { replace: true });
    },
  });
  if (!session) {
    return (
      <Button component={Link} to="/sign-in" variant="default" size="sm">
        Sign in
      </Button>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" fw={500} visibleFrom="xs" data-testid="signed-in-as" truncate maw={220}>
        {session.account.name || session.account.email}
      </Text>
      <Button variant="default" size="sm" onClick={() => signOutNow.mutate()} loading={signOutNow.isPending}>
        Sign out
      </Button>
    </Group>
  );
}

/** The frame around every page: header, navigation and the main area. */
export function AppLayout() {
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  // Below the "sm" breakpoint the navigation slides in over the page; while it is closed it
  // is made inert so that keyboard and screen reader users do not land on hidden links.
  const isWide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const navHidden = !isWide && !navOpen;
  // While it is open there, it covers the page, which is made inert in turn.
  const mainHidden = !isWide && navOpen;
  const burgerRef = useRef<HTMLButtonElement>(null);
  const { data: session } = useSession();
  const sections = visibleSections(Boolean(session), isAdmin(session?.account));

  // After moving to another page, close the mobile navigation and put keyboard and screen
  // reader focus at the start of the new page's content, as a full page load would.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    closeNav();
    mainRef.current?.focus({ preventScroll: false });
  }, [pathname, closeNav]);

  // Escape closes the navigation where it covers the page, and returns to its button.
  useEffect(() => {
    if (!mainHidden) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      closeNav();
      burgerRef.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [mainHidden, closeNav]);

  return (
    <>
      <a className="pw-skip-link" href={`#${MAIN_ID}`}>
        Skip to main content
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
        padding={{ base: 'md', sm: 'xl' }}
      >
        <AppShell.Header className="pw-header">
          <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
            <Group gap="sm" wrap="nowrap">
            <Burger
              ref={burgerRef}
              opened={navOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={navOpen}
              aria-controls={NAV_ID}
            />
            <Link to="/" className="pw-brand">
              <Logo size={28} />
              <Text component="span" fw={700} fz="lg" c="gray.9">
                {APP_NAME}
              </Text>
            </Link>
            </Group>
            <AccountMenu />
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id={NAV_ID}
          p="sm"
          aria-label="Main navigation"
          inert={navHidden}
          // An admin's menu is taller than a laptop screen: it scrolls on its own, rather than
          // hiding its last entries below the fold.
          style={{ overflowY: 'auto' }}
        >
          <Stack gap="md">
            {sections.map((section) => {
              const labelId = `nav-section-${section.id}`;
              return (
                <div
                  key={section.id}
                  role={section.label ? 'group' : undefined}
                  aria-labelledby={section.label ? labelId : undefined}
                >
                  {section.label && (
                    <Text id={labelId} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4}>
                      {section.label}
                    </Text>
                  )}
                  <Stack gap={2}>
                    {section.items.map((item) => {
                      const active = isNavItemActive(item, pathname);
                      return (
                        <NavLink
                          key={item.to}
                          component={Link}
                          to={item.to}
                          label={item.label}
                          active={active}
                          aria-current={active ? 'page' : undefined}
                          variant="light"
                          className="pw-nav-link"
                          onClick={closeNav}
                        />
                      );
                    })}
                  </Stack>
                </div>
              );
            })}
          </Stack>
        </AppShell.Navbar>

        <AppShell.Main
          id={MAIN_ID}
          ref={mainRef}
          tabIndex={-1}
          className="pw-main"
          inert={mainHidden}
        >
          <div className="pw-page">
            <Suspense fallback={<Loading label="Loading the page…" />}>
              <Outlet />
            </Suspense>
          </div>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
