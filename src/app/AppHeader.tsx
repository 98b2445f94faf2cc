import { useEffect, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher';
import { useWelcomeCenterNavItems, WelcomeCenterHeaderEffects } from '../features/welcomeCenter/useWelcomeCenterNavItems';
import { useHelplineNavItems } from '../features/helpline/useHelplineNavItems';
import { useFamiliesPath, useMayUse } from '../features/auth/access';
import { useSessionUser } from '../features/auth/useSession';
import { lockNow } from '../features/auth/session';
import { useCoordinationNavItems } from '../features/coordination/useCoordinationNavItems';
import type { NavItem } from '../ui/navItem';

/** Screens shown in the bar on a wide screen; the rest go under "More" so the header keeps to one row. */
const IN_BAR = 5;

/**
 * The nav offers only the screens the user's roles may use. On a phone it
 * folds into a "Menu" button (the header is one row); on a wide screen the
 * first screens sit in the bar and the others under "More".
 */
export function AppHeader() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const households = useMayUse('households');
  const register = useMayUse('register');
  const admin = useMayUse('admin');
  const audit = useMayUse('audit');
  const familiesPath = useFamiliesPath();
  const coordination = useCoordinationNavItems();
  const helpline = useHelplineNavItems();
  const welcomeCenter = useWelcomeCenterNavItems();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  useEffect(() => {
    setMenuOpen(false);
    setMoreOpen(false);
  }, [location.pathname]);

  const items: NavItem[] = [
    ...(households ? [{ to: familiesPath, label: t('nav.households'), end: true }] : []),
    ...(register ? [{ to: '/households/new', label: t('nav.register') }] : []),
    // A coordinator's own screens before the ones they also may open.
    ...coordination,
    ...helpline,
    ...welcomeCenter,
    ...(admin ? [{ to: '/admin', label: t('nav.admin') }] : []),
    ...(audit ? [{ to: '/audit', label: t('nav.audit') }] : []),
    ...(audit ? [{ to: '/messages', label: t('nav.messages') }] : []),
  ];
  const inBar = items.slice(0, IN_BAR);
  const more = items.slice(IN_BAR);
  const moreActive = more.some((item) => location.pathname.startsWith(item.to));
  const account = user ? (
    <NavLink to="/account" aria-label={t('nav.accountOf', { name: user.displayName })}>
      {t('nav.account')}
    </NavLink>
  ) : null;
  const lock = user ? (
    <button type="button" className="button button--quiet app-header__lock" onClick={() => void lockNow()}>
      {t('nav.lock')}
    </button>
  ) : null;

  return (
    <header className="app-header">
      <WelcomeCenterHeaderEffects />
      <Link to="/" className="app-header__name">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span className="app-header__name-text">{t('app.name')}</span>
      </Link>
      {/* Wide screens: the bar, with "More". */}
      <nav aria-label={t('nav.label')} className="app-nav app-nav--bar">
        {inBar.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.end}>
            {item.label}
            {item.badge}
          </NavLink>
        ))}
        {more.length > 0 ? (
          <div className="app-nav__more">
            <button
              type="button"
              className={`app-nav__more-button${moreActive ? ' active' : ''}`}
              aria-expanded={moreOpen}
              aria-controls="app-nav-more"
              onClick={() => setMoreOpen((open) => !open)}
            >
              {t('nav.more')}
              <span aria-hidden="true"> ▾</span>
            </button>
            <div id="app-nav-more" className="app-nav__more-list" hidden={!moreOpen}>
              {more.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.end}>
                  {item.label}
                  {item.badge}
                </NavLink>
              ))}
            </div>
          </div>
        ) : null}
        {account}
      </nav>
      {lock ? <span className="app-header__wide">{lock}</span> : null}
      {/* Phones: one "Menu" button opens every screen, the account and "Lock now". */}
      <button
        type="button"
        className="app-header__menu-button"
        aria-expanded={menuOpen}
        aria-controls="app-nav-menu"
        onClick={() => setMenuOpen((open) => !open)}
      >
        <span aria-hidden="true">☰ </span>
        {t('nav.menu')}
      </button>
      <LanguageSwitcher />
      <nav
        id="app-nav-menu"
        aria-label={t('nav.label')}
        className="app-nav app-nav--menu"
        hidden={!menuOpen}
      >
        {items.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.end}>
            {item.label}
            {item.badge}
          </NavLink>
        ))}
        {account}
        {lock}
      </nav>
    </header>
  );
}
