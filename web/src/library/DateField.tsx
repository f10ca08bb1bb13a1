// A labelled native date (or date-time) input: the browser's own picker on a phone, and the value is
// the API's `YYYY-MM-DD` (or `YYYY-MM-DDTHH:mm`) as it is, with no date library.
import { Input } from 'antd';

export const DateFilter = ({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) => (
  <label className="lib-date">
    <span className="lib-date-label">{label}</span>
    <Input type="date" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} />
  </label>
);
