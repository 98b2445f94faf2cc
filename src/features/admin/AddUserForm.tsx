import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { createUserSchema, PASSWORD_MIN_LENGTH, type Site, type Unit } from '../../domain/accounts';
import type { Role } from '../../domain/access';
import { api } from '../../sync/apiClient';
import { AccessFields } from './AccessFields';
import { useApiErrorText } from './useApiErrorText';
import { useToast } from '../../ui/toastStore';
import { invalidFields } from './zodFieldErrors';
import type { TranslationKey } from '../../app/translationKeys';

const EMPTY = {
  username: '',
  displayName: '',
  password: '',
  roles: [] as Role[],
  siteIds: [] as string[],
  unitId: '',
};

/** A new account: validated by the same schema the server uses before anything is sent. */
export function AddUserForm({
  sites,
  units,
  onAdded,
}: {
  sites: Site[];
  units: Unit[];
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const toast = useToast();
  const [draft, setDraft] = useState(EMPTY);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { unitId, ...rest } = draft;
    const parsed = createUserSchema.safeParse({ ...rest, ...(unitId ? { unitId } : {}) });
    if (!parsed.success) {
      setInvalid(invalidFields(parsed.error));
      setMessage({ ok: false, text: t('admin.error.fixFields') });
      return;
    }
    setInvalid(new Set());
    setBusy(true);
    try {
      const user = await api.admin.createUser(parsed.data);
      setDraft(EMPTY);
      setMessage({ ok: true, text: t('admin.user.added', { name: user.displayName }) });
      toast.show(t('toast.userAdded'));
      onAdded();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
    setBusy(false);
  };

  const text = (field: string, key: TranslationKey) =>
    invalid.has(field) ? t(key, { min: PASSWORD_MIN_LENGTH }) : undefined;

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">{t('admin.user.addTitle')}</h2>
      <div className="field-grid">
        <Field
          id="new-user-username"
          label={t('admin.user.username')}
          error={text('username', 'admin.invalid.username')}
        >
          {(a11y) => (
            <input
              {...a11y}
              autoComplete="off"
              autoCapitalize="none"
              value={draft.username}
              onChange={(e) => setDraft({ ...draft, username: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="new-user-name"
          label={t('admin.user.displayName')}
          error={text('displayName', 'admin.invalid.displayName')}
        >
          {(a11y) => (
            <input
              {...a11y}
              value={draft.displayName}
              onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="new-user-password"
          label={t('admin.user.initialPassword')}
          hint={t('admin.user.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          error={text('password', 'admin.invalid.password')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onChange={(e) => setDraft({ ...draft, password: e.target.value })}
            />
          )}
        </Field>
      </div>
      <AccessFields
        idPrefix="new-user"
        value={draft}
        onChange={(access) => setDraft({ ...draft, ...access })}
        sites={sites}
        units={units}
        invalid={invalid}
      />
      {message ? (
        <p
          className={`form-message ${message.ok ? 'form-message--success' : 'form-message--error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('admin.user.add')}
        </button>
      </div>
    </form>
  );
}
