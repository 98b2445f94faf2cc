import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { languageName } from '../../domain/languages';
import type { Person } from '../../domain/person';
import { ConsentForm } from './ConsentForm';
import { saveMemberMessagingConsent, withdrawMemberMessagingConsent } from './operations';
import { WithdrawnConsentText } from './WithdrawnConsentText';

export function memberName(member: Pick<Person, 'givenName' | 'familyName'>): string {
  return `${member.givenName} ${member.familyName}`.trim();
}

/**
 * Members' own numbers on the family's page: a member who gives one gets the
 * reminders of the milestones naming them there, in their language; everyone
 * else's go to the family's number. Only members who gave one are listed
 * (a family of eight is not eight more lines); staff add one by choosing the
 * member. Written through the one write path, offline too.
 */
export function MemberConsents({ members, canEdit }: { members: readonly Person[]; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const id = useId();
  /** The member whose number is being changed, `new` while choosing one, or nothing. */
  const [editing, setEditing] = useState<string | undefined>();
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | undefined>();
  const withConsent = members.filter((member) => member.messaging);
  const withoutOwn = members.filter((member) => !member.messaging || member.messaging.withdrawnAt);
  if (withConsent.length === 0 && !canEdit) return null;
  const save = (personId: string) => async (input: Parameters<typeof saveMemberMessagingConsent>[3]) => {
    await saveMemberMessagingConsent(db, actor, personId, input);
    setEditing(undefined);
  };

  return (
    <div className="family-messages__members">
      {withConsent.length > 0 ? (
        <ul aria-label={t('messages.members.heading')}>
          {withConsent.map((member) => {
            const name = memberName(member);
            const consent = member.messaging;
            if (!consent) return null;
            const active = consent.withdrawnAt ? undefined : consent;
            return (
              <li key={member.id}>
                <span data-testid="member-consent">
                  {consent.withdrawnAt ? (
                    <>
                      {name}:{' '}
                      <WithdrawnConsentText consent={{ ...consent, withdrawnAt: consent.withdrawnAt }} />
                    </>
                  ) : (
                    t('messages.members.consent', {
                      name,
                      phone: consent.phone,
                      channel: t(`messages.channels.${consent.channel}`),
                      language: languageName(consent.language, i18n.language),
                    })
                  )}
                </span>
                {canEdit && active && editing !== member.id ? (
                  <span className="family-messages__actions">
                    {' '}
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => setEditing(member.id)}
                    >
                      {t('messages.members.change', { name })}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => {
                        setError(undefined);
                        void withdrawMemberMessagingConsent(db, actor, member.id).catch(() =>
                          setError(t('messages.withdrawFailed')),
                        );
                      }}
                    >
                      {t('messages.members.withdraw', { name })}
                    </button>
                  </span>
                ) : null}
                {canEdit && editing === member.id ? (
                  <ConsentForm
                    initial={active}
                    onCancel={() => setEditing(undefined)}
                    onSave={save(member.id)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {canEdit && withoutOwn.length > 0 && editing === undefined ? (
        <p className="family-messages__actions">
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setChosen('');
              setEditing('new');
            }}
          >
            {t('messages.members.add')}
          </button>
        </p>
      ) : null}
      {canEdit && editing === 'new' ? (
        <ConsentForm
          initial={undefined}
          onCancel={() => setEditing(undefined)}
          onSave={(input) => save(chosen)(input)}
          check={() => (chosen ? undefined : t('messages.members.memberRequired'))}
        >
          <p className="field__hint">{t('messages.members.hint')}</p>
          <div className="field">
            <label htmlFor={`${id}-member`}>{t('messages.members.member')}</label>
            <select id={`${id}-member`} value={chosen} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{t('form.choose')}</option>
              {withoutOwn.map((member) => (
                <option key={member.id} value={member.id}>
                  {memberName(member)}
                </option>
              ))}
            </select>
          </div>
        </ConsentForm>
      ) : null}
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
