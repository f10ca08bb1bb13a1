// 时间线: everything that happened to the customer, newest first, more as it scrolls; and the form
// that logs a contact, whose entry shows at the top at once.
import { useCallback } from 'react';
import { App, Button, Card, Form, Input, Select, Tag, Timeline as AntTimeline, Typography } from 'antd';
import { useT, type Translate } from '../i18n/i18n';
import { useAuth } from '../auth/AuthProvider';
import { fieldErrors } from '../api/problem';
import { formatFen } from '../money';
import { outcomeKey, severityKey, statusKey, tierKey } from '../i18n/labels';
import { LoadMore } from '../app/LoadMore';
import { useLogContact, useTimeline } from './hooks';
import { assetKey, CHANNEL_LABELS, CHANNELS, consentKey, timelineKindKey } from './labels';
import type { ContactChannel, NewContact, TimelineEvent } from './types';

const COLOURS: Record<string, string> = {
  contact: 'blue',
  transaction: 'gray',
  tier_change: 'green',
  alert: 'red',
  performance: 'purple',
  transfer: 'orange',
  sms_consent: 'cyan',
};

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** One line of what happened, from the fields each kind is known to carry (never account numbers). */
export const describeEvent = (t: Translate, event: TimelineEvent): string => {
  const d = event.detail;
  switch (event.kind) {
    case 'contact':
      return `${t(CHANNEL_LABELS[d.channel as ContactChannel] ?? 'common.none')} · ${str(d.note) ?? ''}`;
    case 'transaction': {
      const amount = num(d.amountFen) ?? 0;
      return [
        t(amount < 0 ? 'timeline.out' : 'timeline.in'),
        `${formatFen(Math.abs(amount))} ${t('common.yuan')}`,
        t(assetKey(String(d.assetClass))),
        str(d.counterpartyBank),
      ]
        .filter(Boolean)
        .join(' · ');
    }
    case 'tier_change':
      return t('timeline.tierMove', {
        from: t(tierKey(String(d.fromTier))),
        to: t(tierKey(String(d.toTier))),
      });
    case 'alert':
      return [
        str(d.title),
        d.severity ? t(severityKey(String(d.severity))) : undefined,
        d.status ? t(statusKey(String(d.status))) : undefined,
        d.outcome ? t(outcomeKey(String(d.outcome))) : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'performance':
      return [
        t(d.kind === 'reversal' ? 'timeline.reversal' : 'timeline.sale'),
        str(d.productName),
        num(d.amountFen) !== undefined ? `${formatFen(num(d.amountFen)!)} ${t('common.yuan')}` : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'transfer':
      return t('timeline.transferTo', { to: str(d.toManagerId) ?? '' });
    case 'sms_consent':
      return str(d.consent) ? t(consentKey(String(d.consent))) : t('timeline.optOut');
  }
};

const ContactForm = ({ customerId }: { customerId: string }) => {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewContact>();
  const log = useLogContact(customerId, me?.staffId ?? '');
  const submit = (values: NewContact) => {
    form.resetFields(['note']);
    log.mutate(values, {
      onSuccess: () => void message.success(t('contact.logged')),
      onError: (error) => {
        form.setFieldsValue({ note: values.note });
        const { fields, rest } = fieldErrors(error, ['channel', 'note']);
        form.setFields(fields as never);
        if (rest.length) void message.error(rest.join('; '));
      },
    });
  };
  return (
    <Form<NewContact>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ channel: 'phone' }}
      className="contact-form"
      aria-label={t('contact.title')}
    >
      <Form.Item name="channel" label={t('contact.channel')} rules={[{ required: true }]}>
        <Select options={CHANNELS.map((value) => ({ value, label: t(CHANNEL_LABELS[value]) }))} />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('contact.note')}
        rules={[{ required: true, whitespace: true, message: t('contact.noteRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={log.isPending}>
        {t('contact.submit')}
      </Button>
    </Form>
  );
};

export const CustomerTimeline = ({ customerId }: { customerId: string }) => {
  const t = useT();
  const timeline = useTimeline(customerId);
  const more = useCallback(() => void timeline.fetchNextPage(), [timeline]);
  return (
    <Card size="small" title={<h2 className="card-title">{t('timeline.title')}</h2>}>
      <ContactForm customerId={customerId} />
      <div className="timeline" data-testid="timeline">
        {timeline.items.length === 0 && !timeline.isLoading ? (
          <Typography.Text type="secondary">{t('timeline.empty')}</Typography.Text>
        ) : (
          <AntTimeline
            items={timeline.items.map((event) => ({
              key: event.id,
              color: COLOURS[event.kind],
              content: (
                <div className="timeline-item">
                  <div>
                    <Tag>{t(timelineKindKey(event.kind))}</Tag>
                    <Typography.Text type="secondary" className="small">
                      {new Date(event.at).toLocaleString('zh-CN', { hour12: false })}
                    </Typography.Text>
                    {event.detail.pending ? (
                      <Typography.Text type="secondary" className="small">
                        {' '}
                        {t('contact.saving')}
                      </Typography.Text>
                    ) : null}
                  </div>
                  <div className="timeline-text">{describeEvent(t, event)}</div>
                </div>
              ),
            }))}
          />
        )}
      </div>
      <LoadMore
        hasMore={!!timeline.hasNextPage}
        loading={timeline.isFetchingNextPage}
        onMore={more}
        count={timeline.items.length}
      />
    </Card>
  );
};
