// 短信模板: the text with its placeholders, flagged as it is typed by the server's own rules (the
// 【signature】 first, an opt-out instruction, known placeholders, at most MAX_PARTS parts) and the
// parts counted as carriers bill them (70 characters alone, 67 a part once concatenated), with
// typical values in the placeholders.
import { useRef } from 'react';
import { Button, Input, Space, Tag, Typography, type GetRef } from 'antd';
import {
  hasOptOut,
  hasSignature,
  MAX_PARTS,
  PLACEHOLDERS,
  placeholdersOf,
  render,
  SAMPLE_VALUES,
} from '#shared/campaigns/template.js';
import { smsParts, SMS_LIMITS } from '#shared/sms/parts.js';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { COLORS } from './labels';

export const PLACEHOLDER_LABELS: Record<(typeof PLACEHOLDERS)[number], MessageKey> = {
  name: 'cmp.ph.name',
  tier: 'cmp.ph.tier',
  managerName: 'cmp.ph.managerName',
  orgName: 'cmp.ph.orgName',
};

/** What the editor flags, from the server's rules (the save refuses the same). */
export const templateFlags = (text: string) => {
  const known = PLACEHOLDERS as readonly string[];
  const count = smsParts(render(text, SAMPLE_VALUES));
  return {
    signature: hasSignature(text),
    optOut: hasOptOut(text),
    unknown: [...new Set(placeholdersOf(text))].filter((p) => !known.includes(p)),
    count,
    tooLong: count.parts > MAX_PARTS,
  };
};

const Check = ({ ok, label, testId }: { ok: boolean; label: string; testId: string }) => (
  <Tag color={ok ? COLORS.green : COLORS.red} data-testid={testId} data-ok={ok}>
    {ok ? '✓ ' : '✗ '}
    {label}
  </Tag>
);

export const TemplateEditor = ({
  value = '',
  onChange,
  id,
}: {
  value?: string;
  onChange?: (text: string) => void;
  id?: string;
}) => {
  const t = useT();
  const area = useRef<GetRef<typeof Input.TextArea>>(null);
  const flags = templateFlags(value);
  const limits = SMS_LIMITS[flags.count.encoding];

  const insert = (placeholder: string) => {
    const node = area.current?.resizableTextArea?.textArea;
    const at = node?.selectionStart ?? value.length;
    const end = node?.selectionEnd ?? at;
    onChange?.(`${value.slice(0, at)}{${placeholder}}${value.slice(end)}`);
  };

  return (
    <div className="cmp-template">
      <Space wrap size={4} className="cmp-placeholders">
        <Typography.Text type="secondary">{t('cmp.insert')}</Typography.Text>
        {PLACEHOLDERS.map((p) => (
          <Button key={p} size="small" onClick={() => insert(p)}>
            {`{${p}}`} {t(PLACEHOLDER_LABELS[p])}
          </Button>
        ))}
      </Space>
      <Input.TextArea
        id={id}
        ref={area}
        rows={4}
        value={value}
        maxLength={1000}
        placeholder={t('cmp.templatePlaceholder')}
        onChange={(e) => onChange?.(e.target.value)}
      />
      <div className="cmp-flags" aria-live="polite">
        <Check ok={flags.signature} label={t('cmp.flag.signature')} testId="flag-signature" />
        <Check ok={flags.optOut} label={t('cmp.flag.optOut')} testId="flag-opt-out" />
        {flags.unknown.length > 0 && (
          <Check
            ok={false}
            label={t('cmp.flag.unknown', { names: flags.unknown.join('、') })}
            testId="flag-unknown"
          />
        )}
        <Tag color={flags.tooLong ? COLORS.red : COLORS.blue} data-testid="sms-parts">
          {t('cmp.parts', { parts: flags.count.parts, chars: flags.count.characters })}
        </Tag>
      </div>
      <Typography.Text type="secondary" className="small">
        {t('cmp.partsRule', {
          single: limits.single,
          each: limits.concatenated,
          max: MAX_PARTS,
        })}
      </Typography.Text>
      {value && (
        <div className="cmp-sms" data-testid="sms-sample">
          <Typography.Text type="secondary" className="small">
            {t('cmp.sample')}
          </Typography.Text>
          <p>{render(value, SAMPLE_VALUES)}</p>
        </div>
      )}
    </div>
  );
};
