// 高级: the condition tree as JSON, for changing its structure (add or remove a predicate, all ↔ any);
// the API checks it when it is tested or submitted.
import { Button, Collapse, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import type { Condition } from './types';

export const JsonConditions = ({
  when,
  onApply,
}: {
  when: Condition;
  onApply: (when: Condition) => void;
}) => {
  const t = useT();
  const [text, setText] = useState(JSON.stringify(when, null, 2));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(JSON.stringify(when, null, 2)), [when]);
  const apply = () => {
    try {
      onApply(JSON.parse(text) as Condition);
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  };
  return (
    <Collapse
      size="small"
      className="gap"
      items={[
        {
          key: 'json',
          label: t('triggerRules.advanced'),
          children: (
            <>
              <Input.TextArea
                aria-label={t('triggerRules.advanced')}
                rows={8}
                className="rule-json"
                value={text}
                status={invalid ? 'error' : undefined}
                onChange={(e) => setText(e.target.value)}
              />
              {invalid && <Typography.Text type="danger">{t('triggerRules.jsonInvalid')}</Typography.Text>}
              <Button size="small" className="gap" onClick={apply}>
                {t('triggerRules.apply')}
              </Button>
            </>
          ),
        },
      ]}
    />
  );
};
