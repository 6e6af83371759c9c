// Predicts the SPN Firefox will ask for: browsers build it from the canonical DNS name (the CNAME target), so
// `dns.resolve(host, ["canonical_name"])` shows it before any ticket is requested. Firefox only (the `dns`
// permission); elsewhere, and when the lookup fails, there is no prediction.
import { dnsResolver } from '../shared/capabilities';

const predictions = new Map<string, Promise<string | null>>();

export function predictSpn(url: string): Promise<string | null> {
  const dns = dnsResolver;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return Promise.resolve(null);
  }
  if (!dns) return Promise.resolve(null);
  let prediction = predictions.get(host);
  if (!prediction) {
    prediction = dns
      .resolve(host, ['canonical_name'])
      .then((record) => (record.canonicalName ? `HTTP/${record.canonicalName.replace(/\.$/, '')}` : null))
      .catch(() => null);
    predictions.set(host, prediction);
  }
  return prediction;
}
