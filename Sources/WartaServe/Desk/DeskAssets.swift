/// The desk's stylesheet and script, served from the binary (no files to install, no build step).
/// The forms work without the script; it adds the live preview, uploads, tag suggestions, and the
/// fields that depend on others (all-day dates, `previous_start` when rescheduled, alt text).
enum DeskAssets {
    static let css = """
    :root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #0b5cad; --bad: #a4001d; --good: #1d6b2f; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fafafa; }
    .bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; padding: .6rem 1rem; background: #10345a; color: #fff; }
    .bar a { color: #fff; font-weight: 600; }
    main { max-width: 84rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
    a { color: var(--accent); }
    :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
    .button, button { display: inline-block; padding: .55rem 1rem; border: 0; border-radius: .3rem; background: var(--accent); color: #fff;
      font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; margin: .15rem 0; }
    .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
    .filters label { display: block; font-weight: 600; }
    .rows { list-style: none; padding: 0; margin: 0; }
    .row { background: #fff; border: 1px solid var(--line); border-radius: .4rem; padding: .6rem .9rem; margin: 0 0 .6rem; }
    .row h2 { font-size: 1.1rem; margin: 0; }
    .row p { margin: .2rem 0; }
    .meta, .hint { color: var(--muted); font-size: .92rem; margin: .1rem 0; }
    .state { display: inline-block; padding: 0 .45rem; border-radius: .25rem; font-size: .9rem; font-weight: 600; background: #e6e6e6; margin-right: .6rem; }
    .state-public { background: #d9f0de; color: var(--good); }
    .state-embargoed { background: #fff0c2; color: #6b4a00; }
    .state-draft { background: #e3e8f5; color: #23355e; }
    .state-expired, .state-withdrawn { background: #f7dddd; color: var(--bad); }
    .columns { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
    @media (min-width: 62rem) { .columns { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); } }
    fieldset { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 1rem; padding: .5rem .9rem; }
    legend { font-weight: 700; padding: 0 .3rem; }
    .field { margin: 0 0 .8rem; }
    .field label { display: block; font-weight: 600; }
    .field.check { display: flex; gap: .5rem; align-items: center; }
    .field.check label { display: inline; font-weight: 400; }
    input, select, textarea { font: inherit; width: 100%; padding: .45rem .5rem; border: 1px solid #8a8a8a; border-radius: .3rem; background: #fff; color: var(--ink); }
    input[type=checkbox] { width: auto; }
    textarea#f-body { font: 15px/1.5 ui-monospace, monospace; min-height: 14rem; }
    [aria-invalid=true] { border: 2px solid var(--bad); }
    .error { color: var(--bad); font-weight: 600; margin: .2rem 0; }
    .errors { border: 2px solid var(--bad); background: #fff4f4; border-radius: .4rem; padding: .5rem 1rem; margin: 0 0 1rem; }
    .errors h2 { font-size: 1.1rem; margin: .2rem 0; }
    .saved { border: 2px solid var(--good); background: #f1fbf3; border-radius: .4rem; padding: .3rem 1rem; margin: 0 0 1rem; }
    #live-errors:not(:empty) { border-left: 4px solid var(--bad); padding: .3rem .8rem; background: #fff4f4; }
    iframe#preview { width: 100%; height: 60vh; border: 1px solid var(--line); border-radius: .4rem; background: #fff; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    [hidden] { display: none !important; }
    """

