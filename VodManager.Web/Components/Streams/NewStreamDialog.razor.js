// The video stays in the browser until its stream exists (the upload endpoint needs the stream); then it is handed to
// the import panel's own file input, whose script sends it with the resumable upload.
export function create() {
    return new VideoHolder();
}

class VideoHolder {
    constructor() {
        this.file = null;
    }

    // Takes the video out of the picker's input now: the next pick or drop replaces the input's files.
    keep(zone, name, size) {
        const input = zone.querySelector('input[type=file]');
        const file = input ? Array.from(input.files).find(f => f.name === name && f.size === size) : undefined;
        this.file = file ?? this.file;
        return !!file;
    }

    forget() {
        this.file = null;
    }

    handOver(zone) {
        const input = zone.querySelector('[data-testid=video-import] input[type=file]');
        if (!this.file || !input) {
            return false;
        }

        const transfer = new DataTransfer();
        transfer.items.add(this.file);
        input.files = transfer.files;
        this.file = null;
        input.dispatchEvent(new Event('change'));
        return true;
    }
}
