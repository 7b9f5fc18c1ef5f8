import { useState } from 'react';
import { Alert, Button, Card, Group, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  assessmentKeys,
  assessmentResults,
  programCompetencies,
  setProgramCompetencies,
  type ProgramCompetencies,
} from '../../api/assessments';
import { errorMessage } from '../../api/client';
import { useSkills } from '../../api/people';
import { ErrorAlert, Loading } from '../../components/PageState';
import { CompetencyChange } from './CompetencyChange';

function ChooseSkills({ programId, current }: { programId: number; current: ProgramCompetencies }) {
  const queryClient = useQueryClient();
  const skills = useSkills();
  const [chosen, setChosen] = useState<string[]>(current.items.map((c) => c.code));
  const save = useMutation({
    mutationFn: () => setProgramCompetencies(programId, chosen),
    onSuccess: (saved) => {
      queryClient.setQueryData(assessmentKeys.competencies(programId), saved);
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.results(programId) });
    },
  });
  return (
    <Stack gap="sm">
      <MultiSelect
        label="Skills to assess"
        description={`Up to ${current.max_competencies} skills from the skills list, the ones the program sets out to grow.`}
        data={(skills.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
        value={chosen}
        onChange={setChosen}
        searchable
        maxValues={current.max_competencies}
        nothingFoundMessage="No skill of that name"
      />
      {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
      {save.isSuccess && (
        <Text size="sm" fw={600} role="status">
          Saved. Pairs rate these skills from now on.
        </Text>
      )}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={chosen.length === 0}>
          Save skills
        </Button>
      </Group>
    </Stack>
  );
}

/** The coordinator's competency assessments: which skills, and the program's pre -> post. */
export function ProgramAssessments({ programId }: { programId: number }) {
  const competencies = useQuery({
    queryKey: assessmentKeys.competencies(programId),
    queryFn: ({ signal }) => programCompetencies(programId, signal),
  });
  const results = useQuery({
    queryKey: assessmentKeys.results(programId),
    queryFn: ({ signal }) => assessmentResults(programId, signal),
  });
  return (
    <Card withBorder data-testid="program-assessments">
      <Stack gap="md">
        <Title order={2} size="h4">
          Skills assessment
        </Title>
        <Text size="sm">
          Each mentee rates their own skills and their mentor rates them too, when the relationship starts (open for{' '}
          {competencies.data?.open_days ?? 30} days from the agreement) and when it ends (from{' '}
          {competencies.data?.open_days ?? 30} days before the end date). You see the program&apos;s figures only, never a
          pair&apos;s ratings.
        </Text>
        {competencies.isPending && <Loading label="Loading the skills…" />}
        {competencies.isError && <ErrorAlert error={competencies.error} />}
        {competencies.data && (
          <ChooseSkills key={competencies.data.items.map((c) => c.code).join(',')} programId={programId} current={competencies.data} />
        )}
        {results.isError && <ErrorAlert error={results.error} />}
        {results.data && results.data.competencies.length > 0 && <CompetencyChange results={results.data} />}
      </Stack>
    </Card>
  );
}
