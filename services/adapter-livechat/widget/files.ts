/** A file of a conversation entry; `url` answers its bytes to the visitor's token. */
export interface FileRef {
  name: string;
  mimeType: string;
  size: number;
  url?: string;
}

/** The bytes of a file of the visitor's conversation, as a URL the page can show (the token rides in a header). */
async function fileUrl(url: string, token: string | null): Promise<string> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(String(res.status));
  return URL.createObjectURL(await res.blob());
}

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${Math.round(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`;

/**
 * The files of a message: images shown inline, every file a button that saves it. Fetched
 * with the token (a plain link could not carry it), so only this visitor's files load.
 */
export function fileList(files: readonly FileRef[], token: () => string | null): HTMLUListElement {
  const list = document.createElement('ul');
  list.className = 'files';
  for (const f of files) {
    const item = document.createElement('li');
    const label = `${f.name} (${size(f.size)})`;
    const url = f.url;
    if (!url) item.textContent = label;
    else {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'file';
      button.textContent = label;
      let loaded: Promise<string> | undefined;
      const load = () => {
        loaded ??= fileUrl(url, token());
        return loaded;
      };
      if (f.mimeType.startsWith('image/')) {
        const img = document.createElement('img');
        img.alt = f.name;
        load()
          .then((src) => {
            img.src = src;
            button.prepend(img);
          })
          .catch(() => undefined);
      }
      button.addEventListener('click', () => {
        load()
          .then((href) => {
            const a = document.createElement('a');
            a.href = href;
            a.download = f.name;
            a.click();
          })
          .catch(() => undefined);
      });
      item.append(button);
    }
    list.append(item);
  }
  return list;
}

/**
 * Sends a message with files (multipart `POST …/messages`): the id it got, or the server's
 * reason for refusing it (a file too large or of a refused type).
 */
export async function uploadMessage(
  api: string,
  token: string | null,
  message: { text: string; clientMessageId: string; files: readonly File[] },
): Promise<{ id: string } | { refused: string }> {
  const form = new FormData();
  form.append('text', message.text);
  form.append('clientMessageId', message.clientMessageId);
  for (const file of message.files) form.append('file', file, file.name || 'screenshot.png');
  const res = await fetch(`${api}/messages`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  if (res.ok) return (await res.json()) as { id: string };
  // Retried by nobody: a refusal (4xx) is final; a 5xx the visitor may try again.
  const problem = (await res.json().catch(() => ({}))) as { detail?: string; title?: string };
  return { refused: problem.detail ?? problem.title ?? String(res.status) };
}
