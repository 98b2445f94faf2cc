import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher';
import { WelcomeCenterNavLinks } from '../features/welcomeCenter/WelcomeCenterNavLinks';
import { HelplineNavLinks } from '../features/helpline/HelplineNavLinks';
import { useFamiliesPath, useMayUse } from '../features/auth/access';
import { useSessionUser } from '../features/auth/useSession';
import { lockNow } from '../features/auth/session';
import { CoordinationNavLinks } from '../features/coordination/CoordinationNavLinks';

/** The nav offers only the screens the user's roles may use. */
export function AppHeader() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const households = useMayUse('households');
  const register = useMayUse('register');
  const admin = useMayUse('admin');
  const audit = useMayUse('audit');
  const familiesPath = useFamiliesPath();
  return (
    <header className="app-header">
      <Link to="/" className="app-header__name">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        {t('app.name')}
      </Link>
      <nav aria-label={t('nav.label')} className="app-nav">
        {households ? (
          <NavLink to={familiesPath} end>
            {t('nav.households')}
          </NavLink>
        ) : null}
        {register ? <NavLink to="/households/new">{t('nav.register')}</NavLink> : null}
        {admin ? <NavLink to="/admin">{t('nav.admin')}</NavLink> : null}
        {audit ? <NavLink to="/audit">{t('nav.audit')}</NavLink> : null}
        <CoordinationNavLinks />
        <HelplineNavLinks />
        <WelcomeCenterNavLinks />
        {user ? (
          <NavLink to="/account" aria-label={t('nav.accountOf', { name: user.displayName })}>
            {t('nav.account')}
          </NavLink>
        ) : null}
      </nav>
      {user ? (
        <button type="button" className="button button--quiet" onClick={() => void lockNow()}>
          {t('nav.lock')}
        </button>
      ) : null}
      <LanguageSwitcher />
    </header>
  );
}
