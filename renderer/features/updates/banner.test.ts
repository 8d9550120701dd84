/** The banner's markup, rendered on the server side of React: a polite live region with two plain buttons. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../i18n/translate.ts';
import { UpdateBannerView } from './UpdateBanner.tsx';

const t = (language: 'de' | 'en'): Translate => (key, values) => translate(language, key, values);
const render = (version: string | null, language: 'de' | 'en' = 'de') =>
  renderToStaticMarkup(createElement(UpdateBannerView, { version, t: t(language), onRestart: () => undefined, onLater: () => undefined }));

describe('UpdateBannerView', () => {
  it('keeps an empty live region while no update is ready, so the banner is announced when it comes', () => {
    expect(render(null)).toBe('<div role="status" class="update-region"></div>');
  });

  it('says the update is ready and offers restart now or later, as keyboard-reachable buttons', () => {
    const html = render('1.2.0');
    expect(html).toMatch(/^<div role="status" class="update-region">/);
    expect(html).toContain('<strong>Update bereit</strong>');
    expect(html).toContain('Version 1.2.0 ist heruntergeladen.');
    expect(html).toContain('<button type="button" class="btn btn-primary btn-small">Jetzt neu starten</button>');
    expect(html).toContain('<button type="button" class="btn btn-small">Später</button>');
    expect(html).not.toMatch(/tabindex="-1"|disabled/);
    const english = render('1.2.0', 'en');
    expect(english).toContain('<strong>Update ready</strong>');
    expect(english).toContain('>Restart now</button>');
    expect(english).toContain('>Later</button>');
  });
});
