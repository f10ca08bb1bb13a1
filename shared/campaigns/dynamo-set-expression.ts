// An UpdateExpression that SETs the defined fields and REMOVEs the named ones.
export const setExpression = (fields: Record<string, unknown>, remove: string[] = []) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  for (const k of remove) names[`#${k}`] = k;
  const expression =
    (sets.length ? `SET ${sets.join(', ')}` : '') +
    (remove.length ? ` REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : '');
  return { expression, names, values };
};
