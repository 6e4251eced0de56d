import { createElement } from 'react'
import type { Decorator, Preview } from '@storybook/react-vite'
import '../packages/react/src/styles.css'

type Theme = 'light' | 'dark'

/** Wraps every story in the kit's root, with the theme from the toolbar (or a story's `globals`). */
const withTheme: Decorator = (Story, context) => {
  const theme: Theme = context.globals.theme === 'dark' ? 'dark' : 'light'
  return createElement(
    'div',
    {
      className: 'auteryn-root',
      'data-theme': theme,
      // A full-page background in the canvas, so dark stories are judged on dark.
      style: {
        padding: '1.5rem',
        minHeight: context.viewMode === 'docs' ? undefined : '100vh',
        borderRadius: context.viewMode === 'docs' ? 8 : undefined,
      },
    },
    createElement(Story),
  )
}

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Color theme of the components',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    // Any axe violation fails the story's test.
    a11y: { test: 'error' },
    layout: 'fullscreen',
    controls: { matchers: { color: /(background|color)$/i } },
  },
}

export default preview
