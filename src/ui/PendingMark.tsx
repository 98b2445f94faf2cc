interface PendingMarkProps {
  /** Short visible text, e.g. "Not synced". */
  label: string;
  /** Longer explanation for assistive technology and hover. */
  description: string;
}

/** Marks a record saved on this device but not yet accepted by the server. */
export function PendingMark({ label, description }: PendingMarkProps) {
  return (
    <span className="pending-mark" title={description}>
      <span aria-hidden="true" className="pending-mark__dot" />
      {label}
      <span className="visually-hidden">: {description}</span>
    </span>
  );
}
