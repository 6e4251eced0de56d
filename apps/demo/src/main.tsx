import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@auteryn/react/styles.css'
import './app.css'
import './pages.css'
import { App } from './app'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
