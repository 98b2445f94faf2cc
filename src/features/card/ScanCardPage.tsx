import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { readCardText } from '../../domain/householdReference';
import { decodeQr, decodeQrFromFile } from './decodeCard';
import { findByCard, type CardMatch } from './findByCard';
import './card.css';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'notACard' }
  | { kind: 'notFound' }
  | { kind: 'noCode' }
  | { kind: 'cameraRefused' }
  | { kind: 'several'; matches: CardMatch[] };

const SCAN_INTERVAL_MS = 300;

/**
 * "Scan a card": the camera, a photo of the card, or the number read out on
 * the phone line, all looked up on this device, offline. One match opens the
 * family; several are listed; none says so plainly.
 */
export function ScanCardPage() {
  const { t } = useTranslation();
  const db = useDatabase();
  const navigate = useNavigate();
  useDocumentTitle(t('card.scanTitle'));
  const [typed, setTyped] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | undefined>(undefined);

  async function open(text: string): Promise<boolean> {
    const lookup = readCardText(text);
    if (!lookup) {
      setOutcome({ kind: 'notACard' });
      return false;
    }
    const matches = await findByCard(db, lookup);
    if (matches.length === 1) {
      void navigate(`/households/${matches[0]!.id}`);
      return true;
    }
    setOutcome(matches.length === 0 ? { kind: 'notFound' } : { kind: 'several', matches });
    return matches.length > 0;
  }

  function stopCamera() {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = undefined;
    setScanning(false);
  }

  // The scanning loop calls the latest open() and stopCamera() (they read the current store and router).
  const latest = useRef({ open, stopCamera });
  useEffect(() => {
    latest.current = { open, stopCamera };
  });

  useEffect(() => () => latest.current.stopCamera(), []);

  useEffect(() => {
    if (!scanning) return;
    let cancelled = false;
    const timer = setInterval(() => {
      const element = video.current;
      if (cancelled || !element || element.readyState < 2) return;
      void decodeQr(element, element.videoWidth, element.videoHeight).then(async (text) => {
        if (cancelled || text === undefined) return;
        cancelled = true;
        latest.current.stopCamera();
        await latest.current.open(text);
      });
    }, SCAN_INTERVAL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [scanning]);

  async function startCamera() {
    setOutcome({ kind: 'idle' });
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      stream.current = media;
      setScanning(true);
      // The video element renders once scanning is set.
      requestAnimationFrame(() => {
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play();
        }
      });
    } catch {
      setOutcome({ kind: 'cameraRefused' });
    }
  }

  async function onPhoto(file: File | undefined) {
    if (!file) return;
    setOutcome({ kind: 'idle' });
    const text = await decodeQrFromFile(file).catch(() => undefined);
    if (text === undefined) setOutcome({ kind: 'noCode' });
    else await open(text);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void open(typed);
  }

  return (
    <section className="scan-card">
      <h1>{t('card.scanTitle')}</h1>
      <p>{t('card.scanIntro')}</p>
      <div className="scan-card__actions">
        {scanning ? (
          <button type="button" className="button" onClick={stopCamera}>
            {t('card.stopCamera')}
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void startCamera()}>
            {t('card.startCamera')}
          </button>
        )}
        <label className="button">
          {t('card.choosePhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="visually-hidden"
            onChange={(e) => void onPhoto(e.target.files?.[0])}
          />
        </label>
      </div>
      {scanning ? <video ref={video} muted playsInline aria-label={t('card.cameraView')} /> : null}
      <form onSubmit={onSubmit} className="scan-card__type">
        <label htmlFor="card-reference">{t('card.typeLabel')}</label>
        <p id="card-reference-hint" className="field__hint">
          {t('card.typeHint')}
        </p>
        <div className="scan-card__actions">
          <input
            id="card-reference"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-describedby="card-reference-hint"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            dir="ltr"
            maxLength={40}
          />
          <button type="submit" className="button">
            {t('card.find')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {outcome.kind === 'notACard' ? <p className="form-message form-message--error">{t('card.notACard')}</p> : null}
        {outcome.kind === 'notFound' ? <p className="form-message form-message--error">{t('card.notFound')}</p> : null}
        {outcome.kind === 'noCode' ? <p className="form-message form-message--error">{t('card.noCode')}</p> : null}
        {outcome.kind === 'cameraRefused' ? (
          <p className="form-message form-message--error">{t('card.cameraRefused')}</p>
        ) : null}
        {outcome.kind === 'several' ? (
          <>
            <p>{t('card.several')}</p>
            <ul className="scan-card__matches">
              {outcome.matches.map((match) => (
                <li key={match.id}>
                  <Link to={`/households/${match.id}`}>{match.familyName}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}
