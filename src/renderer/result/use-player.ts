/** Connects the <audio> element to the playhead: smooth updates while playing, and seeking from anywhere. */

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api';
import { Playhead } from './playhead';
import { shortcutFor, SKIP_SECONDS, turnStep } from './shortcuts';
import type { Turn } from './turns';
import { useErrorWords } from '../error-words';

export function usePlayer(jobId: string, turns: readonly Turn[]) {
  const words = useErrorWords();
  const audioRef = useRef<HTMLAudioElement>(null);
  const playhead = useMemo(() => new Playhead(turns), [turns]);
  const [src, setSrc] = useState<string>();
  const { t } = useTranslation('result');
  // Kept as what happened, put into words below: a change of language rewords it.
  const [problem, setProblem] = useState<{ error?: unknown }>();
  /** "Locate file…" under way, or why the chosen file was refused (kept as what happened). */
  const [locating, setLocating] = useState<{ busy: boolean; error?: unknown }>();

  useEffect(() => {
    let live = true;
    unwrap(() => api()['results:media-url']({ id: jobId }))
      .then((url) => live && setSrc(url))
      .catch((error: unknown) => live && setProblem({ error }));
    return () => {
      live = false;
    };
  }, [jobId]);

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    let frame: number | undefined;
    const report = () => playhead.set(audio.currentTime, !audio.paused);
    // timeupdate comes about four times a second; a frame loop while playing keeps the playhead smooth.
    const loop = () => {
      report();
      frame = audio.paused ? undefined : requestAnimationFrame(loop);
    };
    const onPlay = () => {
      if (frame === undefined) frame = requestAnimationFrame(loop);
    };
    const onError = () => setProblem({});
    audio.addEventListener('timeupdate', report);
    audio.addEventListener('seeked', report);
    audio.addEventListener('pause', report);
    audio.addEventListener('play', onPlay);
    audio.addEventListener('error', onError);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      audio.removeEventListener('timeupdate', report);
      audio.removeEventListener('seeked', report);
      audio.removeEventListener('pause', report);
      audio.removeEventListener('play', onPlay);
      audio.removeEventListener('error', onError);
    };
  }, [playhead, src]);

  /** Moves playback to `time`; with `play`, also starts it (a click on a turn means "let me hear this"). */
  const seek = useCallback(
    (time: number, play = false) => {
      const audio = audioRef.current;
      playhead.set(time, audio ? !audio.paused : false);
      if (!audio || !src) return;
      audio.currentTime = time;
      if (play && audio.paused) void audio.play().catch(() => undefined);
    },
    [playhead, src],
  );

  /**
   * The recording was moved or renamed: the person finds it, main checks it is the same recording
   * and points the job at it, and the player loads it again from its new place.
   */
  const locate = useCallback(async () => {
    setLocating({ busy: true });
    try {
      const job = await unwrap(() => api()['jobs:locate']({ id: jobId }));
      setLocating(undefined);
      if (!job) return undefined;
      setProblem(undefined);
      audioRef.current?.load();
      return job;
    } catch (error) {
      setLocating({ busy: false, error });
      return undefined;
    }
  }, [jobId]);

  // The player's keyboard shortcuts, while this view is shown (see ./shortcuts).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      const audio = audioRef.current;
      if (!action || !audio) return;
      event.preventDefault();
      if (action === 'toggle') {
        if (event.repeat) return;
        if (audio.paused) void audio.play().catch(() => undefined);
        else audio.pause();
        return;
      }
      const now = audio.currentTime;
      const length = Number.isFinite(audio.duration) ? audio.duration : Infinity;
      if (action === 'back' || action === 'forward') {
        const step = action === 'back' ? -SKIP_SECONDS : SKIP_SECONDS;
        seek(Math.min(length, Math.max(0, now + step)));
        return;
      }
      const to = turnStep(turns, now, action);
      if (to === undefined) return;
      seek(to);
      playhead.reveal();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [seek, turns, playhead]);

  const problemText =
    problem === undefined
      ? undefined
      : problem.error === undefined
        ? t('view.missing')
        : t('view.cannotPlay', { reason: words.call(problem.error) });
  return {
    audioRef,
    src,
    problem: problemText,
    playhead,
    seek,
    // Only a recording that cannot be found is located; a refused URL is another matter.
    canLocate: problem !== undefined && problem.error === undefined,
    locate,
    locating: locating?.busy === true,
    locateProblem: locating?.error === undefined ? undefined : words.call(locating.error),
  };
}
