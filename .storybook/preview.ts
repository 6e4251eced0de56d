import type { Preview } from '@storybook/react-vite'

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // Any axe violation fails the story's test.
    a11y: { test: 'error' },
    layout: 'padded',
  },
}

export default preview
