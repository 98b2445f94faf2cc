import { useTranslation } from 'react-i18next';
import { textDirection, type InterfaceLanguage } from '../../app/i18n';
import { cardCode, householdReference } from '../../domain/householdReference';
import { QrCode } from './QrCode';

/**
 * The family's card, in the family's language: the reference and a QR code of
 * the household's id, nothing else about them (no name, no date of birth), so
 * a lost card tells a finder nothing.
 */
export function CardDocument({ language, householdId }: { language: InterfaceLanguage; householdId: string }) {
  // The family's language may not be loaded yet (only the interface language is at start-up).
  const { t: ft, ready } = useTranslation(undefined, { lng: language, useSuspense: false });
  if (!ready) return <article className="family-card" aria-busy="true" lang={language} />;
  const reference = householdReference(householdId);
  return (
    <article className="family-card" lang={language} dir={textDirection(language)} aria-label={ft('card.documentTitle')}>
      <h2 className="family-card__title">{ft('card.documentTitle')}</h2>
      <div className="family-card__body">
        <QrCode text={cardCode(householdId)} label={ft('card.qrLabel', { reference })} />
        <div>
          <p className="family-card__label">{ft('card.referenceLabel')}</p>
          {/* A reference is read left to right in every language. */}
          <p className="family-card__reference" dir="ltr" data-testid="card-reference">
            {reference}
          </p>
          <p>{ft('card.showThis')}</p>
          <p>{ft('card.readOut')}</p>
        </div>
      </div>
      <p className="family-card__privacy">{ft('card.privacy')}</p>
    </article>
  );
}
