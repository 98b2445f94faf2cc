import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

/**
 * One bar chart of a dashboard, sized for a tablet and for paper. Figures come
 * computed (domain/reports); this only draws them. The title and a sentence
 * summary are the chart's accessible name, and the same numbers are in the
 * monthly report's tables for anyone who cannot read a chart.
 */
export function BarChartCard<Row extends object>({
  title,
  summary,
  rows,
  xKey,
  series,
  layout = 'horizontal',
  formatX,
}: {
  title: string;
  summary: string;
  rows: readonly Row[];
  /** The field the categories come from. */
  xKey: string;
  series: readonly BarSeries[];
  layout?: 'horizontal' | 'vertical';
  formatX?: (value: string) => string;
}) {
  const vertical = layout === 'vertical';
  const height = vertical ? Math.max(160, rows.length * 32 + 60) : 260;
  return (
    <section className="report-card">
      <h2>{title}</h2>
      <p>{summary}</p>
      <div role="img" aria-label={`${title}. ${summary}`} style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...rows]} layout={vertical ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {vertical ? (
              <>
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey={xKey} width={140} tickFormatter={formatX} />
              </>
            ) : (
              <>
                <XAxis dataKey={xKey} tickFormatter={formatX} />
                <YAxis allowDecimals={false} />
              </>
            )}
            <Tooltip labelFormatter={(label) => (formatX ? formatX(String(label)) : String(label))} />
            {series.length > 1 ? <Legend /> : null}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
