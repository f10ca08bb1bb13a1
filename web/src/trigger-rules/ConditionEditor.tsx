// The condition tree of a rule, each predicate's operator and value editable in place (amounts in
// yuan, tiers and enums by name); the structure itself is edited as JSON (高级).
import { InputNumber, Input, Select, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { childrenOf, isPredicate, replaceAt, valueShape, type TreePath } from './draft';
import { FenInput } from './FenInput';
import { factLabel, isFenFact, opLabel, predicateWindow, valueLabel } from './labels';
import type { Condition, FactInfo, Predicate } from './types';

interface Props {
  when: Condition;
  facts: FactInfo[];
  onChange: (when: Condition) => void;
}

export const ConditionEditor = ({ when, facts, onChange }: Props) => (
  <div className="rule-tree">
    <Node
      condition={when}
      path={[]}
      facts={facts}
      onChange={(path, next) => onChange(replaceAt(when, path, next))}
    />
  </div>
);

const Node = ({
  condition,
  path,
  facts,
  onChange,
}: {
  condition: Condition;
  path: TreePath;
  facts: FactInfo[];
  onChange: (path: TreePath, next: Predicate) => void;
}) => {
  const t = useT();
  if (isPredicate(condition)) {
    return <PredicateRow predicate={condition} facts={facts} onChange={(next) => onChange(path, next)} />;
  }
  const kind = 'all' in condition ? 'all' : 'any' in condition ? 'any' : 'not';
  return (
    <div className="rule-group">
      <Typography.Text strong>{t(`triggerRules.${kind}`)}</Typography.Text>
      <ul>
        {childrenOf(condition).map(([key, child]) => (
          <li key={key.join('.')}>
            <Node condition={child} path={[...path, ...key]} facts={facts} onChange={onChange} />
          </li>
        ))}
      </ul>
    </div>
  );
};

const PredicateRow = ({
  predicate,
  facts,
  onChange,
}: {
  predicate: Predicate;
  facts: FactInfo[];
  onChange: (next: Predicate) => void;
}) => {
  const t = useT();
  const info = facts.find((f) => f.fact === predicate.fact);
  const shape = valueShape(predicate.operator);
  const operators = (info?.operators ?? [predicate.operator]).filter((o) => valueShape(o) === shape);
  const name = `${predicateWindow(t, predicate)}${factLabel(t, predicate.fact)}`;
  return (
    <div className="rule-predicate" data-testid={`predicate-${predicate.fact}`}>
      <span className="rule-fact">{name}</span>
      <Select
        aria-label={`${name} ${t('triggerRules.field.when')}`}
        size="small"
        className="rule-op"
        value={predicate.operator}
        options={operators.map((o) => ({ value: o, label: opLabel(t, o) }))}
        onChange={(operator) => onChange({ ...predicate, operator })}
      />
      <ValueInput
        predicate={predicate}
        info={info}
        label={name}
        onChange={(value) => onChange({ ...predicate, value })}
      />
    </div>
  );
};

const ValueInput = ({
  predicate,
  info,
  label,
  onChange,
}: {
  predicate: Predicate;
  info: FactInfo | undefined;
  label: string;
  onChange: (value: Predicate['value']) => void;
}) => {
  const t = useT();
  const { fact, operator, value } = predicate;
  const aria = `${label} ${opLabel(t, operator)}`;
  if (operator === 'exists' || typeof value === 'boolean') {
    return (
      <Select
        aria-label={aria}
        size="small"
        className="rule-value"
        value={value as boolean}
        options={[true, false].map((v) => ({ value: v, label: valueLabel(t, fact, v) }))}
        onChange={onChange}
      />
    );
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    // a share of another fact: 上日AUM × 0.3
    return (
      <span className="rule-ref">
        {factLabel(t, value.fact)} ×
        <InputNumber
          aria-label={aria}
          size="small"
          min={0.0001}
          max={1000}
          step={0.05}
          value={value.times}
          onChange={(times) => times !== null && onChange({ ...value, times })}
        />
      </span>
    );
  }
  if (info?.values) {
    const options = info.values.map((v) => ({ value: v, label: valueLabel(t, fact, v) }));
    return (
      <Select
        aria-label={aria}
        size="small"
        className="rule-value"
        mode={Array.isArray(value) ? 'multiple' : undefined}
        value={value as string | string[]}
        options={options}
        onChange={onChange}
      />
    );
  }
  if (typeof value === 'number') {
    return isFenFact(fact) ? (
      <span className="rule-amount">
        <FenInput label={aria} value={value} onChange={(fen) => fen !== undefined && onChange(fen)} />
        {t('common.yuan')}
      </span>
    ) : (
      <InputNumber
        aria-label={aria}
        size="small"
        precision={0}
        value={value}
        onChange={(n) => n !== null && onChange(n)}
      />
    );
  }
  if (Array.isArray(value)) {
    return (
      <Select
        aria-label={aria}
        size="small"
        className="rule-value"
        mode="tags"
        value={value}
        onChange={onChange}
      />
    );
  }
  return (
    <Input
      aria-label={aria}
      size="small"
      className="rule-value"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
};
