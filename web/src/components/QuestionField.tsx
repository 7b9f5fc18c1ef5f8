import { MultiSelect, NumberInput, Radio, Group, Select, Stack, Textarea, TextInput, Checkbox, Input, SegmentedControl, Text } from '@mantine/core';
import { mentorChoicesSearch, type AnswerValue, type Question } from '../api/applications';
import type { Skill } from '../api/people';
import { PersonPicker } from './PersonPicker';

/** One question of an application form as an input. */
export function QuestionField({
  question,
  value,
  onChange,
  error,
  skills,
  programId,
  maxRanked,
}: {
  question: Question;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  error?: string | undefined;
  skills: Skill[];
  /** The program answered: ranked mentors are chosen among its mentors. */
  programId: number;
  maxRanked?: number | undefined;
}) {
  const common = {
    label: question.label,
    description: question.help || undefined,
    required: question.required,
    error,
  };
  const list = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [String(value)];
  switch (question.type) {
    case 'short_text':
      return <TextInput {...common} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'long_text':
      return (
        <Textarea {...common} autosize minRows={3} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'single_choice':
      return (
        <Radio.Group {...common} value={String(value ?? '')} onChange={(v) => onChange(v)}>
          <Group mt="xs">
            {question.options.map((o) => (
              <Radio key={o} value={o} label={o} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'multiple_choice':
      return (
        <Checkbox.Group {...common} value={list} onChange={(v) => onChange(v)}>
          <Stack mt="xs" gap={6}>
            {question.options.map((o) => (
              <Checkbox key={o} value={o} label={o} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'scale':
      return (
        <Select
          {...common}
          data={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }))}
          value={value === undefined || value === '' ? null : String(value)}
          onChange={(v) => onChange(v === null ? undefined : Number(v))}
          placeholder="1 (low) to 5 (high)"
        />
      );
    case 'skills':
      return (
        <MultiSelect
          {...common}
          searchable
          data={skills.map((s) => ({ value: s.code, label: s.name }))}
          value={list}
          onChange={(v) => onChange(v)}
        />
      );
    case 'ranked_mentors':
      return (
        <PersonPicker
          label={question.label}
          description={`${question.help ? `${question.help} ` : ''}Choose among the program’s mentors, your first choice first${maxRanked ? ` (up to ${maxRanked})` : ''}.`}
          required={question.required}
          error={error}
          value={list}
          onChange={(v) => onChange(v)}
          search={mentorChoicesSearch(programId)}
          searchKey={`mentor-choices-${programId}`}
          ranked
          max={maxRanked}
          placeholder="Type a mentor’s name"
          nothingFound="No mentor of this program by that name"
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'nps':
      return (
        <Input.Wrapper {...common}>
          <SegmentedControl
            fullWidth
            size="xs"
            mt={4}
            aria-label={question.label}
            data={Array.from({ length: 11 }, (_, i) => String(i))}
            value={value === undefined || value === '' ? '' : String(value)}
            onChange={(v) => onChange(Number(v))}
          />
          <Group justify="space-between" mt={2}>
            <Text size="xs" c="dimmed">Not at all likely</Text>
            <Text size="xs" c="dimmed">Extremely likely</Text>
          </Group>
        </Input.Wrapper>
      );
    case 'matrix':
      return (
        <Input.Wrapper {...common}>
          <Stack gap="xs" mt={4}>
            {question.options.map((item, i) => (
              <div key={item}>
                <Text size="sm">{item}</Text>
                <SegmentedControl
                  fullWidth
                  size="xs"
                  aria-label={item}
                  data={['1', '2', '3', '4', '5']}
                  value={list[i] ?? ''}
                  onChange={(v) => {
                    const next = question.options.map((_, k) => (k === i ? v : list[k] ?? ''));
                    onChange(next);
                  }}
                />
              </div>
            ))}
          </Stack>
        </Input.Wrapper>
      );
    default:
      return <NumberInput {...common} />;
  }
}

/** Answers without empty values, as the API takes them. */
export function cleanAnswers(answers: Record<string, AnswerValue | undefined>): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const [id, v] of Object.entries(answers)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.every((x) => x === ''))) continue;
    out[id] = v;
  }
  return out;
}
