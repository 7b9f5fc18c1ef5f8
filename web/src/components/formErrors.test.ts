import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { showFieldError } from './formErrors';

function sink() {
  const errors: Record<string, string> = {};
  return { errors, setFieldError: (path: string, error: string) => void (errors[path] = error) };
}

describe('showFieldError', () => {
  it('puts an error on the field it names', () => {
    const form = sink();
    expect(showFieldError(form, new ApiError(400, 'invalid_argument', 'Use a work address', 'email'), ['email'])).toBe(true);
    expect(form.errors).toEqual({ email: 'Use a work address' });
  });
  it('turns expertise[2].level into the form path expertise.2.level', () => {
    const form = sink();
    expect(showFieldError(form, new ApiError(400, 'invalid_argument', 'Pick a level', 'expertise[2].level'), ['expertise'])).toBe(true);
    expect(form.errors).toEqual({ 'expertise.2.level': 'Pick a level' });
  });
  it('leaves errors about other fields, or about no field, to the whole form', () => {
    const form = sink();
    expect(showFieldError(form, new ApiError(400, 'invalid_argument', 'Bad', 'manager'), ['email'])).toBe(false);
    expect(showFieldError(form, new ApiError(409, 'conflict', 'Changed meanwhile'), ['email'])).toBe(false);
    expect(showFieldError(form, new Error('boom'), ['email'])).toBe(false);
    expect(form.errors).toEqual({});
  });
});
