import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { isInterfaceLanguage } from '../../app/i18n';
import { useHouseholdDetail } from '../intake';
import { familyLanguage, FamilyLanguageSelect } from '../itinerary';
import { CardDocument } from './CardDocument';
import './card.css';

/** A family's card with its reference and QR code, on screen and printed, in the family's language. */
export function HouseholdCardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { household, members, loading } = useHouseholdDetail(id);
  useDocumentTitle(t('card.title'));

  if (!household) {
    return loading ? (
      <h1>{t('detail.loading')}</h1>
    ) : (
      <>
        <h1>{t('app.notFoundTitle')}</h1>
        <p>{t('detail.notFound')}</p>
      </>
    );
  }
  const requested = params.get('lang') ?? '';
  const language = isInterfaceLanguage(requested) ? requested : familyLanguage(members);

  return (
    <div className="household-card-page">
      <div className="card-controls no-print">
        <h1>{t('card.title')}</h1>
        <p>{t('card.intro', { family: household.familyName })}</p>
        <FamilyLanguageSelect
          id="card-language"
          value={language}
          onChange={(lang) => setParams({ lang }, { replace: true })}
        />
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('card.print')}
        </button>
        <Link to={`/households/${household.id}`}>{t('card.backToFamily')}</Link>
      </div>
      <CardDocument language={language} householdId={household.id} />
    </div>
  );
}
