// Closing an alert: the outcome (保留 / 部分保留 / 流失 / 不适用), a note, and — when money was kept —
// the amount in yuan (sent to the API in fen). The API's field errors land next to their fields.
import { Alert as Banner, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import type { Alert } from '../api/types';
import { fieldErrors } from '../api/problem';
import { useT } from '../i18n/i18n';
import { outcomeKey } from '../i18n/labels';
import { yuanToFen } from '../money';
import { useCloseAlert } from './hooks';

const OUTCOMES = ['retained', 'partially_retained', 'lost', 'not_applicable'] as const;
type Outcome = (typeof OUTCOMES)[number];
const KEEPS_MONEY: readonly Outcome[] = ['retained', 'partially_retained'];

interface Values {
  outcome: Outcome;
  note: string;
  /** yuan, as typed */
  retainedFen?: string;
}

export const CloseAlertForm = ({ alert, onDone }: { alert: Alert; onDone: () => void }) => {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const close = useCloseAlert();
  const [banner, setBanner] = useState<string[]>([]);
  const outcome = Form.useWatch('outcome', form);

  const submit = async (values: Values) => {
    setBanner([]);
    const keeps = KEEPS_MONEY.includes(values.outcome) && values.retainedFen?.trim();
    try {
      await close.mutateAsync({
        alertId: alert.alertId,
        body: {
          outcome: values.outcome,
          note: values.note,
          ...(keeps ? { retainedFen: yuanToFen(values.retainedFen!) } : {}),
        },
      });
      onDone();
    } catch (error) {
      const { fields, rest } = fieldErrors(error, ['outcome', 'note', 'retainedFen']);
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setBanner(rest);
    }
  };

  return (
    <Modal
      open
      title={t('alerts.closeTitle', { title: alert.customerName })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      onCancel={onDone}
      destroyOnHidden
    >
      <p className="modal-lead">{alert.title}</p>
      {banner.length > 0 && <Banner type="error" showIcon title={banner.join('；')} className="gap" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        <Form.Item
          name="outcome"
          label={t('alerts.outcome')}
          rules={[{ required: true, message: t('alerts.outcomeRequired') }]}
        >
          <Radio.Group
            options={OUTCOMES.map((o) => ({ value: o, label: t(outcomeKey(o)) }))}
            optionType="button"
            buttonStyle="solid"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('alerts.note')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('alerts.noteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {outcome && KEEPS_MONEY.includes(outcome) && (
          <Form.Item
            name="retainedFen"
            label={t('alerts.retained')}
            rules={[
              {
                validator: (_rule, value: string | undefined) =>
                  !value?.trim() || (yuanToFen(value) ?? -1) >= 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('alerts.retainedInvalid'))),
              },
            ]}
          >
            <Input inputMode="decimal" placeholder="0.00" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
