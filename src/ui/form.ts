// A platform-neutral form: a Slack modal or a Feishu form card. Field ids are the template field ids,
// which become the Slack `action_id` and the Feishu `name`, so error mapping is the identity.

export type FormFieldKind = 'text' | 'textarea' | 'integer' | 'decimal' | 'date' | 'select';

export interface FormField {
  id: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  hint?: string;
  placeholder?: string;
  /** For `select`. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  min?: number;
  maxLength?: number;
}

export interface FormSpec {
  /** Encoded ActionRef naming what a submit means (e.g. save entry for week/customer). */
  formId: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  /** Short context shown above the fields (customer, week, last week's status). */
  intro?: string;
  fields: readonly FormField[];
  /** Current values by field id (pre-filled, or what the user submitted when re-showing errors). */
  values: Readonly<Record<string, string>>;
  /** Validation messages by field id. */
  errors?: Readonly<Record<string, string>>;
}
