/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** "Copy diagnostics": gathers what support needs (never the key) and copies it, or shows it to copy by hand. */

import { useState } from 'react';
import { api, messageOf, unwrap } from '../api';

export function DiagnosticsSection() {
  const [state, setState] = useState<{
    busy?: boolean;
    note?: string;
    text?: string;
    error?: boolean;
  }>({});

  const copy = async () => {
    if (state.busy) return;
    setState({ busy: true });
    try {
      const { text, copied } = await unwrap(() => api()['diagnostics:copy']());
      setState(
        copied
          ? { note: 'Copied. Paste it into your message to support.' }
          : { note: 'Select the text below and copy it into your message to support.', text },
      );
    } catch (error) {
      setState({ note: messageOf(error), error: true });
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-help">
      <h3 id="settings-help" className="subheading">
        Help
      </h3>
      <p className="muted small">
        If something goes wrong, copy the diagnostics and send them to whoever helps you. They
        include versions, settings and recent log lines, but never your key or the names of your
        recordings.
      </p>
      {/* aria-disabled, not disabled: a disabled button loses focus, which drops to the page. */}
      <button
        type="button"
        className="btn"
        onClick={() => void copy()}
        aria-disabled={state.busy ? true : undefined}
      >
        Copy diagnostics
      </button>
      <span
        className={state.error ? 'field-error' : 'muted small'}
        role="status"
        aria-live="polite"
      >
        {state.note}
      </span>
      {state.text ? (
        <textarea
          className="diagnostics-text"
          aria-label="Diagnostics"
          readOnly
          value={state.text}
          rows={8}
        />
      ) : null}
    </section>
  );
}
