import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../domain/common';
import {
  OVERRIDE_REASON_MIN_LENGTH,
  isCallerVerified,
  type VerificationAttempt,
  type VerificationOverride,
  type VerificationStatus,
} from '../../domain/calls';
import { answerableQuestions, checkAnswers, type VerificationAnswers } from '../../domain/verification';
import { Field } from '../../ui/Field';
import { useHelpline } from './HelplineProvider';
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
 * checked against the record before any of its details appear. Every attempt
 * and every override is recorded on the call and reported to the audit log.
 */
export function VerificationGate(props: VerificationGateProps) {
  const { callId, householdId, personId, userId, status, onAttempt, onOverride, children } = props;
  const { t } = useTranslation();
  const { config, reporter } = useHelpline();
  const facts = useVerificationFacts(householdId, personId);
  const [answers, setAnswers] = useState<VerificationAnswers>({});
  const [lastFailed, setLastFailed] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const baseId = useId();

  if (isCallerVerified(status)) {
    return (
      <section aria-labelledby={`${baseId}-ok`} className="verification verification--open">
        <p id={`${baseId}-ok`} className="form-message form-message--success" role="status">
          {status === 'passed' ? t('verification.passed') : t('verification.overridden')}
        </p>
        {children}
      </section>
    );
  }
  if (!facts) return <p>{t('verification.loading')}</p>;

  const questions = answerableQuestions(config.verification, facts);
  const insufficient = questions.length < config.verification.minimumAnswerable;
  const subject = { callId, householdId, ...(personId ? { personId } : {}) };

  const check = () => {
    const result = checkAnswers(config.verification, facts, answers);
    const at = new Date().toISOString();
    const attempt: VerificationAttempt = {
      at,
      by: userId,
      passed: result.outcome === 'passed',
      questionIds: result.asked,
    };
    onAttempt(newId(), attempt);
    void reporter.report({
      action: 'helpline.verification_attempt',
      ...subject,
      at,
      passed: attempt.passed,
      questionIds: attempt.questionIds,
    });
    setLastFailed(!attempt.passed);
    if (!attempt.passed) setAnswers({});
  };

  const override = () => {
    const trimmed = reason.trim();
    if (trimmed.length < OVERRIDE_REASON_MIN_LENGTH) {
      setReasonError(t('verification.reasonRequired', { min: OVERRIDE_REASON_MIN_LENGTH }));
      return;
    }
    const at = new Date().toISOString();
    onOverride({ by: userId, reason: trimmed, at });
    void reporter.report({ action: 'helpline.verification_override', ...subject, at, reason: trimmed });
  };

  return (
    <section aria-labelledby={`${baseId}-title`} className="verification form-section">
      <h2 id={`${baseId}-title`} className="subheading">
        {t('verification.title')}
      </h2>
      <p className="field__hint">{t('verification.hidden')}</p>
      {insufficient ? (
        <p className="form-message form-message--error">{t('verification.insufficient')}</p>
      ) : (
        // Not a <form>: it sits inside the call's form, and Enter here must check the answers, not save the call.
        <div role="group" aria-label={t('verification.title')}>
          {questions.map((question) => (
            <Field key={question} id={`${baseId}-${question}`} label={t(`verification.question.${question}`)}>
              {(control) => (
                <input
                  {...control}
                  autoComplete="off"
                  value={answers[question] ?? ''}
                  onChange={(event) => setAnswers({ ...answers, [question]: event.target.value })}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter') return;
                    event.preventDefault();
                    check();
                  }}
                />
              )}
            </Field>
          ))}
          <button type="button" className="button button--primary" onClick={check}>
            {t('verification.check')}
          </button>
        </div>
      )}
      {lastFailed ? (
        <p className="form-message form-message--error" role="alert">
          {t('verification.failed')}
        </p>
      ) : null}
      {overriding ? (
        <div className="subsection">
          <Field
            id={`${baseId}-reason`}
            label={t('verification.overrideReason')}
            hint={t('verification.overrideHint')}
            error={reasonError}
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                  setReasonError(undefined);
                }}
              />
            )}
          </Field>
          <button type="button" className="button button--danger" onClick={override}>
            {t('verification.recordOverride')}
          </button>
        </div>
      ) : (
        <button type="button" className="button button--quiet" onClick={() => setOverriding(true)}>
          {t('verification.override')}
        </button>
      )}
    </section>
  );
}
