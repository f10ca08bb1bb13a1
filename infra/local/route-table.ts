// HTTP API route selection: the most specific matching route wins (literal segments over {params}).
import type { PlannedRoute } from './plan.js';

interface CompiledRoute {
  route: PlannedRoute;
  segments: string[];
  literals: number;
}

export interface RouteMatch {
  route: PlannedRoute;
  pathParameters: Record<string, string>;
}

export const routeTable = (routes: PlannedRoute[]) => {
  const compiled: CompiledRoute[] = routes
    .map((route) => {
      const segments = route.path.split('/').filter(Boolean);
      return { route, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
    })
    .sort((a, b) => b.literals - a.literals);

  return (method: string, path: string): RouteMatch | undefined => {
    const parts = path.split('/').filter(Boolean);
    for (const candidate of compiled) {
      if (candidate.route.method !== method || candidate.segments.length !== parts.length) continue;
      const pathParameters: Record<string, string> = {};
      const fits = candidate.segments.every((segment, i) => {
        if (segment.startsWith('{')) {
          pathParameters[segment.slice(1, -1)] = decodeURIComponent(parts[i]!);
          return true;
        }
        return segment === parts[i];
      });
      if (fits) return { route: candidate.route, pathParameters };
    }
    return undefined;
  };
};
