import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { isInterfaceLanguage } from '../../app/i18n';
import { useHouseholdDetail } from '../intake';
import { useHouseholdLegs } from '../travel';
import { familyLanguage } from './familyLanguage';
import { ItineraryDocument } from './ItineraryDocument';
import { FamilyLanguageSelect } from './FamilyLanguageSelect';
import './itinerary.css';
import { isFullHousehold } from '../../domain/household';

/**
 * A family's printable itinerary, in the family's language (chosen here,
 * defaulting to the head of the family's), whatever the interface language.
 */
export function ItineraryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { household, members, loading } = useHouseholdDetail(id);
  const legs = useHouseholdLegs(id);
  useDocumentTitle(t('itinerary.title'));

  // The itinerary needs the family's details; a reduced record (domain/access.ts) cannot make one.
  if (!household || !isFullHousehold(household) || legs === undefined) {
    return <h1>{loading || legs === undefined ? t('detail.loading') : t('app.notFoundTitle')}</h1>;
  }
  const requested = params.get('lang') ?? '';
  const language = isInterfaceLanguage(requested) ? requested : familyLanguage(members);
  const travelled = legs.filter((leg) => leg.status !== 'cancelled');

  return (
    <div className="itinerary-page">
      <div className="itinerary-controls no-print">
        <h1>{t('itinerary.title')}</h1>
        <FamilyLanguageSelect
          id="itinerary-language"
          value={language}
          onChange={(lang) => setParams({ lang }, { replace: true })}
        />
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('itinerary.print')}
        </button>
      </div>
      <ItineraryDocument language={language} household={household} members={members} legs={travelled} />
    </div>
  );
}