    static let script = """
    "use strict";
    (() => {
      const form = document.getElementById("desk-form");
      if (!form) return;
      const token = form.elements.token.value;
      const base = "/.warta/desk/";
      const $ = (id) => document.getElementById(id);

      // The live preview, and the errors a save would meet, a moment after each change.
      let timer = null, running = false, again = false;
      async function refresh() {
        if (running) { again = true; return; }
        running = true;
        try {
          const answer = await fetch(base + "preview", { method: "POST", headers: { "X-Warta-Token": token },
            body: new URLSearchParams(new FormData(form)) });
          const result = await answer.json();
          if (result.page !== undefined) $("preview").srcdoc = result.page;
          const live = $("live-errors");
          live.textContent = "";
          if (result.errors && result.errors.length) {
            const list = document.createElement("ul");
            for (const e of result.errors) {
              const li = document.createElement("li");
              li.textContent = e.message;
              list.append(li);
            }
            live.append(list);
          }
          window.wartaDeskPreviewed = (window.wartaDeskPreviewed || 0) + 1;
        } catch (e) { /* the server is restarting: the next change tries again */ }
        running = false;
        if (again) { again = false; refresh(); }
      }
      const schedule = () => { clearTimeout(timer); timer = setTimeout(refresh, 400); };
      form.addEventListener("input", schedule);
      form.addEventListener("change", schedule);
      refresh();

      // All-day events take dates without a time.
      const allDay = $("f-all_day");
      function syncAllDay() {
        if (!allDay) return;
        for (const input of form.querySelectorAll("input[data-when]")) {
          const wanted = allDay.checked ? "date" : "datetime-local";
          if (input.type === wanted || input.type === "text") continue;
          const value = input.value;
          input.type = wanted;
          input.value = wanted === "date" ? value.slice(0, 10) : (value ? value + "T09:00" : "");
        }
      }
      if (allDay) allDay.addEventListener("change", syncAllDay);

      // A rescheduled event needs the start it had before.
      const status = $("f-status"), previous = $("f-previous_start");
      function syncStatus() {
        if (!status || !previous) return;
        previous.required = status.value === "rescheduled";
        previous.closest(".field").hidden = !(status.value === "rescheduled" || previous.value);
      }
      if (status) { status.addEventListener("change", syncStatus); syncStatus(); }

      // An image needs its description.
      const src = $("f-image-src"), alt = $("f-image-alt");
      const syncAlt = () => { if (src && alt) alt.required = src.value.trim() !== ""; };
      if (src) { src.addEventListener("input", syncAlt); syncAlt(); }

      // Tags: the ones in use are suggested for the word being typed.
      const tags = $("f-tags"), tagList = $("tag-list");
      const known = tagList ? [...tagList.options].map((o) => o.value) : [];
      if (tags && tagList) tags.addEventListener("input", () => {
        const parts = tags.value.split(",");
        const head = parts.slice(0, -1).map((p) => p.trim()).filter(Boolean);
        const prefix = head.length ? head.join(", ") + ", " : "";
        tagList.replaceChildren(...known.filter((t) => !head.includes(t)).map((t) => new Option(prefix + t)));
      });

      // Uploads: the file goes to the server as it is; the answer is its address on the site.
      function nextAttachmentRow() {
        const rows = $("attachment-rows");
        const empty = [...rows.querySelectorAll(".attachment")].find((r) => !r.querySelector("input[name$=file]").value);
        if (empty) return empty;
        const last = rows.lastElementChild, index = rows.children.length;
        const row = last.cloneNode(true);
        row.dataset.row = index;
        for (const el of row.querySelectorAll("[id],[for],[name]")) {
          for (const attr of ["id", "for", "name"]) {
            if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replace(/\\d+/, index));
          }
          if (el.tagName === "LABEL") el.textContent = el.textContent.replace(/\\d+$/, index + 1);
          if (el.tagName === "INPUT") el.value = "";
        }
        rows.append(row);
        return row;
      }
      for (const input of form.querySelectorAll("input[data-upload]")) {
        input.addEventListener("change", async () => {
          const file = input.files[0];
          if (!file) return;
          const statusLine = $(input.id + "-status");
          statusLine.textContent = "…";
          try {
            const answer = await fetch(base + "upload?role=" + input.dataset.upload + "&name=" + encodeURIComponent(file.name),
              { method: "PUT", headers: { "X-Warta-Token": token }, body: file });
            const result = await answer.json();
            if (!answer.ok) { statusLine.textContent = result.error; return; }
            statusLine.textContent = "✓ " + result.src;
            if (input.dataset.upload === "image") {
              src.value = result.src;
              syncAlt();
              alt.focus();
            } else {
              const row = nextAttachmentRow();
              row.querySelector("input[name$=file]").value = result.src;
              const title = row.querySelector("input[name$=title]");
              if (!title.value) title.value = file.name.replace(/\\.[^.]+$/, "");
            }
            input.value = "";
            schedule();
          } catch (e) { statusLine.textContent = String(e); }
        });
      }
    })();
    """
}
