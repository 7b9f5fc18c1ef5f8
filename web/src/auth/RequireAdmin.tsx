import { Outlet } from 'react-router-dom';
import { isAdmin, useSession } from '../api/auth';
import { ForbiddenPage } from '../pages/ForbiddenPage';

/**
 * Renders admin pages for admins and the forbidden page for everyone else. The server refuses
 * the admin APIs to others anyway; this only spares them a page of errors.
 */
export function RequireAdmin() {
  const { data } = useSession();
  return isAdmin(data?.account) ? <Outlet /> : <ForbiddenPage />;
}
