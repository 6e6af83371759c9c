// A token's bytes as a hex dump (16 per line, offsets), with the selected field's [start, end) range highlighted.
import type { ByteRange } from '../../core/decode/result';

const BYTES_PER_LINE = 16;

export function HexView({ bytes, highlight }: { bytes: Uint8Array; highlight: ByteRange | null }) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += BYTES_PER_LINE) {
    const cells = [];
    for (let index = offset; index < Math.min(offset + BYTES_PER_LINE, bytes.length); index++) {
      const inRange = highlight !== null && index >= highlight[0] && index < highlight[1];
      cells.push(
        <span key={index} class={inRange ? 'hex-byte selected' : 'hex-byte'}>
          {(bytes[index] ?? 0).toString(16).padStart(2, '0')}
        </span>,
      );
    }
    lines.push(
      <div key={offset} class="hex-line">
        <span class="hex-offset">{offset.toString(16).padStart(4, '0')}</span>
        {cells}
      </div>,
    );
  }
  return (
    <div class="hex" role="region" aria-label={highlight ? `Token bytes, ${highlight[0]}–${highlight[1]} selected` : 'Token bytes'}>
      {lines}
    </div>
  );
}
