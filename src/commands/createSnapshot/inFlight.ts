// Disks whose CreateSnapshot is on its way, shared by the create flow and Quick Backup: a double
// click (or both commands at once) sends one request, not two.
export class InFlightRequests {
  private readonly disks = new Set<string>();

  has(regionId: string, diskId: string): boolean {
    return this.disks.has(key(regionId, diskId));
  }

  add(regionId: string, diskId: string): void {
    this.disks.add(key(regionId, diskId));
  }

  delete(regionId: string, diskId: string): void {
    this.disks.delete(key(regionId, diskId));
  }
}

function key(regionId: string, diskId: string): string {
  return `${regionId}/${diskId}`;
}
