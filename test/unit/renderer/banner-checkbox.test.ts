/**
 * The message strip and the checkbox with its hint, one component each (issue 11); that nothing
 * writes their markup by hand is checked in test/unit/architecture/shared-markup.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Banner } from '../../../src/renderer/components/Banner';
import { CheckboxField } from '../../../src/renderer/components/CheckboxField';
import './jobs-i18n';

const noop = () => undefined;

describe('Banner', () => {
  it('gives the message its icon, words, title, buttons and a labelled ✕', () => {
    const html = renderToStaticMarkup(
      createElement(Banner, {
        tone: 'error',
        role: 'alert',
        title: 'Paused',
        onDismiss: noop,
        children: 'Check the key.',
      }),
    );
    expect(html).toMatch(/^<div class="banner banner-error" role="alert"><svg/);
    expect(html).toContain('<p class="banner-title">Paused</p><p>Check the key.</p>');
    expect(html).toContain('aria-label="Dismiss message"');
  });

  it('has no ✕ when it cannot be dismissed', () => {
    const html = renderToStaticMarkup(createElement(Banner, { tone: 'info', children: 'Note.' }));
    expect(html).not.toContain('Dismiss');
  });
});

describe('CheckboxField', () => {
  const render = (extra: { hint?: string; error?: string }) =>
    renderToStaticMarkup(
      createElement(CheckboxField, {
        id: 'x',
        label: 'Label',
        checked: true,
        onChange: noop,
        ...extra,
      }),
    );

  it('ties the hint to the checkbox', () => {
    const html = render({ hint: 'What it does.' });
    expect(html).toContain('aria-describedby="x-hint"');
    expect(html).toContain('<p class="choice-hint" id="x-hint">What it does.</p>');
  });

  it('shows and announces the reason instead of the hint, marking the box invalid', () => {
    const html = render({ hint: 'What it does.', error: 'Not with this model.' });
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(
      '<p class="field-error" id="x-hint" role="alert">Not with this model.</p>',
    );
    expect(html).not.toContain('What it does.');
  });

  it('has no description without a hint', () => {
    expect(render({})).not.toContain('aria-describedby');
  });
});
