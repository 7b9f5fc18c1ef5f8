// The relationship page's Meetings tab: the next meeting, times that suit both, proposing and
// answering, the log and action items (the meetings panel), for the mentor and the mentee of an
// active relationship; before the agreement is accepted or after the end, a sentence says why
// there is nothing to plan.
import { Alert, Stack, Text } from '@mantine/core';
import type { RelationshipDetail } from '../../api/relationships';
import { MeetingsPanel } from '../../features/meetings/MeetingsPanel';

export function MeetingsTab({ r }: { r: RelationshipDetail }) {
  const partner = r.relations.mentee ? r.mentor : r.mentee;
  if (r.status === 'pending_agreement') {
    return (
      <Alert color="yellow" title="Meetings open once you both accept the agreement">
        Accept the agreement on the first tab; when {partner.name} has accepted it too, you can plan meetings here.
      </Alert>
    );
  }
  const planning = r.status === 'active';
  return (
    <Stack gap="md">
      {!planning && (
        <Text size="sm" c="dimmed">
          This relationship has ended: its meetings stay here, and nothing new can be planned.
        </Text>
      )}
      <MeetingsPanel relationshipId={r.id} partnerName={partner.name} planning={planning} />
    </Stack>
  );
}
