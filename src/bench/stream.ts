// Benchmark `stream`: the `fleet-month` scenario played through SimulationSession as the app's
// worker plays it (as fast as possible, frames at most every 33 ms), counting the frames
// produced per wall second and the largest one in bytes (patches and log as JSON text, plus
// the series' typed arrays).
import { loadScenarioObject } from '../scenario';
import type { SessionFrame } from '../session/session-types';
import { APP_SESSION_OPTIONS, SimulationSession } from '../session/simulation-session';
import { fleetMonthScenario } from './fleet-scenarios';

/** Roughly what a frame costs to post: JSON text of its structure (UTF-16) and its typed arrays. */
export function frameBytes(frame: SessionFrame): number {
  let bytes = 2 * JSON.stringify({ seq: frame.seq, run: frame.run, patches: frame.patches, log: frame.log }).length;
  for (const chunk of Object.values(frame.series)) bytes += chunk?.byteLength ?? 0;
  return bytes;
}

export async function stream(): Promise<string> {
  const loaded = loadScenarioObject(fleetMonthScenario());
  if (!loaded.ok) throw new Error(`stream: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const session = new SimulationSession(APP_SESSION_OPTIONS);
  const result = session.loadScenario(loaded.scenario);
  if (!result.ok) throw new Error('stream: the scenario did not load');
  let frames = 0;
  let largest = 0;
  let totalBytes = 0;
  session.subscribe((frame) => {
    frames++;
    const bytes = frameBytes(frame);
    totalBytes += bytes;
    largest = Math.max(largest, bytes);
  });
  const start = performance.now();
  const status = await session.play('max');
  const wallS = (performance.now() - start) / 1000;
  return (
    `stream frames_per_s=${(frames / wallS).toFixed(1)} largest_frame_bytes=${largest} frames=${frames} ` +
    `mean_frame_bytes=${Math.round(totalBytes / Math.max(1, frames))} wall_s=${wallS.toFixed(2)} status=${status} digest=${session.state.digest}`
  );
}
