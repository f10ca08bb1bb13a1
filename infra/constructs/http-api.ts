// The HTTP API: one route per declared route contract, JWT-guarded where the contract says so, the
// catch-all function on `$default`, JSON access logs, and stage-wide throttling.
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type HttpRouteIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeKey } from '#shared/http/contract.js';
import { LOG_RETENTION, type OcrmFunction } from './ocrm-function.js';
import { pascal } from './triggers.js';

/**
 * Stage-wide throttling: well above a bank's RM population at peak (a few thousand people, a few
 * requests a second each) and the upstream feeds, well below the account's regional limit, so one
 * runaway client cannot starve the other APIs in the account.
 */
export const API_THROTTLE = { rateLimit: 500, burstLimit: 1000 };

// One JSON line per request. The caller's subject, never the token; no bodies, no query strings.
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    method: '$context.httpMethod',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    subject: '$context.authorizer.claims.sub',
  }),
);

export interface OcrmHttpApiProps {
  jwtIssuer: string;
  jwtAudience: string;
  logKey: IKey;
}

export class OcrmHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  private readonly jwt: HttpJwtAuthorizer;
  private readonly integrations = new Map<OcrmFunction, HttpRouteIntegration>();

  constructor(scope: Construct, id: string, props: OcrmHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'OCRM: relationship-manager workbench and upstream feeds',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });
    this.jwt = new HttpJwtAuthorizer('Jwt', props.jwtIssuer, { jwtAudience: [props.jwtAudience] });
  }

  get url(): string {
    return this.stage.url;
  }

  private integrationOf(fn: OcrmFunction): HttpRouteIntegration {
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${fn.declaration.name}-integration`, fn);
      this.integrations.set(fn, integration);
    }
    return integration;
  }

  /**
   * Every route the function's declaration carries, with the auth its contract names. Routes (and
   * their integration and invoke permission) live beside the function, in its capability's nested
   * stack, so no stack nears CloudFormation's 500-resource limit; the API and authorizer stay here.
   */
  addRoutesOf(fn: OcrmFunction): HttpRoute[] {
    const scope = fn.node.scope ?? fn;
    return (fn.declaration.routes ?? []).map((route) => {
      const created = new HttpRoute(scope, `Route${route.method}${pascal(route.path)}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: this.integrationOf(fn),
        authorizer: route.auth === 'jwt' ? this.jwt : new HttpNoneAuthorizer(),
      });
      if (route.auth === 'none') {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${routeKey(route)} ("${route.summary}", served by ${fn.declaration.name}) is public by its route ` +
            "contract (auth: 'none'); whether a route is public is reviewed on the contract, which the local " +
            'runtime and this stack both read.',
        });
      }
      return created;
    });
  }

  /** `$default`: what no route matches goes to the catch-all function (404, or 405 with Allow). */
  addCatchAll(fn: OcrmFunction): HttpRoute {
    const route = new HttpRoute(fn.node.scope ?? fn, 'CatchAll', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: this.integrationOf(fn),
    });
    const readsNothing = Object.keys(fn.declaration.tables).length === 0;
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        `$default is served by ${fn.declaration.name}, which only answers 404 (no such route) or 405 with an ` +
        `Allow header (known path, other method)${readsNothing ? ' and is granted no table' : ''}. ` +
        'A JWT on it would turn those answers into 401s and hide routing mistakes from callers.',
    });
    return route;
  }
}
