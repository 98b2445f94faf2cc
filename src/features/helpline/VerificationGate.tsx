import { useId, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/useNow';
import { newId } from '../../domain/common';
import {
  isCallerVerified,
  type VerificationAttempt,
  type VerificationOverride,
  type VerificationStatus,
} from '../../domain/calls';
import {
  answerableQuestions,
  checkAnswers,
  verificationLock,
  type VerificationAnswers,
} from '../../domain/verification';
import { InputField } from '../../ui/InputField';
import { useDatabase } from '../../app/DatabaseProvider';
import { useHelpline } from './HelplineProvider';
import { callerAttempts } from './queries';
import { SupervisorOverride } from './SupervisorOverride';
import { rememberAttempt } from './unsavedAttempts';
import { useCallerAttempts } from './useCallerAttempts';
import { useVerificationFacts } from './useVerificationFacts';

interface VerificationGateProps {
  callId: string;
  householdId: string;
  personId?: string | undefined;
  userId: string;
  status: VerificationStatus;
  onAttempt: (id: string, attempt: VerificationAttempt) => void;
  onOverride: (override: VerificationOverride) => void;
  /** The linked record's details: rendered only once the caller is verified or a supervisor overrode. */
  children: ReactNode;
}

/**
 * Strict caller authentication: the configured questions are asked and
 * checked (against hashes: the device holds no answers) before any of the
 * record's details appear. Repeated failures lock verification for this
 * caller for a while, on every desk that has the call; then only a
 * supervisor, with their own password, opens it. Every attempt is recorded
 * on the call and reported to the audit log; the override is recorded by
 * the server under the supervisor's name.
 */
export function VerificationGate(props: VerificationGateProps) {
  const { callId, householdId, personId, userId, status, onAttempt, onOverride, children } = props;
  const { t, i18n } = useTranslation();
  const { config, reporter } = useHelpline();
  const db = useDatabase();
  const facts = useVerificationFacts(householdId, personId);
  const [revision, setRevision] = useState(0);
  const attempts = useCallerAttempts(householdId, personId, revision);
  const now = useNow(15_000);
  // No rule of its own: any answer, even none, is a try the check judges (against hashes) and counts.
  const { register, getValues, reset } = useForm<VerificationAnswers>({ defaultValues: {} });
  /** After a failed check: how many attempts are left before the lock. */
  const [attemptsLeft, setAttemptsLeft] = useState<number | undefined>();
  const [checking, setChecking] = useState(false);
  const [supervisorName, setSupervisorName] = useState<string | undefined>();
  const baseId = useId();

  if (isCallerVerified(status)) {
    return (
      <section aria-labelledby={`${baseId}-ok`} className="verification verification--open">
        <p id={`${baseId}-ok`} className="form-message form-message--success" role="status">
          {status === 'passed'
            ? t('verification.passed')
            : supervisorName
              ? t('verification.overriddenBy', { name: supervisorName })
              : t('verification.overridden')}
        </p>
        {children}
      </section>
    );
  }
  if (!facts || !attempts) return <p>{t('verification.loading')}</p>;

  const questions = answerableQuestions(config.verification, facts);
  const insufficient = questions.length < config.verification.minimumAnswerable;
  const lock = verificationLock(config.verification, attempts, now);
  const subject = { callId, householdId, ...(personId ? { personId } : {}) };

  const check = async () => {
    if (checking || lock.locked) return;
    setChecking(true);
    const result = await checkAnswers(config.verification, facts, getValues());
    // Counted from what is stored now, not from the last render: quick checks must not share a number.
    const before = verificationLock(
      config.verification,
      await callerAttempts(db, householdId, personId),
      new Date(),
    );
    const at = new Date().toISOString();
    const id = newId();
    const attempt: VerificationAttempt = {
      at,
      by: userId,
      passed: result.outcome === 'passed',
      questionIds: result.asked,
    };
    // Kept on the device first, so a reload cannot reset the count (unsavedAttempts.ts).
    rememberAttempt(householdId, personId, id, attempt);
    onAttempt(id, attempt);
    void reporter.report({
      action: 'helpline.verification_attempt',
      ...subject,
      at,
      passed: attempt.passed,
      attempt: before.failures + 1,
      questionIds: attempt.questionIds,
    });
    setAttemptsLeft(attempt.passed ? undefined : config.verification.maxFailedAttempts - before.failures - 1);
    if (!attempt.passed) reset(Object.fromEntries(questions.map((question) => [question, ''])));
    setRevision((value) => value + 1);
    setChecking(false);
  };

  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });

  return (
    <section aria-labelledby={`${baseId}-title`} className="verification form-section">
      <h2 id={`${baseId}-title`} className="subheading">
        {t('verification.title')}
      </h2>
      <p className="field__hint">{t('verification.hidden')}</p>
      {lock.locked ? (
        <div className="form-message form-message--error" role="alert">
          <p>
            {t('verification.locked', {
              count: lock.failures,
              time: time.format(new Date(lock.until)),
            })}
          </p>
          <p>{t('verification.flagged')}</p>
        </div>
      ) : insufficient ? (
        <p className="form-message form-message--error">{t('verification.insufficient')}</p>
      ) : (
        // Not a <form>: it sits inside the call's form, and Enter here must check the answers, not save the call.
        <div role="group" aria-label={t('verification.title')}>
          {questions.map((question) => (
            <InputField
              key={question}
              id={`${baseId}-${question}`}
              label={t(`verification.question.${question}`)}
              autoComplete="off"
              {...register(question)}
              onKeyDown={(event) => {
                if (event.key !== 'Enter') return;
                event.preventDefault();
                void check();
              }}
            />
          ))}
          <button
            type="button"
            className="button button--primary"
            disabled={checking}
            onClick={() => void check()}
          >
            {t('verification.check')}
          </button>
        </div>
      )}
      {attemptsLeft !== undefined && attemptsLeft > 0 && !lock.locked ? (
        <p className="form-message form-message--error" role="alert">
          {t('verification.failedCount', { count: attemptsLeft })}
        </p>
      ) : null}
      <SupervisorOverride
        callId={callId}
        householdId={householdId}
        personId={personId}
        onApproved={(override, name) => {
          setSupervisorName(name);
          onOverride(override);
        }}
      />
    </section>
  );
}
