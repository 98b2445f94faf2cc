import { useTranslation } from 'react-i18next';
import type { MessagingConsent } from '../../domain/messaging';
import { useDirectory } from '../../sync/useDirectory';
import { formatDateTime } from '../../ui/dates';

/** When and how consent to messages was withdrawn: by a STOP reply, or by staff, named (their id when the directory does not know them). */
export function WithdrawnConsentText({ consent }: { consent: MessagingConsent & { withdrawnAt: string } }) {
  const { t, i18n } = useTranslation();
  const directory = useDirectory();
  const date = formatDateTime(consent.withdrawnAt, i18n.language);
  if (consent.withdrawnHow === 'reply_stop') return <>{t('messages.consentWithdrawnByReply', { date })}</>;
  const by = consent.withdrawnBy ? (directory.users.get(consent.withdrawnBy) ?? consent.withdrawnBy) : '—';
  return <>{t('messages.consentWithdrawnByStaff', { date, by })}</>;
}
