/**
 * Copies text to the clipboard. The Clipboard API is tried first; the desktop app refuses every web
 * permission (clipboard writes included), so a selected, off-screen text area and `execCommand('copy')`
 * are the fallback. The text area goes into `host` because a modal dialog makes the rest of the page
 * inert, where nothing can be selected.
 */
export async function copyText(text: string, host: HTMLElement = document.body): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fall through to the selection route.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.inset = '0 auto auto 0';
  host.appendChild(area);
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  area.select();
  try {
    // Deprecated but still the only way without the clipboard permission.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    previous?.focus();
  }
}
