import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import {
  fetchImportMapping,
  previewImport,
  runImport,
  saveImportMapping,
  type ImportError,
  type ImportOptions,
  type ImportReference,
  type ImportReport,
  type ImportRow,
} from '../../api/admin';
import { ApiError } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

const IGNORE = '__ignore__';

const errorColumn = createColumnHelper<ImportError>();
const errorColumns = [
  errorColumn.accessor('row', {
    header: 'Row',
    cell: (c) => (c.getValue() > 0 ? c.getValue() : 'Whole file'),
  }),
  errorColumn.accessor('column', {
    header: 'Column',
    cell: (c) => (c.getValue() ? <span className="pw-mono">{c.getValue()}</span> : '—'),
  }),
  errorColumn.accessor('message', { header: 'Problem' }),
];

const rowColumn = createColumnHelper<ImportRow>();
const rowColumns = [
  rowColumn.accessor('row', { header: 'Row' }),
  rowColumn.accessor('employee_id', { header: 'Employee id' }),
  rowColumn.accessor('action', {
    header: 'Will be',
    cell: (c) => (
      <Badge
        variant="light"
        color={c.getValue() === 'create' ? 'green' : c.getValue() === 'update' ? 'blue' : 'gray'}
      >
        {c.getValue() === 'create' ? 'created' : c.getValue() === 'update' ? 'updated' : c.getValue()}
      </Badge>
    ),
  }),
  rowColumn.accessor('changed_fields', {
    header: 'Changed fields',
    cell: (c) => (c.getValue().length ? c.getValue().join(', ') : '—'),
  }),
];

