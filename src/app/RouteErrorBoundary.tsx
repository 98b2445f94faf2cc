/**
 * A screen that throws while rendering shows an error screen with a way back,
 * never a white page. AppLayout keys one boundary to each address, so going
 * Back (or anywhere else) renders the next screen afresh; the header and the
 * sync bar stay usable throughout.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from './useDocumentTitle';

interface BoundaryState {
  failed: boolean;
}

class ScreenBoundary extends Component<{ children: ReactNode; fallback: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // Kept in the console for support; the person sees the error screen.
    console.error('a screen failed to render', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function RouteErrorScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  useDocumentTitle(t('app.screenFailedTitle'));
  // The first address of the tab has nowhere to go back to: go to the role's first screen instead.
  const canGoBack = location.key !== 'default';
  return (
    <div role="alert" className="screen-error">
      <h1>{t('app.screenFailedTitle')}</h1>
      <p>{t('app.screenFailedBody')}</p>
      <p className="form-actions">
        {canGoBack ? (
          <button type="button" className="button button--primary" onClick={() => void navigate(-1)}>
            {t('app.goBack')}
          </button>
        ) : null}
        <Link to="/" className={canGoBack ? 'button' : 'button button--primary'}>
          {t('app.goHome')}
        </Link>
      </p>
    </div>
  );
}

/** One boundary per address: a failure on one screen never follows the person to the next. */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <ScreenBoundary key={location.pathname} fallback={<RouteErrorScreen />}>
      {children}
    </ScreenBoundary>
  );
}
