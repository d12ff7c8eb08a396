// The README's screenshots-as-text are the renderers' own output: this fails when a renderer
// changes and the README was not regenerated (UPDATE_README_SCREENS=1 npx vitest run test/bot/readme-screens.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/bot-process.ts';
import { renderScreens } from '../helpers/screens.ts';

const README = join(ROOT, 'README.md');
const block = (name: string, text: string): string => `<!-- screen:${name} -->\n\`\`\`text\n${text}\n\`\`\`\n<!-- /screen:${name} -->`;

it('README shows the card, list page and digest exactly as the renderers make them, in both languages', async () => {
  const screens = await renderScreens();
  let readme = readFileSync(README, 'utf8');
  for (const [name, text] of Object.entries(screens)) {
    const pattern = new RegExp(`<!-- screen:${name} -->[\\s\\S]*?<!-- /screen:${name} -->`);
    if (process.env.UPDATE_README_SCREENS === '1') readme = readme.replace(pattern, () => block(name, text));
    expect(readme).toContain(block(name, text));
  }
  if (process.env.UPDATE_README_SCREENS === '1') writeFileSync(README, readme);
});
