export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function report(name: string, value: string, target: string): void {
  process.stdout.write(`${name.padEnd(58)} ${value.padStart(18)}   (target ${target})\n`);
}
