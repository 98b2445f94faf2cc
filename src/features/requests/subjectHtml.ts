/**
 * The readable copy of a subject export: one self-contained HTML page (no
 * script, no outside resource) listing every record field by field and the
 * audit entries, to hand to the person who asked. Every value is escaped.
 */
import type { SubjectExport } from '../../domain/erasure';

export interface SubjectHtmlLabels {
  title: string;
  generated: string;
  records: string;
  audit: string;
  field: string;
  value: string;
  when: string;
  who: string;
  action: string;
  details: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const show = (value: unknown) => escapeHtml(typeof value === 'string' ? value : JSON.stringify(value));

export function subjectHtml(data: SubjectExport, labels: SubjectHtmlLabels, lang: string, dir: 'ltr' | 'rtl'): string {
  const sections = Object.entries(data.records).map(([collection, docs]) =>
    docs
      .map(
        (doc) => `<section><h3>${escapeHtml(collection)} · ${show(doc.id)}</h3><table><thead><tr><th>${escapeHtml(labels.field)}</th><th>${escapeHtml(labels.value)}</th></tr></thead><tbody>${Object.entries(doc)
          .map(([field, value]) => `<tr><th scope="row">${escapeHtml(field)}</th><td>${show(value)}</td></tr>`)
          .join('')}</tbody></table></section>`,
      )
      .join(''),
  );
  const audit = data.audit
    .map(
      (entry) =>
        `<tr><td>${show(entry.at)}</td><td>${show(entry.userId)}</td><td>${show(entry.action)}</td><td>${show(`${entry.collection ?? ''}/${entry.recordId ?? ''}`)}</td><td>${entry.details === undefined ? '' : show(entry.details)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(labels.title)}</title>
<style>body{font-family:sans-serif;margin:1rem;max-width:60rem}table{border-collapse:collapse;width:100%;margin-bottom:1rem}th,td{border:1px solid #999;padding:.25rem;text-align:start;vertical-align:top;overflow-wrap:anywhere}</style></head>
<body><h1>${escapeHtml(labels.title)}</h1><p>${escapeHtml(labels.generated)}</p>
<h2>${escapeHtml(labels.records)}</h2>${sections.join('')}
<h2>${escapeHtml(labels.audit)}</h2><table><thead><tr><th>${escapeHtml(labels.when)}</th><th>${escapeHtml(labels.who)}</th><th>${escapeHtml(labels.action)}</th><th></th><th>${escapeHtml(labels.details)}</th></tr></thead><tbody>${audit}</tbody></table>
</body></html>
`;
}
