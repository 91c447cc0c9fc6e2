// The JSON Schema of the scenario format (for editors), generated from the zod schema.
import { z } from 'zod';
import { scenarioSchema } from './schema';

export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}
