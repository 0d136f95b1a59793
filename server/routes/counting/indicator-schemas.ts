// The shapes of indicators, targets and values in requests and answers.
import { z } from '@hono/zod-openapi';
import { directions, measures, units } from '../../../db/repositories/counting.js';
import { periodicities } from '../../../db/domain/periods.js';

export const Target = z.object({ period: z.string(), areaId: z.number().nullable(), value: z.number() }).openapi('IndicatorTarget');
export const Value = z
  .object({
    period: z.string(),
    areaId: z.number().nullable().openapi({ description: 'null: for the whole project (indicator not kept per area)' }),
    value: z.number().nullable().openapi({ description: 'null: missing (e.g. suppressed), never zero' }),
    note: z.string(),
    enteredBy: z.number().nullable(),
    enteredByName: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('IndicatorValue');
export const Indicator = z
  .object({
    id: z.number(),
    projectId: z.number().nullable().openapi({ description: 'null: a context indicator (e.g. from CBS)' }),
    outcomeId: z.number().nullable(),
    name: z.string(),
    description: z.string(),
    unit: z.enum(units),
    measure: z.enum(measures),
    iatiMeasure: z.string().openapi({ description: 'IATI IndicatorMeasure code (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative)' }),
    direction: z.enum(directions),
    periodicity: z.enum(periodicities),
    baselineValue: z.number().nullable(),
    baselinePeriod: z.string().nullable(),
    byArea: z.boolean(),
    source: z.string(),
    sourceKey: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Indicator');
export const IndicatorDetail = Indicator.extend({ targets: z.array(Target), values: z.array(Value) }).openapi('IndicatorDetail');

export const TargetIn = z.strictObject({ period: z.string().max(20), areaId: z.number().int().positive().nullable().optional(), value: z.number().finite() });
export const fields = {
  outcomeId: z.number().int().positive().nullable().optional(),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  unit: z.enum(units),
  measure: z.enum(measures).optional().openapi({ description: 'Defaults from the unit: count/euro/hours → unit, percentage → percentage, score → ordinal' }),
  direction: z.enum(directions).optional(),
  periodicity: z.enum(periodicities),
  baselineValue: z.number().finite().nullable().optional(),
  baselinePeriod: z.string().max(20).nullable().optional(),
  byArea: z.boolean().optional(),
  targets: z.array(TargetIn).max(2000).optional().openapi({ description: 'Replaces all targets. areaId only when byArea; null = for the whole project' }),
};
export const NewIndicator = z.strictObject({ projectId: z.number().int().positive(), ...fields }).openapi('NewIndicator');
export const IndicatorPatch = z
  .strictObject({ ...fields, name: fields.name.optional(), unit: fields.unit.optional(), periodicity: fields.periodicity.optional() })
  .openapi('IndicatorPatch');
export const ValuesBody = z
  .strictObject({
    values: z
      .array(
        z.strictObject({
          period: z.string().max(20),
          areaId: z.number().int().positive().nullable().optional(),
          value: z.number().finite().nullable(),
          note: z.string().max(2000).optional().openapi({ description: 'Omitted: keep the note that is there' }),
        }),
      )
      .min(1)
      .max(5000),
  })
  .openapi('IndicatorValues');
export const MultiValuesBody = z
  .strictObject({
    values: z
      .array(ValuesBody.shape.values.element.extend({ indicatorId: z.number().int().positive() }))
      .min(1)
      .max(5000),
  })
  .openapi('IndicatorValuesMulti');
export const WriteResult = z
  .object({ created: z.number(), updated: z.number(), unchanged: z.number(), values: z.array(Value) })
  .openapi('IndicatorValuesResult');
export const History = z
  .object({
    id: z.number(),
    period: z.string(),
    areaId: z.number().nullable(),
    existed: z.boolean(),
    oldValue: z.number().nullable(),
    newValue: z.number().nullable(),
    oldNote: z.string().nullable(),
    newNote: z.string().nullable(),
    changedBy: z.number().nullable(),
    changedByName: z.string().nullable(),
    batchId: z.number().nullable(),
    changedAt: z.string(),
  })
  .openapi('IndicatorValueChange');
