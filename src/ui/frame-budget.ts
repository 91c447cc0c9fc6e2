// How much of the current animation frame the views have used. The app draws one view per
// frame; a view's own deferred redraw (the timeline filling in lanes) checks here and waits for
// a lighter frame rather than piling onto a heavy one, so no frame's task grows past ~50 ms.
// Frames are told apart by the timestamp every rAF callback of one frame receives.

/** Past this much script time in a frame, deferrable work waits for the next one. */
export const FRAME_SHARE_MS = 6;

let currentFrame = -1;
let spentMs = 0;

/** Script time the views have used in the frame stamped `frameTime`. */
export function spentInFrame(frameTime: number): number {
  return frameTime === currentFrame ? spentMs : 0;
}

/** Adds `ms` of work to the frame stamped `frameTime`. */
export function chargeFrame(frameTime: number, ms: number): void {
  if (frameTime !== currentFrame) {
    currentFrame = frameTime;
    spentMs = 0;
  }
  spentMs += ms;
}

/** Runs `work` in an animation frame with room left, and charges that frame for it. */
export function inLightFrame(work: () => void): void {
  requestAnimationFrame((frameTime) => {
    if (spentInFrame(frameTime) > FRAME_SHARE_MS) {
      inLightFrame(work);
      return;
    }
    const started = performance.now();
    work();
    chargeFrame(frameTime, performance.now() - started);
  });
}
