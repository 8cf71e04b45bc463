// Types of parse-prometheus-text-format (a devDependency without its own types), as the metrics tests use it.
declare module 'parse-prometheus-text-format' {
  interface MetricFamily {
    name: string; help: string; type: string;
    metrics: { labels?: Record<string, string>; value?: string; buckets?: Record<string, string>; count?: string; sum?: string }[];
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
