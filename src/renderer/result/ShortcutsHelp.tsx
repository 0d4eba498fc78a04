/** "Keyboard shortcuts": a small list that opens from the timeline's header (see ./shortcuts). */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isMac, SKIP_SECONDS } from './shortcuts';

/** Symbols and letters, not words: the same in every language. */
const KEYS = {
  left: '←',
  right: '→',
  up: '↑',
  down: '↓',
  j: 'J',
  k: 'K',
  z: 'Z',
  plus: '+',
  slash: '/',
};

export function ShortcutsHelp() {
  const { t } = useTranslation('result');
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);
  const control = isMac() ? '⌘' : t('shortcuts.ctrl');

  // Closes on a click elsewhere, like a menu.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !ref.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const rows: { keys: string[]; what: string }[] = [
    { keys: [t('shortcuts.space')], what: t('shortcuts.toggle') },
    {
      keys: [KEYS.left, KEYS.slash, KEYS.right],
      what: t('shortcuts.skip', { count: SKIP_SECONDS }),
    },
    {
      keys: [KEYS.up, KEYS.slash, KEYS.down, t('shortcuts.or'), KEYS.k, KEYS.slash, KEYS.j],
      what: t('shortcuts.turn'),
    },
    { keys: [t('shortcuts.enter')], what: t('shortcuts.playTurn') },
    {
      keys: [control, KEYS.plus, KEYS.z],
      what: t('shortcuts.undo'),
    },
  ];

  return (
    <details
      ref={ref}
      className="shortcuts"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        setOpen(false);
        ref.current?.querySelector('summary')?.focus();
      }}
    >
      <summary className="btn btn-small">{t('shortcuts.heading')}</summary>
      {/* Only while open: a closed <details> still lays out what it hides. */}
      {open ? (
        <div className="shortcuts-panel">
          <p className="muted small">{t('shortcuts.intro')}</p>
          <dl className="shortcuts-list">
            {rows.map((row) => (
              <div key={row.what} className="shortcut">
                <dt>
                  {row.keys.map((key, index) =>
                    key === KEYS.slash || key === t('shortcuts.or') || key === KEYS.plus ? (
                      <span key={index} className="muted">
                        {' '}
                        {key}{' '}
                      </span>
                    ) : (
                      <kbd key={index}>{key}</kbd>
                    ),
                  )}
                </dt>
                <dd>{row.what}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </details>
  );
}
