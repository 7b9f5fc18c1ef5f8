import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { assessmentKeys, myAssessmentsDue, PHASE_WORDS } from '../../api/assessments';
import { formatDate } from '../../components/format';

/** "Assessments due" on My mentoring, beside "Surveys due": the open phases I have not rated. */
export function AssessmentsDue() {
  const due = useQuery({ queryKey: assessmentKeys.due, queryFn: ({ signal }) => myAssessmentsDue(signal) });
  const items = due.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" aria-label="Assessments due">
      <Title order={2} size="h3">
        Assessments due
      </Title>
      {items.map((a) => (
        <Alert
          key={`${a.relationship_id}-${a.phase}`}
          color="teal"
          variant="light"
          title={`Skills assessment: ${PHASE_WORDS[a.phase].toLowerCase()}`}
        >
          <Stack gap={4}>
            <Text size="sm">
              {a.program_name} · {a.side === 'mentee' ? `with your mentor ${a.other_name}` : `with your mentee ${a.other_name}`}{' '}
              · open until {formatDate(a.closes_at)}
            </Text>
            <Anchor component={Link} to={`/relationships/${a.relationship_id}/assessments`}>
              {a.side === 'mentee' ? 'Rate your skills' : `Rate ${a.other_name}'s skills`}
            </Anchor>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
