// The story both storage floors validate: the resident's submission without the app around it.
import { z } from 'zod';

type Node = { type: string; text?: string; content?: Node[] };
const node: z.ZodType<Node> = z.lazy(() => z.object({ type: z.string(), text: z.string().optional(), content: z.array(node).optional() }));
export const story = z.strictObject({
  title: z.string().min(1).max(200),
  body: node,
  tellerName: z.string().max(100).optional(),
  consent: z.enum(['team', 'report', 'public']),
  consentTextVersion: z.string(),
  placements: z.array(z.object({ variableId: z.number().int(), position: z.number().int().min(0).max(100).nullable() })).optional(),
  language: z.string().optional(),
});
export const text = (n: Node): string => n.text ?? (n.content ?? []).map(text).join(n.type === 'doc' ? '\n\n' : '');
