// 身份信息: phone and ID number masked as the API sends them (138****1234). 查看 asks for a purpose
// and then asks the API for the raw values (audited there); they live in this component's state
// only, and are gone when the page is left.
import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n';
import { fieldErrors } from '../api/problem';
import { useReveal } from './hooks';
import type { Customer360 } from './types';

/** `+86138****1234` → `138****1234`: the country code says nothing to a Chinese RM. */
export const localPhone = (phone: string | undefined) => phone?.replace(/^\+86/, '');

export const IdentityCard = ({ customer }: { customer: Customer360 }) => {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();
  const reveal = useReveal(customer.customerId);
  const shown = reveal.data;

  const submit = async ({ purpose }: { purpose: string }) => {
    try {
      await reveal.mutateAsync(purpose.trim());
      setAsking(false);
      form.resetFields();
    } catch (error) {
      const { fields, rest } = fieldErrors(error, ['purpose'], 'query.');
      form.setFields([...fields, ...(rest.length ? [{ name: ['purpose'], errors: rest }] : [])] as never);
    }
  };

  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('cust.identity')}</h2>}
      extra={
        shown ? (
          <Button size="small" onClick={() => reveal.reset()}>
            {t('cust.hide')}
          </Button>
        ) : (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
            {t('cust.reveal')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('cust.phone')}>
          <span data-testid="phone">{localPhone((shown ?? customer).phone) ?? t('common.none')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.idNumber')}>
          <span data-testid="id-number">{(shown ?? customer).idNumber ?? t('common.none')}</span>
        </Descriptions.Item>
      </Descriptions>
      {shown && (
        <Typography.Text type="warning" className="small">
          {t('cust.revealedNote')}
        </Typography.Text>
      )}
      <Modal
        open={asking}
        title={t('cust.revealTitle')}
        okText={t('cust.reveal')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setAsking(false)}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('cust.revealHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="purpose"
            label={t('cust.purpose')}
            rules={[{ required: true, whitespace: true, min: 4, message: t('cust.purposeRequired') }]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
