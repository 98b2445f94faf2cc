import { useId, useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useActor } from '../../app/useActor';
import { useDatabase } from '../../app/DatabaseProvider';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import {
  ATTACHMENT_NOTE_MAX_LENGTH,
  attachmentSchema,
  type AttachmentCollection,
  type AttachmentKind,
} from '../../domain/attachments';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { InputField, SelectField } from '../../ui/InputField';
import { currentAttachmentStore } from '../auth';
import { addDocument } from './operations';
import { FileTooLargeError, prepareFile, UnsupportedFileError } from './prepareFile';

/** The document's own rules for its kind and note; the file is the one chosen (whether it is a document is prepareFile's to say). */
const addDocumentSchema = z.object({
  files: z
    .custom<FileList | undefined>()
    .refine((files) => (files?.length ?? 0) > 0, 'chooseFile')
    .transform((files) => files![0]!),
  kind: attachmentSchema.shape.kind,
  note: attachmentSchema.shape.note.unwrap(),
});

/** "Add document": a photo (the camera on phones) or a file, its kind and a note, saved on the device first. */
export function AddDocumentForm(props: {
  collection: AttachmentCollection;
  recordId: string;
  kinds: readonly AttachmentKind[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const failureText = useSaveFailureText();
  const id = useId();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(addDocumentSchema),
    defaultValues: { files: undefined, kind: props.kinds[0] ?? 'other', note: '' },
  });
  const [failure, setFailure] = useState<string | undefined>();

  const submit = handleSubmit(async ({ files: file, kind, note }) => {
    setFailure(undefined);
    const store = currentAttachmentStore();
    if (!store) return setFailure(t('documents.failed'));
    try {
      const prepared = await prepareFile(file);
      await addDocument(
        db,
        store,
        actor,
        { collection: props.collection, recordId: props.recordId },
        { file: prepared, kind, note },
      );
      props.onDone();
    } catch (error) {
      setFailure(
        error instanceof UnsupportedFileError
          ? t('documents.unsupported')
          : error instanceof FileTooLargeError
            ? t('documents.tooLargeToAdd')
            : failureText(error, 'documents.failed'),
      );
    }
  });

  return (
    <form className="documents__form" onSubmit={(event) => void submit(event)} noValidate>
      <InputField
        id={`${id}-file`}
        label={t('documents.file')}
        error={errors.files ? t('documents.chooseFile') : undefined}
        announceError
        type="file"
        accept="image/*,application/pdf"
        capture="environment"
        {...register('files', { onChange: () => setFailure(undefined) })}
      />
      <SelectField id={`${id}-kind`} label={t('documents.kind')} {...register('kind')}>
        {props.kinds.map((option) => (
          <option key={option} value={option}>
            {t(`documents.kinds.${option}`)}
          </option>
        ))}
      </SelectField>
      <InputField
        id={`${id}-note`}
        label={t('documents.note')}
        maxLength={ATTACHMENT_NOTE_MAX_LENGTH}
        {...register('note')}
      />
      <FormMessage message={failureMessage(failure)} />
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t('documents.saving') : t('documents.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('documents.cancel')}
        </button>
      </div>
    </form>
  );
}
