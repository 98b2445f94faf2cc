import { useTranslation } from 'react-i18next';
import { useToastStore } from './toastStore';

/**
 * Where save confirmations appear: bottom of the screen, announced politely.
 * The region is always in the page so screen readers hear what is added to it.
 */
export function ToastRegion() {
  const { t } = useTranslation();
  const messages = useToastStore((state) => state.messages);
  const dismiss = useToastStore((state) => state.dismiss);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {messages.map((message) => (
        <p key={message.id} className="toast">
          <span className="toast__text">{message.text}</span>
          <button
            type="button"
            className="toast__close"
            aria-label={t('toast.close')}
            onClick={() => dismiss(message.id)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
