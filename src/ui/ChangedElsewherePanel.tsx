import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** One field the person changed that was also changed meanwhile, already in words. */
export interface ChangedField {
  key: string;
  label: string;
  mine: string;
  theirs: string;
  /** "by whom, when" of the other change, when known. */
  theirsNote?: string | undefined;
}

interface ChangedElsewherePanelProps {
  fields: readonly ChangedField[];
  saving: boolean;
  onSave: (keepMine: ReadonlySet<string>) => void;
  onCancel: () => void;
}

/**
 * Shown instead of saving over someone else's change: each field with both
 * values, and the person's choice per field. Nothing was written yet; the
 * choice is saved as an ordinary edit.
 */
export function ChangedElsewherePanel({ fields, saving, onSave, onCancel }: ChangedElsewherePanelProps) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const complete = fields.every((field) => choices[field.key] !== undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // It appears where the person pressed Save, which may be far below: bring it to them.
    heading.current?.scrollIntoView?.({ block: 'center' });
    heading.current?.focus();
  }, []);
  return (
    <section className="changed-elsewhere" aria-labelledby="changed-elsewhere-title" role="region">
      <h2 id="changed-elsewhere-title" ref={heading} tabIndex={-1}>
        {t('changedElsewhere.title')}
      </h2>
      <p>{t('changedElsewhere.intro')}</p>
      {fields.map((field) => (
        <fieldset key={field.key} className="changed-elsewhere__field">
          <legend>{field.label}</legend>
          <label className="changed-elsewhere__choice">
            <input
              type="radio"
              name={`changed-${field.key}`}
              checked={choices[field.key] === 'mine'}
              onChange={() => setChoices((c) => ({ ...c, [field.key]: 'mine' }))}
            />{' '}
            {t('changedElsewhere.keepMine')}: <bdi>{field.mine}</bdi>
          </label>
          <label className="changed-elsewhere__choice">
            <input
              type="radio"
              name={`changed-${field.key}`}
              checked={choices[field.key] === 'theirs'}
              onChange={() => setChoices((c) => ({ ...c, [field.key]: 'theirs' }))}
            />{' '}
            {t('changedElsewhere.takeTheirs')}: <bdi>{field.theirs}</bdi>
            {field.theirsNote ? <span className="changed-elsewhere__note"> ({field.theirsNote})</span> : null}
          </label>
        </fieldset>
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!complete || saving}
          onClick={() =>
            onSave(new Set(Object.entries(choices).flatMap(([key, keep]) => (keep === 'mine' ? [key] : []))))
          }
        >
          {saving ? t('form.saving') : t('changedElsewhere.save')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          {t('changedElsewhere.back')}
        </button>
      </div>
    </section>
  );
}
