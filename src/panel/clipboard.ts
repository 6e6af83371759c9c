// Copies text from a click handler. navigator.clipboard is blocked in DevTools panels (STYLE.md), so this uses
// the older route that works there: a hidden textarea, select, document.execCommand('copy').
export function copyText(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } finally {
    area.remove();
  }
  return copied;
}
