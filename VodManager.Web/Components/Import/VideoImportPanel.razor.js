// Resumable upload of one video file, straight from the File in the browser: the file is read one chunk at a time
// (File.slice, never whole) and each chunk goes to the server with fetch at the offset the server expects.
// The upload's URL is kept in localStorage, so after a dropped connection, a reload or a browser restart the same
// file picked again continues where the server says it stopped.

const retryDelaysMs = [1000, 2000, 4000];
const progressIntervalMs = 250;

// The uploads running in this tab, by stream. One outlives the panel that started it (the new-stream dialog closed,
// another page opened: the document stays, and so does the File), and the next panel for its stream takes it over.
const transfers = new Map();

// Leaving the tab (close, reload, another site) would stop them: the browser asks first.
window.addEventListener('beforeunload', event => {
    if (transfers.size > 0) {
        event.preventDefault();
        event.returnValue = '';
    }
});

// Pages that list streams (the streams list) follow every upload running in this tab, whichever panel started it:
// each start and end at once, progress once a second (a list redraws all its rows).
const watchers = new Set();
const watchIntervalMs = 1000;

export function watch(dotnet) {
    const watcher = { dotnet, last: 0 };
    watchers.add(watcher);
    report(watcher);
    return { dispose: () => watchers.delete(watcher) };
}

function report(watcher) {
    watcher.last = performance.now();
    const running = [...transfers].map(([streamId, t]) => ({ streamId, fileName: t.file.name, sent: t.sent, length: t.file.size }));
    watcher.dotnet.invokeMethodAsync('OnTabUploads', running).catch(() => { }); // its circuit is gone: it disposes soon
}

function reportAll(progressOnly = false) {
    const now = performance.now();
    watchers.forEach(w => {
        if (!progressOnly || now - w.last >= watchIntervalMs) {
            report(w);
        }
    });
}

export function create(input, dotnet, streamId) {
    return new Uploader(input, dotnet, streamId);
}

class Uploader {
    constructor(input, dotnet, streamId) {
        this.input = input;
        this.dotnet = dotnet;
        this.streamId = streamId;
        this.transfer = null;
        this.onChange = () => this.chosen();
        input.addEventListener('change', this.onChange);
    }

    // Takes over this stream's upload when another panel started it; it reports here from now on.
    async adopt() {
        const transfer = transfers.get(this.streamId);
        if (!transfer) {
            return;
        }

        transfer.owner = this;
        this.transfer = transfer;
        await this.call('OnUploadAdopted', transfer.file.name, transfer.file.size, transfer.sent, transfer.platformHighlight);
    }

    pick() {
        this.input.value = '';
        this.input.click();
    }

    key(file) {
        return `vodmanager.upload.${this.streamId}.${file.name}.${file.size}.${file.lastModified}`;
    }

    async chosen() {
        const file = this.input.files[0];
        if (!file) {
            return;
        }

        // An unfinished upload of this very file (noted here, or found on the server): say where it will continue.
        let resumeFrom = 0;
        const url = localStorage.getItem(this.key(file)) ?? await this.match(file);
        if (url) {
            const state = await this.state(url);
            if (state && state.status === 'uploading') {
                resumeFrom = state.offset;
            } else {
                localStorage.removeItem(this.key(file));
            }
        }

        await this.call('OnFileChosen', file.name, file.size, resumeFrom);
    }

