// The shell around every screen: the header (app name, the person and their unit, language, sign
// out) and the menu of the screens this role may open. Works down to a 390 px phone.
import type { ReactNode } from 'react';
import { Button, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/i18n';
import { roleKey } from '../i18n/labels';
import { LanguageSwitch } from './LanguageSwitch';
import { screensFor } from './nav';
import { Link } from './Link';
import { MyUsage } from '../usage/MyUsage';
import { useMyUnit } from './useMyUnit';

const SYSTEM = '/system/';

export const Shell = ({ current, children }: { current: string; children: ReactNode }) => {
  const t = useT();
  const { me, signOut } = useAuth();
  const unit = useMyUnit();
  const entries = screensFor(me?.role)
    .filter((s) => s.inMenu)
    .map((s) => ({
      key: s.path,
      label: <Link to={s.path}>{t(s.label)}</Link>,
    }));
  // 系统管理: the administrator's screens (paths under /system/) in one submenu
  const system = entries.filter((e) => e.key.startsWith(SYSTEM));
  const items = [
    ...entries.filter((e) => !e.key.startsWith(SYSTEM)),
    ...(system.length ? [{ key: SYSTEM, label: t('nav.system'), children: system }] : []),
  ];
  return (
    <Layout className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="shell-header">
        <Typography.Text strong className="brand">
          {t('app.title')}
        </Typography.Text>
        <Space size="small" className="who" wrap={false}>
          {me && (
            <span className="who-name" data-testid="who">
              {me.name}
              <span className="who-unit">
                {' · '}
                {t(roleKey(me.role))}
                {unit.data ? ` · ${unit.data.name}` : ''}
              </span>
            </span>
          )}
          <MyUsage />
          <LanguageSwitch />
          <Tooltip title={t('auth.signOut')}>
            <Button
              type="text"
              aria-label={t('auth.signOut')}
              icon={<LogoutOutlined />}
              onClick={() => signOut('user')}
            />
          </Tooltip>
        </Space>
      </Layout.Header>
      <nav aria-label={t('nav.menu')} className="shell-nav">
        {/* no "…" overflow (its hidden copies of the items stay focusable, an axe violation): on a
            narrow screen the entries wrap onto a second line, every one a real link */}
        <Menu mode="horizontal" selectedKeys={[current]} items={items} disabledOverflow />
      </nav>
      <Layout.Content id="main" className="shell-content" tabIndex={-1}>
        {children}
      </Layout.Content>
    </Layout>
  );
};
