import { StrictMode, useState, version } from 'react'
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'

function Counter() {
  const [count] = useState(3)
  return <p>count {count}</p>
}

afterEach(cleanup)

// Runs only in the react18 project: proves the aliases reach the test, the hook and react-dom.
test('the react18 project renders with React 18', () => {
  render(
    <StrictMode>
      <Counter />
    </StrictMode>,
  )
  expect(version.startsWith('18.')).toBe(true)
  expect(screen.getByText('count 3')).toBeTruthy()
})
