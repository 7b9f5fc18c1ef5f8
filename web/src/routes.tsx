import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { RequireAdmin } from './auth/RequireAdmin';
import { RequireSession } from './auth/RequireSession';
import { AppLayout } from './layout/AppLayout';
import { PublicLayout } from './layout/PublicLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { StatusPage } from './pages/StatusPage';
import { FEATURES, HOME_PATH } from './features';

// Each page below is its own chunk, loaded when first visited (the layouts show a loading
// line meanwhile), so the first load carries only the frame and the page asked for.
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return <Page />;
}

// Client-side routes. The server answers every path that is not /api/... or a file in
// web/dist with index.html, so these paths work when typed in or reloaded.
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: 'sign-in', element: page(() => import('./pages/SignInPage'), 'SignInPage') },
      {
        path: 'forgot-password',
        element: page(() => import('./pages/ForgotPasswordPage'), 'ForgotPasswordPage'),
      },
      { path: 'redeem/:token', element: page(() => import('./pages/RedeemPage'), 'RedeemPage') },
      // A survey's one-time link from a mail: answered without signing in (issue 23).
      {
        path: 'survey-links/:token',
        element: page(() => import('./pages/surveys/SurveyAnswerPages'), 'SurveyLinkPage'),
      },
      {
        // A reminder's one-click unsubscribe link: confirmed without signing in (issue 20).
        path: 'unsubscribe/:token',
        element: page(() => import('./pages/UnsubscribePage'), 'UnsubscribePage'),
      },
    ],
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: 'status', element: <StatusPage /> },
      {
        element: <RequireSession />,
        children: [
          { index: true, element: <Navigate to={HOME_PATH} replace /> },
          ...(FEATURES.directory
            ? [
                {
                  path: 'people',
                  element: page(() => import('./pages/DirectoryPage'), 'DirectoryPage'),
                },
                {
                  path: 'people/:employeeId',
                  element: page(() => import('./pages/PersonPage'), 'PersonPage'),
                },
                {
                  path: 'me/profile',
                  element: page(() => import('./pages/ProfilePage'), 'ProfilePage'),
                },
              ]
            : []),
          { path: 'me/account', element: page(() => import('./pages/AccountPage'), 'AccountPage') },
          // Mentor resources (issue 21).
          { path: 'resources', element: page(() => import('./pages/resources/ResourcesPage'), 'ResourcesPage') },
          {
            path: 'resources/new',
            element: page(() => import('./pages/resources/ResourceEditPage'), 'ResourceEditPage'),
          },
          {
            path: 'resources/:resourceId',
            element: page(() => import('./pages/resources/ResourcePage'), 'ResourcePage'),
          },
          {
            path: 'resources/:resourceId/edit',
            element: page(() => import('./pages/resources/ResourceEditPage'), 'ResourceEditPage'),
          },
          ...(FEATURES.programs
            ? [
                { path: 'programs', element: page(() => import('./pages/ProgramsPage'), 'ProgramsPage') },
                {
                  path: 'programs/new',
                  element: page(() => import('./pages/ProgramEditPage'), 'ProgramEditPage'),
                },
                {
                  path: 'programs/:programId',
                  element: page(() => import('./pages/ProgramPage'), 'ProgramPage'),
                },
                {
                  path: 'programs/:programId/edit',
                  element: page(() => import('./pages/ProgramEditPage'), 'ProgramEditPage'),
                },
                {
                  path: 'programs/:programId/forms/:side',
                  element: page(() => import('./pages/FormBuilderPage'), 'FormBuilderPage'),
                },
                {
                  path: 'programs/:programId/review',
                  element: page(() => import('./pages/ReviewPage'), 'ReviewPage'),
                },
                {
                  path: 'programs/:programId/apply/:side',
                  element: page(() => import('./pages/ApplyPage'), 'ApplyPage'),
                },
                {
                  path: 'applications/:applicationId',
                  element: page(() => import('./pages/ApplicationPage'), 'ApplicationPage'),
                },
                {
                  path: 'applications/:applicationId/edit',
                  element: page(() => import('./pages/ApplyPage'), 'EditApplicationPage'),
                },
                { path: 'me/team', element: page(() => import('./pages/TeamPage'), 'TeamPage') },
                {
                  path: 'programs/:programId/matching',
                  element: page(() => import('./pages/matching/MatchingPage'), 'MatchingPage'),
                },
                { path: 'mentoring', element: page(() => import('./pages/MyMentoringPage'), 'MyMentoringPage') },
                {
                  path: 'mentoring/:relationshipId/meetings',
                  element: page(() => import('./pages/MeetingsPage'), 'MeetingsPage'),
                },
                {
                  path: 'relationships/:relationshipId/:tab?',
                  element: page(() => import('./pages/relationship/RelationshipPage'), 'RelationshipPage'),
                },
                {
                  path: 'programs/:programId/health',
                  element: page(() => import('./pages/HealthBoardPage'), 'HealthBoardPage'),
                },
                {
                  path: 'programs/:programId/reports',
                  element: page(() => import('./pages/reports/ProgramDashboardPage'), 'ProgramDashboardPage'),
                },
                {
                  path: 'reports/programs',
                  element: page(() => import('./pages/reports/ProgramsOverviewPage'), 'ProgramsOverviewPage'),
                },
                {
                  path: 'programs/:programId/outcomes',
                  element: page(() => import('./pages/reports/OutcomesPage'), 'OutcomesPage'),
                },
                {
                  path: 'programs/:programId/mentors',
                  element: page(() => import('./pages/SelfMatchPage'), 'SelfMatchPage'),
                },
                // Mentor credentials (issue 21).
                {
                  path: 'me/credential',
                  element: page(() => import('./pages/credentials/MyCredentialPage'), 'MyCredentialPage'),
                },
                {
                  path: 'credentials/review',
                  element: page(() => import('./pages/credentials/CredentialReviewPage'), 'CredentialReviewPage'),
                },
                {
                  path: 'credentials/sign-off',
                  element: page(() => import('./pages/credentials/SignOffPage'), 'SignOffPage'),
                },
                // Surveys (issue 23).
                {
                  path: 'programs/:programId/surveys',
                  element: page(() => import('./pages/surveys/ProgramSurveysPage'), 'ProgramSurveysPage'),
                },
                {
                  path: 'mentoring/surveys/:invitationId',
                  element: page(() => import('./pages/surveys/SurveyAnswerPages'), 'MySurveyPage'),
                },
              ]
            : []),
          {
            path: 'admin',
            element: <RequireAdmin />,
            children: [
              { index: true, element: <Navigate to="/admin/import" replace /> },
              {
                path: 'import',
                element: page(() => import('./pages/admin/ImportPage'), 'ImportPage'),
              },
              { path: 'users', element: page(() => import('./pages/admin/UsersPage'), 'UsersPage') },
              {
                path: 'api-tokens',
                element: page(() => import('./pages/admin/TokensPage'), 'TokensPage'),
              },
              { path: 'audit', element: page(() => import('./pages/admin/AuditPage'), 'AuditPage') },
              {
                path: 'scheduler',
                element: page(() => import('./pages/admin/SchedulerPage'), 'SchedulerPage'),
              },
              { path: 'sso', element: page(() => import('./pages/admin/SsoPage'), 'SsoPage') },
              {
                path: 'credentials',
                element: page(() => import('./pages/admin/CredentialsAdminPage'), 'CredentialsAdminPage'),
              },
              {
                path: 'webhooks',
                element: page(() => import('./pages/admin/WebhooksPage'), 'WebhooksPage'),
              },
              ...(FEATURES.mailOutbox
                ? [{ path: 'mail', element: page(() => import('./pages/admin/MailPage'), 'MailPage') }]
                : []),
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
