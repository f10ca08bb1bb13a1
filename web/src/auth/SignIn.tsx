// The sign-in page. Locally: a 工号 field and 登录, and the demo logins to click. Deployed: one
// button to the bank's identity provider (OIDC code + PKCE).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/i18n';
import { roleKey } from '../i18n/labels';
import { fieldErrors } from '../api/problem';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { useAuth } from './AuthProvider';
import { demoLogins } from './local';

const DEMO_ROLES = ['rm', 'branch_manager', 'marketing', 'admin'];
const PER_ROLE = 3;

export const SignIn = () => {
  const t = useT();
  const { config, endedBecause } = useAuth();
  return (
    <main className="sign-in" id="main">
      <Card
        title={
          <Typography.Title level={1} className="sign-in-title">
            {t('auth.signInTitle')}
          </Typography.Title>
        }
        extra={<LanguageSwitch />}
        className="sign-in-card"
      >
        {endedBecause === 'idle' && (
          <Alert type="info" showIcon title={t('auth.idleSignedOut')} className="gap" />
        )}
        {endedBecause === 'expired' && (
          <Alert type="warning" showIcon title={t('auth.expired')} className="gap" />
        )}
        {config.mode === 'local' ? <LocalSignIn /> : <OidcSignIn />}
      </Card>
    </main>
  );
};

const OidcSignIn = () => {
  const t = useT();
  const { config } = useAuth();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="primary"
      block
      loading={busy}
      onClick={() => {
        if (config.mode !== 'oidc') return;
        setBusy(true);
        void import('./oidc').then((m) => m.startSignIn(config));
      }}
    >
      {t('auth.signInOidc')}
    </Button>
  );
};

const LocalSignIn = () => {
  const t = useT();
  const { signInLocal } = useAuth();
  const [form] = Form.useForm<{ staffId: string }>();
  const [busy, setBusy] = useState(false);
  const logins = useQuery({ queryKey: ['demo-logins'], queryFn: demoLogins, staleTime: Infinity });

  const submit = async (staffId: string) => {
    setBusy(true);
    try {
      await signInLocal(staffId.trim());
    } catch (error) {
      const { fields } = fieldErrors(error, ['staffId']);
      form.setFields(
        fields.length
          ? fields.map((f) => ({ name: f.name as ['staffId'], errors: [t('auth.unknownStaff')] }))
          : [{ name: 'staffId', errors: [t('auth.unknownStaff')] }],
      );
      setBusy(false);
    }
  };

  const shown = DEMO_ROLES.flatMap((role) =>
    (logins.data ?? []).filter((l) => l.role === role).slice(0, PER_ROLE),
  );
  return (
    <Space orientation="vertical" size="large" className="full">
      <Typography.Paragraph type="secondary">{t('auth.signInLocal')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v.staffId)} requiredMark={false}>
        <Form.Item
          name="staffId"
          label={t('auth.staffId')}
          rules={[{ required: true, whitespace: true, message: t('auth.staffIdRequired') }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth.signIn')}
        </Button>
      </Form>
      {shown.length > 0 && (
        <List
          header={<Typography.Text strong>{t('auth.demoLogins')}</Typography.Text>}
          size="small"
          dataSource={shown}
          renderItem={(login) => (
            <List.Item>
              <Button
                type="link"
                className="demo-login"
                onClick={() => {
                  form.setFieldValue('staffId', login.staffId);
                  void submit(login.staffId);
                }}
              >
                {login.name} · {t(roleKey(login.role))} · {login.orgName}
                <Typography.Text type="secondary" className="demo-id">
                  {login.staffId}
                </Typography.Text>
              </Button>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
};
