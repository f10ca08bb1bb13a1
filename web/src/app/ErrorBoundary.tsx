// A screen that throws shows what went wrong and a retry, not a blank page.
import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useT } from '../i18n/i18n';

const Failed = ({ error, retry }: { error: Error; retry: () => void }) => {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('app.error')}
      subTitle={error.message}
      extra={
        <Button type="primary" onClick={retry}>
          {t('app.retry')}
        </Button>
      }
    />
  );
};

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(previous: { resetKey?: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }
  override render() {
    return this.state.error ? (
      <Failed error={this.state.error} retry={() => this.setState({ error: undefined })} />
    ) : (
      this.props.children
    );
  }
}
