// The application's navigation, in the order it is shown.
//
// Only pages that exist are listed: a link to a page that is not there yet would be a dead
// end for a real user. When a page is added (Programs, Matching, Reports, ...), add its route
// in routes.tsx and its entry here, in the section it belongs to; a section with a label is
// shown under that label, and a section with no items is not shown.

import { FEATURES } from '../features';

export type NavAudience = 'everyone' | 'signed-in' | 'admin';

export interface NavItem {
  /** Text of the link. */
  label: string;
  /** Route the link goes to. */
  to: string;
  /** Other paths on which this item is shown as the current page. */
  alsoActiveOn?: readonly string[];
}

export interface NavSection {
  /** Stable key; also used to build the section's element ids. */
  id: string;
  /** Shown above the section's links; the first section has none. */
  label?: string;
  /** Who sees the section. The server enforces access anyway; this avoids dead ends. */
  audience: NavAudience;
  items: readonly NavItem[];
}

export const NAV_SECTIONS: readonly NavSection[] = [
  {
    id: 'people',
    audience: 'signed-in',
    items: [
      ...(FEATURES.directory
        ? [
            { label: 'People', to: '/people', alsoActiveOn: ['/'] },
            { label: 'My profile', to: '/me/profile' },
          ]
        : []),
      { label: 'My account', to: '/me/account' },
    ],
  },
  {
    id: 'mentoring',
    label: 'Mentoring',
    audience: 'signed-in',
    items: FEATURES.programs
      ? [
          { label: 'Programs', to: '/programs', alsoActiveOn: [] },
          { label: 'My mentoring', to: '/mentoring' },
          { label: 'My team', to: '/me/team' },
          { label: 'Resources', to: '/resources' },
          { label: 'My credential', to: '/me/credential', alsoActiveOn: ['/credentials/review', '/credentials/sign-off'] },
        ]
      : [{ label: 'Resources', to: '/resources' }],
  },
  {
    id: 'admin',
    label: 'Administration',
    audience: 'admin',
    items: [
      { label: 'Import people', to: '/admin/import' },
      { label: 'Users and roles', to: '/admin/users' },
      { label: 'API tokens', to: '/admin/api-tokens' },
      { label: 'Audit log', to: '/admin/audit' },
      { label: 'Scheduler', to: '/admin/scheduler' },
      { label: 'Single sign-on', to: '/admin/sso' },
      { label: 'Mentor credentials', to: '/admin/credentials' },
      { label: 'Webhooks', to: '/admin/webhooks' },
      ...(FEATURES.mailOutbox ? [{ label: 'Sent mail', to: '/admin/mail' }] : []),
    ],
  },
  {
    id: 'system',
    label: 'System',
    audience: 'everyone',
    items: [{ label: 'Status', to: '/status' }],
  },
  // Planned sections, listed here once their pages exist:
  //   { id: 'insights', label: 'Insights', items: Reports },
];

/** The sections a user sees: everything for admins, no admin pages for others. */
export function visibleSections(signedIn: boolean, admin: boolean): NavSection[] {
  return NAV_SECTIONS.filter(
    (section) =>
      section.items.length > 0 &&
      (section.audience === 'everyone' ||
        (section.audience === 'signed-in' && signedIn) ||
        (section.audience === 'admin' && admin)),
  );
}

/** Whether a navigation item is the current page for the given location path. */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === item.to || path.startsWith(`${item.to}/`)) return true;
  return item.alsoActiveOn?.includes(path) ?? false;
}
