/** "Copy diagnostics": gathers what support needs (never the key) and copies it, or shows it to copy by hand. */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api';
import { useErrorWords } from '../error-words';

export function DiagnosticsSection() {
  const words = useErrorWords();
  const { t } = useTranslation('settings');
  // The note is kept as what happened, put into words when shown (the language can change).
  const [state, setState] = useState<{
    busy?: boolean;
    note?: 'copied' | 'selectBelow' | { error: string };
    text?: string;
  }>({});
  const note = state.note;

  const copy = async () => {
    if (state.busy) return;
    setState({ busy: true });
    try {
      const { text, copied } = await unwrap(() => api()['diagnostics:copy']());
      setState(copied ? { note: 'copied' } : { note: 'selectBelow', text });
    } catch (error) {
      setState({ note: { error: words.call(error) } });
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-help">
      <h3 id="settings-help" className="subheading">
        {t('diagnostics.heading')}
      </h3>
      <p className="muted small">{t('diagnostics.intro')}</p>
      {/* aria-disabled, not disabled: a disabled button loses focus, which drops to the page. */}
      <button
        type="button"
        className="btn"
        onClick={() => void copy()}
        aria-disabled={state.busy ? true : undefined}
      >
        {t('diagnostics.copy')}
      </button>
      <span
        className={typeof note === 'object' ? 'field-error' : 'muted small'}
        role="status"
        aria-live="polite"
      >
        {typeof note === 'object' ? note.error : note ? t(`diagnostics.${note}`) : null}
      </span>
      {state.text ? (
        <textarea
          className="diagnostics-text"
          aria-label={t('diagnostics.textLabel')}
          readOnly
          value={state.text}
          rows={8}
        />
      ) : null}
    </section>
  );
}
