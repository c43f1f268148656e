// What a recording must be, checked in the browser before anything is sent; the service checks the same again.
import { h, formatBytes, formatDuration } from './dom.js';

const EXTENSIONS = ['mp3', 'wav', 'mp4', 'mov', 'avi', 'webm', 'm4a', 'ogg', 'flac', 'aac'];
const MAX_BYTES = 50 * 1024 * 1024;
const MIN_SECONDS = 2;
const MAX_SECONDS = 300;

export const RECORDING_HINT = `MP3, WAV, M4A, AAC, OGG, FLAC, MP4, MOV, AVI or WebM; up to 50 MB; between ${MIN_SECONDS} seconds and 5 minutes long.`;

/** A file chooser that offers only the accepted types. */
export function recordingInput() {
  return h('input', { type: 'file', accept: EXTENSIONS.map(e => '.' + e).join(',') });
}

/** Client-side checks, the same as the service's: type by extension, size, and length when the browser can decode it. */
export async function checkRecording(file) {
  const extension = (file.name.split('.').pop() || '').toLowerCase();
  if (!EXTENSIONS.includes(extension) || !file.name.includes('.')) {
    return { error: `"${file.name}" is not a supported type. Use an MP3, WAV, M4A, AAC, OGG, FLAC, MP4, MOV, AVI or WebM file.` };
  }
  if (file.size === 0) return { error: `"${file.name}" is empty.` };
  if (file.size > MAX_BYTES) {
    return { error: `"${file.name}" is ${formatBytes(file.size)}; the limit is 50 MB. Use a shorter or more compressed recording.` };
  }
  let decoded;
  try {
    const context = new OfflineAudioContext(1, 1, 8000);
    decoded = await context.decodeAudioData(await file.arrayBuffer());
  } catch (e) {
    return { note: 'Its length could not be measured in the browser; the service checks it after the upload.' };
  }
  const seconds = decoded.duration;
  if (seconds < MIN_SECONDS) return { error: `The recording is ${formatDuration(seconds)} long; it must be at least ${MIN_SECONDS} seconds.` };
  if (seconds > MAX_SECONDS) return { error: `The recording is ${formatDuration(seconds)} long; it can be at most 5 minutes.` };
  return { seconds, samples: decoded.getChannelData(0) };
}
