import { Center } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../api/auth';
import { ErrorAlert, Loading } from '../components/PageState';

/** The address of the sign-in page that leads back to `here` afterwards. */
export function signInPath(here: string): string {
  return here && here !== '/' ? `/sign-in?next=${encodeURIComponent(here)}` : '/sign-in';
}

/** Renders its child routes for a signed-in user; sends anyone else to the sign-in page. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center py="xl">
        <Loading label="Checking your sign-in…" />
      </Center>
    );
  }
  if (session.isError) return <ErrorAlert error={session.error} title="Could not check your sign-in" />;
  if (!session.data) {
    return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  }
  return <Outlet />;
}
