// 业绩: register a sale, the unit's leaderboard with the caller's rank, and the caller's registrations.
import '../app/pages.css';
import { Col, Row, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { useAuth } from '../auth/AuthProvider';
import { RegisterSale } from './RegisterSale';
import { LeaderboardCard } from './LeaderboardCard';
import { MyRegistrations } from './MyRegistrations';

const PerformanceScreen = () => {
  const t = useT();
  const { me } = useAuth();
  const registers = me?.role === 'rm' || me?.role === 'branch_manager' || me?.role === 'admin';
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('perf.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {registers && (
          <Col xs={24} lg={10}>
            <RegisterSale />
          </Col>
        )}
        <Col xs={24} lg={registers ? 14 : 24}>
          <LeaderboardCard myId={me?.staffId} />
        </Col>
        <Col xs={24}>
          <MyRegistrations />
        </Col>
      </Row>
    </>
  );
};
export default PerformanceScreen;