function Counts({ report, applied }: { report: ImportReport; applied: boolean }) {
  const items: [string, number][] = [
    [applied ? 'Created' : 'To create', report.counts.create],
    [applied ? 'Updated' : 'To update', report.counts.update],
    ['Unchanged', report.counts.unchanged],
    [applied ? 'Marked as left' : 'To mark as left', report.counts.mark_left],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="import-counts">
      {items.map(([label, n]) => (
        <Card key={label} withBorder padding="sm" radius="md">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {label}
          </Text>
          <Text fz="xl" fw={700}>
            {n.toLocaleString()}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

const ATTRIBUTE_PREFIX = 'attribute:';

/** The reporting attribute a column would fill: "Employee network" -> "attribute:employee_network". */
function attributeFieldFor(header: string): string | null {
  const lower = header.toLowerCase();
  const base = lower.startsWith(ATTRIBUTE_PREFIX) ? lower.slice(ATTRIBUTE_PREFIX.length) : lower;
  const name = base
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return name ? ATTRIBUTE_PREFIX + name : null;
}

function fieldLabel(field: string): string {
  return field.startsWith(ATTRIBUTE_PREFIX)
    ? `Reporting attribute "${field.slice(ATTRIBUTE_PREFIX.length)}" (aggregate only)`
    : field;
}

function MappingEditor({
  report,
  fields,
  onSave,
  saving,
}: {
  report: ImportReport;
  fields: string[];
  onSave: (mapping: Record<string, string | null>) => void;
  saving: boolean;
}) {
  const [draft, setDraft] = useState<Record<string, string | null>>(report.mapping);
  const changed = report.headers.some((h) => (draft[h] ?? null) !== (report.mapping[h] ?? null));
  const optionsFor = (header: string) => {
    const extra = new Set<string>();
    const attribute = attributeFieldFor(header);
    if (attribute) extra.add(attribute);
    const current = draft[header];
    if (current && !fields.includes(current)) extra.add(current);
    return [
      { value: IGNORE, label: 'Ignore this column' },
      ...fields.map((f) => ({ value: f, label: f })),
      ...[...extra].map((f) => ({ value: f, label: fieldLabel(f) })),
    ];
  };
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="mapping-heading">
      <Title order={2} fz="h4" id="mapping-heading" mb="xs">
        Columns
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Which Pairwise field each column of the file fills. A changed mapping is saved for the next
        upload.
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        A column can also be kept as a reporting attribute (for example gender or an employee
        network): it is never shown for a person, only as coverage and scores of groups of five or
        more in a matching proposal&apos;s fairness view, to its coordinators.
      </Text>
      {report.missing_fields.length > 0 && (
        <Alert color="red" variant="light" mb="md" data-testid="missing-fields">
          No column gives these required fields: {report.missing_fields.join(', ')}.
        </Alert>
      )}
      <div className="pw-table-scroll" role="region" aria-label="Column mapping" tabIndex={0}>
        <Table miw={300} verticalSpacing="xs" data-testid="mapping-table">
          <caption className="pw-visually-hidden">Column mapping</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Column in the file</Table.Th>
              <Table.Th scope="col">Pairwise field</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.headers.map((header) => (
              <Table.Tr key={header}>
                <Table.Td className="pw-mono">{header}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Field for column ${header}`}
                    data={optionsFor(header)}
                    value={draft[header] ?? IGNORE}
                    allowDeselect={false}
                    searchable
                    onChange={(v) =>
                      setDraft((d) => ({ ...d, [header]: v === IGNORE || v === null ? null : v }))
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Group mt="md">
        <Button variant="default" disabled={!changed} loading={saving} onClick={() => onSave(draft)}>
          Save mapping and check again
        </Button>
      </Group>
    </Card>
  );
}

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The departments and sites the file names: which existing one each value is, or that it is new. */
function References({ report }: { report: ImportReport }) {
  const rows: { kind: 'Department' | 'Site'; ref: ImportReference }[] = [
    ...(report.departments ?? []).map((ref) => ({ kind: 'Department' as const, ref })),
    ...(report.sites ?? []).map((ref) => ({ kind: 'Site' as const, ref })),
  ];
  if (rows.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="references-heading">
      <Title order={2} fz="h4" id="references-heading" mb="xs">
        Departments and sites
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        How each department and site written in the file is understood. Names are matched whatever
        their capitals or accents.
      </Text>
      <div className="pw-table-scroll" role="region" aria-label="Departments and sites in the file" tabIndex={0}>
        <Table verticalSpacing="xs" data-testid="import-references">
          <caption className="pw-visually-hidden">Departments and sites in the file</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">In the file</Table.Th>
              <Table.Th scope="col">Will be</Table.Th>
              <Table.Th scope="col">Rows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ kind, ref }) => (
              <Table.Tr key={`${kind}-${ref.value}`}>
                <Table.Td>{ref.value}</Table.Td>
                <Table.Td>
                  {ref.new ? (
                    <Group gap="xs">
                      <Badge variant="light" color="orange">
                        New {kind.toLowerCase()}
                      </Badge>
                      <span>{ref.name}</span>
                    </Group>
                  ) : (
                    <span>
                      {kind} {ref.name}
                    </span>
                  )}
                </Table.Td>
                <Table.Td>{ref.rows.toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Card>
  );
}

/** Admin: upload an HRIS export, preview what it would change, then import it in one go. */
export function ImportPage() {
  usePageTitle('Import people');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [full, setFull] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [confirmLeavers, setConfirmLeavers] = useState(false);
  const [confirmNew, setConfirmNew] = useState(false);
  const mapping = useQuery({ queryKey: ['import-mapping'], queryFn: ({ signal }) => fetchImportMapping(signal) });
  const fields = useMemo(
    () => mapping.data?.fields ?? [...new Set(Object.values(report?.mapping ?? {}).filter((f): f is string => !!f))],
    [mapping.data, report],
  );

  const showReport = (next: ImportReport | null) => {
    setReport(next);
    setConfirmLeavers(false);
    setConfirmNew(false);
  };

  const previewMutation = useMutation({
    mutationFn: ({ text, options }: { text: string; options: ImportOptions }) => previewImport(text, options),
    onMutate: () => {
      setResult(null);
      importMutation.reset();
      mappingMutation.reset();
    },
    onSuccess: (next) => showReport(next),
    onError: () => showReport(null),
  });

  const mappingMutation = useMutation({
    mutationFn: saveImportMapping,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['import-mapping'] });
      if (csv !== null) previewMutation.mutate({ text: csv, options: { full } });
    },
  });

  const importMutation = useMutation({
    mutationFn: ({ text, options }: { text: string; options: ImportOptions }) => runImport(text, options),
    onSuccess: (done) => {
      setResult(done);
      showReport(null);
      setFile(null);
      setCsv(null);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void queryClient.invalidateQueries({ queryKey: ['person'] });
    },
    onError: (e) => {
      // A 400 "import_invalid" or 409 "confirmation_required" carries the report.
      if (e instanceof ApiError && e.body && typeof e.body === 'object' && 'counts' in e.body) {
        showReport(e.body as ImportReport);
      }
    },
  });

  const onPreview = async () => {
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    previewMutation.mutate({ text, options: { full } });
  };

  const onImport = () => {
    if (csv === null) return;
    importMutation.mutate({
      text: csv,
      options: { full, confirm_leavers: confirmLeavers, confirm_new: confirmNew },
    });
  };

  const error = previewMutation.error ?? mappingMutation.error ?? importMutation.error;
  const errorCount = report ? report.error_count ?? report.errors.length : 0;
  const needs = new Set((report?.needs_confirmation ?? []).map((c) => c.code));
  const newDepartments = report?.new_departments ?? [];
  const newSites = report?.new_sites ?? [];
  const confirmed =
    (!needs.has('confirm_leavers') || confirmLeavers) && (!needs.has('confirm_new') || confirmNew);
  const newWhat = [
    newDepartments.length > 0 ? plural(newDepartments.length, 'new department') : '',
    newSites.length > 0 ? plural(newSites.length, 'new site') : '',
  ]
    .filter(Boolean)
    .join(' and ');

  return (
    <Stack gap="lg">
      <PageHeader
        title="Import people"
        description="Upload a CSV export of your HR system. Nothing changes until you confirm the import, and then all of it changes at once or nothing does."
      />
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="upload-heading">
        <Title order={2} fz="h4" id="upload-heading" mb="md">
          1. Choose the file
        </Title>
        <Stack gap="md" maw={520}>
          <FileInput
            label="CSV file"
            description="UTF-8, one header row; columns such as employee_id, first_name, last_name, email, department, site, manager_employee_id"
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              showReport(null);
              setResult(null);
              previewMutation.reset();
              importMutation.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
            data-testid="import-file"
          />
          <Checkbox
            label="Full import: mark people who are not in the file as left"
            checked={full}
            onChange={(e) => {
              setFull(e.currentTarget.checked);
              showReport(null);
            }}
          />
          <div>
            <Button onClick={() => void onPreview()} disabled={!file} loading={previewMutation.isPending}>
              Check the file
            </Button>
          </div>
        </Stack>
      </Card>

      {error && (
        <ErrorAlert
          error={error}
          title={importMutation.isError ? 'Nothing was imported' : 'The file could not be checked'}
        />
      )}

      {result && (
        <Alert color="green" variant="light" title="Import complete" role="status" data-testid="import-done">
          <Stack gap="sm">
            <Text size="sm">The directory now matches the file.</Text>
            <Counts report={result} applied />
            {(result.new_departments?.length ?? 0) > 0 && (
              <Text size="sm">
                New {result.new_departments?.length === 1 ? 'department' : 'departments'}:{' '}
                {result.new_departments?.map((r) => r.name).join(', ')}.
              </Text>
            )}
            {(result.new_sites?.length ?? 0) > 0 && (
              <Text size="sm">
                New {result.new_sites?.length === 1 ? 'site' : 'sites'}:{' '}
                {result.new_sites?.map((r) => r.name).join(', ')}.
              </Text>
            )}
          </Stack>
        </Alert>
      )}

      {report && (
        <>
          <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="preview-heading">
            <Title order={2} fz="h4" id="preview-heading" mb="md">
              2. Check what would change
            </Title>
            <Stack gap="md">
              <Counts report={report} applied={false} />
              {errorCount > 0 ? (
                <Alert color="red" variant="light" data-testid="import-problems">
                  {errorCount === 1 ? '1 problem' : `${errorCount.toLocaleString()} problems`} in the
                  file. Fix them in your HR system or the file, then check it again; nothing is
                  imported while any remain.
                  {report.errors_truncated &&
                    ` The first ${report.errors.length.toLocaleString()} are listed below.`}
                </Alert>
              ) : (
                <Alert color="green" variant="light" data-testid="import-clean">
                  No problems found.
                </Alert>
              )}
              {report.warnings?.map((w) => (
                <Text key={w} size="sm" c="orange.9">
                  {w}
                </Text>
              ))}
            </Stack>
          </Card>

          {errorCount > 0 && (
            <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="problems-heading">
              <Title order={2} fz="h4" id="problems-heading" mb="md">
                Problems by row and column
              </Title>
              <DataTable
                data={report.errors}
                columns={errorColumns}
                caption="Problems in the file"
                getRowId={(e) => `${e.row}-${e.column}-${e.code}-${e.message}`}
                emptyText="No problems."
                testId="import-errors"
                minWidth={300}
              />
            </Card>
          )}

          <References report={report} />

          <MappingEditor
            key={JSON.stringify(report.mapping)}
            report={report}
            fields={fields}
            onSave={(m) => mappingMutation.mutate(m)}
            saving={mappingMutation.isPending}
          />

          {report.rows.length > 0 && (
            <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="rows-heading">
              <Title order={2} fz="h4" id="rows-heading" mb="md">
                Rows
              </Title>
              <DataTable
                data={report.rows}
                columns={rowColumns}
                caption="What each row does"
                getRowId={(r) => String(r.row)}
                emptyText="No rows."
                testId="import-rows"
              />
              {report.rows_truncated && (
                <Text size="sm" c="dimmed" mt="sm">
                  Only the first {report.rows.length.toLocaleString()} rows are shown.
                </Text>
              )}
            </Card>
          )}

          <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="confirm-heading">
            <Title order={2} fz="h4" id="confirm-heading" mb="xs">
              3. Import
            </Title>
            <Stack gap="md">
              {report.can_import && needs.has('confirm_leavers') && (
                <Alert color="orange" variant="light" data-testid="confirm-leavers">
                  <Stack gap="xs">
                    <Text size="sm">
                      This full import would mark{' '}
                      <strong>
                        {plural(report.counts.mark_left, 'person', 'people')} of{' '}
                        {(report.stored_not_left ?? 0).toLocaleString()}
                      </strong>{' '}
                      in the directory as left, because they are not in the file. Nobody is
                      deleted, but people marked as left can no longer take part in programs. If
                      the file is not the whole export, do not go ahead.
                    </Text>
                    <Checkbox
                      label={`Yes, mark ${plural(report.counts.mark_left, 'person', 'people')} as left`}
                      checked={confirmLeavers}
                      onChange={(e) => setConfirmLeavers(e.currentTarget.checked)}
                    />
                  </Stack>
                </Alert>
              )}
              {report.can_import && needs.has('confirm_new') && (
                <Alert color="orange" variant="light" data-testid="confirm-new">
                  <Stack gap="xs">
                    <Text size="sm">
                      The file names {newWhat} that Pairwise does not know yet:{' '}
                      {[...newDepartments, ...newSites].map((r) => r.name).join(', ')}.{' '}
                      {newDepartments.length + newSites.length === 1
                        ? 'Check that it is not an existing one spelt differently; it is created with the import.'
                        : 'Check that none is an existing one spelt differently; they are created with the import.'}
                    </Text>
                    <Checkbox
                      label={`Yes, create ${newWhat}`}
                      checked={confirmNew}
                      onChange={(e) => setConfirmNew(e.currentTarget.checked)}
                    />
                  </Stack>
                </Alert>
              )}
              <Text size="sm" c="dimmed">
                {!report.can_import
                  ? 'Fix the problems above first.'
                  : confirmed
                    ? 'The import runs as one transaction.'
                    : 'Confirm the changes above first.'}
              </Text>
              <div>
                <Button
                  onClick={onImport}
                  disabled={!report.can_import || !confirmed}
                  loading={importMutation.isPending}
                >
                  Import the file
                </Button>
              </div>
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
