/**
 * Find in a result: Ctrl+F (⌘F on a Mac) focuses the field; the turns whose words or speaker
 * name contain what is typed are marked, Enter and Shift+Enter go to the next and previous one.
 */

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { isMac } from './shortcuts';

interface FindFieldProps {
  query: string;
  onQuery(query: string): void;
  /** How many turns match, and which one is shown (0-based, -1 for none). */
  count: number;
  at: number;
  onStep(direction: 1 | -1): void;
}

export function FindField({ query, onQuery, count, at, onStep }: FindFieldProps) {
  const { t } = useTranslation('result');
  const format = useFormat();
  const ref = useRef<HTMLInputElement>(null);
  /** Where focus was before Ctrl+F, to go back to on Escape. */
  const before = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f')
        return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      const field = ref.current;
      if (!field) return;
      if (document.activeElement !== field && document.activeElement instanceof HTMLElement)
        before.current = document.activeElement;
      field.focus();
      field.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const status =
    query.trim() === ''
      ? ''
      : count === 0
        ? t('find.none')
        : t('find.position', { at: format.count(at + 1), count, total: format.count(count) });

  return (
    <div className="find" role="search">
      <input
        ref={ref}
        type="search"
        className="text-input find-input"
        value={query}
        aria-label={t('find.label')}
        placeholder={t('find.placeholder', { keys: isMac() ? '⌘F' : t('find.ctrlF') })}
        aria-keyshortcuts="Control+F Meta+F"
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onStep(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onQuery('');
            // Back where the person was, or else to the turn list (never to the page itself).
            const back = before.current;
            const target =
              back && back !== document.body && back.isConnected
                ? back
                : document.querySelector<HTMLElement>('.turn-row[tabindex="0"]');
            target?.focus();
          }
        }}
      />
      <span className="muted small find-status" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
