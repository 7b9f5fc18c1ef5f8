import { useEffect } from 'react';

export const APP_NAME = 'Pairwise';

/** Sets the browser tab's title to "<title> · Pairwise" while the calling page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
