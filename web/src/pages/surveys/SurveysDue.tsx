import { Alert, Anchor, Badge, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { SurveyToAnswer } from '../../api/surveys';
import { formatDate } from '../../components/format';

/** "Surveys due" on My mentoring: the surveys I have not answered yet, while open. */
export function SurveysDue({ items }: { items: SurveyToAnswer[] }) {
  const due = items.filter((s) => !s.answered && !s.closed);
  if (due.length === 0) return null;
  return (
    <Stack gap="xs" aria-label="Surveys due">
      <Title order={2} size="h3">
        Surveys due
      </Title>
      {due.map((s) => (
        <Alert key={s.invitation_id} color="blue" variant="light" title={s.title}>
          <Stack gap={4}>
            <Text size="sm">
              {s.program_name} · open until {formatDate(s.closes_at)}{' '}
              <Badge size="xs" variant="light">
                {s.privacy === 'anonymous' ? 'Anonymous' : 'Confidential'}
              </Badge>
            </Text>
            <Anchor component={Link} to={`/mentoring/surveys/${s.invitation_id}`}>
              Answer the survey
            </Anchor>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