    // Another computer or browser may have started this file's upload: the server knows it by name and length, and
    // some of the file's blocks hashed here must agree with what it stored. Hashing needs a secure context (https or
    // localhost); without one the file goes up anew.
    async match(file) {
        if (!globalThis.crypto?.subtle) {
            return null;
        }

        const blocks = {};
        for (const index of sampleBlocks(file.size)) {
            const bytes = await file.slice(index * blockBytes, Math.min(file.size, (index + 1) * blockBytes)).arrayBuffer();
            blocks[index] = hex(await crypto.subtle.digest('SHA-256', bytes));
        }

        const response = await fetch(`/api/streams/${this.streamId}/uploads/match`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ fileName: file.name, length: file.size, blocks }),
        }).catch(() => null);
        if (response?.status !== 200) {
            return null; // 204: none of this file
        }

        const url = `/api/uploads/${(await response.json()).id}`;
        localStorage.setItem(this.key(file), url);
        return url;
    }

    // Returns at once: the upload runs on and reports through callbacks (an interop call may not last minutes).
    start(platformHighlight) {
        void this.run(platformHighlight);
    }

    async run(platformHighlight) {
        // A panel that adopted an upload has no file in its input: "Resume upload" continues the adopted one's.
        const file = this.input.files[0] ?? this.transfer?.file;
        if (!file || transfers.has(this.streamId)) {
            return;
        }

        const transfer = { file, platformHighlight, sent: 0, failures: 0, owner: this, abort: new AbortController() };
        transfers.set(this.streamId, transfer);
        this.transfer = transfer;
        reportAll();
        // The upload leaves the running ones before the page hears how it ended: a page that reloads on that news must
        // not be asked whether to leave a running upload.
        try {
            const result = await this.upload(transfer);
            transfers.delete(this.streamId);
            reportAll();
            localStorage.removeItem(this.key(file));
            await transfer.owner?.call('OnUploadCompleted', result.vodId, result.alreadyImported, result.note ?? '');
        } catch (e) {
            transfers.delete(this.streamId);
            reportAll();
            if (e.name === 'AbortError') {
                return; // cancelled: cancel() reports it
            }

            if (!e.resumable) {
                localStorage.removeItem(this.key(file));
            }

            await transfer.owner?.call('OnUploadFailed', e.message || String(e), !!e.resumable);
        }
    }

    async cancel() {
        const file = this.transfer?.file ?? this.input.files[0];
        this.transfer?.abort.abort();
        const url = file && localStorage.getItem(this.key(file));
        if (url) {
            localStorage.removeItem(this.key(file));
            await fetch(url, { method: 'DELETE' }).catch(() => { });
        }

        await this.call('OnUploadCancelled');
    }

    async upload(transfer) {
        const { file, platformHighlight } = transfer;
        const signal = transfer.abort.signal;
        let url = localStorage.getItem(this.key(file));
        let state = url ? await this.state(url) : null;
        if (!state || state.status !== 'uploading') {
            const created = await fetch(`/api/streams/${this.streamId}/uploads`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ fileName: file.name, length: file.size, platformHighlight }),
                signal,
            });
            state = await created.json().catch(() => ({}));
            if (!created.ok) {
                throw refusal(state.error || `The server refused the upload (${created.status}).`);
            }

            url = created.headers.get('Location');
            localStorage.setItem(this.key(file), url);
        }

        let lastReport = 0;
        while (state.status === 'uploading') {
            const end = Math.min(state.offset + state.chunkBytes, file.size);
            state = await this.send(url, transfer, state, end);
            transfer.sent = state.offset;
            const now = performance.now();
            if (now - lastReport >= progressIntervalMs || state.offset === file.size) {
                lastReport = now;
                reportAll(true);
                await transfer.owner?.call('OnUploadProgress', state.offset, file.size);
            }
        }

        return state;
    }

    // Sends bytes [offset, end). After a network error it waits, asks the server where the upload stands and lets the
    // loop go on from there; only a run of failures in a row gives up (resumable: the Resume button tries again).
    async send(url, transfer, state, end) {
        const { file } = transfer;
        const signal = transfer.abort.signal;
        for (let busy = 0; ; busy++) {
            let response;
            try {
                response = await fetch(url, {
                    method: 'PATCH',
                    headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(state.offset) },
                    body: file.slice(state.offset, end),
                    signal,
                });
            } catch (e) {
                if (e.name === 'AbortError') {
                    throw e;
                }

                if (transfer.failures >= retryDelaysMs.length) {
                    throw resumable(`The connection was lost after ${formatBytes(state.offset)} of ${formatBytes(file.size)}.`);
                }

                await transfer.owner?.call('OnUploadRetrying', transfer.failures + 1, retryDelaysMs.length);
                await delay(retryDelaysMs[transfer.failures++], signal);
                return (await this.state(url)) ?? state;
            }

            const body = await response.json().catch(() => ({}));
            if (response.ok) {
                if (transfer.failures > 0) {
                    transfer.failures = 0;
                    await transfer.owner?.call('OnUploadRetrying', 0, retryDelaysMs.length);
                }

                return body;
            }

            if (response.status === 409 && typeof body.offset === 'number') {
                return { ...state, offset: body.offset }; // the server is elsewhere: continue from there
            }

            if (response.status === 423 && busy < retryDelaysMs.length) {
                await delay(retryDelaysMs[busy], signal); // a dead connection still holds the upload for a moment
                continue;
            }

            throw response.status >= 500 ? resumable(body.error || `The server failed (${response.status}).`) : refusal(body.error || `Refused (${response.status}).`);
        }
    }

    async state(url) {
        try {
            const response = await fetch(url, { headers: { 'Accept': 'application/json' } });
            return response.ok ? await response.json() : null;
        } catch {
            return null;
        }
    }

    async call(method, ...args) {
        try {
            await this.dotnet.invokeMethodAsync(method, ...args);
        } catch {
            // The circuit is gone (page closed or reconnecting); the upload itself does not depend on it.
        }
    }

    // The panel is gone; its upload is not: it runs on unreported until a panel for its stream adopts it.
    dispose() {
        this.input.removeEventListener('change', this.onChange);
        if (this.transfer?.owner === this) {
            this.transfer.owner = null;
        }
    }
}

// The server hashes uploads in 1 MiB blocks (ContentHasher.BlockSize).
const blockBytes = 1 << 20;

// The first block, the last and seven spread between; the server compares those it stored, and all must agree.
function sampleBlocks(size) {
    const count = Math.ceil(size / blockBytes);
    const picked = new Set([0, count - 1]);
    for (let k = 1; k < 8; k++) {
        picked.add(Math.floor(k * count / 8));
    }

    return [...picked].filter(i => i >= 0 && i < count).sort((a, b) => a - b);
}

function hex(buffer) {
    return [...new Uint8Array(buffer)].map(b => b.toString(16).padStart(2, '0')).join('');
}

// The same units as the server's messages (ByteSize.Format): 1024-based, one decimal.
function formatBytes(bytes) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }

    return `${unit === 0 ? value : Math.round(value * 10) / 10} ${units[unit]}`;
}

function refusal(message) {
    const error = new Error(message);
    error.resumable = false;
    return error;
}

function resumable(message) {
    const error = new Error(message);
    error.resumable = true;
    return error;
}

function delay(ms, signal) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new DOMException('Aborted', 'AbortError'));
        }, { once: true });
    });
}
