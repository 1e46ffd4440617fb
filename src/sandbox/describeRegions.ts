// DescribeRegions: every region answers at the sandbox's own endpoint.

import { optional } from './params';
import type { ActionHandler } from './actionContext';

const ENGLISH: Record<string, string> = {
  'cn-hangzhou': 'China (Hangzhou)',
  'cn-shanghai': 'China (Shanghai)',
  'ap-southeast-1': 'Singapore',
};

export const describeRegions: ActionHandler = ({ world, params, endpoint }) => {
  const english = (optional(params, 'AcceptLanguage') ?? '').toLowerCase().startsWith('en');
  return {
    Regions: {
      Region: world.regions.map((r) => ({
        RegionId: r.regionId,
        LocalName: english ? (ENGLISH[r.regionId] ?? r.localName) : r.localName,
        RegionEndpoint: endpoint,
        Status: r.status,
      })),
    },
  };
};
