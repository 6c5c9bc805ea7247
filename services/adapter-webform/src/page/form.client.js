// The form page's script: checks fields before sending, posts with fetch (the endpoint
// answers JSON when asked) and shows the confirmation in place. Without it the form
// still works: a classic POST and a redirect to the confirmation page.
(() => {
  // Inside the embed snippet's iframe: tell the host page how tall to make the frame.
  function resize() {
    if (window.parent !== window) {
      window.parent.postMessage(
        { type: 'omni-webform:height', height: document.documentElement.scrollHeight },
        '*',
      );
    }
  }
  window.addEventListener('resize', resize);
  resize();
  const form = document.getElementById('omni-form');
  const configEl = document.getElementById('omni-config');
  if (!form || !configEl || !window.fetch || !window.FormData) return;
  const cfg = JSON.parse(configEl.textContent);
  const t = cfg.texts;
  const fill = (s, v) => s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? String(v[k]) : m));
  const mb = (n) =>
    n < 1048576
      ? fill(t.kilobytes, { n: Math.max(1, Math.round(n / 1024)) })
      : fill(t.megabytes, { n: n / 1048576 >= 10 ? Math.round(n / 1048576) : Math.round(n / 104857.6) / 10 });
  const summary = document.getElementById('errors');
  const button = form.querySelector('button[type="submit"]');
  const idField = form.elements.namedItem('submissionId');
  const newId = () =>
    window.crypto?.randomUUID
      ? window.crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  let busy = false;
  form.noValidate = true;

  const fieldOf = (name) => form.elements.namedItem(name);
  const value = (name) => {
    const el = fieldOf(name);
    return el && typeof el.value === 'string' ? el.value.trim() : '';
  };

  function check() {
    const errors = {};
    if (!value('name')) errors.name = t.errorName;
    const email = value('email');
    const phone = value('phone');
    if (!email && !phone) errors[fieldOf('email') ? 'email' : 'phone'] = t.errorContact;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = t.errorEmail;
    if (phone && (!/^\+?[0-9()\-.\s]{5,64}$/.test(phone) || phone.replace(/\D/g, '').length < 5))
      errors.phone = t.errorPhone;
    if (fieldOf('topic') && !value('topic')) errors.topic = t.errorTopic;
    if (!value('message')) errors.message = t.errorMessage;
    const input = fieldOf('attachments');
    if (input?.files) {
      const problems = [];
      let total = 0;
      Array.prototype.forEach.call(input.files, (f, i) => {
        const type = (f.type || 'application/octet-stream').toLowerCase();
        const allowed =
          type !== 'image/svg+xml' &&
          cfg.allowedTypes.some((p) => (p.endsWith('/*') ? type.startsWith(p.slice(0, -1)) : type === p));
        total += f.size;
        if (i >= cfg.maxFiles) problems.push(fill(t.errorFileCount, { file: f.name, max: cfg.maxFiles }));
        else if (!allowed) problems.push(fill(t.errorFileType, { file: f.name }));
        else if (f.size > cfg.maxFileBytes)
          problems.push(fill(t.errorFileSize, { file: f.name, max: mb(cfg.maxFileBytes) }));
        else if (total > cfg.maxTotalBytes)
          problems.push(fill(t.errorFileTotal, { file: f.name, max: mb(cfg.maxTotalBytes) }));
      });
      if (problems.length) errors.attachments = problems.join(' ');
    }
    return errors;
  }

  function clear() {
    summary.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.error')) el.textContent = '';
  }

  /** Shows each message beside its field and lists them all in the announced summary. */
  function show(errors) {
    clear();
    const title = document.createElement('p');
    title.textContent = t.errorSummary;
    const list = document.createElement('ul');
    let firstField = null;
    for (const [field, message] of Object.entries(errors)) {
      const input = document.getElementById(`f-${field}`);
      const slot = document.getElementById(`f-${field}-error`);
      const item = document.createElement('li');
      if (input && slot) {
        slot.textContent = message;
        input.setAttribute('aria-invalid', 'true');
        firstField = firstField || input;
        const link = document.createElement('a');
        link.href = `#f-${field}`;
        link.textContent = message;
        link.addEventListener('click', (e) => {
          e.preventDefault();
          input.focus();
        });
        item.appendChild(link);
      } else {
        item.textContent = message;
      }
      list.appendChild(item);
    }
    summary.append(title, list);
    summary.focus();
    resize();
  }

  function confirmed() {
    document.getElementById('form-view').hidden = true;
    const view = document.getElementById('confirm');
    view.hidden = false;
    view.querySelector('h1').focus();
    // A new form on this page (or restored from history) must not reuse the sent id.
    idField.value = newId();
    resize();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    if (Object.keys(errors).length) return show(errors);
    busy = true;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    const label = button.textContent;
    button.textContent = t.sending;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (res.ok) return confirmed();
      const problem = await res.json().catch(() => null);
      if (res.status >= 500 || !problem) show({ '(form)': t.errorUnavailable });
      else
        show(
          problem.errors && Object.keys(problem.errors).length
            ? problem.errors
            : { '(form)': problem.detail || t.errorUnreadable },
        );
    } catch {
      show({ '(form)': t.errorNetwork });
    } finally {
      busy = false;
      button.disabled = false;
      form.removeAttribute('aria-busy');
      button.textContent = label;
    }
  });

  // A field being corrected no longer shows its old error.
  form.addEventListener('input', (e) => {
    const el = e.target;
    if (!el.id || el.getAttribute('aria-invalid') !== 'true') return;
    el.removeAttribute('aria-invalid');
    const slot = document.getElementById(`${el.id}-error`);
    if (slot) slot.textContent = '';
  });

  // Restored from the back/forward cache: the id belongs to a form that may have been sent.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) idField.value = newId();
  });
})();
