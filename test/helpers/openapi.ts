/** The error codes an OpenAPI document allows for this operation and status (none if undocumented). */
export function documentedCodes(doc: any, method: string, path: string, status: number | string): string[] {
  const response = doc.paths[path]?.[method]?.responses?.[String(status)];
  const error = response?.content?.['application/json']?.schema?.properties?.error;
  if (!error) return [];
  return (error.anyOf ?? [error]).flatMap((v: any) => v.properties.code.enum ?? [v.properties.code.const]);
}
