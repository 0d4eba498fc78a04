/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** Catches a crash inside one view so the rest of the window keeps working, and offers a way back. */

import { Component, type ReactNode } from 'react';

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
    return (
      <div className="panel error-panel" role="alert">
        <p className="empty-title">This view could not be shown</p>
        <p className="muted">{this.state.error.message}</p>
        <button
          type="button"
          className="btn"
          onClick={() => {
            this.setState({ error: undefined });
            this.props.onReset();
          }}
        >
          Back to jobs
        </button>
      </div>
    );
  }
}
