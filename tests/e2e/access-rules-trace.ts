import type { RouteRule } from './access-kit';

// Access rules for the plan change trace: linking actions to plan drafts, the trace page and its API.
export const traceRules: Record<string, RouteRule> = {};
