import { useEffect, useState } from 'react'

export type ThemePreference = 'light' | 'dark' | 'system'
export type Theme = 'light' | 'dark'

const storageKey = 'auteryn-demo:theme'
const darkQuery = '(prefers-color-scheme: dark)'

function readPreference(): ThemePreference {
  const saved = localStorage.getItem(storageKey)
  return saved === 'light' || saved === 'dark' ? saved : 'system'
}

/** The user's theme choice, saved across reloads and applied as `data-theme` on `<html>`. */
export function useTheme(): [ThemePreference, Theme, (preference: ThemePreference) => void] {
  const [preference, setPreference] = useState(readPreference)
  const [systemDark, setSystemDark] = useState(() => matchMedia(darkQuery).matches)

  useEffect(() => {
    const query = matchMedia(darkQuery)
    const update = () => setSystemDark(query.matches)
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])

  const theme: Theme = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference

  useEffect(() => {
    document.documentElement.dataset.theme = theme
    document.documentElement.style.colorScheme = theme
  }, [theme])

  function choose(next: ThemePreference) {
    setPreference(next)
    if (next === 'system') localStorage.removeItem(storageKey)
    else localStorage.setItem(storageKey, next)
  }

  return [preference, theme, choose]
}
