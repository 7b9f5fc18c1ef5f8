import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, MultiSelect, Stack, Switch, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import {
  createResource,
  deleteResource,
  MAX_RESOURCE_BODY_CHARS,
  MAX_RESOURCE_TITLE_CHARS,
  resourceKeys,
  updateResource,
  useResource,
  useResources,
  type ResourceFields,
} from '../../api/resources';
import { showFieldError } from '../../components/formErrors';
import { Markdown } from '../../components/Markdown';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

const FIELDS = ['title', 'body', 'topics', 'published'] as const;

/** Writing a resource (new, or an existing one as of the version it was opened at). */
export function ResourceEditPage() {
  const param = useParams().resourceId;
  const id = param ? Number(param) : undefined;
  const existing = useResource(id ?? 0);
  const library = useResources({});
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle(id ? 'Edit resource' : 'New resource');
  const [version, setVersion] = useState<number | undefined>(undefined);
  const form = useForm<ResourceFields>({
    initialValues: { title: '', body: '', topics: [], published: true },
  });
  const loaded = existing.data;
  useEffect(() => {
    if (loaded && version === undefined) {
      form.setValues({ title: loaded.title, body: loaded.body, topics: loaded.topics, published: loaded.published });
      setVersion(loaded.version);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, version]);

  const save = useMutation({
    mutationFn: (fields: ResourceFields) =>
      id && version !== undefined ? updateResource({ id, version }, fields) : createResource(fields),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.all });
      navigate(`/resources/${saved.id}`);
    },
    onError: (error) => {
      showFieldError(form, error, FIELDS);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteResource(id!),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.all });
      navigate('/resources');
    },
  });

  if (id && existing.isPending) return <Loading label="Loading the resource…" />;
  if (id && existing.isError) return <ErrorAlert error={existing.error} />;
  if (!id && library.data && !library.data.can_create) {
    return <Alert color="yellow">Coordinators and admins write mentor resources. Ask one of them to add what you have in mind.</Alert>;
  }
  if (loaded && !loaded.can_edit) {
    return <Alert color="yellow">Only its author or an admin can change this resource.</Alert>;
  }
  const topics = library.data?.topics ?? [];
  const stale = save.error instanceof ApiError && save.error.code === 'stale_resource';
  const fieldError = save.error instanceof ApiError && save.error.field && (FIELDS as readonly string[]).includes(save.error.field.replace(/\[\d+\]$/, ''));

  return (
    <Stack gap="md" maw={860}>
      <Anchor component={Link} to={id ? `/resources/${id}` : '/resources'} size="sm">
        ← {id ? 'Back to the resource' : 'All resources'}
      </Anchor>
      <PageHeader
        title={id ? 'Edit resource' : 'New resource'}
        description="Write in plain, practical words. Formatting: ## for a heading, - for a list, **bold**, *italic*, [a link](https://…)."
      />
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="md">
          <TextInput
            label="Title"
            required
            maxLength={MAX_RESOURCE_TITLE_CHARS}
            {...form.getInputProps('title')}
          />
          <MultiSelect
            label="Topics"
            description="Where it helps: the relationship pages link to these topics."
            required
            data={topics.map((t) => ({ value: t.key, label: t.label }))}
            maxValues={5}
            searchable
            {...form.getInputProps('topics')}
            error={form.errors.topics ?? Object.entries(form.errors).find(([k]) => k.startsWith('topics.'))?.[1]}
          />
          <Tabs defaultValue="write">
            <Tabs.List>
              <Tabs.Tab value="write">Write</Tabs.Tab>
              <Tabs.Tab value="preview">Preview</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="write" pt="sm">
              <Textarea
                label="Text"
                required
                autosize
                minRows={12}
                maxRows={30}
                description={`${form.values.body.length.toLocaleString()} of ${MAX_RESOURCE_BODY_CHARS.toLocaleString()} characters`}
                {...form.getInputProps('body')}
              />
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="sm">
              <Card withBorder data-testid="preview">
                {form.values.body.trim() ? <Markdown source={form.values.body} /> : <Text c="dimmed">Nothing written yet.</Text>}
              </Card>
            </Tabs.Panel>
          </Tabs>
          <Switch
            label="Published: everyone signed in can read it"
            description="Leave off to keep it as a draft that only you and admins see."
            {...form.getInputProps('published', { type: 'checkbox' })}
          />
          {stale && (
            <Alert color="orange" role="alert" title="Someone saved this resource meanwhile">
              Copy your changes somewhere, then{' '}
              <Anchor component={Link} to={`/resources/${id}`} reloadDocument>
                open it again
              </Anchor>{' '}
              to see the latest version.
            </Alert>
          )}
          {save.isError && !stale && !fieldError && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="space-between">
            {id ? (
              <Button
                variant="default"
                color="red"
                onClick={() => {
                  if (window.confirm('Delete this resource for everyone?')) remove.mutate();
                }}
                loading={remove.isPending}
              >
                Delete
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" component={Link} to={id ? `/resources/${id}` : '/resources'}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                {id ? 'Save changes' : 'Save the resource'}
              </Button>
            </Group>
          </Group>
          {remove.isError && (
            <Alert color="red" role="alert">
              {errorMessage(remove.error)}
            </Alert>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
