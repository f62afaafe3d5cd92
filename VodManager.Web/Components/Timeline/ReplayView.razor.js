// The replay view's browser side: what must not wait for a server round trip. Dragging a trim handle moves it live
// and reports only the drop; pressing or dragging on a track seeks; the playhead follows the video; a preview stops
// exactly at the out-point. Blazor owns the markup; this code only adds transient styles it removes again.

const states = new WeakMap();
// Beyond MediaError's codes 1-4: the video loaded but has no picture the browser can show (ReplayView.NoPicture).
const noPicture = 100;
const seekbarKeys = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', ' ']);
const handleKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ', 'i', 'I', 'o', 'O']);

export function attach(root, dotnet) {
    const state = { dotnet, abort: new AbortController(), previewEnd: null, frame: 0, position: null, page: location.pathname };
    states.set(root, state);
    const on = (type, handler, capture = false) => root.addEventListener(type, handler, { signal: state.abort.signal, capture });

    // Media events do not bubble, but they do pass the root in the capture phase, so a video added later is followed too.
    on('timeupdate', () => drawPlayhead(root), true);
    on('seeked', () => drawPlayhead(root), true);
    on('play', () => animate(root, state), true);
    on('pause', () => { state.previewEnd = null; }, true);
    // A new src (a browser copy made, a link signed again) loads the video afresh at 0: where it was is kept here and
    // restored below. Only once it has loaded: the reset to 0 that a new src causes happens before that.
    const remember = e => {
        const v = e.target;
        if (v instanceof HTMLVideoElement && v.readyState >= HTMLMediaElement.HAVE_METADATA) {
            state.position = { src: v.currentSrc, time: v.currentTime, playing: !v.paused };
        }
    };
    for (const type of ['timeupdate', 'seeked', 'play', 'pause']) {
        on(type, remember, true);
    }
    const follow = () => followAddress(root, state);
    for (const type of ['timeupdate', 'seeked', 'pause']) {
        on(type, follow, true);
    }
    // The page's parts that follow the player (the chat beside it) hear of each new second, not of every frame.
    const report = () => reportSecond(root, state);
    for (const type of ['timeupdate', 'seeked', 'loadedmetadata']) {
        on(type, report, true);
    }
    on('pointerdown', e => onPointerDown(root, state, e));
    on('keydown', e => onKeyDown(root, e));
    // A video the browser cannot play shows as a black box; the page says why instead. A quick 404 fails before this
    // code runs, so a video that has failed already is reported too.
    const failed = (v, code) => state.dotnet.invokeMethodAsync('OnVideoError', v.getAttribute('src') ?? '', code);
    on('error', e => {
        if (e.target instanceof HTMLVideoElement) {
            failed(e.target, e.target.error?.code ?? 0);
        }
    }, true);
    // A codec the browser has no decoder for (HEVC without hardware decoding) raises no error: the sound plays and the
    // picture stays black, its size 0 × 0.
    const pictureless = v => v.readyState >= HTMLMediaElement.HAVE_METADATA && v.videoWidth === 0;
    on('loadedmetadata', e => {
        const at = state.position;
        if (e.target instanceof HTMLVideoElement && at && at.src !== e.target.currentSrc && at.time > 0) {
            e.target.currentTime = Math.min(at.time, e.target.duration || at.time);
            if (at.playing) {
                e.target.play().catch(() => { });
            }
        }
        drawPlayhead(root);
        if (e.target instanceof HTMLVideoElement && pictureless(e.target)) {
            failed(e.target, noPicture);
        }
    }, true);
    for (const v of root.querySelectorAll('video')) {
        if (v.error) {
            failed(v, v.error.code);
        } else if (pictureless(v)) {
            failed(v, noPicture);
        }
    }

    state.resize = new ResizeObserver(() => reportWidths(root, state));
    for (const track of root.querySelectorAll('[data-track]')) {
        state.resize.observe(track);
    }
    state.mutations = new MutationObserver(() => {
        // The trim track comes and goes with the selection and its window moves: measure new tracks, re-place the playhead.
        for (const track of root.querySelectorAll('[data-track]')) {
            state.resize.observe(track);
        }
        drawPlayhead(root);
        followAddress(root, state);
    });
    state.mutations.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-start', 'data-end', 'data-selected', 'data-trim'] });
    followAddress(root, state);
    reportWidths(root, state);

    // Dragging works from here on; tests (and styles) can tell.
    root.dataset.interactive = 'true';
}

