// 死信重放 (admin): what each stream consumer gave up on — which consumer and stream, when, why, how
// many records — and 重放. Cards, so a phone needs no sideways scrolling. A replay that works removes
// the card; one that fails again says so on it (replays, last error).
import { App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { formatDateTime } from '../time';
import { useDeadLetters, useReplay } from './hooks';
import type { DeadLetter } from './types';

const DeadLettersScreen = () => {
  const t = useT();
  const letters = useDeadLetters();
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('deadLetters.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('deadLetters.lead')}</Typography.Paragraph>
      {letters.error ? (
        <Typography.Text type="danger">{letters.error.message}</Typography.Text>
      ) : !letters.data ? (
        <Skeleton active />
      ) : letters.data.length === 0 ? (
        <Empty description={t('deadLetters.empty')} />
      ) : (
        <ul className="cards" aria-label={t('deadLetters.list')}>
          {letters.data.map((letter) => (
            <li key={letter.id}>
              <LetterCard letter={letter} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
};

const conditionKey = (condition: string) => `deadLetters.condition.${condition}` as MessageKey;

const LetterCard = ({ letter }: { letter: DeadLetter }) => {
  const t = useT();
  const { message } = App.useApp();
  const replay = useReplay();
  const run = () =>
    replay.mutate(letter.id, {
      onSuccess: (answer) =>
        answer.outcome === 'replayed'
          ? void message.success(t('deadLetters.replayed'))
          : void message.warning(t('deadLetters.replayFailed', { error: answer.error ?? '' })),
      onError: (error) => void message.error(error.message),
    });
  return (
    <Card
      size="small"
      data-testid={`dead-letter-${letter.id}`}
      title={<h2 className="panel-title">{letter.consumer}</h2>}
      extra={letter.replays > 0 && <Tag>{t('deadLetters.replays', { n: letter.replays })}</Tag>}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('deadLetters.source')}>{letter.source}</Descriptions.Item>
        <Descriptions.Item label={t('deadLetters.failedAt')}>
          {formatDateTime(letter.failedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('deadLetters.records')}>{letter.recordCount}</Descriptions.Item>
        <Descriptions.Item label={t('deadLetters.condition')}>
          {t(conditionKey(letter.condition))}
        </Descriptions.Item>
        <Descriptions.Item label={t('deadLetters.attempts')}>{letter.attempts}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph
        className="small"
        style={{ overflowWrap: 'anywhere' }}
        ellipsis={{ rows: 3, expandable: true }}
      >
        {t('deadLetters.error')}：{letter.error}
      </Typography.Paragraph>
      {letter.lastReplayAt && (
        <Typography.Paragraph
          className="small"
          style={{ overflowWrap: 'anywhere' }}
          data-testid="last-replay"
        >
          {t('deadLetters.lastReplay', {
            at: formatDateTime(letter.lastReplayAt),
            error: letter.lastReplayError ?? '',
          })}
        </Typography.Paragraph>
      )}
      <Popconfirm
        title={t('deadLetters.replayConfirm', { n: letter.recordCount, consumer: letter.consumer })}
        okText={t('deadLetters.replay')}
        cancelText={t('common.cancel')}
        onConfirm={run}
      >
        <Button type="primary" loading={replay.isPending}>
          {t('deadLetters.replay')}
        </Button>
      </Popconfirm>
    </Card>
  );
};

export default DeadLettersScreen;
