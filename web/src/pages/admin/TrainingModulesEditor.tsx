// The framework editor's training modules (step 3): each module's text and its completion check,
// a reflection question or a quiz (questions with one or several right answers and a pass mark).
// The server checks everything and names the field at fault; `whereWords` says it in words.
import { ActionIcon, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { Quiz, QuizQuestion, TrainingTopic } from '../../api/credentials';

/** "Module 2, question 3" for a field such as topics[1].quiz.questions[2].correct. */
export function whereWords(field: string | undefined): string {
  if (!field) return '';
  const module = /^topics\[(\d+)\]/.exec(field);
  if (!module) return '';
  const question = /questions\[(\d+)\]/.exec(field);
  const option = /options\[(\d+)\]/.exec(field);
  let words = `Module ${Number(module[1]) + 1}`;
  if (question) words += `, question ${Number(question[1]) + 1}`;
  if (option) words += `, answer ${Number(option[1]) + 1}`;
  if (field.endsWith('pass_mark')) words += ', pass mark';
  return `${words}: `;
}

let nextId = 0;
function freshId(prefix: string): string {
  nextId += 1;
  return `${prefix}_${Date.now() % 100000}_${nextId}`;
}

function newQuestion(): QuizQuestion {
  return {
    id: freshId('q'),
    text: '',
    multiple: false,
    options: [
      { id: freshId('a'), text: '' },
      { id: freshId('a'), text: '' },
    ],
    correct: [],
  };
}

function QuestionEditor({
  question,
  index,
  onChange,
  onRemove,
}: {
  question: QuizQuestion;
  index: number;
  onChange: (q: QuizQuestion) => void;
  onRemove: () => void;
}) {
  const correct = question.correct ?? [];
  const toggleCorrect = (id: string, on: boolean) => {
    const next = question.multiple ? (on ? [...correct, id] : correct.filter((c) => c !== id)) : on ? [id] : [];
    onChange({ ...question, correct: next });
  };
  return (
    <Card withBorder padding="sm" data-testid="quiz-question">
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <Textarea
            label={`Question ${index + 1}`}
            autosize
            value={question.text}
            onChange={(e) => onChange({ ...question, text: e.currentTarget.value })}
            style={{ flex: 1, minWidth: 220 }}
          />
          <ActionIcon variant="default" aria-label={`Remove question ${index + 1}`} onClick={onRemove}>
            ×
          </ActionIcon>
        </Group>
        <Checkbox
          label="Several answers are right"
          checked={question.multiple}
          onChange={(e) => {
            const multiple = e.currentTarget.checked;
            onChange({ ...question, multiple, correct: multiple ? correct : correct.slice(0, 1) });
          }}
        />
        {question.options.map((o, k) => (
          <Group key={o.id} align="center" wrap="nowrap">
            <Checkbox
              aria-label={`Answer ${k + 1} of question ${index + 1} is right`}
              checked={correct.includes(o.id)}
              onChange={(e) => toggleCorrect(o.id, e.currentTarget.checked)}
            />
            <TextInput
              aria-label={`Answer ${k + 1} of question ${index + 1}`}
              placeholder={`Answer ${k + 1}`}
              value={o.text}
              onChange={(e) => {
                const text = e.currentTarget.value;
                onChange({ ...question, options: question.options.map((x) => (x.id === o.id ? { ...x, text } : x)) });
              }}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="default"
              aria-label={`Remove answer ${k + 1} of question ${index + 1}`}
              disabled={question.options.length <= 2}
              onClick={() =>
                onChange({
                  ...question,
                  options: question.options.filter((x) => x.id !== o.id),
                  correct: correct.filter((c) => c !== o.id),
                })
              }
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={question.options.length >= 8}
            onClick={() => onChange({ ...question, options: [...question.options, { id: freshId('a'), text: '' }] })}
          >
            Add an answer
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Tick the right {question.multiple ? 'answers' : 'answer'}. Candidates never see which ones are right.
        </Text>
      </Stack>
    </Card>
  );
}

function QuizEditor({ quiz, onChange }: { quiz: Quiz; onChange: (q: Quiz) => void }) {
  return (
    <Stack gap="xs">
      {quiz.questions.map((q, i) => (
        <QuestionEditor
          key={q.id}
          question={q}
          index={i}
          onChange={(changed) => onChange({ ...quiz, questions: quiz.questions.map((x, j) => (j === i ? changed : x)) })}
          onRemove={() => onChange({ ...quiz, questions: quiz.questions.filter((_, j) => j !== i) })}
        />
      ))}
      <Group align="flex-end" wrap="wrap">
        <Button variant="default" size="xs" onClick={() => onChange({ ...quiz, questions: [...quiz.questions, newQuestion()] })}>
          Add a question
        </Button>
        <NumberInput
          label="Right answers needed to pass"
          min={1}
          max={Math.max(1, quiz.questions.length)}
          value={quiz.pass_mark}
          onChange={(v) => onChange({ ...quiz, pass_mark: Number(v) || 0 })}
          w={220}
        />
      </Group>
    </Stack>
  );
}

/** Every module with its text and completion check. */
export function TrainingModulesEditor({ topics, onChange }: { topics: TrainingTopic[]; onChange: (t: TrainingTopic[]) => void }) {
  const set = (i: number, change: Partial<TrainingTopic>) => onChange(topics.map((t, j) => (j === i ? { ...t, ...change } : t)));
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Training modules
      </Title>
      {topics.map((t, i) => (
        <Card withBorder key={t.code} data-testid="module-editor">
          <Stack gap="xs">
            <Group align="flex-end" wrap="wrap">
              <TextInput label="Module" value={t.name} onChange={(e) => set(i, { name: e.currentTarget.value })} style={{ flex: 1, minWidth: 200 }} />
              <ActionIcon variant="default" aria-label={`Remove ${t.name || 'this module'}`} onClick={() => onChange(topics.filter((_, j) => j !== i))}>
                ×
              </ActionIcon>
            </Group>
            <Textarea label="What the module teaches" autosize minRows={2} value={t.content} onChange={(e) => set(i, { content: e.currentTarget.value })} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id={`check-kind-${i}`}>
                Completed by
              </Text>
              <SegmentedControl
                aria-labelledby={`check-kind-${i}`}
                data={[
                  { value: 'quiz', label: 'A quiz' },
                  { value: 'reflection', label: 'A reflection' },
                ]}
                value={t.quiz ? 'quiz' : 'reflection'}
                onChange={(v) =>
                  set(i, v === 'quiz' ? { quiz: t.quiz ?? { questions: [newQuestion()], pass_mark: 1 }, check: '' } : { quiz: null })
                }
                w="fit-content"
              />
            </Stack>
            {t.quiz ? (
              <QuizEditor quiz={t.quiz} onChange={(quiz) => set(i, { quiz })} />
            ) : (
              <TextInput label="Reflection question" value={t.check} onChange={(e) => set(i, { check: e.currentTarget.value })} />
            )}
          </Stack>
        </Card>
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() => onChange([...topics, { code: freshId('module'), name: '', content: '', check: '', quiz: { questions: [newQuestion()], pass_mark: 1 } }])}
        >
          Add a module
        </Button>
      </Group>
    </Stack>
  );
}
