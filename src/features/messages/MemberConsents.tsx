import { useState } from 'react';
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
 * else's go to the family's number. Written through the one write path,
 * offline too.
 */
export function MemberConsents({ members, canEdit }: { members: readonly Person[]; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const [editing, setEditing] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  if (members.length === 0) return null;
  return (
    <div className="family-messages__members">
      <h3>{t('messages.members.heading')}</h3>
      <p className="field__hint">{t('messages.members.hint')}</p>
      <ul>
        {members.map((member) => {
          const name = memberName(member);
          const consent = member.messaging;
          const active = consent && !consent.withdrawnAt ? consent : undefined;
          return (
            <li key={member.id}>
              {consent ? (
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
              ) : null}
              {canEdit && editing !== member.id ? (
                <span className="family-messages__actions">
                  {' '}
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => setEditing(member.id)}
                  >
                    {active
                      ? t('messages.members.change', { name })
                      : t('messages.members.ownNumber', { name })}
                  </button>
                  {active ? (
                    <>
                      {' '}
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
                    </>
                  ) : null}
                </span>
              ) : null}
              {canEdit && editing === member.id ? (
                <ConsentForm
                  initial={active}
                  onCancel={() => setEditing(undefined)}
                  onSave={async (input) => {
                    await saveMemberMessagingConsent(db, actor, member.id, input);
                    setEditing(undefined);
                  }}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
