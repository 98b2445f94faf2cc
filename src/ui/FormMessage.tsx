/** What a form or screen has to say about what just happened: its outcome, or why it failed. */
export interface FormMessageValue {
  ok: boolean;
  text: string;
}

/**
 * The outcome line under a form: a success is announced politely (status), a
 * failure at once (alert). Renders nothing when there is nothing to say.
 */
export function FormMessage({ message }: { message: FormMessageValue | undefined }) {
  if (!message) return null;
  return (
    <p
      className={`form-message ${message.ok ? 'form-message--success' : 'form-message--error'}`}
      role={message.ok ? 'status' : 'alert'}
    >
      {message.text}
    </p>
  );
}

/** A failure's text as a message (none when there is no text). */
export function failureMessage(text: string | undefined): FormMessageValue | undefined {
  return text ? { ok: false, text } : undefined;
}

/** A success's text as a message (none when there is no text). */
export function successMessage(text: string | undefined): FormMessageValue | undefined {
  return text ? { ok: true, text } : undefined;
}
