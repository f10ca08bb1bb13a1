// Form fields both library forms ask for alike: the tags, and a window (publish, sale) whose start
// is required and whose end may be left open but not fall before its start.
import { Form, Input, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useT } from '../i18n/i18n';
import { endNotBefore, tagsRule } from './form-rules';

export const TagsField = ({ label }: { label: string }) => {
  const t = useT();
  return (
    <Form.Item name="tags" label={label} rules={[tagsRule(t)]}>
      <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
    </Form.Item>
  );
};

export interface WindowEdge {
  name: string;
  label: string;
}

export const WindowFields = ({
  start,
  end,
  type,
  strict,
  startRule,
  endBeforeMessage,
}: {
  start: WindowEdge;
  end: WindowEdge;
  type: 'date' | 'datetime-local';
  /** the end must come after the start (not on it) */
  strict: boolean;
  /** the start's required rule, in the form's own words */
  startRule: Rule;
  endBeforeMessage: string;
}) => (
  <>
    <Form.Item name={start.name} label={start.label} rules={[startRule]}>
      <Input type={type} />
    </Form.Item>
    <Form.Item
      name={end.name}
      label={end.label}
      dependencies={[start.name]}
      rules={[endNotBefore(start.name, strict, endBeforeMessage)]}
    >
      <Input type={type} />
    </Form.Item>
  </>
);
