// "No unknown keys, no undefined values": Card JSON 2.0 rejects unknown properties, so every card we
// render is checked against the typed model. The shape tables below are typed as exactly the keys of
// the card-v2.types.ts interfaces, so the model and the check cannot drift apart.
import type {
  ButtonElement, CallbackBehavior, Card2, Card2Config, Card2Header, ChartElement, ColumnElement,
  ColumnSetElement, DatePickerElement, DivElement, FormElement, HrElement, ImgElement, InputElement,
  MarkdownElement, PlainText, SelectOption, SelectStaticElement, TableColumn, TableElement, VChartRichSpec, VChartSpec,
} from './card-v2.types.js';
import { MAX_CARD_BYTES, MAX_CARD_ELEMENTS, MAX_TABLES_PER_CARD } from '../limits.js';

type ShapeName =
  | 'card' | 'config' | 'header' | 'plain' | 'behavior' | 'option' | 'tableColumn' | 'chartSpec' | 'summary'
  | 'body' | 'column' | 'headerStyle' | 'chartTitle' | 'chartData' | 'legends' | 'richChartSpec' | 'richChartTitle' | 'richChartData';

type Spec =
  | 'string' | 'number' | 'boolean' | 'stringMap' | 'scalarRows' | 'json' | 'strings' | 'vchart'
  | { object: ShapeName } | { array: ShapeName } | 'element[]' | 'inner[]';

type ShapeOf<T> = { [K in keyof T]-?: Spec };

const plain: ShapeOf<PlainText> = { tag: 'string', content: 'string' };
const config: ShapeOf<Card2Config> = {
  update_multi: 'boolean', enable_forward: 'boolean', width_mode: 'string', summary: { object: 'summary' },
};
const header: ShapeOf<Card2Header> = { title: { object: 'plain' }, subtitle: { object: 'plain' }, template: 'string' };
const card: ShapeOf<Card2> = { schema: 'string', config: { object: 'config' }, header: { object: 'header' }, body: { object: 'body' } };
const behavior: ShapeOf<CallbackBehavior> = { type: 'string', value: 'stringMap' };
const option: ShapeOf<SelectOption> = { text: { object: 'plain' }, value: 'string' };
const tableColumn: ShapeOf<TableColumn> = {
  name: 'string', display_name: 'string', data_type: 'string', width: 'string', horizontal_align: 'string',
};
const chartSpec: ShapeOf<VChartSpec> = {
  type: 'string', title: { object: 'chartTitle' }, data: { object: 'chartData' }, xField: 'string', yField: 'string',
  seriesField: 'string', legends: { object: 'legends' },
};
/** The full VChart specs (combination, radar): known top-level keys; nested parts plain JSON. */
const richChartSpec: ShapeOf<VChartRichSpec> = {
  type: 'string', title: { object: 'richChartTitle' }, data: { array: 'richChartData' }, series: 'json', axes: 'json',
  markArea: 'json', legends: 'json', color: 'strings', categoryField: 'string', valueField: 'string', seriesField: 'string',
  area: 'json', point: 'json',
};
const RICH_CHART_TYPES: ReadonlySet<string> = new Set(['common', 'radar'] satisfies Array<VChartRichSpec['type']>);

