import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import {
  deactivateAccount,
  fetchAccounts,
  inviteAccount,
  inviteAccountsInBulk,
  MAX_BULK_INVITATIONS,
  reactivateAccount,
  resendInvitation,
  setAccountRoles,
  type BulkInvitation,
  type InvitationOutcome,
} from '../../api/admin';
import { usePrograms } from '../../api/programs';
import { useSession, type Account, type Role } from '../../api/auth';
import { DataTable } from '../../components/DataTable';
import { showFieldError } from '../../components/formErrors';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { PersonPicker } from '../../components/PersonPicker';

const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', coordinator: 'Coordinator' };
const ROLE_HINTS: Record<Role, string> = {
  admin: 'imports people, manages users, tokens and settings',
  coordinator: 'runs mentoring programs',
};

function RoleCheckboxes({ value, onChange, error }: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: React.ReactNode;
}) {
  return (
    <Checkbox.Group
      label="Roles"
      description="Everyone is a participant; these roles add to it."
      value={value}
      onChange={onChange}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
          <Checkbox
            key={role}
            value={role}
            label={ROLE_LABELS[role]}
            description={ROLE_HINTS[role]}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function InviteForm() {
  const queryClient = useQueryClient();
  const [invited, setInvited] = useState<Account | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { employee_id: '', roles: [] as string[] },
    validate: { employee_id: (v) => (v.trim() ? null : 'Choose the person to invite') },
  });
  const onSubmit = form.onSubmit(async (v) => {
    setFormError(null);
    setInvited(null);
    try {
      const account = await inviteAccount(v.employee_id.trim(), v.roles as Role[]);
      setInvited(account);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    } catch (error) {
      if (!showFieldError(form, error, ['employee_id', 'roles'])) setFormError(error);
    }
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="invite-heading">
      <Title order={2} fz="h4" id="invite-heading" mb="xs">
        Invite a person
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The person must be in the directory. They get an email with a link to set their password.
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={480}>
          <PersonPicker
            label="Person to invite"
            required
            max={1}
            value={form.values.employee_id ? [form.values.employee_id] : []}
            onChange={(ids) => form.setFieldValue('employee_id', ids[ids.length - 1] ?? '')}
            error={form.errors.employee_id}
            placeholder="Type their name"
          />
          <RoleCheckboxes
            value={form.values.roles}
            onChange={(v) => form.setFieldValue('roles', v)}
            error={form.errors.roles}
          />
          {formError !== null && <ErrorAlert error={formError} title="The invitation was not sent" />}
          {invited && (
            <Alert color="green" variant="light" role="status" data-testid="invite-sent">
              Invited {invited.name} ({invited.email}). The invitation email is in the outbox.
            </Alert>
          )}
          <div>
            <Button type="submit" loading={form.submitting}>
              Send invitation
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

const OUTCOME_WORDS: Record<InvitationOutcome, string> = {
  invited: 'invited',
  invitation_renewed: 'invited again with a new link',
  already_has_account: 'already has an account, nothing sent',
  left_organization: 'has left the organization, nothing sent',
  not_found: 'is not in the directory',
};

/** What a bulk invitation did, person by person, with a one-line summary first. */
function BulkResult({ result }: { result: BulkInvitation }) {
  const sent = result.items.filter(
    (i) => i.outcome === 'invited' || i.outcome === 'invitation_renewed',
  ).length;
  const summary =
    result.items.length === 0
      ? 'Nobody to invite: everyone approved in this program already has an account.'
      : `${sent} of ${result.items.length} ${result.items.length === 1 ? 'person' : 'people'} invited. The invitation emails are in the outbox.`;
  return (
    <Alert
      color={sent > 0 ? 'green' : 'gray'}
      variant="light"
      role="status"
      data-testid="bulk-invite-result"
      title={summary}
    >
      {result.items.length > 0 && (
        <List size="sm" spacing={2}>
          {result.items.map((i) => (
            <List.Item key={i.employee_id}>
              {i.name || 'Someone'} {OUTCOME_WORDS[i.outcome]}
            </List.Item>
          ))}
        </List>
      )}
      {result.remaining > 0 && (
        <Text size="sm" mt="xs">
          {result.remaining} more {result.remaining === 1 ? 'person matches' : 'people match'}: send
          again to invite the next {MAX_BULK_INVITATIONS}.
        </Text>
      )}
    </Alert>
  );
}

/** Invites several people at once: chosen by name, or everyone approved in a program. */
function BulkInviteForm() {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'people' | 'program'>('people');
  const [people, setPeople] = useState<string[]>([]);
  const [program, setProgram] = useState<string | null>(null);
  const [roles, setRoles] = useState<string[]>([]);
  const [missing, setMissing] = useState<string | null>(null);
  const programs = usePrograms('all');
  const invite = useMutation({
    mutationFn: () =>
      inviteAccountsInBulk(
        mode === 'people' ? { employee_ids: people } : { approved_in_program: Number(program) },
        roles as Role[],
      ),
    onSuccess: () => {
      setPeople([]);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (mode === 'people' && people.length === 0) return setMissing('Choose the people to invite');
    if (mode === 'program' && !program) return setMissing('Choose the program');
    setMissing(null);
    invite.mutate();
  };
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="bulk-heading">
      <Title order={2} fz="h4" id="bulk-heading" mb="xs">
        Invite many people
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Up to {MAX_BULK_INVITATIONS} at once. People who already have an account or have left are
        listed and skipped; everyone else gets an invitation email.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={560}>
          <SegmentedControl
            value={mode}
            onChange={(v) => {
              setMode(v as 'people' | 'program');
              setMissing(null);
              invite.reset();
            }}
            fullWidth
            data={[
              { value: 'people', label: 'Choose people' },
              { value: 'program', label: 'From a program' },
            ]}
            aria-label="Who to invite"
          />
          {mode === 'people' ? (
            <PersonPicker
              label="People to invite"
              required
              max={MAX_BULK_INVITATIONS}
              value={people}
              onChange={setPeople}
              error={missing}
              placeholder="Type a name"
            />
          ) : (
            <Select
              label="Program"
              description="Everyone whose application to it is approved and who has no account yet."
              required
              searchable
              data={(programs.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
              value={program}
              onChange={setProgram}
              error={missing}
              nothingFoundMessage="No program by that name"
              placeholder={programs.isPending ? 'Loading programs…' : 'Choose a program'}
            />
          )}
          <RoleCheckboxes value={roles} onChange={setRoles} />
          {invite.isError && <ErrorAlert error={invite.error} title="Nobody was invited" />}
          {invite.data && <BulkResult result={invite.data} />}
          <div>
            <Button type="submit" loading={invite.isPending}>
              {mode === 'people'
                ? people.length === 0
                  ? 'Invite people'
                  : people.length === 1
                    ? 'Invite 1 person'
                    : `Invite ${people.length} people`
                : 'Invite everyone approved'}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

function RolesDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(account.roles);
  const save = useMutation({
    mutationFn: () => setAccountRoles(account.id, roles as Role[]),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Roles of ${account.name || account.email}`} centered closeButtonProps={{ 'aria-label': 'Close without saving' }}>
      <Stack gap="md">
        <RoleCheckboxes value={roles} onChange={setRoles} />
        {save.isError && <ErrorAlert error={save.error} title="The roles were not changed" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save roles
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const STATUS_LABELS: Record<NonNullable<Account['status']>, string> = {
  active: 'Active',
  invited: 'Invited',
  disabled: 'Deactivated',
};
const STATUS_COLORS: Record<NonNullable<Account['status']>, string> = {
  active: 'green',
  invited: 'blue',
  disabled: 'gray',
};

/** Asks before deactivating (or reactivating) an account, then does it. */
function ActivationDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const queryClient = useQueryClient();
  const deactivating = account.status !== 'disabled';
  const who = account.name || account.email;
  const change = useMutation({
    mutationFn: () => (deactivating ? deactivateAccount(account.id) : reactivateAccount(account.id)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={deactivating ? `Deactivate ${who}?` : `Reactivate ${who}?`}
      centered
      closeButtonProps={{ 'aria-label': 'Close without changing the account' }}
    >
      <Stack gap="md">
        <Text size="sm">
          {deactivating
            ? `${who} will be signed out everywhere at once and will not be able to sign in until the account is reactivated. Their links to set a password stop working. Nothing else about them changes.`
            : `${who} will be able to sign in again with their password and the roles they had. If they never set a password, invite them again.`}
        </Text>
        {change.isError && (
          <ErrorAlert
            error={change.error}
            title={deactivating ? 'The account was not deactivated' : 'The account was not reactivated'}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={deactivating ? 'red' : undefined}
            onClick={() => change.mutate()}
            loading={change.isPending}
          >
            {deactivating ? 'Deactivate account' : 'Reactivate account'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Sends an invited person a fresh link; `onSent` tells the page (the table may redraw its rows,
 * so the button keeps no state of its own to say so).
 */
function ResendButton({ account, onSent }: { account: Account; onSent: (who: string) => void }) {
  const who = account.name || account.email;
  const resend = useMutation({ mutationFn: () => resendInvitation(account.id), onSuccess: () => onSent(who) });
  return (
    <Button
      size="xs"
      variant="default"
      onClick={() => resend.mutate()}
      loading={resend.isPending}
      aria-label={`Send the invitation to ${who} again`}
      title={resend.isError ? 'The invitation was not sent again: try once more' : undefined}
      color={resend.isError ? 'red' : undefined}
    >
      {resend.isError ? 'Not sent: retry' : 'Send again'}
    </Button>
  );
}

const column = createColumnHelper<Account>();

/** Admin: accounts, invitations and roles (/accounts). */
export function UsersPage() {
  usePageTitle('Users and roles');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const [editing, setEditing] = useState<Account | null>(null);
  const [activating, setActivating] = useState<Account | null>(null);
  const [resentTo, setResentTo] = useState<string | null>(null);
  const session = useSession();
  const ownId = session.data?.account.id;
  const accounts = useInfiniteQuery({
    queryKey: ['accounts', debouncedQ],
    queryFn: ({ pageParam, signal }) => fetchAccounts(debouncedQ, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = useMemo(() => accounts.data?.pages.flatMap((p) => p.items) ?? [], [accounts.data]);
  const columns = useMemo(
    () => [
      column.accessor('name', {
        header: 'Name',
        cell: (c) => (
          <div>
            <Text fw={600} size="sm">
              {c.getValue()}
            </Text>
            <Text size="xs" c="dimmed">
              {c.row.original.email} · {c.row.original.employee_id}
            </Text>
          </div>
        ),
      }),
      column.accessor('status', {
        header: 'Status',
        cell: (c) => {
          const status = c.getValue();
          return status ? (
            <Badge variant="light" color={STATUS_COLORS[status]}>
              {STATUS_LABELS[status]}
            </Badge>
          ) : (
            '—'
          );
        },
      }),
      column.accessor('roles', {
        header: 'Roles',
        cell: (c) =>
          c.getValue().length === 0 ? (
            <Text size="sm" c="dimmed">
              Participant
            </Text>
          ) : (
            c.getValue().map((r) => ROLE_LABELS[r] ?? r).join(', ')
          ),
      }),
      column.display({
        id: 'actions',
        header: () => <span className="pw-visually-hidden">Actions</span>,
        cell: (c) => {
          const account = c.row.original;
          const who = account.name || account.email;
          const disabled = account.status === 'disabled';
          return (
            <Group gap="xs" wrap="nowrap">
              {account.status === 'invited' && <ResendButton account={account} onSent={setResentTo} />}
              <Button
                size="xs"
                variant="default"
                onClick={() => setEditing(account)}
                aria-label={`Change roles of ${who}`}
              >
                Change roles
              </Button>
              {account.id !== ownId && (
                <Button
                  size="xs"
                  variant={disabled ? 'default' : 'subtle'}
                  color={disabled ? undefined : 'red'}
                  onClick={() => setActivating(account)}
                  aria-label={disabled ? `Reactivate ${who}` : `Deactivate ${who}`}
                >
                  {disabled ? 'Reactivate' : 'Deactivate'}
                </Button>
              )}
            </Group>
          );
        },
      }),
    ],
    [ownId],
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title="Users and roles"
        description="Who can sign in to Pairwise, and who administers it."
      />
      <InviteForm />
      <BulkInviteForm />
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="accounts-heading">
        <Group justify="space-between" align="flex-end" mb="md">
          <Title order={2} fz="h4" id="accounts-heading">
            Accounts
          </Title>
          <TextInput
            label="Search accounts"
            type="search"
            placeholder="Name or email"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
        </Group>
        {resentTo && (
          <Alert color="green" variant="light" role="status" mb="md" data-testid="resend-notice">
            The invitation was sent to {resentTo} again. The earlier link no longer works.
          </Alert>
        )}
        {accounts.isPending ? (
          <Loading label="Loading accounts…" />
        ) : accounts.isError ? (
          <ErrorAlert error={accounts.error} title="Could not load the accounts" />
        ) : (
          <>
            <DataTable
              data={rows}
              columns={columns}
              caption="Accounts"
              getRowId={(a) => String(a.id)}
              emptyText={debouncedQ ? 'No account matches this search.' : 'No accounts yet.'}
              testId="accounts-table"
            />
            {accounts.hasNextPage && (
              <Group justify="center" mt="md">
                <Button
                  variant="default"
                  onClick={() => void accounts.fetchNextPage()}
                  loading={accounts.isFetchingNextPage}
                >
                  Show more accounts
                </Button>
              </Group>
            )}
          </>
        )}
      </Card>
      {editing && <RolesDialog account={editing} onClose={() => setEditing(null)} />}
      {activating && (
        <ActivationDialog account={activating} onClose={() => setActivating(null)} />
      )}
    </Stack>
  );
}
