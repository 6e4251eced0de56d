/** Joins truthy class names; the only styling helper the components need. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ')
}
