// How grave an alert is, set by its rule: its own file so the alert routes (alerts-api.ts) name the
// severities without loading the rule schema (and its pattern engine) they never use.
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
