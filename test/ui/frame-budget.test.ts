// The frame budget: work charged to a frame counts until the next frame's stamp, and deferrable
// work waits for a frame with room.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chargeFrame, FRAME_SHARE_MS, inLightFrame, spentInFrame } from '../../src/ui/frame-budget';

describe('frame budget', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds up the work of one frame and starts again at the next', () => {
    chargeFrame(100, 3);
    chargeFrame(100, 4);
    expect(spentInFrame(100)).toBe(7);
    expect(spentInFrame(116)).toBe(0);
    chargeFrame(116, 2);
    expect(spentInFrame(116)).toBe(2);
    expect(spentInFrame(100)).toBe(0);
  });

  it('puts off work while the frame it lands in is already busy', () => {
    const queued: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => queued.push(cb));
    let ran = 0;
    inLightFrame(() => ran++);
    chargeFrame(200, FRAME_SHARE_MS + 1); // another view used this frame
    queued.shift()!(200);
    expect(ran).toBe(0);
    expect(queued.length).toBe(1); // asked again for the next frame
    queued.shift()!(216);
    expect(ran).toBe(1);
    expect(queued.length).toBe(0);
  });
});
