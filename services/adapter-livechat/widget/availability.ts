/** `GET /availability/livechat/<account>` (automation): business hours, the expected wait, active notices. */
interface Availability {
  open: boolean;
  wait: string;
  announcements: Array<{ id: string; text: string }>;
}

/**
 * The notices above the conversation: active announcements (outages) in an `aria-live`
 * region, so a screen reader reads a new one once, and when we answer — "We usually answer
 * within 2 hours" or, outside business hours, "we answer on Monday morning". Read from
 * automation, which owns the calendars and announcements; when it cannot be reached the
 * chat simply shows none.
 */
export function availabilityNotices(
  url: string,
  texts: { waitOpen: string; waitClosed: string },
): { element: HTMLElement; refresh(): void } {
  const element = document.createElement('div');
  element.className = 'notices';
  const notices = document.createElement('div');
  notices.setAttribute('aria-live', 'polite');
  const wait = document.createElement('p');
  wait.className = 'wait';
  element.append(notices, wait);
  let shownIds = '';
  const refresh = () => {
    fetch(url)
      .then((res) => (res.ok ? (res.json() as Promise<Availability>) : Promise.reject(new Error())))
      .then((a) => {
        wait.textContent = (a.open ? texts.waitOpen : texts.waitClosed).replace('{wait}', a.wait);
        const ids = a.announcements.map((n) => n.id).join();
        // Rewritten only when they change: a screen reader announces what is new, not every poll.
        if (ids === shownIds) return;
        shownIds = ids;
        notices.replaceChildren(
          ...a.announcements.map((n) => {
            const p = document.createElement('p');
            p.className = 'notice';
            p.textContent = n.text;
            return p;
          }),
        );
      })
      .catch(() => undefined);
  };
  return { element, refresh };
}
