import '@auteryn/react/styles.css'
import './page.css'
import type { Metadata } from 'next'
import type { ReactNode } from 'react'

export const metadata: Metadata = {
  title: 'Auteryn kit on Next.js',
  description: 'The drop-in chat in a Next.js App Router page, behind the key-holding proxy.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
