// A CloudWatch dashboard per capability (the declaration file its functions come from, deployed as
// one nested stack): errors, throttles and p99 duration of each function, the iterator age of the
// stream consumers, the depth of every dead-letter queue; on the campaigns dashboard also SMS sent,
// failed and this month's spend, with an alarm when the spend passes a share of the monthly budget.
// Each dashboard lives in its capability's nested stack, beside what it shows (no cross-stack refs).
// SMS metrics come from the dispatch's own log line (`campaign dispatch`: sent, failed, monthSpentFen)
// through metric filters, so the sending path needs no metrics client.
import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
  type IAlarmAction,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import type { OcrmFunction } from './ocrm-function.js';
import { pascal } from './triggers.js';
import type { DeploymentSettings } from './deployment-settings.js';

/** Where the SMS metrics are published, and from which function's log. */
export const SMS_METRICS = {
  namespace: 'OCRM/Sms',
  sent: 'Sent',
  failed: 'Failed',
  spend: 'SpendMonthToDateFen',
  dispatchFunction: 'campaigns-dispatch',
  logMessage: 'campaign dispatch',
} as const;

/** The spend alarm fires at this share of `ocrm:smsMonthlyBudget`, before the dispatch stops at all of it. */
export const SMS_SPEND_ALARM_SHARE = 0.8;
/** The monthly SMS budget (yuan) when `ocrm:smsMonthlyBudget` is not set: the dispatch's own default. */
export interface DashboardsProps {
  /** The stack's functions by declared name (OcrmStack.functions). */
  functions: ReadonlyMap<string, OcrmFunction>;
  alarmAction: IAlarmAction;
  /** The deployment's SMS channel and its monthly budget. */
  sms: Pick<DeploymentSettings['sms'], 'channel' | 'monthlyBudgetYuan'>;
}

const FIVE_MINUTES = Duration.minutes(5);

const graph = (title: string, metrics: IMetric[], width = 8): GraphWidget =>
  new GraphWidget({ title, left: metrics, width, height: 6 });

export class OcrmDashboards extends Construct {
  /** Capability → its dashboard. */
  readonly dashboards = new Map<string, Dashboard>();
  /** Channel → its SMS spend alarm. */
  readonly smsSpendAlarms = new Map<string, Alarm>();

  constructor(scope: Construct, id: string, props: DashboardsProps) {
    super(scope, id);
    const byCapability = new Map<string, OcrmFunction[]>();
    for (const fn of props.functions.values()) {
      const capability = fn.declaration.capability ?? 'platform';
      byCapability.set(capability, [...(byCapability.get(capability) ?? []), fn]);
    }
    for (const [capability, functions] of byCapability) {
      const stack = Stack.of(functions[0]!);
      const dashboard = new Dashboard(stack, `${pascal(capability)}Dashboard`, {
        dashboardName: `${Stack.of(this).stackName}-${capability}`,
        defaultInterval: Duration.hours(3),
      });
      dashboard.addWidgets(...this.functionWidgets(capability, functions));
      const sms = functions.find((fn) => fn.declaration.name === SMS_METRICS.dispatchFunction);
      if (sms) dashboard.addWidgets(...this.smsWidgets(sms, props));
      this.dashboards.set(capability, dashboard);
    }
  }

  private functionWidgets(capability: string, functions: OcrmFunction[]): IWidget[] {
    const each = (metric: (fn: OcrmFunction) => IMetric) => functions.map(metric);
    const label = (fn: OcrmFunction) => fn.declaration.name;
    const widgets: IWidget[] = [
      new TextWidget({
        markdown: `# ${capability}\nAlarms and what to do: docs/runbook.md; \`npm run ops -- status --stack ${Stack.of(this).stackName}\`.`,
        width: 24,
        height: 2,
      }),
      graph(
        'Errors (sum, 5 min)',
        each((fn) => fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES, label: label(fn) })),
      ),
      graph(
        'Throttles (sum, 5 min)',
        each((fn) => fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES, label: label(fn) })),
      ),
      graph(
        'Duration p99 (ms)',
        each((fn) => fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: label(fn) })),
      ),
    ];
    const consumers = functions.filter((fn) => fn.declaration.streams?.length);
    if (consumers.length) {
      widgets.push(
        graph(
          'Stream iterator age (max, ms)',
          consumers.map((fn) =>
            fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1), label: label(fn) }),
          ),
          12,
        ),
      );
    }
    const queues = functions.flatMap((fn) =>
      (fn.node.scope?.node.children ?? [])
        .filter((child): child is DeadLetterQueue => child instanceof DeadLetterQueue)
        .map((queue) => ({ fn, queue })),
    );
    if (queues.length) {
      widgets.push(
        graph(
          'Dead letters waiting (max)',
          queues.map(({ fn, queue }) =>
            queue.metricApproximateNumberOfMessagesVisible({
              statistic: 'Maximum',
              period: Duration.minutes(1),
              label: `${fn.declaration.name}/${queue.node.id}`,
            }),
          ),
          12,
        ),
      );
    }
    return widgets;
  }

  private smsWidgets(dispatch: OcrmFunction, { alarmAction, sms }: DashboardsProps): IWidget[] {
    const { channel, monthlyBudgetYuan: budgetYuan } = sms;
    const pattern = FilterPattern.stringValue('$.message', '=', SMS_METRICS.logMessage);
    const fromLog = (id: string, metricName: string, field: string) => {
      dispatch.logs.addMetricFilter(id, {
        filterPattern: pattern,
        metricNamespace: SMS_METRICS.namespace,
        metricName,
        metricValue: `$.${field}`,
      });
      return (statistic: string, period: Duration) =>
        new Metric({ namespace: SMS_METRICS.namespace, metricName, statistic, period });
    };
    const sent = fromLog('SmsSentMetric', SMS_METRICS.sent, 'sent');
    const failed = fromLog('SmsFailedMetric', SMS_METRICS.failed, 'failed');
    const spend = fromLog('SmsSpendMetric', SMS_METRICS.spend, 'monthSpentFen');
    const budgetFen = budgetYuan * 100;
    {
      const alarm = new Alarm(dispatch.node.scope ?? dispatch, `SmsSpend${pascal(channel)}Alarm`, {
        alarmDescription:
          `SMS spend this month (${channel}) passed ${SMS_SPEND_ALARM_SHARE * 100}% of the monthly budget ` +
          `of ¥${budgetYuan} (ocrm:smsMonthlyBudget); the dispatch stops sending at its own budget ` +
          '(OCRM_SMS_MONTHLY_BUDGET_FEN)',
        metric: spend('Maximum', Duration.minutes(5)),
        threshold: budgetFen * SMS_SPEND_ALARM_SHARE,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(alarmAction);
      alarm.addOkAction(alarmAction);
      this.smsSpendAlarms.set(channel, alarm);
    }
    return [
      graph(
        `SMS sent and failed (${channel}, sum, 5 min)`,
        [
          sent('Sum', FIVE_MINUTES).with({ label: 'sent' }),
          failed('Sum', FIVE_MINUTES).with({ label: 'failed' }),
        ],
        12,
      ),
      new GraphWidget({
        title: 'SMS spend this month (fen)',
        left: [spend('Maximum', FIVE_MINUTES).with({ label: 'spent' })],
        leftAnnotations: [
          { value: budgetFen, label: 'monthly budget' },
          { value: budgetFen * SMS_SPEND_ALARM_SHARE, label: 'alarm' },
        ],
        width: 12,
        height: 6,
      }),
    ];
  }
}
