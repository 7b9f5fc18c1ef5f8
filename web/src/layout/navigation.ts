// The application's navigation, in the order it is shown.
//
// Only pages that exist are listed: a link to a page that is not there yet would be a dead
// end for a real user. When a page is added (People, Programs, Matching, Reports, ...), add
// its route in routes.tsx and its entry here, in the section it belongs to; a section with
// a label is shown under that label, and a section with no items is not shown.

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
  items: readonly NavItem[];
}

export const NAV_SECTIONS: readonly NavSection[] = [
  {
    id: 'system',
    items: [{ label: 'Status', to: '/status', alsoActiveOn: ['/'] }],
  },
  // Planned sections, listed here once their pages exist:
  //   { id: 'mentoring', label: 'Mentoring', items: People, Programs, Matching },
  //   { id: 'insights', label: 'Insights', items: Reports },
];

/** Whether a navigation item is the current page for the given location path. */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === item.to || path.startsWith(`${item.to}/`)) return true;
  return item.alsoActiveOn?.includes(path) ?? false;
}
