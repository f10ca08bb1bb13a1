// What a screen or panel shows when its data did not load: its own words when the API says there is
// no such thing (404), otherwise the API's message.
import { Alert } from 'antd';
import { isNotFound } from '../api/problem';

export const LoadError = ({ error, notFound }: { error: Error; notFound: string }) => (
  <Alert type="error" showIcon title={isNotFound(error) ? notFound : error.message} />
);