export function detach(root) {
    const state = states.get(root);
    if (!state) {
        return;
    }
    state.abort.abort();
    state.resize.disconnect();
    state.mutations.disconnect();
    cancelAnimationFrame(state.frame);
    states.delete(root);
}

// The address keeps the open highlight, its unsaved trim and the player's second (replaced, never a new history entry),
// so a reload — a node that went away, the browser's button — or the link sent to someone opens the same moment. Whole seconds only:
// the address changes at most once a second while the video plays. Only this page's address: a video that pauses
// as the editor goes to another page (its events come after the address changed) must not write onto that one's.
function followAddress(root, state) {
    if (location.pathname !== state.page || !root.isConnected) {
        return;
    }
    const url = new URL(location.href);
    const id = root.dataset.selected;
    if (id) {
        url.searchParams.set('highlight', id);
    } else {
        url.searchParams.delete('highlight');
    }
    // An unsaved trim too: a reload gives it back, as long as nobody saved other bounds meanwhile.
    const trim = root.dataset.trim;
    if (trim) {
        url.searchParams.set('trim', trim);
    } else {
        url.searchParams.delete('trim');
    }
    const v = video(root);
    if (v && v.readyState >= HTMLMediaElement.HAVE_METADATA) {
        url.searchParams.set('t', String(Math.floor(v.currentTime)));
    }
    if (url.href !== location.href) {
        try {
            history.replaceState(history.state, '', url);
        } catch {
            // A browser that throttles address changes keeps the last one: the next second tries again.
        }
    }
}

function reportSecond(root, state) {
    const v = video(root);
    if (!v || v.readyState < HTMLMediaElement.HAVE_METADATA) {
        return;
    }
    const second = Math.floor(v.currentTime);
    if (second !== state.second) {
        state.second = second;
        state.dotnet.invokeMethodAsync('OnPlayerSecond', v.currentTime);
    }
}

export function currentTime(root) {
    return video(root)?.currentTime ?? 0;
}

export function seek(root, seconds) {
    const v = video(root);
    if (v) {
        v.currentTime = seconds;
        drawPlayhead(root);
    }
}

export function togglePlay(root) {
    const v = video(root);
    if (v) {
        v.paused ? v.play() : v.pause();
    }
}

/** Plays [start, end] and pauses at end: checked every frame, so it stops within a frame of the out-point. */
export function playRange(root, start, end) {
    const v = video(root);
    const state = states.get(root);
    if (!v || !state) {
        return;
    }
    v.currentTime = start;
    state.previewEnd = end;
    v.play();
}

function video(root) {
    return root.querySelector('[data-video]');
}

function animate(root, state) {
    cancelAnimationFrame(state.frame);
    const tick = () => {
        const v = video(root);
        if (!v || v.paused) {
            return;
        }
        if (state.previewEnd !== null && v.currentTime >= state.previewEnd) {
            v.pause();
            v.currentTime = state.previewEnd;
            state.previewEnd = null;
        }
        drawPlayhead(root);
        state.frame = requestAnimationFrame(tick);
    };
    state.frame = requestAnimationFrame(tick);
}

function drawPlayhead(root) {
    const t = currentTime(root);
    for (const track of root.querySelectorAll('[data-track]')) {
        const head = track.querySelector('[data-playhead]');
        const { start, end } = span(track);
        if (head) {
            head.style.display = t >= start && t <= end ? '' : 'none';
            head.style.left = `${((t - start) / (end - start)) * 100}%`;
        }
    }
    const seekbar = root.querySelector('[data-seekbar]');
    if (seekbar) {
        seekbar.setAttribute('aria-valuenow', t.toFixed(1));
        seekbar.setAttribute('aria-valuetext', clock(t));
    }
}

