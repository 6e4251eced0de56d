import { useEffect, useLayoutEffect } from 'react'

/**
 * `useLayoutEffect` in the browser; `useEffect` on the server, where a layout effect can never
 * run and React 18 warns about it.
 */
export const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect
