// A library form's save failed: the API's problem+json errors go under the fields they name (a
// contract field the form shows under another name is renamed), the rest into the form's banner.
import type { FormInstance } from 'antd';
import { fieldErrors } from '../api/problem';

export const showProblem = (
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  rename: Record<string, string> = {},
): string[] => {
  const { fields: named, rest } = fieldErrors(error, fields);
  form.setFields(
    named.map((f) => ({
      ...f,
      name: [rename[String(f.name[0])] ?? f.name[0]!, ...f.name.slice(1)],
    })) as never,
  );
  return rest;
};
