import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher';

export function AppHeader() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <Link to="/" className="app-header__name">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        {t('app.name')}
      </Link>
      <nav aria-label={t('nav.label')} className="app-nav">
        <NavLink to="/" end>
          {t('nav.households')}
        </NavLink>
        <NavLink to="/households/new">{t('nav.register')}</NavLink>
      </nav>
      <LanguageSwitcher />
    </header>
  );
}