const ELEMENTS = {
  markdown: { tag: 'string', content: 'string', text_align: 'string', text_size: 'string', element_id: 'string', margin: 'string' } satisfies ShapeOf<MarkdownElement>,
  div: { tag: 'string', text: { object: 'plain' }, element_id: 'string', margin: 'string' } satisfies ShapeOf<DivElement>,
  hr: { tag: 'string', margin: 'string' } satisfies ShapeOf<HrElement>,
  column_set: {
    tag: 'string', flex_mode: 'string', horizontal_spacing: 'string', horizontal_align: 'string', margin: 'string',
    columns: { array: 'column' },
  } satisfies ShapeOf<ColumnSetElement>,
  column: { tag: 'string', width: 'string', weight: 'number', vertical_align: 'string', elements: 'inner[]' } satisfies ShapeOf<ColumnElement>,
  button: {
    tag: 'string', text: { object: 'plain' }, type: 'string', size: 'string', width: 'string',
    behaviors: { array: 'behavior' }, form_action_type: 'string', name: 'string', disabled: 'boolean', margin: 'string',
  } satisfies ShapeOf<ButtonElement>,
  input: {
    tag: 'string', name: 'string', required: 'boolean', placeholder: { object: 'plain' }, default_value: 'string',
    label: { object: 'plain' }, label_position: 'string', input_type: 'string', rows: 'number', max_length: 'number',
    width: 'string', margin: 'string',
  } satisfies ShapeOf<InputElement>,
  select_static: {
    tag: 'string', name: 'string', required: 'boolean', placeholder: { object: 'plain' }, initial_option: 'string',
    options: { array: 'option' }, width: 'string', margin: 'string',
  } satisfies ShapeOf<SelectStaticElement>,
  date_picker: {
    tag: 'string', name: 'string', required: 'boolean', placeholder: { object: 'plain' }, initial_date: 'string',
    width: 'string', margin: 'string',
  } satisfies ShapeOf<DatePickerElement>,
  form: { tag: 'string', name: 'string', elements: 'inner[]', vertical_spacing: 'string', margin: 'string' } satisfies ShapeOf<FormElement>,
  table: {
    tag: 'string', columns: { array: 'tableColumn' }, rows: 'scalarRows', page_size: 'number', row_height: 'string',
    freeze_first_column: 'boolean', header_style: { object: 'headerStyle' }, margin: 'string',
  } satisfies ShapeOf<TableElement>,
  chart: {
    tag: 'string', chart_spec: 'vchart', aspect_ratio: 'string', height: 'string', preview: 'boolean', margin: 'string',
  } satisfies ShapeOf<ChartElement>,
  img: {
    tag: 'string', img_key: 'string', alt: { object: 'plain' }, title: { object: 'plain' }, scale_type: 'string', preview: 'boolean', margin: 'string',
  } satisfies ShapeOf<ImgElement>,
} as const;

const SHAPES = {
  card, config, header, plain, behavior, option, tableColumn, chartSpec,
  summary: { content: 'string' },
  body: { elements: 'element[]' },
  column: ELEMENTS.column,
  headerStyle: { text_align: 'string', background_style: 'string', bold: 'boolean' } satisfies ShapeOf<NonNullable<TableElement['header_style']>>,
  chartTitle: { text: 'string' },
  chartData: { values: 'scalarRows' },
  legends: { visible: 'boolean' },
  richChartSpec,
  richChartTitle: { text: 'string', subtext: 'string' },
  richChartData: { id: 'string', values: 'scalarRows' },
} as const satisfies Record<ShapeName, Record<string, Spec>>;


const ROOT_ONLY = new Set(['form', 'table']);

/**
 * Problems with a card, each naming the JSON path: unknown keys, undefined values, wrong types,
 * misplaced form/table, too many tables/elements, too many bytes, duplicate field names.
 * Empty when the card is fine.
 */
