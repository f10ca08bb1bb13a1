// The form rules both library forms take from their contracts: lengths, and tags (at most 20, each
// at most 32 characters; a tags select never repeats one).
import type { Rule } from 'antd/es/form';
import type { Translate } from '../i18n/i18n';

export const maxLength = (n: number, t: Translate): Rule => ({ max: n, message: t('lib.tooLong', { n }) });

export const tagsRule = (t: Translate): Rule => ({
  validator: (_, tags: string[] | undefined) =>
    (tags ?? []).length <= 20 && (tags ?? []).every((tag) => tag.trim().length <= 32)
      ? Promise.resolve()
      : Promise.reject(new Error(t('lib.tagsRule', { n: 20 }))),
});

/**
 * The end of a window (publish, sale) against its start field: `strict` when the end must come after
 * the start, otherwise it may fall on it. An empty end or start passes (required is another rule).
 */
export const endNotBefore =
  (startField: string, strict: boolean, message: string): Rule =>
  ({ getFieldValue }) => ({
    validator: (_, end: string | undefined) => {
      const start = getFieldValue(startField) as string | undefined;
      return !end || !start || (strict ? end > start : end >= start)
        ? Promise.resolve()
        : Promise.reject(new Error(message));
    },
  });
