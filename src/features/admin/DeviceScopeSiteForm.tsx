import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../domain/access';
import { keepDaysSchema, type DeviceScopeSettings, type KeepDays } from '../../domain/deviceScope';
import { api } from '../../sync/apiClient';
import { Field } from '../../ui/Field';
import { useApiErrorText } from './useApiErrorText';

type Draft = Record<Role, string>;

function draftOf(keepDays: Readonly<Record<Role, KeepDays>>): Draft {
  return Object.fromEntries(ROLES.map((role) => [role, keepDays[role] === null ? '' : String(keepDays[role])])) as Draft;
}

/** One site's days per role; an empty box keeps everything. */
export function DeviceScopeSiteForm({
  siteId,
  siteName,
  keepDays,
  onSaved,
}: {
  siteId: string;
  siteName: string;
  keepDays: Readonly<Record<Role, KeepDays>>;
  onSaved: (settings: DeviceScopeSettings) => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const [draft, setDraft] = useState<Draft>(() => draftOf(keepDays));
  const [invalid, setInvalid] = useState<ReadonlySet<Role>>(new Set());
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const values: Partial<Record<Role, KeepDays>> = {};
    const wrong = new Set<Role>();
    for (const role of ROLES) {
      const text = draft[role].trim();
      const parsed = keepDaysSchema.safeParse(text === '' ? null : /^\d+$/.test(text) ? Number(text) : Number.NaN);
      if (parsed.success) values[role] = parsed.data;
      else wrong.add(role);
    }
    setInvalid(wrong);
    if (wrong.size > 0) {
      setProblem(t('admin.error.fixFields'));
      return;
    }
    try {
      const settings = await api.deviceScope.write({ siteId, keepDays: values });
      setProblem(undefined);
      setSaved(true);
      onSaved(settings);
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  return (
    <form
      className="device-scope"
      noValidate
      aria-label={t('admin.scope.siteTitle', { site: siteName })}
      onSubmit={(event) => void onSubmit(event)}
    >
      <h2>{t('admin.scope.siteTitle', { site: siteName })}</h2>
      {ROLES.map((role) => {
        const id = `scope-${siteId}-${role}`;
        return (
          <Field
            key={role}
            id={id}
            label={t('admin.scope.roleDays', { role: t(`role.${role}`) })}
            hint={t('admin.scope.emptyKeepsAll')}
            error={invalid.has(role) ? t('admin.scope.invalidDays') : undefined}
          >
            {(a11y) => (
              <input
                {...a11y}
                inputMode="numeric"
                value={draft[role]}
                onChange={(event) => setDraft((all) => ({ ...all, [role]: event.target.value }))}
              />
            )}
          </Field>
        );
      })}
      {problem ? (
        <p role="alert" className="form-message form-message--error">
          {problem}
        </p>
      ) : null}
      {saved ? <p role="status">{t('admin.saved')}</p> : null}
      <button type="submit" className="button button--primary">
        {t('admin.save')}
      </button>
    </form>
  );
}
