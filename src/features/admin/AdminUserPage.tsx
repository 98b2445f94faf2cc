import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import {
  PASSWORD_MIN_LENGTH,
  resetPasswordSchema,
  updateUserSchema,
  type AdminUser,
} from '../../domain/accounts';
import type { Role } from '../../domain/access';
import { api } from '../../sync/apiClient';
import { AccessFields } from './AccessFields';
import { useAdminData } from './useAdminData';
import { useApiErrorText } from './useApiErrorText';
import { useToast } from '../../ui/toastStore';
import { invalidFields } from './zodFieldErrors';

type Message = { ok: boolean; text: string } | undefined;

function MessageLine({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p
      className={`form-message ${message.ok ? 'form-message--success' : 'form-message--error'}`}
      role={message.ok ? 'status' : 'alert'}
    >
      {message.text}
    </p>
  );
}

/** One account: name, roles, sites and unit; enable or disable; a new password. */
export function AdminUserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const errorText = useApiErrorText();
  const toast = useToast();
  const { users, sites, units, loading, failed, reload } = useAdminData();
  const user = users.find((u) => u.id === id);
  useDocumentTitle(user?.displayName ?? t('admin.users'));
  const [draft, setDraft] = useState({
    displayName: '',
    roles: [] as Role[],
    siteIds: [] as string[],
    unitId: '',
  });
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<Message>();
  const [password, setPassword] = useState('');
  const [passwordMessage, setPasswordMessage] = useState<Message>();
  const [passwordInvalid, setPasswordInvalid] = useState(false);

  useEffect(() => {
    if (user)
      setDraft({
        displayName: user.displayName,
        roles: user.roles,
        siteIds: user.siteIds,
        unitId: user.unitId ?? '',
      });
  }, [user]);

  if (!user) {
    return (
      <>
        <h1>{loading ? t('admin.loading') : t('admin.error.notFound')}</h1>
        {failed ? <p role="alert">{t('admin.error.loadFailed')}</p> : null}
        <Link to="/admin">{t('admin.backToUsers')}</Link>
      </>
    );
  }

  const save = async (patch: unknown, done: (u: AdminUser) => string) => {
    const parsed = updateUserSchema.safeParse(patch);
    if (!parsed.success) {
      setInvalid(invalidFields(parsed.error));
      setMessage({ ok: false, text: t('admin.error.fixFields') });
      return;
    }
    setInvalid(new Set());
    try {
      const updated = await api.admin.updateUser(user.id, parsed.data);
      setMessage({ ok: true, text: done(updated) });
      toast.show(t('toast.userSaved'));
      await reload();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
  };

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void save(
      {
        displayName: draft.displayName,
        roles: draft.roles,
        siteIds: draft.siteIds,
        unitId: draft.unitId || null,
      },
      () => t('admin.user.saved'),
    );
  };

  const onResetPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (!resetPasswordSchema.safeParse({ password }).success) {
      setPasswordInvalid(true);
      return;
    }
    setPasswordInvalid(false);
    try {
      await api.admin.resetPassword(user.id, password);
      setPassword('');
      setPasswordMessage({ ok: true, text: t('admin.user.passwordReset', { name: user.displayName }) });
      toast.show(t('toast.passwordReset'));
    } catch (error) {
      setPasswordMessage({ ok: false, text: errorText(error) });
    }
  };

  return (
    <>
      <h1>{user.displayName}</h1>
      <p>
        <Link to="/admin">{t('admin.backToUsers')}</Link>
      </p>
      <p>
        {t('admin.user.username')}: {user.username} ·{' '}
        {user.disabled ? t('admin.user.disabled') : t('admin.user.active')}
      </p>
      <form onSubmit={onSave} noValidate aria-labelledby="edit-user-title">
        <h2 id="edit-user-title">{t('admin.user.editTitle')}</h2>
        <Field
          id="edit-user-name"
          label={t('admin.user.displayName')}
          error={invalid.has('displayName') ? t('admin.invalid.displayName') : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              value={draft.displayName}
              onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            />
          )}
        </Field>
        <AccessFields
          idPrefix="edit-user"
          value={draft}
          onChange={(access) => setDraft({ ...draft, ...access })}
          sites={sites}
          units={units}
          invalid={invalid}
        />
        <MessageLine message={message} />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t('admin.save')}
          </button>
          <button
            type="button"
            className={user.disabled ? 'button' : 'button button--danger'}
            onClick={() =>
              void save({ disabled: !user.disabled }, (u) =>
                u.disabled
                  ? t('admin.user.disabledDone', { name: u.displayName })
                  : t('admin.user.enabledDone', { name: u.displayName }),
              )
            }
          >
            {user.disabled ? t('admin.user.enable') : t('admin.user.disable')}
          </button>
        </div>
      </form>
      <form
        onSubmit={(event) => void onResetPassword(event)}
        noValidate
        aria-labelledby="reset-password-title"
      >
        <h2 id="reset-password-title">{t('admin.user.resetPasswordTitle')}</h2>
        <p>{t('admin.user.resetPasswordExplain')}</p>
        <Field
          id="reset-password"
          label={t('admin.user.newPassword')}
          hint={t('admin.user.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          error={passwordInvalid ? t('admin.invalid.password', { min: PASSWORD_MIN_LENGTH }) : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <MessageLine message={passwordMessage} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('admin.user.resetPassword')}
          </button>
        </div>
      </form>
    </>
  );
}
