// The browser the panel runs in, for reports: "Chromium 156", "Firefox 153", "Edge 140".
export function browserName(userAgent: string): string {
  const match = /(Edg|Firefox|Chrome|Chromium)\/(\d+)/.exec(userAgent);
  if (!match) return 'unknown browser';
  const names: Record<string, string> = { Edg: 'Edge', Firefox: 'Firefox', Chrome: 'Chromium', Chromium: 'Chromium' };
  return `${names[match[1] ?? ''] ?? match[1]} ${match[2]}`;
}
