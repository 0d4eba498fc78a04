/** Catches a crash inside one view so the rest of the window keeps working, and offers a way back. */

import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface ErrorBoundaryProps {
  children: ReactNode;
  onReset(): void;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const { message } = this.state.error;
    return (
      <Translation>
        {(t) => (
          <div className="panel error-panel" role="alert">
            <p className="empty-title">{t('crash.heading')}</p>
            <p className="muted">{message}</p>
            <button
              type="button"
              className="btn"
              onClick={() => {
                this.setState({ error: undefined });
                this.props.onReset();
              }}
            >
              {t('crash.back')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}
