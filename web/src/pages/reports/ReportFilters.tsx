import { Group, Select } from '@mantine/core';
import { useDepartments, useSites } from '../../api/people';
import type { ReportFilter } from '../../api/reports';

const LEVELS = Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: `Level ${i + 1}` }));

/** Department, site and level filters shared by the dashboard and the outcomes page. */
export function ReportFilters({ value, onChange }: { value: ReportFilter; onChange: (f: ReportFilter) => void }) {
  const departments = useDepartments();
  const sites = useSites();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Department"
        placeholder="All departments"
        clearable
        searchable
        data={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        value={value.department ?? null}
        onChange={(v) => onChange({ ...value, department: v ?? undefined })}
        w={240}
      />
      <Select
        label="Site"
        placeholder="All sites"
        clearable
        searchable
        data={(sites.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
        value={value.site ?? null}
        onChange={(v) => onChange({ ...value, site: v ?? undefined })}
        w={200}
      />
      <Select
        label="Level today"
        placeholder="All levels"
        clearable
        data={LEVELS}
        value={value.level ? String(value.level) : null}
        onChange={(v) => onChange({ ...value, level: v ? Number(v) : undefined })}
        w={160}
      />
    </Group>
  );
}