export function checkCard(value: Card2): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  let elementCount = 0;
  let tables = 0;

  const checkScalar = (v: unknown, kind: 'string' | 'number' | 'boolean', path: string) => {
    if (typeof v !== kind) problems.push(`${path}: expected ${kind}, got ${v === null ? 'null' : typeof v}`);
  };

  const checkObject = (obj: unknown, shape: Record<string, Spec>, path: string, depth: number): void => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      problems.push(`${path}: expected an object`);
      return;
    }
    for (const [key, v] of Object.entries(obj)) {
      const spec = shape[key];
      const at = `${path}.${key}`;
      if (spec === undefined) problems.push(`${at}: unknown property`);
      else if (v === undefined) problems.push(`${at}: undefined value`);
      else checkValue(v, spec, at, depth);
    }
  };

  const checkElement = (el: unknown, path: string, depth: number): void => {
    const tag = (el as { tag?: unknown } | null)?.tag;
    if (typeof tag !== 'string' || !(tag in ELEMENTS) || tag === 'column') {
      problems.push(`${path}: unknown component tag ${String(tag)}`);
      return;
    }
    elementCount += 1;
    if (ROOT_ONLY.has(tag) && depth > 0) problems.push(`${path}: ${tag} is only allowed at the card root`);
    if (tag === 'table') tables += 1;
    const name = (el as { name?: unknown }).name;
    if (typeof name === 'string') {
      if (names.has(name)) problems.push(`${path}: duplicate name ${name}`);
      names.add(name);
    }
    checkObject(el, ELEMENTS[tag as keyof typeof ELEMENTS], path, depth);
  };

  /** Plain JSON only: chart specs may not carry JavaScript (functions), undefined or non-finite numbers. */
  const checkJson = (v: unknown, path: string): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') return void (Number.isFinite(v) || problems.push(`${path}: non-finite number`));
    if (Array.isArray(v)) return v.forEach((x, i) => checkJson(x, `${path}[${i}]`));
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) problems.push(`${path}.${k}: undefined value`);
        else checkJson(x, `${path}.${k}`);
      }
      return;
    }
    problems.push(`${path}: ${typeof v} is not JSON`);
  };

  const checkValue = (v: unknown, spec: Spec, path: string, depth: number): void => {
    if (spec === 'string' || spec === 'number' || spec === 'boolean') return checkScalar(v, spec, path);
    if (spec === 'json') return checkJson(v, path);
    if (spec === 'strings') {
      if (!Array.isArray(v)) return void problems.push(`${path}: expected an array of strings`);
      return v.forEach((x, i) => checkScalar(x, 'string', `${path}[${i}]`));
    }
    if (spec === 'vchart') {
      const type = (v as { type?: unknown } | null)?.type;
      if (type === 'line' || type === 'bar') return checkObject(v, SHAPES.chartSpec, path, depth);
      if (typeof type === 'string' && RICH_CHART_TYPES.has(type)) return checkObject(v, SHAPES.richChartSpec, path, depth);
      return void problems.push(`${path}.type: unsupported chart type ${String(type)}`);
    }
    if (spec === 'stringMap') {
      if (typeof v !== 'object' || v === null) return void problems.push(`${path}: expected an object of strings`);
      for (const [k, s] of Object.entries(v)) checkScalar(s, 'string', `${path}.${k}`);
      return;
    }
    if (spec === 'scalarRows') {
      if (!Array.isArray(v)) return void problems.push(`${path}: expected an array`);
      v.forEach((row, i) => {
        if (typeof row !== 'object' || row === null) return void problems.push(`${path}[${i}]: expected an object`);
        for (const [k, s] of Object.entries(row)) {
          if (typeof s !== 'string' && typeof s !== 'number') problems.push(`${path}[${i}].${k}: expected string or number`);
        }
      });
      return;
    }
    if (spec === 'element[]' || spec === 'inner[]') {
      if (!Array.isArray(v)) return void problems.push(`${path}: expected an array`);
      v.forEach((el, i) => checkElement(el, `${path}[${i}]`, spec === 'element[]' ? depth : depth + 1));
      return;
    }
    if ('object' in spec) return checkObject(v, SHAPES[spec.object], path, depth);
    if (!Array.isArray(v)) return void problems.push(`${path}: expected an array`);
    v.forEach((item, i) => {
      if (spec.array === 'column') elementCount += 1;
      checkObject(item, SHAPES[spec.array], `${path}[${i}]`, depth + 1);
    });
  };

  checkObject(value, SHAPES.card, 'card', -1);
  if (value.schema !== '2.0') problems.push('card.schema: must be "2.0"');
  if (value.config?.update_multi !== true) problems.push('card.config.update_multi: must be true');
  if (tables > MAX_TABLES_PER_CARD) problems.push(`card: ${tables} tables (at most ${MAX_TABLES_PER_CARD})`);
  if (elementCount > MAX_CARD_ELEMENTS) problems.push(`card: ${elementCount} components (at most ${MAX_CARD_ELEMENTS})`);
  const bytes = jsonBytes(value);
  if (bytes > MAX_CARD_BYTES) problems.push(`card: ${bytes} bytes of JSON (at most ${MAX_CARD_BYTES})`);
  return problems;
}

/** Components in a card, nested ones included (the count Feishu limits to 200). */
export function countComponents(value: Card2): number {
  let n = 0;
  const walk = (els: ReadonlyArray<unknown>): void => {
    for (const el of els) {
      n += 1;
      const e = el as { elements?: unknown[]; columns?: Array<{ elements?: unknown[] }>; tag?: string };
      if (Array.isArray(e.elements)) walk(e.elements);
      if (e.tag === 'column_set' && Array.isArray(e.columns)) {
        for (const col of e.columns) {
          n += 1;
          walk(col.elements ?? []);
        }
      }
    }
  };
  walk(value.body.elements);
  return n;
}

const encoder = new TextEncoder();

/** UTF-8 size of a value's JSON, the measure of Feishu's 30 KB card limit. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}