function onPointerDown(root, state, e) {
    if (e.button !== 0) {
        return;
    }
    const handle = e.target.closest('[data-handle]');
    if (handle) {
        drag(root, state, handle, e);
        return;
    }
    const track = e.target.closest('[data-track]');
    if (!track || e.target.closest('button')) {
        return;
    }
    // Press-and-drag on a track scrubs the video.
    e.preventDefault();
    track.setPointerCapture(e.pointerId);
    const scrub = ev => seek(root, timeAt(track, ev.clientX));
    scrub(e);
    const stop = () => {
        track.removeEventListener('pointermove', scrub);
        track.removeEventListener('pointerup', stop);
        track.removeEventListener('pointercancel', stop);
    };
    track.addEventListener('pointermove', scrub);
    track.addEventListener('pointerup', stop);
    track.addEventListener('pointercancel', stop);
}

function drag(root, state, handle, e) {
    e.preventDefault();
    handle.focus();
    handle.setPointerCapture(e.pointerId);
    const track = handle.closest('[data-track]');
    const { start, end } = span(track);
    const min = Number(handle.dataset.min);
    const max = Number(handle.dataset.max);
    const origin = Number(handle.getAttribute('aria-valuenow'));
    const other = Number(track.querySelector(`[data-handle]:not([data-handle="${handle.dataset.handle}"])`).getAttribute('aria-valuenow'));
    const preview = track.querySelector('[data-drag-range]');
    const label = track.querySelector('[data-drag-label]');
    const percent = t => `${((t - start) / (end - start)) * 100}%`;
    let t = origin;
    track.dataset.dragging = handle.dataset.handle;

    const move = ev => {
        const rect = track.getBoundingClientRect();
        t = Math.min(max, Math.max(min, timeAt(track, ev.clientX)));
        handle.style.transform = `translateX(${((t - origin) / (end - start)) * rect.width}px)`;
        const [from, to] = [Math.min(t, other), Math.max(t, other)];
        preview.style.left = percent(from);
        preview.style.width = `${((to - from) / (end - start)) * 100}%`;
        label.style.left = percent(t);
        label.textContent = clock(t, true);
        const v = video(root);
        if (v) {
            v.currentTime = t;
        }
    };
    const drop = async () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', drop);
        handle.removeEventListener('pointercancel', drop);
        try {
            // The server renders the handle at its final place before this call returns; only then drop the offset.
            await state.dotnet.invokeMethodAsync('OnHandleDropped', handle.dataset.handle, t);
        } finally {
            handle.style.transform = '';
            delete track.dataset.dragging;
        }
    };
    move(e);
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', drop);
    handle.addEventListener('pointercancel', drop);
}

function onKeyDown(root, e) {
    const onHandle = e.target.closest('[data-handle]');
    const onSeekbar = e.target.closest('[data-seekbar]');
    if ((onHandle && handleKeys.has(e.key)) || (onSeekbar && (seekbarKeys.has(e.key) || 'iIoO'.includes(e.key)))) {
        // Arrows and Space would scroll the page; the handles' keys are handled by the component.
        e.preventDefault();
    }
    if (!onSeekbar || e.ctrlKey || e.altKey || e.metaKey) {
        return;
    }
    // The seekbar is the whole stream's playhead: arrows step 5 s (Shift: 30 s), Space plays.
    const v = video(root);
    if (!v) {
        return;
    }
    const step = e.shiftKey ? 30 : 5;
    switch (e.key) {
        case 'ArrowLeft': seek(root, Math.max(0, v.currentTime - step)); break;
        case 'ArrowRight': seek(root, Math.min(v.duration || Infinity, v.currentTime + step)); break;
        case 'Home': seek(root, 0); break;
        case 'End': seek(root, v.duration || 0); break;
        case ' ': togglePlay(root); break;
    }
}

function reportWidths(root, state) {
    const tracks = [...root.querySelectorAll('[data-track]')].map(t => t.getBoundingClientRect().width);
    const key = tracks.join(',');
    if (key === state.lastWidths) {
        return;
    }
    state.lastWidths = key;
    state.dotnet.invokeMethodAsync('OnResized', tracks[0] ?? 0, tracks[1] ?? 0);
}

function span(track) {
    return { start: Number(track.dataset.start), end: Number(track.dataset.end) };
}

function timeAt(track, clientX) {
    const rect = track.getBoundingClientRect();
    const { start, end } = span(track);
    const fraction = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    return start + fraction * (end - start);
}

function clock(seconds, tenths = false) {
    const s = Math.max(0, seconds);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = tenths ? (s % 60).toFixed(1).padStart(4, '0') : String(Math.floor(s % 60)).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
