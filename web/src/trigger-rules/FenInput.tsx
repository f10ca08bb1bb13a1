// An amount typed in yuan, kept in fen: the text stays as typed until it is an amount again.
import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { formatFen, yuanToFen } from '../money';

const plain = (fen: number | undefined) => (fen === undefined ? '' : formatFen(fen).replace(/,/g, ''));

export const FenInput = ({
  value,
  onChange,
  label,
  id,
}: {
  value: number | undefined;
  onChange: (fen: number | undefined) => void;
  label?: string;
  id?: string;
}) => {
  const [text, setText] = useState(plain(value));
  useEffect(() => {
    if (yuanToFen(text) !== value) setText(plain(value));
    // only when the value changes from outside
  }, [value]);
  return (
    <Input
      id={id}
      aria-label={label}
      inputMode="decimal"
      value={text}
      status={text.trim() && yuanToFen(text) === undefined ? 'error' : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const fen = e.target.value.trim() ? yuanToFen(e.target.value) : undefined;
        if (fen !== undefined || !e.target.value.trim()) onChange(fen);
      }}
    />
  );
};
