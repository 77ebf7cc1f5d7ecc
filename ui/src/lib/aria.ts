/** Joins the ids that describe a control, leaving out the ones not shown. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length ? present.join(" ") : undefined;
}

/** The first validation code among several field names the backend might use for one control. */
export function firstError<C extends string>(fields: Record<string, C>, ...names: string[]): C | undefined {
  for (const name of names) if (fields[name]) return fields[name];
  return undefined;
}
