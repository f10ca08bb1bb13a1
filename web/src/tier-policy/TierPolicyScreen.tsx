// 分层标准 (admin): the tier policy in force, a draft with its what-if (who the next month close
// would move up and down, by branch) before it is proposed, and the changes awaiting a second admin.
import '../app/pages.css';
import './tier-policy.css';
import { Alert, Col, Row, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { Loading } from '../app/Loading';
import { useTierPolicy } from './hooks';
import { PolicyCard } from './PolicyCard';
import { DraftForm } from './DraftForm';
import { PendingChanges } from './PendingChanges';

const TierPolicyScreen = () => {
  const t = useT();
  const policy = useTierPolicy();
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('tp.title')}
      </Typography.Title>
      {policy.error ? (
        <Alert type="error" showIcon title={(policy.error as Error).message} />
      ) : !policy.data ? (
        <Loading />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9}>
            <PolicyCard policy={policy.data} />
          </Col>
          <Col xs={24} lg={15}>
            {/* a new version in force starts a new draft from it */}
            <DraftForm key={policy.data.version} policy={policy.data} />
          </Col>
          <Col xs={24}>
            <PendingChanges />
          </Col>
        </Row>
      )}
    </>
  );
};
export default TierPolicyScreen;
