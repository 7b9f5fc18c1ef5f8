import { Alert, Anchor, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import {
  attachEvidenceFile,
  credentialKeys,
  evidenceFileUrl,
  removeEvidenceFile,
  type Candidate,
  type EvidenceFile,
} from '../../api/credentials';
import { formatDate } from '../../components/format';

/** "2.4 MB", "830 KB", "120 bytes". */
export function fileSizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const TYPE_WORDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
};

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx';

function uploadError(error: unknown, maxBytes: number): string {
  if (error instanceof ApiError && error.status === 413) {
    return `This file is larger than ${fileSizeWords(maxBytes)}; attach a smaller one.`;
  }
  return errorMessage(error);
}

/**
 * The evidence files of one step: download links for the candidate and reviewers, and for the
 * candidate (when `maxBytes` is given) adding and removing while the step takes files.
 */
export function StepFiles({ candidate, step, maxBytes }: { candidate: Candidate; step: number; maxBytes?: number }) {
  const queryClient = useQueryClient();
  const files = (candidate.files ?? []).filter((f) => f.step === step);
  const editable = maxBytes !== undefined && (candidate.file_steps ?? []).includes(step);
  const stepName = candidate.framework.steps[step - 1]?.name ?? `step ${step}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: credentialKeys.all });
  const attach = useMutation({
    mutationFn: (file: File) => attachEvidenceFile(candidate.id, step, file),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (file: EvidenceFile) => removeEvidenceFile(file.id),
    onSuccess: refresh,
  });
  if (files.length === 0 && !editable) return null;
  return (
    <Stack gap={4} mt="xs" data-testid={`step-${step}-files`}>
      {files.length > 0 && (
        <List size="sm" spacing={4} aria-label={`Files for ${stepName}`}>
          {files.map((f) => (
            <List.Item key={f.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor href={evidenceFileUrl(f.id)} download={f.name}>
                  {f.name}
                </Anchor>
                <Text span size="sm" c="dimmed">
                  {TYPE_WORDS[f.content_type] ?? 'File'}, {fileSizeWords(f.size_bytes)}, added {formatDate(f.uploaded_at)}
                </Text>
                {editable && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${f.name}`}
                    loading={remove.isPending && remove.variables?.id === f.id}
                    onClick={() => remove.mutate(f)}
                  >
                    Remove
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {editable && (
        <Group gap="xs" wrap="wrap">
          <FileButton onChange={(file) => file && attach.mutate(file)} accept={ACCEPT}>
            {(props) => (
              <Button {...props} size="xs" variant="light" loading={attach.isPending} aria-label={`Add a file to ${stepName}`}>
                Add a file
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            PDF, image or Word document, up to {fileSizeWords(maxBytes)}. Only you and the credential reviewers see it.
          </Text>
        </Group>
      )}
      {attach.isError && (
        <Alert color="red" role="alert">
          {uploadError(attach.error, maxBytes ?? 0)}
        </Alert>
      )}
      {remove.isError && (
        <Alert color="red" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      )}
    </Stack>
  );
}
