// A small detached disk of a scenario's own in the sandbox's world, so its snapshots finish within
// the scenario (20 s + 1 s per GiB, simulated).

/**
 * @param {{ world: any }} sandbox the scenario's running sandbox
 * @param {string} diskName
 * @param {string} description
 */
export function addSmallDisk(sandbox, diskName, description) {
  const world = sandbox.world;
  const now = Date.now();
  return world.addDisk({
    diskId: world.newId('d', 'cn-hangzhou'),
    diskName,
    description,
    regionId: 'cn-hangzhou',
    zoneId: 'cn-hangzhou-h',
    sizeGiB: 5,
    category: 'cloud_essd',
    performanceLevel: 'PL0',
    status: 'Available',
    type: 'data',
    portable: true,
    encrypted: false,
    chargeType: 'PostPaid',
    creationTime: now - 86_400_000,
    attachedTime: now - 80_000_000,
    detachedTime: now - 3_600_000,
    locks: [],
    neverUsed: false,
    tags: [],
  });
}
