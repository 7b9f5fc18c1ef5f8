import { useEffect, useRef } from 'react';
import { AppShell, Burger, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { APP_NAME } from './usePageTitle';
import { isNavItemActive, NAV_SECTIONS } from './navigation';
import { Logo } from './Logo';

const MAIN_ID = 'main-content';
const NAV_ID = 'main-navigation';

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
          <Group h="100%" px="md" gap="sm" wrap="nowrap">
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
        </AppShell.Header>

        <AppShell.Navbar
          id={NAV_ID}
          p="sm"
          aria-label="Main navigation"
          inert={navHidden}
        >
          <Stack gap="lg">
            {NAV_SECTIONS.filter((section) => section.items.length > 0).map((section) => {
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
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
