import { Navigate, useParams } from 'react-router-dom';

/**
 * /mentoring/:relationshipId/meetings, the meetings' address before they became a tab of the
 * relationship page: links and bookmarks to it land on that tab.
 */
export function MeetingsPage() {
  const { relationshipId } = useParams();
  return <Navigate to={`/relationships/${encodeURIComponent(relationshipId ?? '')}/meetings`} replace />;
}
