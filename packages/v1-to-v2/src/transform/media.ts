import type { MediaIds } from './stable-id.js';
import { truthy } from './json-value.js';

const MIME_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** A finite number, or a string that reads as one (Python's float()), else undefined. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value.trim().replaceAll('_', ''));
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * One v1 media object (image, video, audio, response audio) in v2 form. Differences from Agno,
 * which lose data: a length of 0 becomes a duration of 0 (Agno drops it), and a length that is no
 * number stays `length` (Agno deletes it).
 */
export function convertMedia(media: Record<string, unknown>, ids: MediaIds): Record<string, unknown> {
  const out: Record<string, unknown> = { ...media };
  if (out['id'] === undefined || out['id'] === null) out['id'] = ids.take();
  if ('eta' in out || 'length' in out) {
    const length = out['length'];
    delete out['length'];
    const seconds = typeof length === 'boolean' ? undefined : numeric(length);
    if (seconds !== undefined) out['duration'] = seconds;
    else if (length !== undefined && length !== null && length !== '') out['length'] = length;
  }
  if ('base64_audio' in out) {
    const audio = out['base64_audio'];
    delete out['base64_audio'];
    if (truthy(audio)) out['content'] = audio;
  }
  // Agno decodes a transcript's base64 `content` to bytes, which v2 serialises back to the same
  // base64 text: the stored JSON is unchanged, so there is nothing to do for it here.
  if ('format' in out && !('mime_type' in out)) {
    const format = out['format'];
    const mime = typeof format === 'string' ? MIME_TYPES[format.toLowerCase()] : undefined;
    if (mime !== undefined) out['mime_type'] = mime;
  }
  return out;
}
