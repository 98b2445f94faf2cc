export type Message = { ok: boolean; text: string } | undefined;

export function MessageLine({ message }: { message: Message }) {
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

