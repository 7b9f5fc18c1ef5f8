import { ApiError } from '../api/client';

interface FieldErrorSink {
  setFieldError: (path: string, error: string) => void;
}

/**
 * Puts an API error that names a field of this form on that field (e.g. "email", or
 * "expertise.2.level" for "expertise[2].level"), and returns true; false when the error is
 * not about one of `fields` and should be shown for the whole form. `prefix` is where the
 * form's values sit in the request body ("settings." when they were sent nested).
 */
export function showFieldError(
  form: FieldErrorSink,
  error: unknown,
  fields: readonly string[],
  prefix = '',
): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const field = prefix && error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
  const path = field.replace(/\[(\d+)\]/g, '.$1');
  const root = path.split('.')[0] ?? path;
  if (!fields.includes(root)) return false;
  form.setFieldError(fields.includes(path) || path.includes('.') ? path : root, error.message);
  return true;
}
