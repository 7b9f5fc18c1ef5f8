import { Anchor, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { useMyRelationshipList } from '../api/relationships';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { MeetingsPanel } from '../features/meetings/MeetingsPanel';
import { usePageTitle } from '../layout/usePageTitle';
import { NotFoundPage } from './NotFoundPage';

/** /mentoring/:relationshipId/meetings: the meetings of one of my relationships. */
export function MeetingsPage() {
  const { relationshipId } = useParams();
  const id = Number(relationshipId);
  const relationships = useMyRelationshipList();
  const relationship = relationships.data?.items.find((r) => r.id === id);
  const partner = relationship ? (relationship.role === 'mentee' ? relationship.mentor : relationship.mentee) : undefined;
  usePageTitle(partner ? `Meetings with ${partner.name}` : 'Meetings');
  if (relationships.isPending) return <Loading label="Loading…" />;
  if (relationships.isError) return <ErrorAlert error={relationships.error} />;
  if (!relationship || !partner) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <PageHeader
        title={`Meetings with ${partner.name}`}
        description={`${relationship.program.name} · you are the ${relationship.role}`}
      >
        <Anchor component={Link} to="/mentoring">
          Back to My mentoring
        </Anchor>
      </PageHeader>
      <MeetingsPanel relationshipId={id} partnerName={partner.name} />
    </Stack>
  );
}
