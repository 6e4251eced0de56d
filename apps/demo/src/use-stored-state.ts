import { useState } from 'react'

/** A string state kept in localStorage, so a reload comes back to the same choice. */
export function useStoredState<Value extends string>(
  key: string,
  initial: Value,
  isValid: (value: string) => value is Value,
): [Value, (value: Value) => void] {
  const [value, setValue] = useState<Value>(() => {
    const saved = localStorage.getItem(key)
    return saved !== null && isValid(saved) ? saved : initial
  })
  function update(next: Value) {
    setValue(next)
    localStorage.setItem(key, next)
  }
  return [value, update]
}
