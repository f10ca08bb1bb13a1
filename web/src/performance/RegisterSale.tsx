// 业绩登记: customer, product, amount in yuan (sent as fen), and the credit split between RMs whose
// shares must total 100. When the API says the product's risk exceeds the customer's (适当性), the
// warning shows with a field for the override reason, and the sale is sent again with it.
import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from '../api/client';
import { fieldErrors } from '../api/problem';
import { formatFen, yuanToFen } from '../money';
import { useStaff } from '../customers/hooks';
import { useCustomerChoices, useProducts, useRegisterSale } from './hooks';
import { creditProblem, totalShare, type CreditLine } from './credits';

interface Values {
  customerId: string;
  productId: string;
  amount: string;
  credits: CreditLine[];
  overrideReason?: string;
}

const newRef = () => `WB-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase();

/** The API's 409 on `body.productId` that asks for `suitabilityOverride`: the risks it names. */
export const suitabilityConflict = (error: unknown): { product: string; customer: string } | undefined => {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const found = error.errors.find(
    (e) => e.path === 'body.productId' && e.message.includes('suitabilityOverride'),
  );
  if (!found) return undefined;
  return {
    product: /\bR[1-5]\b/.exec(found.message)?.[0] ?? '',
    customer: /\bC[1-5]\b/.exec(found.message)?.[0] ?? '',
  };
};

export const RegisterSale = () => {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [unsuitable, setUnsuitable] = useState<{ product: string; customer: string }>();
  const externalRef = useRef(newRef());
  const customers = useCustomerChoices();
  const products = useProducts();
  const staff = useStaff();
  const register = useRegisterSale();
  const credits = Form.useWatch('credits', form);
  const creditable = (staff.data?.items ?? []).filter(
    (s) => s.active && (s.role === 'rm' || s.role === 'branch_manager'),
  );

  const submit = async (values: Values) => {
    try {
      const entry = await register.mutateAsync({
        channel: 'workbench',
        externalRef: externalRef.current,
        customerId: values.customerId,
        productId: values.productId,
        amountFen: yuanToFen(values.amount) ?? 0,
        credits: values.credits.map((c) => ({ staffId: c.staffId ?? '', sharePct: Number(c.sharePct) })),
        occurredAt: new Date().toISOString(),
        ...(unsuitable && values.overrideReason
          ? { suitabilityOverride: { reason: values.overrideReason.trim() } }
          : {}),
      });
      void message.success(
        t('perf.registered', { product: entry.productName, amount: formatFen(entry.amountFen) }),
      );
      externalRef.current = newRef();
      setUnsuitable(undefined);
      form.resetFields();
    } catch (error) {
      const conflict = suitabilityConflict(error);
      if (conflict) {
        setUnsuitable(conflict);
        return;
      }
      const { fields, rest } = fieldErrors(error, ['customerId', 'productId', 'amountFen', 'credits']);
      form.setFields(
        fields.map((f) => ({
          ...f,
          name: f.name[0] === 'amountFen' ? ['amount'] : f.name,
        })) as never,
      );
      if (rest.length) void message.error(rest.join('; '));
    }
  };

  const problem = creditProblem(credits);
  return (
    <Card size="small" title={<h2 className="card-title">{t('perf.register')}</h2>}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ credits: [{ staffId: me?.staffId, sharePct: 100 }] }}
        onValuesChange={(changed) => {
          if ('customerId' in changed || 'productId' in changed) setUnsuitable(undefined);
          // the list's own rule (shares total 100) runs on submit only: once it has said no, check
          // it again as the shares change, so the message goes when the split is put right
          if ('credits' in changed && form.getFieldError(['credits']).length > 0)
            void form.validateFields([['credits']]).catch(() => undefined);
        }}
      >
        <Form.Item
          name="customerId"
          label={t('perf.customer')}
          rules={[{ required: true, message: t('perf.customerRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={customers.isFetching}
            notFoundContent={t('cust.empty')}
            options={customers.items.map((c) => ({
              value: c.customerId,
              label: `${c.name}（${c.customerId}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="productId"
          label={t('perf.product')}
          rules={[{ required: true, message: t('perf.productRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={products.isLoading}
            options={(products.data?.items ?? []).map((p) => ({
              value: p.productId,
              label: `${p.name}（${p.riskLevel}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('perf.amount')}
          rules={[
            { required: true, message: t('perf.amountRequired') },
            {
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                const fen = yuanToFen(value);
                return fen !== undefined && fen > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('alerts.retainedInvalid')));
              },
            },
          ]}
        >
          <Input inputMode="decimal" suffix={t('common.yuan')} autoComplete="off" />
        </Form.Item>
        <fieldset className="credits">
          <legend>{t('perf.credits')}</legend>
          <Form.List
            name="credits"
            rules={[
              {
                validator: async (_, value: CreditLine[]) => {
                  const p = creditProblem(value);
                  if (p === 'total') throw new Error(t('perf.totalMust100'));
                  if (p === 'twice') throw new Error(t('perf.creditedTwice'));
                },
              },
            ]}
          >
            {(lines, { add, remove }, { errors }) => (
              <>
                {lines.map((line, i) => (
                  <div key={line.key} className="credit-line">
                    <Form.Item
                      name={[line.name, 'staffId']}
                      label={t('perf.creditStaff', { n: i + 1 })}
                      rules={[{ required: true, message: t('perf.staffRequired') }]}
                      className="credit-staff"
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={creditable.map((s) => ({
                          value: s.staffId,
                          label: `${s.name}（${s.staffId}）`,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[line.name, 'sharePct']}
                      label={t('perf.share', { n: i + 1 })}
                      rules={[{ required: true, message: t('perf.shareRequired') }]}
                      className="credit-share"
                    >
                      <InputNumber min={1} max={100} precision={0} suffix="%" />
                    </Form.Item>
                    {lines.length > 1 && (
                      <Button
                        type="text"
                        aria-label={t('perf.removeCredit', { n: i + 1 })}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(line.name)}
                        className="credit-remove"
                      />
                    )}
                  </div>
                ))}
                <Space wrap className="credit-total">
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ sharePct: Math.max(0, 100 - totalShare(credits)) || undefined })}
                  >
                    {t('perf.addCredit')}
                  </Button>
                  <Typography.Text type={problem ? 'danger' : undefined} strong data-testid="credit-total">
                    {t('perf.total', { n: totalShare(credits) })}
                  </Typography.Text>
                </Space>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </fieldset>
        {unsuitable && (
          <>
            <Alert
              type="warning"
              showIcon
              className="gap"
              title={t('perf.unsuitable')}
              description={t('perf.unsuitableText', unsuitable)}
            />
            <Form.Item
              name="overrideReason"
              label={t('perf.overrideReason')}
              rules={[{ required: true, whitespace: true, min: 4, message: t('perf.overrideRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={register.isPending}>
          {unsuitable ? t('perf.registerAnyway') : t('perf.submit')}
        </Button>
      </Form>
    </Card>
  );
};
