import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import {
  MODE_LABELS,
  relationshipKeys,
  saveAgreementTemplate,
  useAgreementTemplate,
  type AgreementTerms,
  type MeetingMode,
} from '../../api/relationships';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';
import { RelationshipsPanel } from '../matching/RelationshipsPanel';

/** The program's mentoring agreement template, which its coordinators edit. */
export function AgreementTemplateCard({ programId }: { programId: number }) {
  const queryClient = useQueryClient();
  const template = useAgreementTemplate(programId);
  const [terms, setTerms] = useState<AgreementTerms | null>(null);
  useEffect(() => {
    if (template.data) setTerms({ ...template.data });
  }, [template.data]);
  const save = useMutation({
    mutationFn: () => saveAgreementTemplate(programId, terms as AgreementTerms),
    onSuccess: (saved) => queryClient.setQueryData(relationshipKeys.template(programId), saved),
  });
  if (template.isPending || !terms) return <Loading label="Loading the agreement template…" />;
  if (template.isError) return <ErrorAlert error={template.error} />;
  const fieldError = (name: string) =>
    save.error instanceof ApiError && save.error.field === name ? save.error.message : undefined;
  return (
    <Card withBorder data-testid="agreement-template">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Mentoring agreement
        </Title>
        <Text size="sm" c="dimmed">
          Every new pair accepts these terms before their relationship opens; each side may change how often and how
          they meet.
          {template.data.updated_at ? ` Last changed ${formatDateTime(template.data.updated_at)}.` : ' These are the defaults.'}
        </Text>
        <Textarea
          label="Confidentiality"
          value={terms.confidentiality}
          onChange={(e) => setTerms({ ...terms, confidentiality: e.currentTarget.value })}
          error={fieldError('confidentiality')}
          autosize
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label="Meet every (days)"
            min={1}
            max={92}
            clampBehavior="none"
            value={terms.cadence_days}
            onChange={(v) => setTerms({ ...terms, cadence_days: Number(v) })}
            error={fieldError('cadence_days')}
          />
          <NumberInput
            label="Expected length (months)"
            min={1}
            max={36}
            clampBehavior="none"
            value={terms.length_months}
            onChange={(v) => setTerms({ ...terms, length_months: Number(v) })}
            error={fieldError('length_months')}
          />
          <Select
            label="How pairs meet"
            data={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))}
            value={terms.mode}
            onChange={(v) => v && setTerms({ ...terms, mode: v as MeetingMode })}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Textarea
          label="How either side may end it"
          value={terms.how_to_end}
          onChange={(e) => setTerms({ ...terms, how_to_end: e.currentTarget.value })}
          error={fieldError('how_to_end')}
          autosize
        />
        {save.isError && !(save.error instanceof ApiError && save.error.field) && (
          <Alert color="red" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        {save.isSuccess && (
          <Text size="sm" role="status">
            Saved. Pairs who have not accepted yet see the new terms.
          </Text>
        )}
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save the agreement
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The coordinator's view of the program's relationships: paged on the server, by status. */
export function ProgramRelationshipsCard({ programId }: { programId: number }) {
  return (
    <Card withBorder data-testid="program-relationships">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Relationships
        </Title>
        <RelationshipsPanel programId={programId} />
      </Stack>
    </Card>
  );
}
