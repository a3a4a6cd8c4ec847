// Our own typed model of Feishu/Lark Card JSON 2.0: only the components and properties we emit.
// The SDK's card helper is the old 1.0 shape, and 2.0 rejects unknown properties, so every property
// here comes from the linked doc page; `CARD2_ALLOWED_KEYS` (check-card.ts) mirrors these types.

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure */
export interface Card2 {
  schema: '2.0';
  config: Card2Config;
  header?: Card2Header;
  body: { elements: Card2Element[] };
}

/**
 * `update_multi` must be true in 2.0 (shared card: patches reach everyone who got it).
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 */
export interface Card2Config {
  update_multi: true;
  enable_forward?: boolean;
  width_mode?: 'compact' | 'fill' | 'default';
  /** Chat list preview text. */
  summary?: { content: string };
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/title */
export type HeaderTemplate =
  | 'blue' | 'wathet' | 'turquoise' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine'
  | 'violet' | 'purple' | 'indigo' | 'grey' | 'default';

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/title */
export interface Card2Header {
  title: PlainText;
  subtitle?: PlainText;
  template?: HeaderTemplate;
}

/** Plain text object used by titles, buttons, placeholders, labels and options. */
export interface PlainText {
  tag: 'plain_text';
  content: string;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/rich-text */
export interface MarkdownElement {
  tag: 'markdown';
  content: string;
  text_align?: 'left' | 'center' | 'right';
  /** `notation` is the small (12 px) footnote size. */
  text_size?: 'heading' | 'normal' | 'notation';
  element_id?: string;
  margin?: string;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/plain-text */
export interface DivElement {
  tag: 'div';
  text: PlainText;
  element_id?: string;
  margin?: string;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/divider */
export interface HrElement {
  tag: 'hr';
  margin?: string;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/containers/column-set */
export interface ColumnSetElement {
  tag: 'column_set';
  flex_mode?: 'none' | 'stretch' | 'flow' | 'bisect' | 'trisect';
  horizontal_spacing?: string;
  horizontal_align?: 'left' | 'center' | 'right';
  margin?: string;
  columns: ColumnElement[];
}

/** Columns may not hold `form` or `table`. Same page as column_set. */
export interface ColumnElement {
  tag: 'column';
  width?: 'auto' | 'weighted' | `${number}px`;
  weight?: number;
  vertical_align?: 'top' | 'center' | 'bottom';
  elements: Card2InnerElement[];
}

/**
 * Server callback when clicked; `value` comes back as `event.action.value`.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/interactive-components/button
 */
export interface CallbackBehavior {
  type: 'callback';
  value: Record<string, string>;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/interactive-components/button */
export interface ButtonElement {
  tag: 'button';
  text: PlainText;
  type?: 'default' | 'primary' | 'danger' | 'text' | 'primary_text' | 'danger_text' | 'primary_filled' | 'danger_filled' | 'laser';
  size?: 'tiny' | 'small' | 'medium' | 'large';
  width?: 'default' | 'fill' | `${number}px`;
  behaviors?: CallbackBehavior[];
  /** Inside a `form` only: `submit` sends all fields in one callback. */
  form_action_type?: 'submit' | 'reset';
  /** Required (and unique in the card) for buttons inside a form. */
  name?: string;
  disabled?: boolean;
  margin?: string;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/interactive-components/input */
export interface InputElement {
  tag: 'input';
  name: string;
  required?: boolean;
  placeholder?: PlainText;
  default_value?: string;
  label?: PlainText;
  label_position?: 'top' | 'left';
  input_type?: 'text' | 'multiline_text' | 'password';
  rows?: number;
  max_length?: number;
  width?: 'default' | 'fill' | `${number}px`;
  margin?: string;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/interactive-components/single-select-dropdown-menu */
export interface SelectStaticElement {
  tag: 'select_static';
  name: string;
  required?: boolean;
  placeholder?: PlainText;
  /** Value of the initially selected option (overrides the placeholder). */
  initial_option?: string;
  options: SelectOption[];
  width?: 'default' | 'fill' | `${number}px`;
  margin?: string;
}

export interface SelectOption {
  text: PlainText;
  value: string;
}

/**
 * Submitted as `"2024-04-01 +0800"`; `initial_date` is `yyyy-MM-dd`.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/interactive-components/date-picker
 */
export interface DatePickerElement {
  tag: 'date_picker';
  name: string;
  required?: boolean;
  placeholder?: PlainText;
  initial_date?: string;
  width?: 'default' | 'fill' | `${number}px`;
  margin?: string;
}

/**
 * Root only; may not contain `table` or another `form`. Every field needs a unique `name`.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/containers/form-container
 */
export interface FormElement {
  tag: 'form';
  name: string;
  elements: Card2InnerElement[];
  vertical_spacing?: string;
  margin?: string;
}

/** @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/table */
export interface TableColumn {
  name: string;
  display_name: string;
  data_type: 'text' | 'lark_md' | 'number';
  width?: 'auto' | `${number}px` | `${number}%`;
  horizontal_align?: 'left' | 'center' | 'right';
}

/** At most five per card, root only, no nested components. Same page as TableColumn. */
export interface TableElement {
  tag: 'table';
  columns: TableColumn[];
  rows: Array<Record<string, string | number>>;
  page_size?: number;
  row_height?: 'low' | 'middle' | 'high' | 'auto';
  freeze_first_column?: boolean;
  header_style?: {
    text_align?: 'left' | 'center' | 'right';
    background_style?: 'grey' | 'none';
    bold?: boolean;
  };
  margin?: string;
}

/**
 * The subset of a VChart spec we emit (line/bar over category x). No JavaScript allowed.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/chart
 * @see https://www.visactor.io/vchart/option/lineChart
 */
export interface VChartSpec {
  type: 'line' | 'bar';
  title?: { text: string };
  data: { values: Array<Record<string, string | number>> };
  xField: string;
  yField: string;
  seriesField?: string;
  legends?: { visible: boolean };
}

/** Plain JSON (no functions, no undefined): what a VChart spec may hold in a card. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A full VChart spec for a chart drawn from a ChartSpec (see vchart.ts): a combination chart (`common`:
 * the customer trend, bars and a line on two axes, grade bands as mark areas) or a `radar`.
 * @see https://www.visactor.io/vchart/option/commonChart
 * @see https://www.visactor.io/vchart/option/radarChart
 */
export interface VChartRichSpec {
  type: 'common' | 'radar';
  title?: { text: string; subtext?: string };
  data: Array<{ id: string; values: Array<Record<string, string | number>> }>;
  series?: JsonValue[];
  axes?: JsonValue[];
  markArea?: JsonValue[];
  legends?: JsonValue;
  color?: string[];
  categoryField?: string;
  valueField?: string;
  seriesField?: string;
  area?: JsonValue;
  point?: JsonValue;
}

/** Same page as VChartSpec. */
export interface ChartElement {
  tag: 'chart';
  chart_spec: VChartSpec | VChartRichSpec;
  aspect_ratio?: '1:1' | '2:1' | '4:3' | '16:9';
  height?: 'auto' | `${number}px`;
  preview?: boolean;
  margin?: string;
}

/**
 * An image uploaded through `POST /open-apis/im/v1/images` (image_type=message), by its image_key.
 * @see https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/image
 */
export interface ImgElement {
  tag: 'img';
  img_key: string;
  alt: PlainText;
  title?: PlainText;
  scale_type?: 'crop_center' | 'fit_horizontal' | 'crop_top';
  preview?: boolean;
  margin?: string;
}

/** Components allowed inside containers (column, form). */
export type Card2InnerElement =
  | MarkdownElement | DivElement | HrElement | ColumnSetElement | ButtonElement
  | InputElement | SelectStaticElement | DatePickerElement | ChartElement | ImgElement;

/** Components allowed at the card root. */
export type Card2Element = Card2InnerElement | FormElement | TableElement;

export type Card2Tag = Card2Element['tag'] | ColumnElement['tag'];

/** Callback reply body for `card.action.trigger`. */
export interface CardCallbackResponse {
  toast?: { type: 'info' | 'success' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: Card2 };
}
