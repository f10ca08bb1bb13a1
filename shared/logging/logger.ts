// The one structured logger (Powertools Logger, JSON lines), with redaction on every line.
import { Logger } from '@aws-lambda-powertools/logger';
import { redactingReplacer } from './redact.js';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ocrm',
  jsonReplacerFn: redactingReplacer,
});
